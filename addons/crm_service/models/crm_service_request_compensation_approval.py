# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approval of compensations above what a service agent grants alone."""
from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import formatLang

# Set only by a service manager's approval (or the system).
_APPROVAL_FIELDS = {"compensation_approved", "compensation_approver_id",
                    "compensation_to_approve"}


class CrmServiceRequestCompensationApproval(models.Model):
    _inherit = "crm.service.request"

    compensation_to_approve = fields.Boolean(
        string="Compensation Waits for Approval",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    compensation_approved = fields.Monetary(
        string="Approved Compensation",
        currency_field="currency_id",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="Approved by a service manager: agents may draft a compensation up "
             "to this amount.",
    )
    compensation_approver_id = fields.Many2one(
        comodel_name="res.users",
        string="Approved By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    @api.multi
    def write(self, vals):
        if _APPROVAL_FIELDS & set(vals) and self.env.uid != SUPERUSER_ID and \
                not self.env.user.has_group("crm_service.group_service_manager"):
            raise AccessError(_("Only a service manager approves compensations."))
        return super().write(vals)

    @api.multi
    def _compensation_within_rights(self):
        """A service manager grants any amount; an agent up to the company's limit
        or the amount a service manager approved."""
        self.ensure_one()
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group(
                "crm_service.group_service_manager"):
            return True
        amount = self.compensation_proposed
        limit = self.company_id.crm_service_compensation_limit
        return self.currency_id.compare_amounts(amount, limit) <= 0 or \
            self.currency_id.compare_amounts(
                amount, self.compensation_approved) <= 0

    @api.multi
    def _request_compensation_approval(self):
        """Ask the team's service manager (else a service manager) to approve the
        proposed compensation: an activity for them and a note in the chatter."""
        self.ensure_one()
        if self.compensation_to_approve:
            return
        manager = self.team_id.manager_id or self.env["res.users"].browse(
            self._escalation_fallback_user())
        amount = formatLang(self.env, self.compensation_proposed,
                            currency_obj=self.currency_id)
        # the approval fields are the system's: set after the checks of the caller
        request = self.sudo()
        request.write({"compensation_to_approve": True})
        if manager:
            request.env["mail.activity"].create({
                "res_model_id": self.env["ir.model"]._get(self._name).id,
                "res_id": self.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": self._compensation_approval_summary(),
                "user_id": manager.id,
            })
        self.message_post(body="<p>%s</p>" % tools.html_escape(_(
            "A compensation of %(amount)s is above the limit of agents: it waits "
            "for a service manager's approval.") % {"amount": amount}),
            subtype="mail.mt_note")

    @api.model
    def _compensation_approval_summary(self):
        return _("Approve the compensation")

    @api.multi
    def action_approve_compensation(self):
        """A service manager approves the proposed compensation: the agent can
        then draft it."""
        self.ensure_one()
        if not self.env.user.has_group("crm_service.group_service_manager"):
            raise AccessError(_("Only a service manager approves compensations."))
        self.check_access_rule("write")
        if self.compensation_proposed <= 0:
            raise UserError(_("Enter the proposed compensation (a positive amount)."))
        self.write({
            "compensation_approved": self.compensation_proposed,
            "compensation_approver_id": self.env.uid,
            "compensation_to_approve": False,
        })
        self.activity_ids.filtered(
            lambda activity: activity.summary ==
            self._compensation_approval_summary()).action_feedback(
            feedback=_("Approved"))
        self.message_post(body="<p>%s</p>" % tools.html_escape(_(
            "Compensation of %(amount)s approved by %(user)s.") % {
            "amount": formatLang(self.env, self.compensation_proposed,
                                 currency_obj=self.currency_id),
            "user": self.env.user.name}), subtype="mail.mt_note")
        return True
