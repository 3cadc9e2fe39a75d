# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmHrEmployment(models.Model):
    _name = "crm.hr.employment"
    _inherit = ["crm.input.validation.mixin", "crm.hr.period.mixin"]
    _description = "Previous Employment of an Employee"
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
    employer = fields.Char(
        required=True,
    )
    position = fields.Char()
    date_start = fields.Date(
        string="Start Date",
    )
    date_end = fields.Date(
        string="End Date",
    )
    description = fields.Text()
