# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmHrAppraisalCriterion(models.Model):
    _name = "crm.hr.appraisal.criterion"
    _description = "Appraisal Criterion"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    description = fields.Text(
        translate=True,
        help="What the reviewer assesses under this criterion.",
    )
