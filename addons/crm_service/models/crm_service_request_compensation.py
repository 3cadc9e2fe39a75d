# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Compensation of service requests: a credit note or a discount on the
customer's next order."""
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

COMPENSATION_TYPES = [
    ("credit_note", "Credit Note"),
    ("discount", "Discount on Next Order"),
]


class CrmServiceRequestCompensation(models.Model):
    _inherit = "crm.service.request"

    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
        readonly=True,
    )
    compensation_type = fields.Selection(
        selection=COMPENSATION_TYPES,
        groups="base.group_user",
    )
    compensation_proposed = fields.Monetary(
        string="Proposed Compensation",
        currency_field="currency_id",
        groups="base.group_user",
        help="In the company's currency. Above the company's limit for agents, "
             "a service manager approves it first.",
    )
    # the documents themselves are for accounting and sales staff (agents see the
    # posted total, and the order's name in the chatter)
    refund_ids = fields.One2many(
        comodel_name="account.invoice",
        inverse_name="service_request_id",
        string="Credit Notes",
        readonly=True,
        groups="account.group_account_invoice",
    )
    discount_line_ids = fields.One2many(
        comodel_name="sale.order.line",
        inverse_name="service_request_id",
        string="Discount Lines",
        readonly=True,
        groups="sales_team.group_sale_salesman",
    )
    compensation_posted = fields.Monetary(
        string="Compensation Posted",
        currency_field="currency_id",
        compute="_compute_compensation_posted",
        groups="base.group_user",
        help="Total of the posted credit notes drafted from this request and of "
             "its discounts on confirmed orders (untaxed, in the company's "
             "currency).",
    )
    has_compensation = fields.Boolean(
        string="Compensation Drafted",
        compute="_compute_has_compensation",
        groups="base.group_user",
        help="A credit note or a discount line not cancelled was drafted from this "
             "request: no other compensation can be drafted.",
    )

    @api.multi
    def _compute_compensation_posted(self):
        # accounting documents: the service agent sees their total, not the journal
        for request in self:
            refunds = request.sudo().refund_ids.filtered(
                lambda inv: inv.state in ("open", "paid"))
            discounts = request.sudo().discount_line_ids.filtered(
                lambda line: line.order_id.state in ("sale", "done"))
            # credit notes are signed in the company's currency; discount lines
            # are in their order's, converted at the order date
            request.compensation_posted = -sum(refunds.mapped(
                "amount_untaxed_signed")) - sum(
                request._to_company_currency(line.price_subtotal, line.order_id)
                for line in discounts)

    @api.multi
    def _compute_has_compensation(self):
        for request in self:
            request.has_compensation = any(request._active_compensation())

    @api.multi
    def _to_company_currency(self, amount, order):
        """``amount`` in the currency of ``order``, in the request's company
        currency at the order date."""
        self.ensure_one()
        currency = order.pricelist_id.currency_id or self.currency_id
        return currency.with_context(
            date=order.date_order, company_id=self.company_id.id).compute(
            amount, self.currency_id)

    @api.multi
    def action_create_refund(self):
        """Draft a customer credit note of the proposed compensation; accounting
        staff check and post it. Above the agent's limit, ask a service manager
        for approval instead."""
        if not self._check_can_compensate(
                _("Set the customer before drafting a credit note.")):
            return True
        refund = self._create_refund(self.compensation_proposed)
        if not self.env["account.invoice"].check_access_rights(
                "read", raise_exception=False):
            return True
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.invoice",
            "res_id": refund.id,
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_form").id, "form")],
        }

    @api.multi
    def _create_refund(self, amount):
        self.ensure_one()
        # service agents draft the credit note without accounting rights; it stays
        # a draft until accounting staff post it
        company = self.company_id
        invoices = self.env["account.invoice"].sudo().with_context(
            type="out_refund", force_company=company.id, company_id=company.id)
        journal = self.env["account.journal"].sudo().search([
            ("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
        if not journal:
            raise UserError(_(
                "The company %s has no sales journal: the credit note cannot be "
                "drafted.") % company.name)
        partner = self.partner_id.commercial_partner_id
        account = self.env["ir.property"].with_context(
            force_company=self.company_id.id).get(
            "property_account_income_categ_id", "product.category")
        if not account:
            raise UserError(_("Set the default income account of the product "
                              "categories before drafting a credit note."))
        values = self._prepare_refund_values(partner, account, amount)
        values.update(journal_id=journal.id, currency_id=company.currency_id.id)
        return invoices.create(values)

    @api.multi
    def _prepare_refund_values(self, partner, account, amount):
        return {
            "type": "out_refund",
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "account_id": partner.with_context(
                force_company=self.company_id.id).property_account_receivable_id.id,
            "origin": self.reference,
            "name": _("Compensation for %s") % self.reference,
            "user_id": self.env.uid,
            "service_request_id": self.id,
            "invoice_line_ids": [(0, 0, {
                "name": _("Compensation: %s") % self.name,
                "account_id": account.id,
                "quantity": 1.0,
                "price_unit": amount,
            })],
        }

    @api.multi
    def action_apply_discount(self):
        """Put the proposed compensation as a discount line on the customer's
        latest open quotation; it counts once the order is confirmed. Service
        agents need no sales rights for it."""
        if not self._check_can_compensate(
                _("Set the customer before granting a discount.")):
            return True
        line = self._create_discount_line(self.compensation_proposed)
        self.message_post(body=_(
            "<p>Discount of %(amount)s drafted on the quotation %(order)s: it counts "
            "once the order is confirmed.</p>") % {
            "amount": tools.html_escape(formatLang(
                self.env, self.compensation_proposed, currency_obj=self.currency_id)),
            "order": tools.html_escape(line.order_id.name)},
            subtype="mail.mt_note")
        return True

    @api.multi
    def _check_can_compensate(self, no_customer_message):
        """What both compensations need: a type that allows them, a customer, a
        positive amount, the right to handle the request and no compensation
        drafted yet. Returns False, after asking a service manager for approval,
        when the amount is above what the user may grant alone."""
        self.ensure_one()
        if not self.type_id.allows_compensation:
            raise UserError(_(
                "Requests of the type %s are not compensated.") % self.type_id.name)
        if not self.partner_id:
            raise UserError(no_customer_message)
        if self.compensation_proposed <= 0:
            raise UserError(_("Enter the proposed compensation (a positive amount)."))
        self._check_compensation_rights()
        self._check_no_compensation()
        if not self._compensation_within_rights():
            self._request_compensation_approval()
            return False
        return True

    @api.multi
    def _check_compensation_rights(self):
        """Compensation is drafted by those who may handle the request (not, say,
        its portal customer, who may read it): the drafting itself runs as
        superuser."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _active_compensation(self):
        """The credit notes and discount lines drafted from the request that are
        not cancelled (a cancelled credit note or order no longer compensates)."""
        self.ensure_one()
        # the documents are accounting's and sales': the agent who drafts the
        # compensation may not read them, but a second one must see the first
        request = self.sudo()
        return (request.refund_ids.filtered(lambda inv: inv.state != "cancel"),
                request.discount_line_ids.filtered(
                    lambda line: line.order_id.state != "cancel"))

    @api.multi
    def _check_no_compensation(self):
        """Refuse a second compensation (a double click, another agent): the
        request's row is written first, so a concurrent second drafting waits
        for this one, fails to serialize and is retried by Odoo, then refused."""
        self.ensure_one()
        self.env.cr.execute(
            "UPDATE crm_service_request SET write_uid = %s, "
            "write_date = (now() at time zone 'UTC') WHERE id = %s",
            (self.env.uid, self.id))
        refunds, lines = self._active_compensation()
        if refunds or lines:
            raise UserError(_(
                "A compensation was already drafted for the request %(reference)s "
                "(%(documents)s): cancel it before drafting another one.") % {
                "reference": self.reference,
                "documents": ", ".join(
                    [refund.number or _("draft credit note") for refund in refunds]
                    + lines.mapped("order_id.name")),
            })

    @api.multi
    def _create_discount_line(self, amount):
        """The discount line of ``amount`` on the customer's latest open quotation
        in the request's company."""
        self.ensure_one()
        # Service agents have no sales rights: the quotation is looked up and the
        # line added as superuser, for this request's customer and company only
        # (the caller checked the user may handle the request). The agent gets no
        # access to the order: action_apply_discount only names it in the chatter.
        order = self.env["sale.order"].sudo().search(
            self._discount_order_domain(), order="date_order desc, id desc", limit=1)
        if not order:
            raise UserError(_(
                "The customer has no open quotation: create their next order first."))
        values = self._prepare_discount_line_values(order, amount)
        if order.currency_id.compare_amounts(
                -values["price_unit"], order.amount_untaxed) > 0:
            raise UserError(_(
                "The discount (%(discount)s) is more than the quotation %(order)s "
                "(%(total)s untaxed): lower the compensation or draft a credit "
                "note.") % {
                "discount": formatLang(self.env, -values["price_unit"],
                                       currency_obj=order.currency_id),
                "order": order.name,
                "total": formatLang(self.env, order.amount_untaxed,
                                    currency_obj=order.currency_id)})
        line = self.env["sale.order.line"].sudo().create(values)
        order.message_post(body=_(
            "<p>Compensation discount for the service request %s.</p>")
            % tools.html_escape(self.reference),
            author_id=self.env.user.partner_id.id, subtype="mail.mt_note")
        return line

    @api.multi
    def _discount_order_domain(self):
        return [
            ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
            ("state", "in", ("draft", "sent")),
            ("company_id", "=", self.company_id.id),
        ]

    @api.multi
    def _prepare_discount_line_values(self, order, amount):
        """``amount`` is in the request's company currency: the line is in the
        order's (its pricelist's), converted at the order date."""
        order_currency = order.pricelist_id.currency_id or self.currency_id
        amount = self.currency_id.with_context(
            date=order.date_order).compute(amount, order_currency)
        return {
            "order_id": order.id,
            "product_id": self.env.ref("crm_service.product_compensation_discount").id,
            "name": _("Compensation for %s") % self.reference,
            "product_uom_qty": 1.0,
            "price_unit": -amount,
            "tax_id": [(6, 0, [])],
            "service_request_id": self.id,
        }
