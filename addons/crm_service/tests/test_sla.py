# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import FRIDAY_15_LOCAL_UTC, ServiceCase

# Response 4 h: Friday 15-17 + Tuesday 8-10 (Monday holiday) -> Tue 10:00 local.
RESPONSE = "2026-01-13 02:00:00"
# Resolution 16 h: Friday 2 h, Tuesday 8 h, Wednesday 8-12 + 13-15 -> Wed 15:00 local.
RESOLVE = "2026-01-14 07:00:00"


class TestSla(ServiceCase):

    def test_same_deadline_for_two_zones_and_cron(self):
        """Agents in New York and Paris and the cron compute the same deadlines."""
        ny = self.Request.sudo(self.agent).create({
            "name": "From New York", "partner_id": self.customer_a.id,
            "type_id": self.type_request.id, "team_id": self.team.id,
            "date_open": FRIDAY_15_LOCAL_UTC})
        paris = self.Request.sudo(self.agent2).create({
            "name": "From Paris", "partner_id": self.customer_a.id,
            "type_id": self.type_request.id, "team_id": self.team.id,
            "date_open": FRIDAY_15_LOCAL_UTC})
        for request in (ny, paris):
            request = request.sudo()
            self.assertEqual(request.sla_id, self.sla)
            self.assertEqual(request.sla_response_deadline, RESPONSE, request.name)
            self.assertEqual(request.sla_resolve_deadline, RESOLVE, request.name)
            self.assertEqual(request.sla_response_status, "ongoing")
        # the cron (superuser, no time zone of its own) fills missing deadlines
        self.env.cr.execute(
            "UPDATE crm_service_request SET sla_response_deadline = NULL, "
            "sla_resolve_deadline = NULL WHERE id = %s", (ny.id,))
        ny.invalidate_cache()
        self.Request.with_context(tz="Pacific/Honolulu")._cron_sla(
            now=self._dt("2026-01-09 08:00:00"))
        self.assertEqual(ny.sla_response_deadline, RESPONSE, "cron")
        self.assertEqual(ny.sla_resolve_deadline, RESOLVE, "cron")

    @staticmethod
    def _dt(value):
        from odoo import fields
        return fields.Datetime.from_string(value)

    def test_pause(self):
        """Time waiting on the customer moves both deadlines by those working hours."""
        request = self._request()
        # Friday 16:00 local: waiting on the customer
        request.with_context(crm_service_now="2026-01-09 08:00:00").write(
            {"stage_id": self.stage_waiting.id})
        self.assertEqual(request.pause_start, "2026-01-09 08:00:00")
        # paused requests are not flagged however late the cron runs
        self.Request._cron_sla(now=self._dt("2026-02-01 00:00:00"))
        self.assertEqual(request.sla_response_status, "ongoing")
        self.assertEqual(request.escalation_level, 0)
        # Tuesday 9:00 local the customer answers: 1 h Friday + 1 h Tuesday paused
        request.with_context(crm_service_now="2026-01-13 01:00:00").write(
            {"stage_id": self.stage_progress.id})
        self.assertAlmostEqual(request.paused_hours, 2.0)
        self.assertFalse(request.pause_start)
        # 4 h + 2 h: Friday 15-17, Tuesday 8-12 -> Tuesday 12:00 local
        self.assertEqual(request.sla_response_deadline, "2026-01-13 04:00:00")
        # 16 h + 2 h: Friday 2, Tuesday 8, Wednesday 8 -> Wednesday 17:00 local
        self.assertEqual(request.sla_resolve_deadline, "2026-01-14 09:00:00")

    def test_met_and_failed(self):
        """A reply before the deadline meets the response SLA; closing late fails
        the resolution SLA."""
        request = self._request()
        request.sudo(self.agent).with_context(
            crm_service_now="2026-01-13 01:30:00").write(
            {"reply": "<p>We are on it.</p>"})
        request.sudo(self.agent).with_context(
            crm_service_now="2026-01-13 01:30:00").action_send_reply()
        self.assertEqual(request.first_response_date, "2026-01-13 01:30:00")
        self.assertEqual(request.sla_response_status, "met")
        request.with_context(crm_service_now="2026-01-15 01:00:00").write(
            {"stage_id": self.stage_resolved.id})
        self.assertEqual(request.close_date, "2026-01-15 01:00:00")
        self.assertEqual(request.sla_resolve_status, "failed")

    def test_breach_flag(self):
        """The cron flags a passed first-response deadline without escalating it."""
        request = self._request()
        self.Request._cron_sla(now=self._dt("2026-01-13 03:00:00"))
        self.assertEqual(request.sla_response_status, "failed")
        self.assertEqual(request.sla_resolve_status, "ongoing")
        self.assertEqual(request.escalation_level, 0)

    def test_sla_by_type_and_tier(self):
        """A complaint SLA for tier A customers wins over the general one."""
        sla_a = self.env["crm.service.sla"].create({
            "name": "Complaints A", "type_id": self.type_complaint.id,
            "value_tier": "a", "calendar_id": self.calendar.id,
            "response_hours": 1.0, "resolve_hours": 2.0,
        })
        self.env.cr.execute(
            "UPDATE res_partner SET value_tier = 'a' WHERE id = %s",
            (self.customer_a.id,))
        self.customer_a.invalidate_cache()
        complaint = self._request(type_id=self.type_complaint.id)
        self.assertEqual(complaint.sla_id, sla_a)
        # Friday 15:00 + 1 h -> 16:00 local
        self.assertEqual(complaint.sla_response_deadline, "2026-01-09 08:00:00")
        other = self._request(type_id=self.type_complaint.id,
                              partner_id=self.customer_b.id)
        self.assertEqual(other.sla_id, self.sla)

    def test_closed_from_pause(self):
        """A request paused three working days and closed straight from the pause
        within its extended deadline meets the resolution SLA."""
        request = self._request()
        # Friday 16:00 local: waiting on the customer, until Thursday 16:00
        # local (Friday 1 h, Tuesday to Thursday 3 x 8 h - 1 h = 24 h paused)
        request.with_context(crm_service_now="2026-01-09 08:00:00").write(
            {"stage_id": self.stage_waiting.id})
        self.assertEqual(request.sla_resolve_deadline, RESOLVE)
        request.with_context(crm_service_now="2026-01-15 08:00:00").write(
            {"stage_id": self.stage_resolved.id})
        self.assertAlmostEqual(request.paused_hours, 24.0)
        # 16 h + 24 h from Friday 15:00: Friday 2, Tuesday to Friday 32,
        # Monday 19th 6 -> Monday 19 January 15:00 local
        self.assertEqual(request.sla_resolve_deadline, "2026-01-19 07:00:00")
        self.assertEqual(request.close_date, "2026-01-15 08:00:00")
        self.assertEqual(request.sla_resolve_status, "met",
                         "judged against the extended deadline")
        self.assertFalse(request.pause_start)
