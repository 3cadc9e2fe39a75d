# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmHrEducation(models.Model):
    _name = "crm.hr.education"
    _inherit = ["crm.input.validation.mixin", "crm.hr.period.mixin"]
    _description = "Education of an Employee"
    _order = "date_end desc, date_start desc, id desc"

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
