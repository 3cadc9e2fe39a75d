# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Points redeemed on a quotation go back to the member when the quotation is
cancelled or deleted, or its points line removed; once per redemption."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .access import is_protected

# what a points line was paid for: fixed once the points are spent
LOCKED_LINE_FIELDS = ("product_id", "product_uom_qty", "product_uom", "price_unit",
                      "discount", "tax_id", "crm_points_line_id", "order_id")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.multi
    def _crm_tier_discount(self):
        """The discount (%) of the best tier among the active memberships of the
        order's customer (or its contacts) in the order's company."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        if not partner:
            return 0.0
        # sudo: the tier's discount applies whoever writes the quotation (a
        # salesman need not read memberships); only the percentage is used
        memberships = self.env["crm.membership"].sudo().search([
            ("partner_id", "child_of", partner.id), ("state", "=", "active"),
            ("company_id", "=", self.company_id.id)])
        return max(memberships.mapped("tier_id.discount_percent") or [0.0])

    @api.multi
    def copy_data(self, default=None):
        """A copy of a quotation never carries its points lines: their points were
        spent on this one."""
        default = dict(default or {})
        if "order_line" not in default:
            default["order_line"] = [
                (0, 0, line.copy_data()[0]) for line in self.order_line.filtered(
                    lambda l: not l.is_downpayment and not l.crm_points_line_id)]
        return super().copy_data(default)

    @api.multi
    def action_cancel(self):
        result = super().action_cancel()
        for order in self:
            order.order_line._crm_return_points(
                _("Points returned: %s cancelled") % order.name)
        return result

    @api.multi
    def action_draft(self):
        """A cancelled quotation set back to draft loses the points lines whose
        points were returned: the member redeems them again if they wish."""
        cancelled = self.filtered(lambda order: order.state == "cancel")
        result = super().action_draft()
        # the ledger says which redemptions went back, whoever resets the order
        lines = cancelled.mapped("order_line").filtered(
            lambda line: line.crm_points_line_id.sudo().reversal_line_ids)
        for order in lines.mapped("order_id"):
            order.message_post(body=_(
                "Points lines removed: their points went back to the member when "
                "the quotation was cancelled."))
        lines.unlink()
        return result

    @api.multi
    def unlink(self):
        for order in self:
            order.order_line._crm_return_points(
                _("Points returned: %s deleted") % order.name)
        return super().unlink()


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    crm_points_line_id = fields.Many2one(
        comodel_name="crm.membership.points",
        string="Points Redemption",
        readonly=True,
        copy=False,
        index=True,
        ondelete="set null",
        help="The club points this line was paid with; they go back to the member "
             "when the line is removed or the quotation cancelled.",
    )

    @api.model
    def create(self, vals):
        if vals.get("crm_points_line_id") and not is_protected(self):
            raise UserError(_(
                "Points lines are added by a redemption of the member's points."))
        line = super().create(vals)
        if "discount" not in vals:
            line._crm_apply_tier_discount()
        return line

    @api.multi
    def _crm_tier_discountable(self):
        """Lines the member's tier discount applies to: products sold, not the
        club's fees, points discounts or rewards."""
        return self.filtered(
            lambda line: line.product_id and not line.crm_points_line_id
            and not line.product_id.membership and not line.is_downpayment
            and line.product_id not in self.env["crm.membership.club"].sudo().search(
                []).mapped("discount_product_id"))

    @api.multi
    def _crm_apply_tier_discount(self):
        for line in self._crm_tier_discountable():
            discount = line.order_id._crm_tier_discount()
            if discount and discount > line.discount:
                line.discount = discount

    @api.onchange("product_id")
    def _onchange_product_id_crm_tier(self):
        """The member's tier discount on the line, as the form shows it."""
        if self.product_id and self.order_id and self._crm_tier_discountable():
            discount = self.order_id._crm_tier_discount()
            if discount > self.discount:
                self.discount = discount

    @api.multi
    def write(self, vals):
        locked = [name for name in LOCKED_LINE_FIELDS if name in vals]
        if locked and self.filtered("crm_points_line_id") and not is_protected(self):
            for line in self.filtered("crm_points_line_id"):
                changed = [name for name in locked
                           if line._fields[name].convert_to_write(
                               line[name], line) != vals[name]]
                if changed:
                    raise UserError(_(
                        "%(line)s is paid with club points: its product, quantity, "
                        "price, discount and taxes cannot change. Remove the line to "
                        "give the points back.") % {"line": line.name})
        return super().write(vals)

    @api.multi
    def unlink(self):
        for line in self.filtered("crm_points_line_id"):
            line._crm_return_points(
                _("Points returned: line removed from %s") % line.order_id.name)
        return super().unlink()

    @api.multi
    def _crm_return_points(self, reason, day=None):
        """Give back the points of these lines' redemptions (once each), unless the
        discount has been invoiced."""
        redemptions = self.filtered(
            lambda line: not line.qty_invoiced).mapped("crm_points_line_id")
        if not redemptions:
            return self.env["crm.membership.points"]
        return self.env["crm.membership.points"]._return_redemptions(
            redemptions, day or fields.Date.context_today(self), reason)
