# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    crm_marketing_cost_id = fields.Many2one(
        comodel_name="crm.marketing.campaign.cost",
        string="Campaign Cost",
        ondelete="set null",
        index=True,
        copy=False,
        readonly=True,
        help="The planned campaign cost of the vendor bill line this journal item "
             "comes from: the actual cost of its analytic lines goes to that "
             "cost's channel.",
    )
