# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a running campaign does through its channels: a mailing to the members,
calls planned for the salespeople, one event (Odoo's event app) the members are
invited to one by one."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv.expression import AND
from odoo.tools import html_escape

MAILING_SENTINEL = "crm_marketing_member_ids.campaign_id"


class CrmMarketingCampaign(models.Model):
    _inherit = "crm.marketing.campaign"

    mailing_ids = fields.One2many(
        comodel_name="mail.mass_mailing",
        inverse_name="crm_marketing_campaign_id",
        string="Mailings",
    )
    mailing_count = fields.Integer(
        compute="_compute_counts",
    )
    event_ids = fields.One2many(
        comodel_name="event.event",
        inverse_name="crm_marketing_campaign_id",
        string="Events",
    )
    event_count = fields.Integer(
        string="Invited",
        compute="_compute_counts",
        help="Members invited to the campaign's event.",
    )
    call_count = fields.Integer(
        string="Calls Planned",
        compute="_compute_counts",
    )

    @api.multi
    def _compute_counts(self):
        # sudo: counts of the campaign's mailings, invitations and calls are
        # figures of the campaign for every reader (a salesman may not read
        # mailings); no content is read
        def counts(model, field, ids=None):
            groups = self.env[model].sudo().read_group(
                [(field, "in", self.ids if ids is None else ids)], [field], [field])
            return {g[field][0]: g[field + "_count"] for g in groups}
        mailings = counts("mail.mass_mailing", "crm_marketing_campaign_id")
        calls = counts("mail.activity", "crm_marketing_campaign_id")
        events = self.env["event.event"].sudo().search_read(
            [("crm_marketing_campaign_id", "in", self.ids)],
            ["crm_marketing_campaign_id"])
        per_event = counts("event.registration", "event_id", [e["id"] for e in events])
        invited = {e["crm_marketing_campaign_id"][0]: per_event.get(e["id"], 0)
                   for e in events}
        for campaign in self:
            campaign.mailing_count = mailings.get(campaign.id, 0)
            campaign.event_count = invited.get(campaign.id, 0)
            campaign.call_count = calls.get(campaign.id, 0)

    # actions ---------------------------------------------------------------
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
        """One call activity per member the user may see, for the member's
        salesperson (else the campaign's owner).

        Planning must not change who may see a customer: Odoo subscribes an
        activity's assignee to the document, and followers count as owners in
        the "own customers" visibility; the calls are created without it."""
        self.ensure_one()
        self._require_members()
        call_type = self.env.ref("mail.mail_activity_data_call")
        model = self.env["ir.model"]._get("res.partner")
        # sudo: Odoo asks write access to the partner for an activity on it;
        # calls are planned only on the members the user may read (member_ids
        # under their rules), and nobody is subscribed
        Activity = self.env["mail.activity"].sudo().with_context(
            crm_marketing_no_subscribe=True)
        planned = set(Activity.search([
            ("crm_marketing_campaign_id", "=", self.id)]).mapped("res_id"))
        deadline = max(self.date_start, fields.Date.context_today(self))
        created = 0
        for member in self.member_ids:
            partner = member.partner_id
            if partner.id in planned:
                continue
            user = partner.user_id or partner.commercial_partner_id.user_id \
                or self.user_id or self.env.user
            Activity.create({
                "res_model_id": model.id,
                "res_id": partner.id,
                "activity_type_id": call_type.id,
                "summary": self.name,
                "user_id": user.id,
                "date_deadline": deadline,
                "crm_marketing_campaign_id": self.id,
            })
            created += 1
        return created

    @api.multi
    def action_create_event(self):
        """The campaign's event (one per campaign) with the members invited, each
        by an email of their own: nobody sees who else is invited. Members who
        opted out since the start, or without email, are not invited; a second
        click invites those not invited yet."""
        self.ensure_one()
        self._require_members()
        # sudo: Odoo's events are created by event managers; this one is the
        # campaign's own, one per campaign, organised by its owner (registrations
        # are then made with the user's event rights)
        event = self.event_ids[:1] or self.env["event.event"].sudo().create(
            self._prepare_event_vals()).sudo(self.env.uid)
        registrations = self._invite_members(event)
        self._send_invitations(registrations)
        return {
            "type": "ir.actions.act_window",
            "res_model": "event.event",
            "res_id": event.id,
            "view_mode": "form",
        }

    @api.multi
    def action_view_mailings(self):
        self.ensure_one()
        return self._window(_("Mailings"), "mail.mass_mailing",
                            [("crm_marketing_campaign_id", "=", self.id)])

    # business methods ----------------------------------------------------
    @api.multi
    def _require_members(self):
        self._check_can_run()
        if self.state != "running" or not self.member_count:
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
    def _mailing_domain(self):
        """The mailing's recipients: members with an email, opt-outs checked
        again when it is sent (a filter, never a list of ids)."""
        self.ensure_one()
        return [(MAILING_SENTINEL, "=", self.id), ("email", "!=", False)] \
            + self._audience_exclusion_domain()

    @api.multi
    def _prepare_mailing_vals(self):
        self._require_members()
        reply_to = self._reply_address()
        if not reply_to:
            raise UserError(_(
                "Set an alias domain (Settings > General Settings) and a reply alias "
                "on campaign %(name)s: replies must come back as leads.") % {
                    "name": self.name})
        channel = self.channel_ids.filtered(lambda c: c.channel_type == "email")[:1]
        medium = channel.medium_id or self.env.ref("utm.utm_medium_email")
        return {
            "name": self.name,
            "crm_marketing_campaign_id": self.id,
            "campaign_id": self.utm_campaign_id.id,
            "medium_id": medium.id,
            "mailing_model_id": self.env["ir.model"]._get("res.partner").id,
            "mailing_domain": repr(self._mailing_domain()),
            "reply_to_mode": "email",
            "reply_to": reply_to,
            "body_html": "<p>%s</p>" % html_escape(self.description or self.name),
        }

    @api.multi
    def _prepare_event_vals(self):
        self.ensure_one()
        end = self.date_end or self.date_start
        return {
            "name": self.name,
            "crm_marketing_campaign_id": self.id,
            "company_id": self.company_id.id,
            "organizer_id": self.company_id.partner_id.id,
            "user_id": (self.user_id or self.env.user).id,
            "date_begin": "%s 08:00:00" % self.date_start,
            "date_end": "%s 17:00:00" % end,
            "date_tz": self.env.user.tz or "UTC",
        }

    @api.multi
    def _invite_members(self, event):
        """Registrations (unconfirmed: invited) of the members the user may see
        who are reachable now and not invited yet."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        reachable = Partner.search(AND([
            [(MAILING_SENTINEL, "=", self.id), ("email", "!=", False)],
            self._audience_exclusion_domain()]))
        invited = set(event.registration_ids.mapped("partner_id").ids)
        Registration = self.env["event.registration"].with_context(
            registration_force_draft=True, mail_create_nosubscribe=True,
            mail_create_nolog=True, tracking_disable=True)
        registrations = Registration.browse()
        for partner in reachable:
            if partner.id in invited:
                continue
            registrations |= Registration.create({
                "event_id": event.id,
                "partner_id": partner.id,
                "name": partner.name,
                "email": partner.email,
                "phone": partner.phone,
                "origin": self.code,
            })
        return registrations

    @api.model
    def _send_invitations(self, registrations):
        """One email per invited member (a mass mail of the invitation template:
        each message names its recipient only)."""
        if not registrations:
            return
        template = self.env.ref("crm_marketing.mail_template_event_invitation")
        composer = self.env["mail.compose.message"].with_context(
            active_ids=registrations.ids, active_model="event.registration",
        ).create({
            "composition_mode": "mass_mail",
            "model": "event.registration",
            "template_id": template.id,
            "no_auto_thread": True,
        })
        composer.write(composer.onchange_template_id(
            template.id, "mass_mail", "event.registration", False)["value"])
        composer.send_mail()
