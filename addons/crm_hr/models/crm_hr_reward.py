# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

REWARD_TYPES = [
    ("commendation", "Commendation"),
    ("award", "Award"),
    ("bonus", "Bonus"),
]


class CrmHrReward(models.Model):
    _name = "crm.hr.reward"
    _inherit = ["crm.hr.employee.record.mixin"]
    _description = "Reward of an Employee"
    _order = "date desc, id desc"

    currency_id = fields.Many2one(
        related="company_id.currency_id",
        readonly=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    name = fields.Char(
        string="Reason",
        required=True,
    )
    reward_type = fields.Selection(
        selection=REWARD_TYPES,
        string="Type",
        required=True,
        default="commendation",
    )
    amount = fields.Monetary(
        groups="crm_hr.group_hr_officer",
        help="Salary-related: readable by HR officers only.",
    )

    @api.constrains("amount")
    def _check_amount(self):
        if any(reward.amount < 0 for reward in self.sudo()):
            raise ValidationError(_("The amount of a reward cannot be negative."))
