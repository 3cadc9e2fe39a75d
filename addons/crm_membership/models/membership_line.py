# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import float_compare

PERIOD_STATES = [
    ("waiting", "Waiting"),
    ("invoiced", "Invoiced"),
    ("paid", "Paid"),
    ("refunded", "Refunded"),
    ("cancelled", "Cancelled"),
]


class MembershipLine(models.Model):
    """A period of a club membership: Odoo's membership line of its fee invoice."""

    _inherit = "membership.membership_line"

    crm_membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Club Membership",
        index=True,
        ondelete="set null",
    )
    crm_period_state = fields.Selection(
        selection=PERIOD_STATES,
        string="Period State",
        compute="_compute_crm_period_state",
        store=True,
        help="Paid: the fee invoice is paid and not refunded; only paid periods "
             "make a club membership active.\n"
             "Refunded: posted credit notes of the fee invoice refund the whole "
             "fee (Odoo's own membership state may still say paid).",
    )

    @api.multi
    @api.depends("account_invoice_line.invoice_id.state",
                 "account_invoice_line.invoice_id.refund_invoice_ids.state")
    def _compute_crm_period_state(self):
        for line in self:
            invoice_line = line.account_invoice_line
            invoice = invoice_line.invoice_id
            if not invoice or invoice.state == "cancel":
                line.crm_period_state = "cancelled"
            elif line._crm_fee_refunded():
                line.crm_period_state = "refunded"
            else:
                line.crm_period_state = {
                    "draft": "waiting", "open": "invoiced", "paid": "paid",
                }.get(invoice.state, "cancelled")

    @api.multi
    def _crm_fee_refunded(self):
        """The posted credit notes of the fee invoice give back at least the fee
        of this period's line (its product, untaxed)."""
        self.ensure_one()
        invoice_line = self.account_invoice_line
        refunds = invoice_line.invoice_id.refund_invoice_ids.filtered(
            lambda refund: refund.state in ("open", "paid"))
        if not refunds:
            return False
        refunded = sum(refunds.mapped("invoice_line_ids").filtered(
            lambda line: line.product_id == invoice_line.product_id
        ).mapped("price_subtotal"))
        return float_compare(
            refunded, invoice_line.price_subtotal,
            precision_rounding=invoice_line.invoice_id.currency_id.rounding) >= 0
