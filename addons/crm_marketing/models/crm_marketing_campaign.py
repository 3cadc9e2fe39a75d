# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Marketing campaigns: plan, audience, channels, costs and results.

The results are read from the promotion analysis (``crm.marketing.analysis``) under
the reader's record rules, so the form and the report always agree: a salesperson
does not count the customers the confidentiality setting hides from them. Figures
are in the company's currency:

* actual cost: the analytic lines of the campaign's analytic account that come from
  posted journal entries (vendor bills), costs counted positive;
* reached, opened, clicked, replied: the statistics of the campaign's mailings;
* revenue and margin: untaxed amount and margin of the confirmed sale orders that
  carry the campaign's UTM campaign, converted at the order date;
* ROI = (margin - actual cost) / actual cost; cost per lead = actual cost / leads;
  cost per customer = actual cost / customers whose first confirmed order is one
  of the campaign's.
"""
import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import html_escape
from odoo.tools.safe_eval import safe_eval

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

# Measures of the promotion analysis shown as the campaign's results (all sums).
RESULT_MEASURES = [
    "planned_cost", "actual_cost", "reached_count", "opened_count", "clicked_count",
    "replied_count", "lead_count", "opportunity_count", "order_count",
    "customer_count", "revenue", "margin",
]

# Columns of the result tables on the form, per grouping of the analysis.
CHANNEL_COLUMNS = [
    "planned_cost", "actual_cost", "reached_count", "opened_count", "clicked_count",
    "replied_count", "lead_count", "order_count", "revenue", "margin",
]
SEGMENT_COLUMNS = [
    "lead_count", "opportunity_count", "order_count", "customer_count", "revenue",
    "margin",
]
MONETARY_MEASURES = ("planned_cost", "actual_cost", "revenue", "margin")

_SNAPSHOT_SQL = """
INSERT INTO crm_marketing_campaign_member (campaign_id, partner_id, email,
                                           create_uid, write_uid, create_date,
                                           write_date)
SELECT %(campaign)s, p.id, p.email, %(uid)s, %(uid)s,
       now() at time zone 'UTC', now() at time zone 'UTC'
  FROM res_partner p
 WHERE p.id = ANY(%(ids)s)
