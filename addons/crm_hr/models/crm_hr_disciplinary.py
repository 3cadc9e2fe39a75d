# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

DISCIPLINARY_TYPES = [
    ("verbal", "Verbal Warning"),
    ("written", "Written Warning"),
    ("final", "Final Warning"),
    ("suspension", "Suspension"),
]


class CrmHrDisciplinary(models.Model):
    """Confidential: only HR officers have any access to this model."""

    _name = "crm.hr.disciplinary"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Disciplinary Record"
    _order = "date desc, id desc"

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Employee",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="employee_id.company_id",
        store=True,
        readonly=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    record_type = fields.Selection(
        selection=DISCIPLINARY_TYPES,
        string="Type",
        required=True,
        default="verbal",
    )
    name = fields.Char(
        string="Reason",
        required=True,
    )
    description = fields.Text()
    action_taken = fields.Text()
