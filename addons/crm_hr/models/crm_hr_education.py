# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmHrEducation(models.Model):
    _name = "crm.hr.education"
    _inherit = ["crm.hr.employee.record.mixin", "crm.hr.period.mixin"]
    _description = "Education of an Employee"
    _order = "date_end desc, date_start desc, id desc"

    school = fields.Char(
        required=True,
    )
    degree = fields.Char(
        help="Diploma or degree obtained, e.g. Bachelor of Business.",
    )
    field_of_study = fields.Char()
    date_start = fields.Date(
        string="Start Date",
    )
    date_end = fields.Date(
        string="End Date",
    )
