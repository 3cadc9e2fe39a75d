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
    _inherit = ["crm.hr.employee.record.mixin"]
    _description = "Disciplinary Record"
    _order = "date desc, id desc"

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
