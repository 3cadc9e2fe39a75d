# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from lxml import etree

from odoo.exceptions import AccessError, UserError

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

    def _quotation(self):
        product = self.env["product.product"].create({
            "name": "Sofa", "type": "service", "list_price": 500.0})
        return self.env["sale.order"].create({
            "partner_id": self.customer_a.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                                   "price_unit": 500.0, "tax_id": [(6, 0, [])]})],
        })

    def test_discount_on_next_order(self):
        """A 30.00 discount goes on the customer's open quotation and counts once
        the order is confirmed."""
        order = self._quotation()
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="discount",
                                compensation_proposed=30.0)
        request.action_apply_discount()
        line = request.discount_line_ids
        self.assertEqual(line.order_id, order)
        self.assertEqual(order.amount_untaxed, 470.0)
        self.assertEqual(request.compensation_posted, 0.0, "a quotation is not final")
        order.action_confirm()
        request.invalidate_cache()
        self.assertEqual(request.compensation_posted, 30.0)
        analysis = self.env["crm.service.analysis"].search(
            [("request_id", "=", request.id)])
        self.assertEqual(analysis.compensation, 30.0)

    def test_discount_by_agent_without_sales_rights(self):
        """An agent without sales rights drafts the discount on the customer's
        quotation, sees the order's name in the chatter and the amount once
        confirmed, opens the request form, and still reads no sales data."""
        self.assertFalse(self.agent.has_group("sales_team.group_sale_salesman"))
        order = self._quotation()
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="discount",
                                compensation_proposed=30.0)
        as_agent = request.sudo(self.agent)
        self.assertTrue(as_agent.action_apply_discount())
        line = request.discount_line_ids
        self.assertEqual(line.order_id, order)
        self.assertEqual(line.price_unit, -30.0)
        self.assertEqual(order.amount_untaxed, 470.0)
        self.assertTrue(request.message_ids.filtered(
            lambda m: order.name in (m.body or "")
            and m.author_id == self.agent.partner_id), "the agent's note names it")
        # the agent reads every field of the request form, without the lines
        fields = self.Request.sudo(self.agent).fields_view_get(
            view_type="form")["fields"]
        self.assertNotIn("discount_line_ids", fields)
        self.assertNotIn("refund_ids", fields)
        values = as_agent.read(list(fields))[0]
        self.assertEqual(values["compensation_posted"], 0.0)
        order.action_confirm()
        as_agent.invalidate_cache()
        self.assertEqual(as_agent.compensation_posted, 30.0)
        # and no sales data
        with self.assertRaises(AccessError):
            self.env["sale.order"].sudo(self.agent).search([])
        with self.assertRaises(AccessError):
            order.sudo(self.agent).read(["amount_total"])
        with self.assertRaises(AccessError):
            line.sudo(self.agent).read(["price_unit"])

    def test_discount_needs_request_rights(self):
        """The customer reading its request in the portal cannot grant itself a
        discount, nor can an agent of another team."""
        self._quotation()
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="discount",
                                compensation_proposed=30.0)
        outsider = self.env["res.users"].create({
            "name": "Agent Elsewhere", "login": "svc_agent_elsewhere",
            "groups_id": [(6, 0, [
                self.env.ref("crm_service.group_service_agent").id])]})
        self.other_team.member_ids = outsider
        for user in (self.portal_a, outsider):
            with self.assertRaises(AccessError, msg=user.name):
                request.sudo(user).action_apply_discount()
        self.assertFalse(request.discount_line_ids)

    def test_second_compensation_refused(self):
        """A second click drafts no second credit note nor a discount: the user is
        told why, and the buttons are hidden; once the credit note is cancelled a
        new compensation can be drafted."""
        self._quotation()
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="credit_note",
                                compensation_proposed=75.0)
        as_agent = request.sudo(self.agent)
        self.assertFalse(as_agent.has_compensation)
        as_agent.action_create_refund()
        as_agent.invalidate_cache()
        self.assertTrue(as_agent.has_compensation, "the agent sees it was drafted")
        with self.assertRaises(UserError) as refused:
            as_agent.action_create_refund()
        self.assertEqual(
            refused.exception.name,
            "A compensation was already drafted for the request %s (draft credit "
            "note): cancel it before drafting another one." % request.reference)
        as_agent.compensation_type = "discount"
        with self.assertRaises(UserError, msg="nor a discount on top"):
            as_agent.action_apply_discount()
        self.assertEqual(len(request.refund_ids), 1, "one credit note")
        self.assertFalse(request.discount_line_ids)
        # the form hides both buttons once a compensation exists
        arch = etree.fromstring(self.Request.fields_view_get(
            view_type="form")["arch"])
        for name in ("action_create_refund", "action_apply_discount"):
            modifiers = json.loads(arch.xpath(
                "//button[@name='%s']" % name)[0].get("modifiers"))
            self.assertIn(["has_compensation", "=", True],
                          modifiers["invisible"], name)
        # a cancelled credit note no longer compensates
        request.refund_ids.action_invoice_cancel()
        as_agent.invalidate_cache()
        self.assertFalse(as_agent.has_compensation)
        as_agent.action_apply_discount()
        self.assertEqual(len(request.discount_line_ids), 1)
        with self.assertRaises(UserError) as refused:
            as_agent.action_apply_discount()
        self.assertIn(request.discount_line_ids.order_id.name,
                      refused.exception.name)
        self.assertEqual(len(request.discount_line_ids), 1, "one discount line")

    def test_discount_in_order_currency(self):
        """A discount of 30.00 in the company's currency goes on a quotation priced
        in another currency converted at the order date: 60.00 at a rate of 2."""
        company_currency = self.company.currency_id
        currency = self.env["res.currency"].create({
            "name": "XCS", "symbol": "X$", "rounding": 0.01})
        Rate = self.env["res.currency.rate"]
        for cur, date, rate in ((company_currency, "2026-01-01", 1.0),
                                (currency, "2026-01-01", 2.0),
                                (currency, "2026-02-01", 3.0)):
            Rate.create({"currency_id": cur.id, "name": date, "rate": rate,
                         "company_id": self.company.id})
        pricelist = self.env["product.pricelist"].create({
            "name": "XCS prices", "currency_id": currency.id})
        order = self._quotation()
        order.write({"pricelist_id": pricelist.id,
                     "date_order": "2026-01-15 10:00:00"})
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="discount",
                                compensation_proposed=30.0)
        request.action_apply_discount()
        self.assertEqual(order.currency_id, currency)
        self.assertEqual(request.discount_line_ids.price_unit, -60.0,
                         "30.00 at the rate of the order date")
        self.assertEqual(order.amount_untaxed, 440.0)
