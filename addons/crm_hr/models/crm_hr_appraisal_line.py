# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MAX_SCORE = 5


class CrmHrAppraisalLine(models.Model):
    _name = "crm.hr.appraisal.line"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Appraisal Score per Criterion"
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one(
        comodel_name="crm.hr.appraisal",
        string="Appraisal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    criterion_id = fields.Many2one(
        comodel_name="crm.hr.appraisal.criterion",
        string="Criterion",
        required=True,
    )
    sequence = fields.Integer(
        related="criterion_id.sequence",
        store=True,
        readonly=True,
    )
    score = fields.Integer(
        help="1 (far below expectations) to 5 (far above); 0 when not scored.",
    )
    comment = fields.Text()

    @api.constrains("score")
    def _check_score(self):
        if any(not 0 <= line.score <= MAX_SCORE for line in self):
            raise ValidationError(_("A score is between 1 and %s (0: not scored).")
                                  % MAX_SCORE)
