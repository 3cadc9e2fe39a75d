# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from .common import LifecycleCase


class TestProfit(LifecycleCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._customer("Profit Ltd")
        day = cls.ref_date - timedelta(days=40)
        # two widgets at 500 (cost 60 each); one comes back, damaged, and is
        # credited at 200
        cls.order = cls._order(cls.customer, day, amount=500.0, confirm=False)
        cls.order.order_line.product_uom_qty = 2
        cls.order._lifecycle_confirm_and_invoice()
        cls.invoice = cls.order.invoice_ids
        refund_wizard = cls.env["account.invoice.refund"].with_context(
            active_ids=cls.invoice.ids, active_model="account.invoice").create({
                "filter_refund": "refund", "description": "Damaged",
                "date_invoice": str(day + timedelta(days=5))})
        refund_wizard.invoice_refund()
        cls.refund = cls.env["account.invoice"].search([
            ("refund_invoice_id", "=", cls.invoice.id)])
        cls.refund.invoice_line_ids.write({"quantity": 1, "price_unit": 200.0})
        cls.refund.compute_taxes()
        cls.refund.action_invoice_open()
        # a draft invoice is not accounting yet
        cls.draft = cls.invoice.copy({"date_invoice": str(day)})
        journal = cls.env["account.journal"].search([("type", "=", "bank")], limit=1)
        payment = cls.env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer",
            "partner_id": cls.customer.id, "amount": 300.0,
            "journal_id": journal.id, "invoice_ids": [(6, 0, cls.invoice.ids)],
            "payment_method_id": cls.env.ref(
                "account.account_payment_method_manual_in").id,
        })
        payment.post()

    def test_profit_agrees_with_accounting(self):
        """Revenue, invoiced, refunded and paid come from posted invoices and equal
        the income booked in the journal items."""
        self._recompute()
        profile = self._profile(self.customer)
        self.assertEqual(self.invoice.state, "open")
        self.assertEqual(profile.revenue, 800.0, "1000 invoiced - 200 refunded")
        self.assertEqual(profile.invoiced, self.invoice.amount_total)
        self.assertEqual(profile.refunded, self.refund.amount_total)
        self.assertEqual(profile.paid, 300.0, "the payment received")
        self.assertEqual(profile.overdue, 700.0, "due at once, 40 days ago")
        income_types = (self.env.ref("account.data_account_type_revenue")
                        | self.env.ref("account.data_account_type_other_income"))
        self.env.cr.execute("""
            SELECT sum(l.credit - l.debit)
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
              JOIN account_account a ON a.id = l.account_id
             WHERE m.state = 'posted' AND l.partner_id = %s
               AND a.user_type_id IN %s
        """, (self.customer.id, tuple(income_types.ids)))
        booked = self.env.cr.fetchone()[0]
        self.assertAlmostEqual(profile.revenue, booked, places=2,
                               msg="revenue equals income in the journal items")
        # invoiced 2 x 500 at the order's cost 2 x 60, refunded 1 x 200 giving
        # back the product's cost 60: (1000 - 120) - (200 - 60)
        self.assertEqual(profile.margin, 740.0, "revenue 800 less the cost of the "
                         "one widget kept")
        self.assertLess(profile.margin, profile.revenue)

    def test_sales_manager_reads_the_profit(self):
        """The sales manager's Customer Analysis shows the figures of the books;
        a salesman of another customer does not see them."""
        self._recompute()
        boss = self._user("profit_boss", "sales_team.group_sale_manager")
        profile = self.env["crm.lifecycle.profile"].sudo(boss).search(
            [("partner_id", "=", self.customer.id)])
        self.assertEqual(
            (profile.revenue, profile.invoiced, profile.refunded, profile.margin),
            (800.0, 1000.0, 200.0, 740.0))
        groups = profile.read_group(
            [("partner_id", "=", self.customer.id)], ["revenue", "margin"], [])
        self.assertEqual((groups[0]["revenue"], groups[0]["margin"]), (800.0, 740.0))
        self.company.crm_customer_visibility = "own"
        tom = self._user("profit_tom", "sales_team.group_sale_salesman")
        self.assertFalse(self.env["crm.lifecycle.profile"].sudo(tom).search(
            [("partner_id", "=", self.customer.id)]))

    def test_revenue_method_is_shared(self):
        """The one definition of customer revenue, reused by the other addons."""
        Partner = self.env["res.partner"]
        day = self.ref_date - timedelta(days=40)
        revenue = Partner._crm_customer_revenue(
            str(day - timedelta(days=1)), str(self.ref_date), self.company)
        self.assertEqual(revenue.get(self.customer.id), 800.0)
        before = Partner._crm_customer_revenue(
            str(day - timedelta(days=30)), str(day - timedelta(days=1)), self.company)
        self.assertNotIn(self.customer.id, before)
