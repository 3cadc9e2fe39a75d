# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmHrEmployment(models.Model):
    _name = "crm.hr.employment"
    _inherit = ["crm.hr.employee.record.mixin", "crm.hr.period.mixin"]
    _description = "Previous Employment of an Employee"
    _order = "date_end desc, date_start desc, id desc"

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
