# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.multi
    def action_invoice_open(self):
        result = super().action_invoice_open()
        # a club fee invoiced another way (sale order, manual invoice)
        self._crm_link_fee_periods()
        # a credit note of a fee invoice ends its period
        self._crm_membership_periods_changed()
        return result

    @api.multi
    def action_invoice_paid(self):
        result = super().action_invoice_paid()
        self._crm_membership_payment_changed()
        return result

    @api.multi
    def action_invoice_re_open(self):
        result = super().action_invoice_re_open()
        self._crm_membership_payment_changed()
        return result

    @api.multi
    def action_cancel(self):
        result = super().action_cancel()
        # a cancelled fee invoice, or a cancelled credit note of a paid one
        self._crm_membership_periods_changed()
        return result

    @api.multi
    def _crm_link_fee_periods(self):
        """Periods of club fees invoiced without the membership's own button (a
        sale order of the fee product, a manual invoice) become periods of the
        customer's membership of that club: its open one, else its latest
        expired one, else a new candidate. They then activate it when paid."""
        # sudo: the period follows the invoice whoever posts it (an accountant
        # without membership rights); only this invoice's own lines are linked
        Period = self.env["membership.membership_line"].sudo()
        periods = Period.search([
            ("account_invoice_line", "in", self.mapped("invoice_line_ids").ids),
            ("crm_membership_id", "=", False)])
        if not periods:
            return
        Club = self.env["crm.membership.club"].sudo()
        Membership = self.env["crm.membership"].sudo()
        clubs = Club.search([
            ("fee_type", "=", "fee"),
            ("fee_product_id", "in", periods.mapped("membership_id").ids)])
        for period in periods:
            invoice = period.account_invoice_line.invoice_id
            club = clubs.filtered(
                lambda c: c.fee_product_id == period.membership_id
                and c.company_id == invoice.company_id)[:1]
            if not club or invoice.type != "out_invoice":
                continue
            partner = invoice.partner_id.commercial_partner_id
            members = Membership.search([
                ("club_id", "=", club.id), ("partner_id", "child_of", partner.id),
                ("state", "!=", "cancelled")])
            member = members.filtered(lambda m: m.state != "expired")[:1] \
                or members.sorted(lambda m: m.expiry_date or "")[-1:]
            if not member:
                member = Membership.create({
                    "club_id": club.id, "partner_id": partner.id})
            start, end = member._next_period(invoice.date_invoice)
            period.write({
                "crm_membership_id": member.id,
                "date_from": fields.Date.to_string(start),
                "date_to": fields.Date.to_string(end),
            })
            member.message_post(body=_(
                "Fee invoiced on %(invoice)s for %(start)s to %(end)s.") % {
                    "invoice": invoice.number, "start": start, "end": end})

    @api.multi
    def _crm_membership_periods_changed(self):
        """Club memberships follow the periods of these invoices (or of the
        invoices these credit notes refund): paid, no longer paid, refunded."""
        invoices = self | self.mapped("refund_invoice_id")
        # membership periods follow the invoice whoever changes it
        periods = self.env["membership.membership_line"].sudo().search([
            ("account_invoice_line", "in", invoices.mapped("invoice_line_ids").ids),
            ("crm_membership_id", "!=", False)])
        if periods:
            periods.mapped("crm_membership_id")._sync_from_periods()

    @api.multi
    def _crm_membership_payment_changed(self):
        """Fees paid activate memberships, fees no longer paid take the period
        back; paid invoices earn points and refunds take them back; a first paid
        invoice rewards the referrer."""
        self._crm_membership_periods_changed()
        origins = self.filtered(lambda inv: inv.type == "out_invoice") | \
            self.filtered(lambda inv: inv.type == "out_refund").mapped(
                "refund_invoice_id")
        Membership = self.env["crm.membership"]
        Membership._sync_invoice_points(origins)
        Membership._reward_referrals(origins)
