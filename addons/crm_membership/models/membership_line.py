# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MembershipLine(models.Model):
    """A period of a club membership: Odoo's membership line of its fee invoice."""

    _inherit = "membership.membership_line"

    crm_membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Club Membership",
        index=True,
        ondelete="set null",
    )
