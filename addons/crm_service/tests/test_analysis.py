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

    def test_nps_per_team_agent_type_month(self):
        """NPS is the percentage of promoters (9-10) minus that of detractors
        (0-6), beside CSAT, per team, agent, type and month."""
        answers = [
            # team, agent, type, month, recommendation, csat
            (self.team, self.agent, self.type_request, "2026-01-09 07:00:00", 10, 5),
            (self.team, self.agent, self.type_request, "2026-01-12 07:00:00", 9, 4),
            (self.team, self.agent2, self.type_complaint, "2026-01-13 07:00:00", 7, 3),
            (self.team, self.agent2, self.type_complaint, "2026-02-02 07:00:00", 3, 1),
            (self.other_team, self.agent, self.type_request, "2026-02-03 07:00:00", 6,
             2),
            (self.other_team, self.agent, self.type_request, "2026-02-04 07:00:00", 8,
             4),
        ]
        requests = self.Request
        for team, user, kind, date, nps, csat in answers:
            request = self._request(team_id=team.id, user_id=user.id,
                                    type_id=kind.id, date_open=date)
            self.env.cr.execute(
                "UPDATE crm_service_request SET csat = %s, nps = %s WHERE id = %s",
                (csat, nps, request.id))
            requests |= request
        Analysis = self.env["crm.service.analysis"]
        domain = [("request_id", "in", requests.ids)]

        def by(group):
            return {str(row[group][0] if isinstance(row[group], (list, tuple))
                        else row[group]): (round(row["nps"], 2), round(row["csat"], 2))
                    for row in Analysis.read_group(
                        domain, ["nps", "csat", group.split(":")[0]], [group],
                        lazy=False)}

        # team A: 10, 9 promoters, 7 passive, 3 detractor: 50 - 25
        self.assertEqual(by("team_id"), {str(self.team.id): (25.0, 3.25),
                                         str(self.other_team.id): (-50.0, 3.0)})
        # agent one: 10, 9, 6, 8: 50 - 25; agent two: 7, 3: 0 - 50
        self.assertEqual(by("user_id"), {str(self.agent.id): (25.0, 3.75),
                                         str(self.agent2.id): (-50.0, 2.0)})
        self.assertEqual(by("type_id"), {str(self.type_request.id): (25.0, 3.75),
                                         str(self.type_complaint.id): (-50.0, 2.0)})
        # January: 10, 9, 7 -> 66.67; February: 3, 6, 8 -> -66.67
        months = by("date_open:month")
        self.assertEqual(sorted(months.values()), [(-66.67, 2.33), (66.67, 4.0)])
        total = Analysis.read_group(domain, ["nps", "nps_promoters",
                                             "nps_detractors"], [])[0]
        self.assertAlmostEqual(total["nps_promoters"], 100.0 / 3)
        self.assertAlmostEqual(total["nps_detractors"], 100.0 / 3)
        self.assertAlmostEqual(total["nps"], 0.0)
