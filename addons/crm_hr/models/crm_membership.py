# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmMembership(models.Model):
    _inherit = "crm.membership"

    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Managed by",
        index=True,
        groups="base.group_user",
        track_visibility="onchange",
        help="The employee who looks after this member; moved by the portfolio "
             "handover.",
    )
