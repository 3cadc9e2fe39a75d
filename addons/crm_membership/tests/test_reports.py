# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields

from .common import MembershipCase


class TestReports(MembershipCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = cls._customer("Report Alice")
        cls.bob = cls._customer("Report Bob")
        cls.carol = cls._customer("Report Carol")
        cls.m_alice = cls._member(cls.alice, tier_id=cls.tier_gold.id,
                                  join_date="2026-01-10")
        cls.m_bob = cls._member(cls.bob, tier_id=cls.tier_blue.id,
                                join_date="2026-02-05")
        cls.m_bob.write({"state": "expired", "expiry_date": "2026-03-31"})
        cls.m_alice._adjust_points(100, "Grant", day="2026-01-10")
        cls.m_alice._adjust_points(-40, "Spent", day="2026-02-01")
        cls.m_bob._adjust_points(20, "Grant", day="2026-02-05")
        cls.members = cls.m_alice | cls.m_bob

    def _group(self, model, domain, fields, groupby):
        return self.env[model].read_group(domain, fields, groupby, lazy=False)

    def test_members_by_club_tier_state(self):
        """Members by tier and state, with their points."""
        rows = self._group("crm.membership.analysis",
                           [("membership_id", "in", self.members.ids)],
                           ["member_count", "points_balance", "tier_id", "state"],
                           ["tier_id", "state"])
        figures = {(r["tier_id"][1], r["state"]): (r["member_count"],
                                                   r["points_balance"]) for r in rows}
        self.assertEqual(figures, {("Test loyalty: Gold", "active"): (1, 60),
                                   ("Test loyalty: Blue", "expired"): (1, 20)})

    def test_joins_renewals_churn(self):
        """Joins in January and February, Bob's churn the day after his expiry."""
        rows = self._group("crm.membership.movement.report",
                           [("membership_id", "in", self.members.ids)],
                           ["event_count", "event_type", "date"],
                           ["event_type", "date:month"])
        figures = {(r["event_type"], r["date:month"]): r["event_count"] for r in rows}
        self.assertEqual(figures, {("join", "January 2026"): 1,
                                   ("join", "February 2026"): 1,
                                   ("churn", "April 2026"): 1})

    def test_points_earned_redeemed_outstanding(self):
        """Earned 120, redeemed 40, outstanding 80 (x 0.05 = 4.00)."""
        rows = self._group("crm.membership.points.report",
                           [("membership_id", "in", self.members.ids)],
                           ["points", "points_earned", "points_redeemed",
                            "points_expired", "value"], [])
        row = rows[0]
        self.assertEqual((row["points_earned"], row["points_redeemed"],
                          row["points_expired"], row["points"]), (120, 40, 0, 80))
        self.assertAlmostEqual(row["value"], 4.0)

    def test_revenue_members_and_non_members(self):
        """Alice's invoice counts as a member's; Carol's and Bob's after his
        expiry as non-members'."""
        self._invoice(self.alice, [(self.product_a, 300.0)], day="2026-03-01")
        self._invoice(self.bob, [(self.product_a, 200.0)], day="2026-03-15")
        self._invoice(self.bob, [(self.product_a, 50.0)], day="2026-04-15")
        self._invoice(self.carol, [(self.product_a, 70.0)], day="2026-03-01")
        partners = self.alice | self.bob | self.carol
        rows = self._group("crm.membership.revenue.report",
                           [("partner_id", "in", partners.ids)],
                           ["revenue", "is_member"], ["is_member"])
        figures = {r["is_member"]: r["revenue"] for r in rows}
        self.assertEqual(figures, {True: 500.0, False: 120.0})

    def test_demo_points_history(self):
        """On a demo database the reports have a points history to show: earned,
        redeemed, expired and returned points over the last year, a referral
        bonus, an outstanding liability and a logged tier change."""
        club = self.env.ref("crm_membership.club_loyalty_demo",
                            raise_if_not_found=False)
        if not club:
            self.skipTest("no demo data")
        rows = self._group("crm.membership.points.report", [("club_id", "=", club.id)],
                           ["points_earned", "points_redeemed", "points_expired",
                            "origin"], ["origin"])
        origins = {row["origin"] for row in rows}
        self.assertTrue({"adjustment", "invoice", "redemption", "reversal", "expiry",
                         "referral"} <= origins, origins)
        totals = self._group("crm.membership.points.report",
                             [("club_id", "=", club.id)],
                             ["points_earned", "points_redeemed", "points_expired"],
                             [])[0]
        self.assertTrue(totals["points_earned"] > 0 and totals["points_redeemed"] > 0
                        and totals["points_expired"] > 0, totals)
        months = self._group("crm.membership.points.report",
                             [("club_id", "=", club.id), ("points_earned", ">", 0)],
                             ["points_earned", "date"], ["date:month"])
        self.assertGreaterEqual(len(months), 6, "grants spread over the year")
        _points, amount = self.Points._liability(
            fields.Date.context_today(club), [club.id])[club.id]
        self.assertGreater(amount, 0.0)
        self.assertTrue(self.env["crm.membership.tier.history"].search_count(
            [("club_id", "=", club.id)]))
