# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceCase


class TestCompensation(ServiceCase):

    def test_credit_note_posted_by_accounting(self):
        """An agent drafts a 75.00 credit note; once accounting posts it the
        request shows 75.00."""
        accountant = self.env["res.users"].create({
            "name": "Accountant", "login": "svc_accountant",
            "groups_id": [(6, 0, [self.env.ref("account.group_account_invoice").id])]})
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="credit_note",
                                compensation_proposed=75.0)
        request.sudo(self.agent).action_create_refund()
        refund = request.refund_ids
        self.assertEqual(len(refund), 1)
        self.assertEqual(refund.type, "out_refund")
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.partner_id, self.customer_a)
        self.assertEqual(refund.amount_total, 75.0)
        self.assertEqual(request.compensation_posted, 0.0, "a draft is not posted")
        refund.sudo(accountant).action_invoice_open()
        self.assertEqual(refund.state, "open")
        request.invalidate_cache()
        self.assertEqual(request.compensation_posted, 75.0)
        analysis = self.env["crm.service.analysis"].search(
            [("request_id", "=", request.id)])
        self.assertEqual(analysis.compensation, 75.0)

    def test_discount_on_next_order(self):
        """A 30.00 discount goes on the customer's open quotation and counts once
        the order is confirmed."""
        product = self.env["product.product"].create({
            "name": "Sofa", "type": "service", "list_price": 500.0})
        order = self.env["sale.order"].create({
            "partner_id": self.customer_a.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                                   "price_unit": 500.0, "tax_id": [(6, 0, [])]})],
        })
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="discount",
                                compensation_proposed=30.0)
        line = request.action_apply_discount()
        self.assertEqual(line.order_id, order)
        self.assertEqual(order.amount_untaxed, 470.0)
        self.assertEqual(request.compensation_posted, 0.0, "a quotation is not final")
        order.action_confirm()
        request.invalidate_cache()
        self.assertEqual(request.compensation_posted, 30.0)
        analysis = self.env["crm.service.analysis"].search(
            [("request_id", "=", request.id)])
        self.assertEqual(analysis.compensation, 30.0)
