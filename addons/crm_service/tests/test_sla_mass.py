# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceCase
from .test_sla import RESOLVE


class TestSlaMassEdit(ServiceCase):
    """Mass edits from the list view keep every deadline right with a number of
    queries that does not grow with the number of requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.urgent_sla = cls.env["crm.service.sla"].create({
            "name": "Urgent", "priority": "3", "calendar_id": cls.calendar.id,
            "response_hours": 1.0, "resolve_hours": 2.0,
            "company_id": cls.company.id,
        })
        cls.warm = cls._request(name="Warms the caches")
        cls.one = cls._request(name="Alone")
        cls.many = cls.Request.browse(
            [cls._request(name="Batch %d" % index).id for index in range(40)])

    def _queries(self, records, vals, now=None):
        """Write ``vals`` on ``records`` with an empty record cache; return the
        number of queries sent."""
        self.env.cache.invalidate()
        records = records.with_context(crm_service_now=now) if now else records
        before = self.cr.sql_log_count
        records.write(vals)
        return self.cr.sql_log_count - before

    def test_priority_mass_edit(self):
        """Making 40 requests urgent gives each the urgent SLA's deadlines (Friday
        16:00 and 17:00 local) with as many queries as for one request."""
        self._queries(self.warm, {"priority": "3"})
        single = self._queries(self.one, {"priority": "3"})
        batch = self._queries(self.many, {"priority": "3"})
        self.assertEqual(batch, single, "queries for 40 requests vs 1")
        for request in self.one | self.many:
            self.assertEqual(request.sla_id, self.urgent_sla, request.name)
            self.assertEqual(request.sla_response_deadline, "2026-01-09 08:00:00",
                             request.name)
            self.assertEqual(request.sla_resolve_deadline, "2026-01-09 09:00:00",
                             request.name)
        # and back to normal: the general SLA again
        self._queries(self.many, {"priority": "1"})
        self.assertEqual(set(self.many.mapped("sla_resolve_deadline")), {RESOLVE})
        self.assertEqual(set(self.many.mapped("sla_id")), {self.sla})

    def test_stage_mass_edit(self):
        """Putting 40 requests on hold on Friday 16:00 and resuming them on Tuesday
        9:00 (local) counts 2 hours waiting on each and moves each deadline by 2
        working hours, with as many queries as for one request."""
        friday_16, tuesday_9 = "2026-01-09 08:00:00", "2026-01-13 01:00:00"
        counts = {}
        for name, records in (("warm", self.warm), ("single", self.one),
                              ("batch", self.many)):
            counts[name] = (
                self._queries(records, {"stage_id": self.stage_waiting.id},
                              now=friday_16),
                self._queries(records, {"stage_id": self.stage_progress.id},
                              now=tuesday_9),
            )
        self.assertEqual(counts["batch"], counts["single"],
                         "queries (pause, resume) for 40 requests vs 1")
        for request in self.one | self.many:
            self.assertAlmostEqual(request.paused_hours, 2.0, msg=request.name)
            self.assertFalse(request.pause_start, request.name)
            self.assertEqual(request.stage_id, self.stage_progress)
            # 4 h + 2 h -> Tuesday 12:00 local; 16 h + 2 h -> Wednesday 17:00 local
            self.assertEqual(request.sla_response_deadline, "2026-01-13 04:00:00",
                             request.name)
            self.assertEqual(request.sla_resolve_deadline, "2026-01-14 09:00:00",
                             request.name)

    def test_close_mass_edit(self):
        """Closing 40 requests on Wednesday 10:00 local sets each one's closing date
        and SLA results (response late, resolution in time)."""
        wednesday_10 = "2026-01-14 02:00:00"
        self.many.with_context(crm_service_now=wednesday_10).write(
            {"stage_id": self.stage_resolved.id})
        for request in self.many:
            self.assertTrue(request.is_closed)
            self.assertEqual(request.close_date, wednesday_10)
            self.assertEqual(request.first_response_date, wednesday_10)
            self.assertEqual(request.sla_response_status, "failed")
            self.assertEqual(request.sla_resolve_status, "met")
