# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from ..models.access import OFFICER, check_groups


class CrmMembershipAdjust(models.TransientModel):
    _name = "crm.membership.adjust"
    _description = "Adjust Points"

    membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Member",
        required=True,
    )
    points = fields.Integer(
        required=True,
        help="Points to add (positive) or take away (negative).",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="A correction dated in the past takes only the points the member "
             "had on that date (earned by then and not expired).",
    )
    reason = fields.Char(
        required=True,
    )

    @api.multi
    def action_adjust(self):
        self.ensure_one()
        # a wizard has no access rights: the button checks the caller's groups
        check_groups(self.env, [OFFICER], _("Adjusting points"))
        self.membership_id._adjust_points(self.points, self.reason, day=self.date)
        return {"type": "ir.actions.act_window_close"}
