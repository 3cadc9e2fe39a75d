# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from ..models.access import OFFICER, check_groups


class CrmMembershipRedeem(models.TransientModel):
    _name = "crm.membership.redeem"
    _description = "Redeem Points"

    membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Member",
        required=True,
    )
    club_id = fields.Many2one(
        related="membership_id.club_id",
        readonly=True,
    )
    points_balance = fields.Integer(
        related="membership_id.points_balance",
        readonly=True,
    )
    mode = fields.Selection(
        selection=[("discount", "Discount on a quotation"),
                   ("reward", "Reward product")],
        required=True,
        default="discount",
    )
    points = fields.Integer()
    order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Quotation",
    )
    reward_id = fields.Many2one(
        comodel_name="crm.membership.reward",
        string="Reward",
        domain="[('club_id', '=', club_id)]",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="A redemption dated in the past spends only the points the member "
             "had on that date (earned by then and not expired).",
    )

    @api.multi
    def action_redeem(self):
        self.ensure_one()
        # a wizard has no access rights: the button checks the caller's groups
        check_groups(self.env, [OFFICER], _("Redeeming points"))
        if self.mode == "reward":
            self.membership_id._redeem_points(reward=self.reward_id,
                                              order=self.order_id or None,
                                              day=self.date)
        else:
            self.membership_id._redeem_points(points=self.points,
                                              order=self.order_id or None,
                                              day=self.date)
        return {"type": "ir.actions.act_window_close"}