"""


# The steps a campaign may take (approval and start have their own checks too).
STATE_TRANSITIONS = {
    "draft": ("approved", "cancelled"),
    "approved": ("running", "draft", "cancelled"),
    "running": ("done", "cancelled"),
    "done": (),
    "cancelled": ("draft",),
}


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
        help="Post vendor bills of the campaign on this account: its posted lines "
             "are the actual cost.",
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
    audience_domain = fields.Char(
        string="Audience",
        default="[]",
        help="The partners the campaign targets. Partners who opted out, or whose "
             "email is opted out as a mailing contact, are never included.",
    )
    audience_count = fields.Integer(
        string="Audience Size",
        compute="_compute_audience_count",
        help="Partners matching the audience now, among those you may see.",
    )
    member_ids = fields.One2many(
        comodel_name="crm.marketing.campaign.member",
        inverse_name="campaign_id",
        string="Members",
        readonly=True,
    )
    member_count = fields.Integer(
        compute="_compute_member_count",
        help="Partners frozen as members when the campaign started.",
    )
    cost_ids = fields.One2many(
        comodel_name="crm.marketing.campaign.cost",
        inverse_name="campaign_id",
        string="Planned Costs",
    )
    mailing_ids = fields.One2many(
        comodel_name="mail.mass_mailing",
        inverse_name="crm_marketing_campaign_id",
        string="Mailings",
    )
    mailing_count = fields.Integer(
        compute="_compute_counts",
    )
    event_ids = fields.One2many(
        comodel_name="calendar.event",
        inverse_name="crm_marketing_campaign_id",
        string="Events",
    )
    event_count = fields.Integer(
        compute="_compute_counts",
    )
    call_count = fields.Integer(
        string="Calls Planned",
        compute="_compute_counts",
    )
    # results
    planned_cost = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
    )
    actual_cost = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
        help="Posted analytic lines of the campaign's analytic account.",
    )
    reached_count = fields.Integer(
        string="Reached",
        compute="_compute_results",
        help="Emails of the campaign's mailings delivered (sent, neither bounced "
             "nor failed).",
    )
    opened_count = fields.Integer(
        string="Opened",
        compute="_compute_results",
        help="Emails of the campaign's mailings opened.",
    )
    clicked_count = fields.Integer(
        string="Clicked",
        compute="_compute_results",
        help="Emails of the campaign's mailings with a tracked link clicked.",
    )
    replied_count = fields.Integer(
        string="Replied",
        compute="_compute_results",
        help="Emails of the campaign's mailings replied to.",
    )
    lead_count = fields.Integer(
        string="Leads",
        compute="_compute_results",
        help="Leads and opportunities, open or not, carrying the UTM campaign "
             "(those of the customers you may see).",
    )
    opportunity_count = fields.Integer(
        string="Opportunities",
        compute="_compute_results",
    )
    order_count = fields.Integer(
        string="Won Orders",
        compute="_compute_results",
        help="Confirmed sale orders carrying the UTM campaign (those of the "
             "customers you may see).",
    )
    customer_count = fields.Integer(
        string="Customers Acquired",
        compute="_compute_results",
        help="Customers whose first confirmed order came from the campaign.",
    )
    revenue = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
        help="Untaxed amount of the confirmed orders, in company currency.",
    )
    margin = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
    )
    roi = fields.Float(
        string="ROI (%)",
        compute="_compute_results",
        help="(Margin - actual cost) / actual cost, in percent.",
    )
    cost_per_lead = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
    )
    cost_per_customer = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_results",
    )
    results_by_channel = fields.Html(
        string="Results by Channel",
        compute="_compute_result_tables",
        sanitize=False,
        help="Planned and actual cost, reach and what came back per channel. Actual "
             "costs of bill lines drafted from no planned cost are unassigned.",
    )
    results_by_segment = fields.Html(
        string="Results by Customer Segment",
        compute="_compute_result_tables",
        sanitize=False,
        help="Leads and orders per RFM segment and lifecycle stage of the "
             "attributed customers (as they are now).",
    )

    _sql_constraints = [
        ("budget_positive", "CHECK (budget >= 0)", "The budget cannot be negative."),
    ]

    @api.depends("audience_domain")
    def _compute_audience_count(self):
        for campaign in self:
            try:
                campaign.audience_count = campaign._audience_partners(count=True)
            except (ValidationError, ValueError, SyntaxError):
                campaign.audience_count = 0

    @api.multi
    def _compute_member_count(self):
        groups = self.env["crm.marketing.campaign.member"].read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id"], ["campaign_id"])
        counts = {g["campaign_id"][0]: g["campaign_id_count"] for g in groups}
        for campaign in self:
            campaign.member_count = counts.get(campaign.id, 0)

    @api.multi
    def _compute_counts(self):
        for campaign in self:
            campaign.mailing_count = len(campaign.mailing_ids)
            campaign.event_count = len(campaign.event_ids)
        groups = self.env["mail.activity"].sudo().read_group(
            # sudo: the count of planned calls, whoever they are assigned to
            [("crm_marketing_campaign_id", "in", self.ids)],
            ["crm_marketing_campaign_id"], ["crm_marketing_campaign_id"])
        calls = {g["crm_marketing_campaign_id"][0]: g["crm_marketing_campaign_id_count"]
                 for g in groups}
        for campaign in self:
            campaign.call_count = calls.get(campaign.id, 0)

    @api.multi
    def _compute_results(self):
        figures = self._results()
        for campaign in self:
            campaign.update(figures[campaign.id])

    @api.multi
    def _compute_result_tables(self):
        for campaign in self:
            campaign.results_by_channel = campaign._render_results_by(
                "channel_id", CHANNEL_COLUMNS)
            tables = [campaign._render_results_by(dimension, SEGMENT_COLUMNS)
                      for dimension in ("rfm_segment", "lifecycle_stage_id")]
            campaign.results_by_segment = "".join(filter(None, tables)) or False

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

    @api.constrains("audience_domain")
    def _check_audience_domain(self):
        for campaign in self:
            campaign._audience_base_domain()

    @api.model
    def _check_budget_value(self, vals):
        """Refuse a negative budget before the database constraint does."""
        budget = vals.get("budget")
        if isinstance(budget, (int, float)) and not isinstance(budget, bool) \
                and budget < 0:
            raise ValidationError(_("The budget cannot be negative."))

    @api.model
    def create(self, vals):
        self._check_budget_value(vals)
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
        self._check_budget_value(vals)
        if "state" in vals:
            self._check_state_change(vals["state"])
            if vals["state"] == "running":
                # however it starts, a running campaign has its frozen audience
                for campaign in self.filtered(lambda c: c.state != "running"):
                    campaign._snapshot_members()
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(c.state not in ("draft", "cancelled") for c in self):
            raise UserError(_("Only draft or cancelled campaigns can be deleted."))
        return super().unlink()

    @api.multi
    def _check_state_change(self, state):
        """Approval by a marketing manager; running only once approved."""
        if state == "approved" and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only a marketing manager can approve a campaign."))
        for campaign in self:
            if state == "running" and campaign.state not in ("approved", "running"):
                raise UserError(_(
                    "Campaign %(name)s must be approved by a marketing manager "
                    "before it runs.") % {"name": campaign.name})
            if state == "approved" and campaign.state not in ("draft", "approved"):
                raise UserError(_(
                    "Campaign %(name)s: only a draft campaign can be approved."
                ) % {"name": campaign.name})
            if state != campaign.state and \
                    state not in STATE_TRANSITIONS.get(campaign.state, ()):
                labels = dict(self._fields["state"].get_description(
                    self.env)["selection"])
                raise UserError(_(
                    "Campaign %(name)s cannot go from %(from)s to %(to)s.") % {
                        "name": campaign.name, "from": labels[campaign.state],
                        "to": labels.get(state, state)})

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
            "approved_by_id": self.env.user.id,
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
        self._snapshot_members()
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

    @api.multi
    def action_create_mailing(self):
        """A mailing to the members with an email, replies going to the alias."""
        self.ensure_one()
        mailing = self.env["mail.mass_mailing"].create(self._prepare_mailing_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.mass_mailing",
            "res_id": mailing.id,
            "view_mode": "form",
        }

    @api.multi
    def action_plan_calls(self):
        """One call activity per member, for the member's salesperson."""
        self.ensure_one()
        self._require_members()
        call_type = self.env.ref("mail.mail_activity_data_call")
        model = self.env["ir.model"]._get("res.partner")
        activities = self.env["mail.activity"]
        planned = set(activities.search([
            ("crm_marketing_campaign_id", "=", self.id)]).mapped("res_id"))
        for member in self.member_ids:
            partner = member.partner_id
            if partner.id in planned:
                continue
            user = partner.user_id or partner.commercial_partner_id.user_id \
                or self.user_id or self.env.user
            activities |= activities.create({
                "res_model_id": model.id,
                "res_id": partner.id,
                "activity_type_id": call_type.id,
                "summary": self.name,
                "user_id": user.id,
                "date_deadline": max(self.date_start, fields.Date.context_today(self)),
                "crm_marketing_campaign_id": self.id,
            })
        return len(activities)

    @api.multi
    def action_create_event(self):
        """A calendar event inviting the members."""
        self.ensure_one()
        self._require_members()
        event = self.env["calendar.event"].create({
            "name": self.name,
            "allday": True,
            "start": self.date_start,
            "stop": self.date_end or self.date_start,
            "start_date": self.date_start,
            "stop_date": self.date_end or self.date_start,
            "partner_ids": [(6, 0, self.member_ids.mapped("partner_id").ids)],
            "user_id": (self.user_id or self.env.user).id,
            "crm_marketing_campaign_id": self.id,
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": event.id,
            "view_mode": "form",
        }

    @api.multi
    def action_view_members(self):
        self.ensure_one()
        return self._window(_("Members"), "crm.marketing.campaign.member",
                            [("campaign_id", "=", self.id)])

    @api.multi
    def action_view_audience(self):
        self.ensure_one()
        return self._window(_("Audience"), "res.partner",
                            [("id", "in", self._audience_partners().ids)])

    @api.multi
    def action_view_mailings(self):
        self.ensure_one()
        return self._window(_("Mailings"), "mail.mass_mailing",
                            [("crm_marketing_campaign_id", "=", self.id)])

    @api.multi
    def action_view_leads(self):
        self.ensure_one()
        action = self._window(_("Leads"), "crm.lead",
                              [("campaign_id", "=", self.utm_campaign_id.id)])
        action["context"] = {"active_test": False}
        return action

    @api.multi
    def action_view_orders(self):
        self.ensure_one()
        return self._window(_("Orders"), "sale.order", [
            ("campaign_id", "=", self.utm_campaign_id.id),
            ("state", "in", ("sale", "done"))])

    @api.multi
    def action_view_analysis(self):
        """The promotion analysis of this campaign, by channel."""
        self.ensure_one()
        action = self.env.ref("crm_marketing.crm_marketing_analysis_action").read()[0]
        action["domain"] = self._analysis_domain()
        action["context"] = {"group_by": ["channel_id"]}
        return action

    @api.model
    def _window(self, name, model, domain):
        return {
            "name": name,
            "type": "ir.actions.act_window",
            "res_model": model,
            "view_mode": "tree,form",
            "domain": domain,
        }

    # business methods ----------------------------------------------------
    @api.multi
    def _audience_base_domain(self):
        self.ensure_one()
        try:
            domain = safe_eval(self.audience_domain or "[]")
            if not isinstance(domain, (list, tuple)):
                raise ValueError(domain)
            expression.expression(domain, self.env["res.partner"])
            # values of the wrong type only fail in the database: try it once
            with self.env.cr.savepoint():
                self.env["res.partner"].search_count(domain)
        except (Exception, psycopg2.Error) as error:
            raise ValidationError(_(
                "Campaign %(name)s: the audience is not a valid filter on "
                "contacts (%(error)s).") % {"name": self.name, "error": error})
        return list(domain)

    @api.model
    def _audience_exclusion_domain(self):
        """Never reach a partner who opted out, nor an opted-out address."""
        return [("opt_out", "=", False), ("marketing_opted_out", "=", False)]

    @api.multi
    def _audience_partners(self, count=False):
        """The audience as the current user sees it: the partners rules apply,
        so a salesperson never gets a customer hidden by confidentiality."""
        self.ensure_one()
        domain = expression.AND([self._audience_base_domain(),
                                 self._audience_exclusion_domain()])
        partners = self.env["res.partner"]
        if count:
            return partners.search_count(domain)
        return partners.search(domain)

    @api.multi
    def _snapshot_members(self):
        """Freeze the audience: later partner changes leave the members alone."""
        self.ensure_one()
        # sudo: members hidden from this user by the visibility setting still
        # mean that the audience is already frozen
        if self.sudo().member_ids:
            return
        partners = self._audience_partners()
        self.env["crm.marketing.campaign.member"].check_access_rights("create")
        self.env.cr.execute(_SNAPSHOT_SQL, {
            "campaign": self.id, "uid": self.env.uid, "ids": partners.ids})
        self.invalidate_cache(["member_ids", "member_count"], self.ids)
        self.message_post(body=_("Audience frozen: %(count)s members.") % {
            "count": len(partners)})

    @api.multi
    def _require_members(self):
        if self.state != "running" or not self.member_ids:
            raise UserError(_(
                "Campaign %(name)s has no members yet: start it first."
            ) % {"name": self.name})

    @api.multi
    def _reply_address(self):
        self.ensure_one()
        alias = self.reply_alias_id
        if alias and alias.alias_name and alias.alias_domain:
            return "%s@%s" % (alias.alias_name, alias.alias_domain)
        return False

    @api.multi
    def _prepare_mailing_vals(self):
        self._require_members()
        reply_to = self._reply_address()
        if not reply_to:
            raise UserError(_(
                "Set an alias domain (Settings > General Settings) and a reply alias "
                "on campaign %(name)s: replies must come back as leads.") % {
                    "name": self.name})
        recipients = self.member_ids.filtered("email").mapped("partner_id")
        channel = self.channel_ids.filtered(lambda c: c.channel_type == "email")[:1]
        medium = channel.medium_id or self.env.ref("utm.utm_medium_email")
        return {
            "name": self.name,
            "crm_marketing_campaign_id": self.id,
            "campaign_id": self.utm_campaign_id.id,
            "medium_id": medium.id,
            "mailing_model_id": self.env["ir.model"]._get("res.partner").id,
            # checked again when the mailing is sent: opt-outs after the start
            "mailing_domain": repr([("id", "in", recipients.ids)]
                                   + self._audience_exclusion_domain()),
            "reply_to_mode": "email",
            "reply_to": reply_to,
            "body_html": "<p>%s</p>" % html_escape(self.description or self.name),
        }

    @api.multi
    def _analysis_domain(self):
        """Rows of the promotion analysis that make these campaigns' results."""
        return [("campaign_id", "in", [i for i in self.ids if isinstance(i, int)])]

    @api.multi
    def _read_analysis(self, groupby, measures, domain=None):
        """Sums of the promotion analysis as the current user sees it.

        No sudo: the report's record rules (customer visibility, own documents)
        apply, so the form shows what the report shows. Cost and mailing rows have
        neither customer nor salesperson: every reader counts them in full.
        """
        Analysis = self.env["crm.marketing.analysis"]
        base = self._analysis_domain()
        if not base[0][2] or not Analysis.check_access_rights("read", False):
            return []
        return Analysis.read_group(expression.AND([base, domain or []]),
                                   list(measures) + groupby, groupby, lazy=False)

    @api.multi
    def _results(self):
        """Result figures per campaign id, in company currency."""
        empty = dict.fromkeys(RESULT_MEASURES, 0)
        empty.update(roi=0.0, cost_per_lead=0.0, cost_per_customer=0.0)
        figures = {campaign.id: dict(empty) for campaign in self}
        for group in self._read_analysis(["campaign_id"], RESULT_MEASURES):
            row = figures[group["campaign_id"][0]]
            row.update({name: group[name] or 0 for name in RESULT_MEASURES})
        for campaign in self:
            row = figures[campaign.id]
            cost = campaign.currency_id.round(row["actual_cost"])
            row["actual_cost"] = cost
            if cost:
                row["roi"] = round(100.0 * (row["margin"] - cost) / cost, 2)
                if row["lead_count"]:
                    row["cost_per_lead"] = cost / row["lead_count"]
                if row["customer_count"]:
                    row["cost_per_customer"] = cost / row["customer_count"]
        return figures

    @api.multi
    def _results_by(self, dimension, measures):
        """Results of one campaign grouped by a field of the promotion analysis
        (``channel_id``, ``rfm_segment``, ``lifecycle_stage_id``...): a list of
        dicts with the group's ``key``, its ``label`` and the measures, groups
        without a value last."""
        self.ensure_one()
        domain = []
        if dimension != "channel_id":
            # segments are those of the attributed customers: leads and orders
            domain = ["|", ("lead_count", "!=", 0), ("order_count", "!=", 0)]
        field = self.env["crm.marketing.analysis"]._fields[dimension]
        labels = dict(field.get_description(self.env).get("selection") or [])
        none_label = {
            "channel_id": _("Unassigned"),
            "rfm_segment": _("No segment"),
            "lifecycle_stage_id": _("No stage"),
        }.get(dimension, _("Undefined"))
        rows = []
        for group in self._read_analysis([dimension], measures, domain):
            value = group[dimension]
            if isinstance(value, (list, tuple)):
                key, label = value
            else:
                key, label = value, labels.get(value, value)
            row = {name: group[name] or 0 for name in measures}
            row.update(key=key or False, label=label if key else none_label)
            rows.append(row)
        rows.sort(key=lambda r: not r["key"])
        return rows

    @api.multi
    def _render_results_by(self, dimension, measures):
        """The grouped results as an HTML table for the form (False when empty)."""
        self.ensure_one()
        rows = self._results_by(dimension, measures)
        if not rows:
            return False
        strings = self.env["crm.marketing.analysis"].fields_get(
            [dimension] + list(measures), ["string"])
        return self.env["ir.qweb"].render("crm_marketing.campaign_result_table", {
            "title": strings[dimension]["string"],
            "columns": [(name, strings[name]["string"], name in MONETARY_MEASURES)
                        for name in measures],
            "rows": rows,
            "currency": self.currency_id,
        }).decode()
