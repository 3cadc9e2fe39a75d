# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TRAINING_RESULTS = [
    ("planned", "Planned"),
    ("attended", "Attended"),
    ("passed", "Passed"),
    ("failed", "Failed"),
]


class CrmHrTraining(models.Model):
    _name = "crm.hr.training"
    _inherit = ["crm.hr.employee.record.mixin", "crm.hr.period.mixin"]
    _description = "Training of an Employee"
    _order = "date_start desc, id desc"

    course = fields.Char(
        required=True,
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
    )
    date_end = fields.Date(
        string="End Date",
    )
    hours = fields.Float(
        help="Hours of training followed.",
    )
    result = fields.Selection(
        selection=TRAINING_RESULTS,
        required=True,
        default="planned",
    )
    notes = fields.Text()

    @api.constrains("hours")
    def _check_hours(self):
        if any(training.hours < 0 for training in self):
            raise ValidationError(_("The hours of a training cannot be negative."))
