# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .hr_employee import OFFICER_GROUP

APPRAISAL_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("done", "Done"),
]

# Put in the context by _crm_hr_set_state only, after the action checked the
# caller: an object compared with ``is``, which no RPC caller can forge (JSON and
# XML-RPC carry no Python objects).
_STATE_ACTION = object()


class CrmHrAppraisal(models.Model):
    """Scores are confidential: the employee reads their own appraisals once done,
    the reviewer those they write, HR officers all (record rules)."""

    _name = "crm.hr.appraisal"
    _inherit = ["crm.input.validation.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Appraisal"
    _order = "date_to desc, id desc"

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Employee",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    company_id = fields.Many2one(
        related="employee_id.company_id",
        store=True,
        readonly=True,
    )
    reviewer_id = fields.Many2one(
        comodel_name="res.users",
        string="Reviewer",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
    )
    date_from = fields.Date(
        string="Period From",
        required=True,
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    date_to = fields.Date(
        string="Period To",
        required=True,
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    line_ids = fields.One2many(
        comodel_name="crm.hr.appraisal.line",
        inverse_name="appraisal_id",
        string="Scores",
        readonly=True,
        states={"draft": [("readonly", False)]},
        default=lambda self: self._default_line_ids(),
    )
    overall_score = fields.Float(
        compute="_compute_overall_score",
        store=True,
        digits=(3, 2),
        group_operator="avg",
        help="Average of the scored criteria.",
    )
    comments = fields.Text(
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    state = fields.Selection(
        selection=APPRAISAL_STATES,
        required=True,
        default="draft",
        readonly=True,
        index=True,
        track_visibility="onchange",
    )

    def _default_line_ids(self):
        criteria = self.env["crm.hr.appraisal.criterion"].search([])
        return [(0, 0, {"criterion_id": criterion.id}) for criterion in criteria]

    @api.depends("line_ids.score")
    def _compute_overall_score(self):
        for appraisal in self:
            scores = [line.score for line in appraisal.line_ids if line.score]
            appraisal.overall_score = sum(scores) / len(scores) if scores else 0.0

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        if any(appraisal.date_to < appraisal.date_from for appraisal in self):
            raise ValidationError(_("The period of an appraisal ends after it "
                                    "starts."))

    @api.multi
    def name_get(self):
        return [(appraisal.id, _("%(employee)s, %(start)s to %(end)s") % {
            "employee": appraisal.employee_id.name, "start": appraisal.date_from,
            "end": appraisal.date_to}) for appraisal in self]

    @api.multi
    def write(self, vals):
        """A reviewer edits the scores and comments of their draft (record rule);
        the state, the employee and the reviewer are HR's, the state changing only
        through the actions."""
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group(OFFICER_GROUP):
            return super().write(vals)
        if "state" in vals and \
                self.env.context.get("crm_hr_appraisal_state") is not _STATE_ACTION:
            raise AccessError(_("An appraisal is submitted with its button, and only "
                                "HR officers close or reopen it."))
        if "employee_id" in vals or "reviewer_id" in vals:
            raise AccessError(_("Only HR officers may change who is appraised and "
                                "who reviews."))
        return super().write(vals)

    @api.multi
    def _crm_hr_set_state(self, state):
        """Write the state on behalf of an action that has checked its caller."""
        return self.with_context(
            crm_hr_appraisal_state=_STATE_ACTION).write({"state": state})

    @api.multi
    def action_submit(self):
        """The reviewer hands the scored appraisal to HR."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("Only a draft appraisal can be submitted."))
        if self.env.user != self.reviewer_id \
                and not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only the reviewer or an HR officer may submit this "
                                "appraisal."))
        if not self.line_ids or any(not line.score for line in self.line_ids):
            raise UserError(_("Score every criterion before submitting the "
                              "appraisal."))
        self._crm_hr_set_state("submitted")

    @api.multi
    def action_done(self):
        """HR closes the appraisal: the employee can read it from now on."""
        self.ensure_one()
        self._crm_hr_check_officer()
        if self.state != "submitted":
            raise UserError(_("Only a submitted appraisal can be closed."))
        self._crm_hr_set_state("done")

    @api.multi
    def action_draft(self):
        self.ensure_one()
        self._crm_hr_check_officer()
        self._crm_hr_set_state("draft")

    @api.model
    def _crm_hr_check_officer(self):
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only HR officers may close or reopen appraisals."))
