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


class TestCompensationBounds(ServiceCase):
    """Compensation is bounded: by the order, by the agents' limit (above it a
    service manager approves), counted in the company's currency, and drafted in
    the request's company."""

    def _quotation(self, price, partner=None):
        product = self.env["product.product"].create({
            "name": "Lamp", "type": "service", "list_price": price})
        return self.env["sale.order"].create({
            "partner_id": (partner or self.customer_a).id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                                   "price_unit": price, "tax_id": [(6, 0, [])]})],
        })

    def test_agent_limit_approval_and_order_cap(self):
        """An agent without sales rights asks for 5,000.00 off a 100.00
        quotation: it waits for the team's service manager, whom the agent
        cannot replace; approved, it is still refused as more than the order;
        80.00 is within the agent's limit and drafted."""
        self.assertEqual(self.company.crm_service_compensation_limit, 100.0)
        order = self._quotation(100.0)
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="discount",
                                compensation_proposed=5000.0)
        as_agent = request.sudo(self.agent)
        self.assertIs(as_agent.action_apply_discount(), True)
        self.assertFalse(request.discount_line_ids, "nothing drafted yet")
        self.assertTrue(request.compensation_to_approve)
        activity = request.activity_ids.filtered(
            lambda act: act.summary == "Approve the compensation")
        self.assertEqual(activity.user_id, self.manager)
        with self.assertRaises(AccessError) as refused:
            as_agent.write({"compensation_approved": 5000.0})
        self.assertEqual(refused.exception.name,
                         "Only a service manager approves compensations.")
        with self.assertRaises(AccessError):
            as_agent.action_approve_compensation()
        self.assertIs(request.sudo(self.manager).action_approve_compensation(), True)
        self.assertEqual(request.compensation_approved, 5000.0)
        self.assertEqual(request.compensation_approver_id, self.manager)
        self.assertFalse(request.compensation_to_approve)
        self.assertFalse(request.activity_ids.filtered(
            lambda act: act.summary == "Approve the compensation"))
        with self.assertRaises(UserError) as refused:
            as_agent.action_apply_discount()
        self.assertIn("is more than the quotation %s" % order.name,
                      refused.exception.name)
        self.assertEqual(order.amount_total, 100.0)
        as_agent.compensation_proposed = 80.0
        self.assertIs(as_agent.action_apply_discount(), True)
        self.assertEqual(order.amount_total, 20.0)

    def test_manager_grants_above_limit(self):
        """A service manager drafts 150.00 without approval."""
        order = self._quotation(500.0)
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="discount",
                                compensation_proposed=150.0)
        request.sudo(self.manager).action_apply_discount()
        self.assertEqual(order.amount_untaxed, 350.0)

    def test_enquiry_not_compensated(self):
        """Only the types that allow it are compensated."""
        request = self._request(compensation_type="credit_note",
                                compensation_proposed=10.0)
        with self.assertRaises(UserError) as refused:
            request.sudo(self.agent).action_create_refund()
        self.assertIn("are not compensated", refused.exception.name)

    def test_counted_in_company_currency(self):
        """A 30.00 discount on an order priced in a currency at rate 2 is 60.00
        on the order and 30.00 in the request's and the analysis' figures."""
        currency = self.env["res.currency"].create({
            "name": "XCT", "symbol": "X$", "rounding": 0.01})
        Rate = self.env["res.currency.rate"]
        for cur, rate in ((self.company.currency_id, 1.0), (currency, 2.0)):
            Rate.create({"currency_id": cur.id, "name": "2026-01-01", "rate": rate,
                         "company_id": self.company.id})
        pricelist = self.env["product.pricelist"].create({
            "name": "XCT prices", "currency_id": currency.id})
        order = self._quotation(500.0)
        order.write({"pricelist_id": pricelist.id,
                     "date_order": "2026-01-15 10:00:00"})
        request = self._request(type_id=self.type_complaint.id,
                                compensation_type="discount",
                                compensation_proposed=30.0)
        request.sudo(self.agent).action_apply_discount()
        self.assertEqual(order.amount_untaxed, 440.0)
        order.action_confirm()
        request.invalidate_cache()
        self.assertEqual(request.sudo(self.agent).compensation_posted, 30.0)
        analysis = self.env["crm.service.analysis"].search(
            [("request_id", "=", request.id)])
        self.assertAlmostEqual(analysis.compensation, 30.0)

    def test_credit_note_in_request_company(self):
        """A credit note of a company-B request is drafted in company B's sales
        journal by an agent working in the parent company, and company B's
        accountant posts it."""
        company_b = self.env["res.company"].create({
            "name": "Service Co B", "parent_id": self.company.id,
            "currency_id": self.company.currency_id.id})
        Account = self.env["account.account"]
        receivable = Account.create({
            "code": "B1100", "name": "Receivable B", "reconcile": True,
            "company_id": company_b.id, "user_type_id": self.env.ref(
                "account.data_account_type_receivable").id})
        income = Account.create({
            "code": "B7000", "name": "Sales B", "company_id": company_b.id,
            "user_type_id": self.env.ref("account.data_account_type_revenue").id})
        Property = self.env["ir.property"]
        for name, model, account in (
                ("property_account_receivable_id", "res.partner", receivable),
                ("property_account_income_categ_id", "product.category", income)):
            Property.create({
                "name": name, "company_id": company_b.id,
                "fields_id": self.env["ir.model.fields"]._get(model, name).id,
                "value_reference": "account.account,%d" % account.id})
        journal = self.env["account.journal"].create({
            "name": "Sales B", "code": "SAJB", "type": "sale",
            "company_id": company_b.id})
        self.agent.company_ids = [(4, company_b.id)]
        accountant = self.env["res.users"].create({
            "name": "Accountant B", "login": "svc_accountant_b",
            "company_id": company_b.id, "company_ids": [(6, 0, company_b.ids)],
            "groups_id": [(6, 0, [
                self.env.ref("account.group_account_invoice").id])]})
        request = self._request(type_id=self.type_complaint.id,
                                company_id=company_b.id,
                                compensation_type="credit_note",
                                compensation_proposed=50.0)
        request.sudo(self.agent).action_create_refund()
        refund = request.refund_ids
        self.assertEqual(refund.company_id, company_b)
        self.assertEqual(refund.journal_id, journal)
        self.assertEqual(refund.account_id, receivable)
        self.assertEqual(refund.invoice_line_ids.account_id, income)
        refund.sudo(accountant).action_invoice_open()
        self.assertEqual(refund.state, "open")
        self.assertEqual(refund.move_id.company_id, company_b)
