# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .analysis_common import AnalysisCase


class TestRfmScores(AnalysisCase):
    """RFM scores by quintile on a hand-built company of five customers."""

    company_name = "RFM Co"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls._product("RFM item", 10.0)
        # name: (days ago of each order, amount of each order)
        plan = {
            "C1": ([10, 40, 70, 100, 130], 100.0),   # recent, frequent, big
            "C2": ([20, 50, 80, 110], 50.0),
            "C3": ([30, 60, 90], 20.0),
            "C4": ([200, 230], 30.0),
            "C5": ([400], 10.0),                     # old, once, small
        }
        cls.customers = {}
        for name, (days, amount) in plan.items():
            partner = cls._customer(name)
            cls.customers[name] = partner
            for day in days:
                cls._order(partner, day, [(product, amount)])

    def test_scores_and_segments(self):
        """With five customers each quintile holds one: scores are ranks 1-5.

        Recency ranks C5 (oldest) .. C1; frequency 1, 2, 3, 4, 5 orders;
        monetary: C5 10, C4 60, C3 60, C2 200, C1 500 - C3 and C4 tie at 60
        and share the lower score (1 customer worse than them: 1 + 5*1/5 = 2).
        """
        self.env["res.partner"]._cron_update_lifecycle(str(self.ref_date))
        expected = {
            "C1": (5, 5, 5, "champions"),
            "C2": (4, 4, 4, "champions"),
            "C3": (3, 3, 2, "need_attention"),
            "C4": (2, 2, 2, "hibernating"),
            "C5": (1, 1, 1, "lost"),
        }
        Profile = self.env["crm.lifecycle.profile"]
        for name, (r_score, f_score, m_score, segment) in expected.items():
            profile = Profile.search([
                ("partner_id", "=", self.customers[name].id),
                ("company_id", "=", self.company.id)])
            self.assertEqual(
                (profile.recency_score, profile.frequency_score,
                 profile.monetary_score, profile.rfm_segment),
                (r_score, f_score, m_score, segment), name)
            self.assertEqual(self.customers[name].rfm_segment, segment,
                             "copied to the partner for audiences")

    def test_first_order_ranked_among_nightly_profiles(self):
        """A customer confirming its first order after the nightly run is ranked
        at once among the nightly profiles, as a sixth customer: recency (five
        older last orders) 1 + floor(5 x 5 / 6) = 5, frequency (nobody has fewer
        orders) 1, monetary (40: only C5's 10 is less) 1 + floor(5 x 1 / 6) = 1:
        segment "new"; no posted invoice yet: tier C. The others keep theirs."""
        self.env["res.partner"]._cron_update_lifecycle(str(self.ref_date))
        newcomer = self._customer("C6")
        self._order(newcomer, 0, [(self.env["product.product"].search(
            [("name", "=", "RFM item")], limit=1), 40.0)])
        profile = self.env["crm.lifecycle.profile"].search([
            ("partner_id", "=", newcomer.id), ("company_id", "=", self.company.id)])
        self.assertEqual(
            (profile.recency_score, profile.frequency_score, profile.monetary_score,
             profile.rfm_segment, profile.value_tier),
            (5, 1, 1, "new", "c"))
        self.assertEqual(newcomer.rfm_segment, "new")
        self.assertEqual(self.customers["C1"].rfm_segment, "champions")
