# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountInvoiceLine(models.Model):
    _inherit = "account.invoice.line"

    crm_marketing_cost_id = fields.Many2one(
        comodel_name="crm.marketing.campaign.cost",
        string="Campaign Cost",
        ondelete="set null",
        index=True,
        copy=False,
        help="The planned campaign cost this bill line was drafted from: its "
             "channel gets the actual cost once the bill is posted.",
    )
