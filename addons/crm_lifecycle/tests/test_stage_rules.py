# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta
from unittest import TestCase

from ..logic.stages import DEFAULT_PARAMS, Facts, check_params, compute_stage

REF = date(2026, 6, 30)


def facts(orders, has_lead=False, window_revenue=0.0, window_days=365):
    """Facts of a customer whose orders are ``orders`` days before REF."""
    days = sorted(REF - timedelta(days=n) for n in orders)
    return Facts(
        has_lead=has_lead, order_count=len(days),
        first_order=days[0] if days else None, last_order=days[-1] if days else None,
        window_orders=len([d for d in days if (REF - d).days < window_days]),
        window_revenue=window_revenue,
    )


class TestStageRules(TestCase):

    def stage(self, fcts, prev=None, prev_date=None, params=DEFAULT_PARAMS):
        return compute_stage(fcts, params, REF, prev, prev_date)[0]

    def test_suspect_and_prospect(self):
        """No sale: suspect, or prospect when there is a lead."""
        self.assertEqual(self.stage(facts([])), "suspect")
        self.assertEqual(self.stage(facts([], has_lead=True)), "prospect")

    def test_first_order_is_new(self):
        """One recent order makes a new customer."""
        self.assertEqual(self.stage(facts([10])), "new")

    def test_repeat_orders_active(self):
        """Two recent orders within the rhythm make an active customer."""
        self.assertEqual(self.stage(facts([40, 10])), "active")

    def test_loyal_needs_orders_and_tenure(self):
        """Four orders in the window and a year of tenure make a loyal customer."""
        self.assertEqual(self.stage(facts([400, 300, 200, 100, 10])), "loyal")
        # same frequency without tenure: active
        self.assertEqual(self.stage(facts([100, 70, 40, 10])), "active")

    def test_loyal_by_revenue(self):
        """A revenue threshold makes loyal with fewer orders."""
        params = DEFAULT_PARAMS._replace(loyal_min_revenue=5000.0)
        fct = facts([400, 10], window_revenue=6000.0)
        self.assertEqual(self.stage(fct, params=params), "loyal")
        self.assertEqual(self.stage(fct), "active", "revenue rule off by default")

    def test_at_risk_from_own_interval(self):
        """A gap over twice the usual interval is at risk; under it is not."""
        # orders every 30 days, last one 70 days ago: 70 > 2 x 30
        self.assertEqual(self.stage(facts([130, 100, 70])), "at_risk")
        self.assertEqual(self.stage(facts([110, 80, 50])), "active")
        # one order only: the default interval (90) x 2 = 180 days
        self.assertEqual(self.stage(facts([181])), "at_risk")
        self.assertEqual(self.stage(facts([179])), "new")

    def test_dormant_then_churned(self):
        """Longer gaps make dormant, then churned."""
        self.assertEqual(self.stage(facts([400])), "dormant")
        self.assertEqual(self.stage(facts([800])), "churned")

    def test_won_back(self):
        """An order after dormant or churned wins the customer back for a while."""
        since = REF - timedelta(days=20)
        fct = facts([900, 10])
        self.assertEqual(self.stage(fct, "dormant", since), "won_back")
        self.assertEqual(self.stage(fct, "churned", since), "won_back")
        self.assertEqual(self.stage(fct, "at_risk", since), "active")
        # still within the won-back period, then back to the ordinary rules
        self.assertEqual(self.stage(fct, "won_back", REF - timedelta(days=30)),
                         "won_back")
        self.assertEqual(self.stage(fct, "won_back", REF - timedelta(days=91)),
                         "active")

    def test_check_params(self):
        """Negative values and windows out of order are reported."""
        self.assertEqual(check_params(DEFAULT_PARAMS), [])
        bad = DEFAULT_PARAMS._replace(dormant_days=-1, churn_days=100,
                                      risk_factor=0.5, loyal_min_revenue=-1)
        self.assertEqual(check_params(bad), [
            ("positive", ("dormant_days",)),
            ("not_negative", ("loyal_min_revenue",)),
            ("min_one", ("risk_factor",)),
        ])
        self.assertEqual(
            check_params(DEFAULT_PARAMS._replace(churn_days=300)),
            [("longer", ("churn_days", "dormant_days"))])
