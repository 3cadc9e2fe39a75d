# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fees of paid clubs: the next period invoiced, the membership following its
periods (Odoo's membership lines of its fee invoices)."""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..logic.periods import membership_values
from .access import protected
from .crm_membership import BOOKED_PERIOD_STATES


class CrmMembership(models.Model):
    _inherit = "crm.membership"

    # ------------------------------------------------------------ fees
    @api.multi
    def _next_period(self, day=None):
        """Start and end of the next period to invoice."""
        self.ensure_one()
        today = fields.Date.from_string(day or fields.Date.context_today(self))
        start = today
        paid_to = [fields.Date.from_string(line.date_to)
                   for line in self.period_line_ids
                   if line.date_to and line.crm_period_state in BOOKED_PERIOD_STATES]
        if self.expiry_date:
            paid_to.append(fields.Date.from_string(self.expiry_date))
        if paid_to and max(paid_to) >= today:
            start = max(paid_to) + timedelta(days=1)
        end = start + relativedelta(months=self.club_id.period_months) \
            - timedelta(days=1)
        return start, end

    @api.multi
    def _prepare_fee_invoice_vals(self):
        self.ensure_one()
        partner = self.partner_id
        return {
            "partner_id": partner.id,
            "type": "out_invoice",
            "company_id": self.company_id.id,
            "user_id": self.env.uid,
            "origin": self.name,
            "account_id": partner.property_account_receivable_id.id,
            "fiscal_position_id": partner.property_account_position_id.id,
        }

    @api.multi
    def _prepare_fee_line_vals(self, invoice, start, end):
        """The fee line, as Odoo's membership addon builds it (product onchange)."""
        self.ensure_one()
        product = self.club_id.fee_product_id
        line = self.env["account.invoice.line"].new({
            "product_id": product.id,
            "invoice_id": invoice.id,
            "quantity": 1.0,
        })
        line._onchange_product_id()
        vals = line._convert_to_write({name: line[name] for name in line._cache})
        vals.update({
            "invoice_id": invoice.id,
            "name": _("%(club)s membership %(number)s, %(start)s to %(end)s") % {
                "club": self.club_id.name, "number": self.name,
                "start": start, "end": end},
            "price_unit": product.lst_price,
        })
        return vals

    @api.multi
    def _create_fee_invoice(self, day=None):
        """Create the fee invoice of the next period; Odoo's membership addon
        creates its membership line, which becomes this membership's period."""
        self.ensure_one()
        if self.club_id.fee_type != "fee":
            raise UserError(_("Club %s has no membership fee.") % self.club_id.name)
        if self.state == "cancelled":
            raise UserError(_("%s is cancelled.") % self.name)
        start, end = self._next_period(day)
        # sudo: membership officers invoice fees without being accountants; the
        # invoice is made out in the officer's name (user_id)
        member = self.sudo().with_context(force_company=self.company_id.id,
                                          company_id=self.company_id.id)
        invoice = member.env["account.invoice"].create(
            member._prepare_fee_invoice_vals())
        line = member.env["account.invoice.line"].create(
            member._prepare_fee_line_vals(invoice, start, end))
        invoice.compute_taxes()
        member.env["membership.membership_line"].search([
            ("account_invoice_line", "=", line.id)]).write({
                "crm_membership_id": self.id,
                "date_from": fields.Date.to_string(start),
                "date_to": fields.Date.to_string(end),
            })
        self.message_post(body=_("Fee invoiced for %(start)s to %(end)s.") % {
            "start": start, "end": end})
        return invoice.sudo(self.env.uid)

    @api.multi
    def _sync_from_periods(self, day=None):
        """State and dates of paid clubs' memberships from their periods: a period
        paid activates, a period no longer paid (invoice re-opened, fee refunded,
        invoice cancelled) takes its dates back and, for a first period, the
        membership is a candidate again (see ``logic.periods``)."""
        today = day or fields.Date.context_today(self)
        for membership in self.filtered(lambda m: m.club_id.fee_type == "fee"):
            periods = [(line.date_from, line.date_to,
                        line.crm_period_state == "paid")
                       for line in membership.period_line_ids
                       if line.date_from and line.date_to]
            vals = membership_values({
                "state": membership.state, "join_date": membership.join_date,
                "expiry_date": membership.expiry_date,
                "renewal_date": membership.renewal_date,
            }, periods, today)
            if vals:
                protected(membership).write(vals)
