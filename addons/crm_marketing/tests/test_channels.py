# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .common import MarketingCase

REPLY = """From: Alpha Buyer <alpha@example.com>
To: campaign-reply@example.com
Subject: Re: Spring push
Message-ID: <reply-1-alpha@example.com>
In-Reply-To: {parent}
References: <older-thread@example.com> {parent}
Content-Type: text/plain; charset="utf-8"

Interested, please call me.
"""


class TestChannels(MarketingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("mail.catchall.domain", "example.com")
        cls.alpha = cls._partner("Alpha", user_id=cls.tom.id)
        cls.beta = cls._partner("Beta", email=False)
        cls.campaign = cls._run(cls._campaign(channel_ids=[(6, 0, [
            cls.env.ref("crm_marketing.channel_email").id])]))

    def test_mailing_from_campaign(self):
        """The mailing targets the members with an email, as partners, with the
        campaign's UTM and replies to the lead alias."""
        action = self.campaign.action_create_mailing()
        mailing = self.env["mail.mass_mailing"].browse(action["res_id"])
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.get_recipients(), [self.alpha.id])
        self.alpha.opt_out = True
        self.assertEqual(mailing.get_recipients(), [],
                         "an opt-out after the start is still honoured")
        self.alpha.opt_out = False
        self.assertEqual(mailing.reply_to_mode, "email")
        self.assertEqual(mailing.reply_to, "campaign-reply@example.com")
        self.assertEqual(mailing.campaign_id, self.campaign.utm_campaign_id)
        self.assertEqual(mailing.medium_id, self.env.ref("utm.utm_medium_email"))
        self.assertEqual(self.campaign.mailing_count, 1)

    def test_mailing_needs_running_campaign(self):
        """No mailing, call or event before the audience is frozen."""
        draft = self._campaign(name="Not started")
        message = "Campaign Not started has no members yet: start it first."
        with self.assertRaisesRegex(UserError, message):
            draft.action_create_mailing()
        with self.assertRaisesRegex(UserError, message):
            draft.action_plan_calls()
        with self.assertRaisesRegex(UserError, message):
            draft.action_create_event()
        self.assertEqual((draft.mailing_count, draft.call_count, draft.event_count),
                         (0, 0, 0))

    def test_mailing_needs_reply_alias(self):
        """Without an alias domain replies could not come back as leads: the
        mailing is refused with the way to fix it."""
        self.env["ir.config_parameter"].set_param("mail.catchall.domain", "")
        with self.assertRaisesRegex(
                UserError, r"Set an alias domain \(Settings > General Settings\) "
                           r"and a reply alias on campaign Spring push"):
            self.campaign.action_create_mailing()
        self.assertEqual(self.campaign.mailing_count, 0)

    def test_reply_becomes_attributed_lead(self):
        """A real RFC 822 reply to a campaign mailing creates a lead carrying the
        mailing's campaign, medium and source, and counts as replied."""
        mailing = self.env["mail.mass_mailing"].browse(
            self.campaign.action_create_mailing()["res_id"])
        mailing.send_mail()
        statistic = mailing.statistics_ids
        self.assertEqual(len(statistic), 1)
        self.assertEqual(statistic.res_id, self.alpha.id)
        statistic.mail_mail_id.send()
        self.assertTrue(statistic.sent)
        self.assertTrue(statistic.message_id)
        thread_id = self.env["mail.thread"].message_process(
            "crm.lead", REPLY.format(parent=statistic.message_id))
        lead = self.env["crm.lead"].browse(thread_id)
        self.assertEqual(lead.name, "Re: Spring push")
        self.assertEqual(lead.type, "lead")
        self.assertEqual(lead.campaign_id, self.campaign.utm_campaign_id)
        self.assertEqual(lead.medium_id, self.env.ref("utm.utm_medium_email"))
        self.assertEqual(lead.source_id, mailing.source_id)
        self.assertTrue(statistic.replied)
        self.campaign.invalidate_cache()
        self.assertEqual(self.campaign.reached_count, 1)
        self.assertEqual(self.campaign.replied_count, 1)
        self.assertEqual(self.campaign.lead_count, 1)
        self.assertEqual(self.alpha.message_ids.filtered(
            lambda m: m.message_id == "<reply-1-alpha@example.com>"),
            self.env["mail.message"], "the reply is not posted on the partner")

    def test_unrelated_email_not_attributed(self):
        """An email to the alias that answers no mailing carries no campaign."""
        thread_id = self.env["mail.thread"].message_process(
            "crm.lead", REPLY.format(parent="<unknown-1@example.com>"))
        lead = self.env["crm.lead"].browse(thread_id)
        self.assertFalse(lead.campaign_id)

    def test_phone_calls_for_salespeople(self):
        """One call per member, assigned to the member's salesperson (else the
        owner); planning twice adds none."""
        self.assertEqual(self.campaign.action_plan_calls(), 2)
        activities = self.env["mail.activity"].search([
            ("crm_marketing_campaign_id", "=", self.campaign.id)])
        self.assertEqual(
            {(a.res_id, a.user_id) for a in activities},
            {(self.alpha.id, self.tom), (self.beta.id, self.campaign.user_id)})
        self.assertEqual(activities.mapped("activity_type_id"),
                         self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(self.campaign.action_plan_calls(), 0)
        self.campaign.invalidate_cache()
        self.assertEqual(self.campaign.call_count, 2)

    def test_event_invites_members(self):
        """The event channel registers the members with an email in the
        campaign's event (Odoo's event app), unconfirmed until they answer."""
        action = self.campaign.action_create_event()
        event = self.env["event.event"].browse(action["res_id"])
        self.assertEqual(event.registration_ids.mapped("partner_id"), self.alpha)
        self.assertEqual(event.date_begin[:10], "2026-03-01")
        self.assertEqual(self.campaign.event_count, 1)
