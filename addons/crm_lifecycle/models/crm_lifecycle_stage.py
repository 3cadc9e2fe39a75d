# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..logic.stages import STAGE_CODES


class CrmLifecycleStage(models.Model):
    _name = "crm.lifecycle.stage"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Customer Lifecycle Stage"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    code = fields.Selection(
        selection=[(code, code) for code in STAGE_CODES],
        required=True,
        help="Rule of the automatic transitions that leads to this stage.",
    )
    sequence = fields.Integer(
        default=10,
    )
    fold = fields.Boolean(
        string="Folded in Kanban",
    )
    description = fields.Text(
        translate=True,
    )
    active = fields.Boolean(
        default=True,
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each rule code can be used by one stage only."),
    ]
