# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

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
    def _crm_membership_payment_changed(self):
        """Fees paid activate memberships; paid invoices earn points and refunds
        take them back; a first paid invoice rewards the referrer."""
        Membership = self.env["crm.membership"]
        # membership periods and points follow the invoice whoever pays it
        periods = self.env["membership.membership_line"].sudo().search([
            ("account_invoice_line", "in", self.mapped("invoice_line_ids").ids),
            ("crm_membership_id", "!=", False)])
        if periods:
            periods.mapped("crm_membership_id")._sync_from_periods()
        origins = self.filtered(lambda inv: inv.type == "out_invoice") | \
            self.filtered(lambda inv: inv.type == "out_refund").mapped(
                "refund_invoice_id")
        Membership._sync_invoice_points(origins)
        Membership._reward_referrals(self)
