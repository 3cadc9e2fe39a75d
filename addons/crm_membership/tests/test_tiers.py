# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import MembershipCase


class TestTiers(MembershipCase):

    def test_review_by_points_up_and_down(self):
        """The tier review moves members by the points earned over the 12 months
        before the chosen date, and logs every change.

        600 on 2025-03-01 and 500 on 2025-09-01 (expiry irrelevant: earned points
        count). Review on 2025-06-01: 600 -> Silver. On 2025-10-01: 1100 -> Gold.
        On 2026-03-02 only the 500 of 2025-09-01 count -> Silver (down).
        On 2026-09-02: nothing earned -> Blue. Redemptions do not lower the tier.
        """
        member = self._member(self._customer("Climber"), tier_id=self.tier_blue.id)
        member._adjust_points(600, "Purchases", day="2025-03-01")
        member._adjust_points(500, "Purchases", day="2025-09-01")
        member._redeem_points(reward=self.club.reward_ids, day="2025-09-15")
        Review = self.Membership._cron_review_tiers
        Review("2025-06-01")
        self.assertEqual(member.tier_id, self.tier_silver)
        self.assertEqual(Review("2025-06-01"), 0, "idempotent")
        Review("2025-10-01")
        self.assertEqual(member.tier_id, self.tier_gold)
        Review("2026-03-02")
        self.assertEqual(member.tier_id, self.tier_silver)
        Review("2026-09-02")
        self.assertEqual(member.tier_id, self.tier_blue)
        history = member.tier_history_ids.sorted(lambda h: (h.date, h.id))
        self.assertEqual(
            [(h.date, h.old_tier_id.name, h.new_tier_id.name, h.direction, h.value)
             for h in history], [
                ("2025-06-01", "Blue", "Silver", "up", 600.0),
                ("2025-10-01", "Silver", "Gold", "up", 1100.0),
                ("2026-03-02", "Gold", "Silver", "down", 500.0),
                ("2026-09-02", "Silver", "Blue", "down", 0.0),
            ])

    def test_review_by_spend(self):
        """Clubs with tiers by spend use crm_lifecycle's customer revenue over the
        rolling 12 months: 6,000 invoiced on 2026-01-15 less a 1,500 refund ->
        4,500 < 5,000 stays Bronze; a further 800 on 2026-02-01 -> 5,300: Gold;
        a year after the first invoice only 800 count: Bronze again."""
        club = self.club_fee
        bronze = self.env["crm.membership.tier"].create({
            "club_id": club.id, "name": "Bronze", "sequence": 1, "min_spend": 0})
        gold = self.env["crm.membership.tier"].create({
            "club_id": club.id, "name": "Gold", "sequence": 2, "min_spend": 5000})
        owner = self._customer("Big spender")
        member = self._member(owner, club=club, tier_id=bronze.id)
        invoice = self._invoice(owner, [(self.product_a, 6000.0)], day="2026-01-15")
        self._invoice(owner, [(self.product_a, 1500.0)], day="2026-01-20",
                      type_="out_refund", origin=invoice)
        self.Membership._cron_review_tiers("2026-01-31")
        self.assertEqual(member.tier_id, bronze)
        self._invoice(owner, [(self.product_b, 800.0)], day="2026-02-01")
        self.Membership._cron_review_tiers("2026-02-01")
        self.assertEqual(member.tier_id, gold)
        self.assertEqual(member.tier_history_ids.value, 5300.0)
        self.Membership._cron_review_tiers("2027-01-20")
        self.assertEqual(member.tier_id, bronze)
        self.assertEqual(member.tier_history_ids.sorted("id")[-1].direction, "down")

    def test_one_definition_of_points_earned(self):
        """Defect 6: a negative adjustment is no negative earning, for the tier
        review as for the points analysis: 550 earned and 100 taken away by hand
        reach Silver (500), and the analysis shows 550 earned, 100 redeemed."""
        member = self._member(self._customer("Adjusted"), tier_id=self.tier_blue.id)
        member._adjust_points(550, "Purchases", day="2026-03-01")
        member._adjust_points(-100, "Correction", day="2026-03-02")
        self.Membership._cron_review_tiers("2026-03-31")
        self.assertEqual(member.tier_id, self.tier_silver)
        self.assertEqual(member.tier_history_ids.value, 550.0)
        totals = self.env["crm.membership.points.report"].read_group(
            [("membership_id", "=", member.id)],
            ["points_earned", "points_redeemed"], [])[0]
        self.assertEqual((totals["points_earned"], totals["points_redeemed"]),
                         (550, 100))
