# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta
from unittest import TestCase

from ..logic.risk import credit_risk, gap_risk
from ..logic.stages import DEFAULT_PARAMS, Facts
from .common import LifecycleCase


class TestRiskLogic(TestCase):

    def test_credit_risk_is_the_overdue_share(self):
        """Credit risk: the overdue share of what the customer owes, 0 to 1."""
        self.assertEqual(credit_risk(0.0, 1500.0), 0.0, "nothing overdue")
        self.assertAlmostEqual(credit_risk(1000.0, 1500.0), 2 / 3)
        self.assertEqual(credit_risk(1500.0, 1500.0), 1.0)
        self.assertEqual(credit_risk(200.0, 0.0), 1.0, "refunds cancel the rest")
        self.assertEqual(credit_risk(900.0, 600.0), 1.0, "capped")

    def test_gap_risk_against_the_own_rhythm(self):
        """Gap risk: days since the last sale / (usual interval x factor)."""
        ref = date(2026, 6, 30)
        one = Facts(False, 1, ref - timedelta(days=100), ref - timedelta(days=100),
                    1, 100.0)
        # one sale: default interval 90 x factor 2 = 180 days; 100 / 180
        self.assertAlmostEqual(gap_risk(one, DEFAULT_PARAMS, ref), 100 / 180)
        # three sales 30 days apart: interval 30 x 2 = 60; last 45 days ago
        three = Facts(False, 3, ref - timedelta(days=105), ref - timedelta(days=45),
                      3, 300.0)
        self.assertAlmostEqual(gap_risk(three, DEFAULT_PARAMS, ref), 45 / 60)
        late = three._replace(last_order=ref - timedelta(days=75),
                              first_order=ref - timedelta(days=135))
        self.assertEqual(gap_risk(late, DEFAULT_PARAMS, ref), 1.0)


class TestRiskScore(LifecycleCase):

    def test_risk_score_by_hand(self):
        """A customer who bought 300 and 100 days ago (usual interval 200, x 2 =
        400 days) owes 1500, of which 1000 overdue: credit 2/3, gap 100/400,
        each weighing 50 (other addons may add components: the total weight is
        read from the model)."""
        customer = self._customer("Risky Ltd")
        manager = self._user("risk_boss", "sales_team.group_sale_manager")
        for days_ago, amount, due_in in ((300, 500.0, 400), (100, 1000.0, -70)):
            day = self.ref_date - timedelta(days=days_ago)
            order = self._order(customer, day, amount=amount)
            invoice = self.env["account.invoice"].browse(
                order.action_invoice_create())
            invoice.write({"date_invoice": str(day),
                           "date_due": str(self.ref_date + timedelta(days=due_in))})
            invoice.action_invoice_open()
        self._recompute()
        Profile = self.env["crm.lifecycle.profile"]
        total = sum(w for w, _v in Profile._risk_components(
            self.company, self.ref_date, {}))
        profile = Profile.sudo(manager).search([("partner_id", "=", customer.id)])
        self.assertEqual((profile.overdue, profile.invoiced, profile.usual_interval),
                         (1000.0, 1500.0, 200.0))
        expected = int(round(100.0 * (50 * 2 / 3 + 50 * 100 / 400) / total))
        self.assertEqual(profile.risk_score, expected,
                         "46 when only these two components exist")
