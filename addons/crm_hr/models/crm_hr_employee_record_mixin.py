# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmHrEmployeeRecordMixin(models.AbstractModel):
    """A record of the personnel file: one employee's, in the employee's company."""

    _name = "crm.hr.employee.record.mixin"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Personnel Record of an Employee"

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
