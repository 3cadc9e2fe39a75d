# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Marketing campaigns: the plan, its approval and its steps.

The audience, the channel actions and the results live in their own files
(``crm_marketing_campaign_audience.py``, ``_channels.py``, ``_results.py``); the
rules of the steps and of what an approval binds are plain functions in
``logic/transitions.py``.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_lifecycle.models.crm_input_validation import check_values

from ..logic.transitions import APPROVED_FIELDS, approval_effect, transition_problem

OBJECTIVES = [
    ("acquisition", "Acquisition"),
    ("retention", "Retention"),
    ("cross_sell", "Cross-sell"),
    ("up_sell", "Up-sell"),
    ("win_back", "Win-back"),
    ("experience", "Customer Experience"),
]

STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("running", "Running"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]

MANAGER_GROUP = "crm_marketing.group_marketing_manager"


class CrmMarketingCampaign(models.Model):
    _name = "crm.marketing.campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.input.validation.mixin"]
    _description = "Marketing Campaign"
    _order = "date_start desc, id desc"

    def _default_reply_alias(self):
        return self.env.ref("crm_marketing.mail_alias_campaign_reply",
                            raise_if_not_found=False)

    name = fields.Char(
        required=True,
        track_visibility="onchange",
    )
    code = fields.Char(
        string="Reference",
        readonly=True,
        copy=False,
        default="/",
    )
    objective = fields.Selection(
        selection=OBJECTIVES,
        required=True,
        default="acquisition",
        track_visibility="onchange",
    )
    description = fields.Text()
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        track_visibility="onchange",
    )
    date_end = fields.Date(
        string="End Date",
        track_visibility="onchange",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Owner",
        default=lambda self: self.env.user,
        track_visibility="onchange",
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.user.company_id,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
        readonly=True,
    )
    state = fields.Selection(
        selection=STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        track_visibility="onchange",
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Approved By",
        readonly=True,
        copy=False,
        help="Set by the approval only; cleared when the approved plan changes.",
    )
    approval_date = fields.Datetime(
        readonly=True,
        copy=False,
    )
    budget = fields.Monetary(
        currency_field="currency_id",
        track_visibility="onchange",
    )
    utm_campaign_id = fields.Many2one(
        comodel_name="utm.campaign",
        string="UTM Campaign",
        ondelete="restrict",
        copy=False,
        help="Leads, opportunities and orders carrying this UTM campaign are "
             "attributed to the campaign (created with the campaign when empty).",
    )
    analytic_account_id = fields.Many2one(
        comodel_name="account.analytic.account",
        string="Analytic Account",
        ondelete="restrict",
        copy=False,
        help="Post vendor bills of the campaign on this account: the posted lines "
             "of purchase journals are the actual cost.",
    )
    channel_ids = fields.Many2many(
        comodel_name="crm.marketing.channel",
        relation="crm_marketing_campaign_channel_rel",
        column1="campaign_id",
        column2="channel_id",
        string="Channels",
    )
    competitor_ids = fields.Many2many(
        comodel_name="crm.competitor",
        relation="crm_marketing_campaign_competitor_rel",
        column1="campaign_id",
        column2="competitor_id",
        string="Competitors",
    )
    reply_alias_id = fields.Many2one(
        comodel_name="mail.alias",
        string="Reply Alias",
        default=lambda self: self._default_reply_alias(),
        help="Replies to the campaign's mailings go to this alias, which creates "
             "leads attributed to the campaign.",
    )
    cost_ids = fields.One2many(
        comodel_name="crm.marketing.campaign.cost",
        inverse_name="campaign_id",
        string="Planned Costs",
    )

    _sql_constraints = [
        ("budget_positive", "CHECK (budget >= 0)", "The budget cannot be negative."),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_end and campaign.date_end < campaign.date_start:
                raise ValidationError(_(
                    "Campaign %(name)s: the end date cannot be before the start date."
                ) % {"name": campaign.name})

    @api.constrains("budget")
    def _check_budget(self):
        for campaign in self:
            if campaign.budget < 0:
                raise ValidationError(_(
                    "Campaign %(name)s: the budget cannot be negative."
                ) % {"name": campaign.name})

    @api.model
    def _check_budget_value(self, vals):
        """Refuse a negative budget before the database constraint does."""
        budget = vals.get("budget")
        if isinstance(budget, (int, float)) and not isinstance(budget, bool) \
                and budget < 0:
            raise ValidationError(_("The budget cannot be negative."))

    @api.model
    def create(self, vals):
        # before anything reads the values (the analytic account takes the company)
        check_values(self, vals)
        self._check_budget_value(vals)
        if vals.get("approved_by_id") or vals.get("approval_date"):
            raise AccessError(_("A campaign is approved by its Approve button only."))
        vals = dict(vals)
        if vals.get("code", "/") == "/":
            vals["code"] = self.env["ir.sequence"].next_by_code(
                "crm.marketing.campaign") or "/"
        if not vals.get("utm_campaign_id") and vals.get("name"):
            vals["utm_campaign_id"] = self.env["utm.campaign"].create(
                {"name": vals["name"]}).id
        if not vals.get("analytic_account_id") and vals.get("name"):
            vals["analytic_account_id"] = self._create_analytic_account(vals).id
        if vals.get("state", "draft") != "draft":
            raise UserError(_("A campaign starts as a draft."))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        check_values(self, vals)
        self._check_budget_value(vals)
        self._check_approval_values(vals)
        if "state" in vals:
            self._check_state_change(vals["state"])
        reapprove = self._approval_changed(vals)
        if vals.get("state") == "running":
            # however it starts, a running campaign has its frozen audience
            for campaign in self.filtered(lambda c: c.state != "running"):
                campaign._snapshot_members()
        result = super().write(vals)
        reapprove._back_to_approval()
        return result

    @api.multi
    def unlink(self):
        if any(c.state not in ("draft", "cancelled") for c in self):
            raise UserError(_("Only draft or cancelled campaigns can be deleted."))
        return super().unlink()

    @api.multi
    def _check_approval_values(self, vals):
        """The approver and the date are written by the approval (set to the
        approving manager) or by a return to draft (cleared), never by hand."""
        if "approved_by_id" not in vals and "approval_date" not in vals:
            return
        approving = vals.get("state") == "approved" \
            and vals.get("approved_by_id") == self.env.uid
        clearing = vals.get("state") == "draft" \
            and not vals.get("approved_by_id") and not vals.get("approval_date")
        if not (approving or clearing):
            raise AccessError(_("A campaign is approved by its Approve button only."))

    @api.model
    def _approval_fields(self):
        """Fields whose change sends an approved campaign back for approval
        (addons add their audience criteria)."""
        return list(APPROVED_FIELDS)

    @api.multi
    def _approval_changed(self, vals_or_fields):
        """Campaigns among these that a change of ``vals_or_fields`` (values or
        field names) sends back to draft; raise when the change is refused.
        Values that also name the state are judged against that step: staying
        in the same state is a plain change of the plan."""
        target = vals_or_fields.get("state") \
            if isinstance(vals_or_fields, dict) else None
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        approved = self._approval_fields()
        reapprove = self.browse()
        for campaign in self:
            effect = approval_effect(campaign.state, vals_or_fields, approved,
                                     is_manager, target)
            if effect == "with_step":
                raise UserError(_(
                    "Campaign %(name)s: change its budget, audience, channels or "
                    "planned costs apart from its step; only a marketing manager "
                    "may do both at once.") % {"name": campaign.name})
            if effect == "refused":
                raise UserError(_(
                    "Campaign %(name)s is under way: its budget, audience, channels "
                    "and planned costs were approved; only a marketing manager may "
                    "change them now.") % {"name": campaign.name})
            if effect == "reapprove":
                reapprove |= campaign
        return reapprove

    @api.multi
    def _on_approved_plan_change(self):
        """A planned cost of these campaigns was added, changed or removed."""
        self._approval_changed(["cost_ids"])._back_to_approval()

    @api.multi
    def _back_to_approval(self):
        """An approved campaign whose plan changed must be approved again."""
        self = self.filtered(lambda c: c.state == "approved")
        if not self:
            return
        super(CrmMarketingCampaign, self).write({
            "state": "draft", "approved_by_id": False, "approval_date": False})
        for campaign in self:
            campaign.message_post(body=_(
                "The approved plan changed: the campaign is back to draft and must "
                "be approved again."))

    @api.multi
    def _check_state_change(self, state):
        """Approval by a marketing manager; running only once approved."""
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        labels = dict(self._fields["state"].get_description(self.env)["selection"])
        for campaign in self:
            problem = transition_problem(campaign.state, state, is_manager)
            if problem == "not_manager":
                raise AccessError(_("Only a marketing manager can approve a campaign."))
            if problem == "not_approved":
                raise UserError(_(
                    "Campaign %(name)s must be approved by a marketing manager "
                    "before it runs.") % {"name": campaign.name})
            if problem == "not_draft":
                raise UserError(_(
                    "Campaign %(name)s: only a draft campaign can be approved."
                ) % {"name": campaign.name})
            if problem == "step":
                raise UserError(_(
                    "Campaign %(name)s cannot go from %(from)s to %(to)s.") % {
                        "name": campaign.name, "from": labels[campaign.state],
                        "to": labels.get(state, state)})

    @api.multi
    def _check_can_run(self):
        """Channel actions and the snapshot work partly as superuser: only those
        who may change the campaign (marketing users) run them."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.model
    def _create_analytic_account(self, vals):
        company_id = vals.get("company_id") or self.env.user.company_id.id
        # sudo: marketing users get the campaign's cost account without needing
        # analytic accounting rights
        return self.env["account.analytic.account"].sudo().create({
            "name": _("Campaign: %(name)s") % {"name": vals["name"]},
            "code": vals.get("code") if vals.get("code") != "/" else False,
            "company_id": company_id,
        })

    # actions ---------------------------------------------------------------
    @api.multi
    def action_approve(self):
        self.ensure_one()
        self.write({
            "state": "approved",
            "approved_by_id": self.env.uid,
            "approval_date": fields.Datetime.now(),
        })
        return True

    @api.multi
    def action_start(self):
        self.ensure_one()
        if self.state != "approved":
            raise UserError(_(
                "Campaign %(name)s must be approved by a marketing manager before "
                "it runs.") % {"name": self.name})
        self.write({"state": "running"})
        return True

    @api.multi
    def action_done(self):
        self.ensure_one()
        if self.state != "running":
            raise UserError(_("Only a running campaign can be closed."))
        self.write({"state": "done"})
        return True

    @api.multi
    def action_cancel(self):
        self.ensure_one()
        if self.state == "done":
            raise UserError(_("A finished campaign cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    @api.multi
    def action_draft(self):
        self.ensure_one()
        if self.state != "cancelled":
            raise UserError(_("Only a cancelled campaign can be set back to draft."))
        self.write({"state": "draft", "approved_by_id": False,
                    "approval_date": False})
        return True

    @api.model
    def _window(self, name, model, domain):
        return {
            "name": name,
            "type": "ir.actions.act_window",
            "res_model": model,
            "view_mode": "tree,form",
            "domain": domain,
        }
