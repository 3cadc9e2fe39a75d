# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceCase


class TestAnalysis(ServiceCase):

    def test_times_compliance_satisfaction(self):
        """The analysis gives response and resolution hours, SLA compliance 50 %,
        the CSAT average and the NPS of two requests."""
        late = self._request(name="Late")
        on_time = self._request(name="On time")
        late.with_context(crm_service_now="2026-01-13 01:30:00")._mark_responded()
        # Thursday 01:00 UTC: after the resolution deadline (Wednesday 07:00 UTC)
        late.with_context(crm_service_now="2026-01-15 01:00:00").write(
            {"stage_id": self.stage_resolved.id})
        on_time.with_context(crm_service_now="2026-01-13 03:00:00").write(
            {"stage_id": self.stage_resolved.id})
        self.env.cr.execute(
            "UPDATE crm_service_request SET csat = %s, nps = %s WHERE id = %s",
            (2, 4, late.id))
        self.env.cr.execute(
            "UPDATE crm_service_request SET csat = %s, nps = %s WHERE id = %s",
            (5, 10, on_time.id))
        Analysis = self.env["crm.service.analysis"]
        rows = {row.request_id: row for row in Analysis.search(
            [("request_id", "in", (late | on_time).ids)])}
        # Friday 07:00 -> Tuesday 01:30 UTC: 90.5 hours; -> Thursday 01:00: 138 hours
        self.assertAlmostEqual(rows[late].response_hours, 90.5)
        self.assertAlmostEqual(rows[late].resolve_hours, 138.0)
        # closing answers first: Friday 07:00 -> Tuesday 03:00 UTC
        self.assertAlmostEqual(rows[on_time].response_hours, 92.0)
        self.assertEqual(rows[late].sla_compliance, 0.0)
        self.assertEqual(rows[on_time].sla_compliance, 100.0)
        totals = Analysis.read_group(
            [("request_id", "in", (late | on_time).ids)],
            ["nbr", "sla_compliance", "csat", "nps", "recommendation",
             "resolve_hours"], [])[0]
        self.assertEqual(totals["nbr"], 2)
        self.assertAlmostEqual(totals["sla_compliance"], 50.0)
        self.assertAlmostEqual(totals["csat"], 3.5)
        # one detractor (4), one promoter (10): NPS 50 % - 50 % = 0
        self.assertAlmostEqual(totals["nps"], 0.0)
        self.assertAlmostEqual(totals["recommendation"], 7.0)
        self.assertAlmostEqual(totals["resolve_hours"], (138.0 + 92.0) / 2)
