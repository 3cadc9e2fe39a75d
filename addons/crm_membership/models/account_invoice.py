# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.multi
    def action_invoice_open(self):
        result = super().action_invoice_open()
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
        Membership._reward_referrals(self)
