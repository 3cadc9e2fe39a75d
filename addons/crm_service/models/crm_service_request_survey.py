# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The satisfaction survey sent when a service request closes."""
from odoo import api, fields, models


class CrmServiceRequestSurvey(models.Model):
    _inherit = "crm.service.request"

    survey_input_id = fields.Many2one(
        comodel_name="survey.user_input",
        string="Satisfaction Survey",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    survey_url = fields.Char(
        string="Survey Link",
        compute="_compute_survey_url",
        help="The customer's personal link to the satisfaction survey, sent by "
             "email when the request closes.",
    )
    csat = fields.Integer(
        string="CSAT",
        readonly=True,
        copy=False,
        group_operator="avg",
        help="Customer satisfaction, 1 (very unhappy) to 5 (very happy).",
    )
    nps = fields.Integer(
        string="NPS",
        readonly=True,
        copy=False,
        group_operator="avg",
        help="Likelihood to recommend us, 0 to 10.",
    )

    _sql_constraints = [
        ("csat_range", "CHECK (csat IS NULL OR csat BETWEEN 0 AND 5)",
         "CSAT is between 1 and 5."),
        ("nps_range", "CHECK (nps IS NULL OR nps BETWEEN 0 AND 10)",
         "NPS is between 0 and 10."),
    ]

    @api.depends("survey_input_id")
    def _compute_survey_url(self):
        for request in self:
            # the answer's token and the survey's address are the survey's: the
            # agent sees the link, not the survey records
            user_input = request.sudo().survey_input_id
            request.survey_url = "%s/%s" % (
                user_input.survey_id.public_url, user_input.token
            ) if user_input else False

    @api.multi
    def _send_survey(self):
        """Email each customer the personal link to the satisfaction survey (the
        template ``mail_template_satisfaction_survey``), once per request."""
        survey = self.env.ref("crm_service.survey_satisfaction",
                              raise_if_not_found=False)
        template = self.env.ref("crm_service.mail_template_satisfaction_survey",
                                raise_if_not_found=False)
        if not survey or not template:
            return
        for request in self.filtered(
                lambda r: r.partner_id.email and not r.survey_input_id):
            # survey answers are not the agent's to create: the customer fills them
            user_input = self.env["survey.user_input"].sudo().create({
                "survey_id": survey.id,
                "partner_id": request.partner_id.id,
                "email": request.partner_id.email,
                "type": "link",
                "service_request_id": request.id,
            })
            # the link is a system field, written whatever the agent's rights
            request.sudo().write(
                {"survey_input_id": user_input.id})
            # in the chatter and by email to the customer (the template's partner)
            request.message_post_with_template(
                template.id, composition_mode="comment", message_type="comment",
                subtype_id=self.env.ref("mail.mt_comment").id)
