# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    service_request_id = fields.Many2one(
        comodel_name="crm.service.request",
        string="Service Request",
        index=True,
        ondelete="set null",
    )

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "done":
            self.filtered("service_request_id")._store_satisfaction()
        return result

    @api.multi
    def _store_satisfaction(self):
        """Copy the CSAT and NPS answers onto the request."""
        questions = {
            "csat": self.env.ref("crm_service.survey_question_csat",
                                 raise_if_not_found=False),
            "nps": self.env.ref("crm_service.survey_question_nps",
                                raise_if_not_found=False),
        }
        bounds = {"csat": (1, 5), "nps": (0, 10)}
        for user_input in self:
            vals = {}
            for name, question in questions.items():
                line = user_input.user_input_line_ids.filtered(
                    lambda l, q=question: l.question_id == q and not l.skipped)[:1]
                if line and line.answer_type == "number":
                    low, high = bounds[name]
                    vals[name] = int(min(max(round(line.value_number), low), high))
            if vals:
                # the customer answering has no access to the request itself
                user_input.service_request_id.sudo().write(vals)
