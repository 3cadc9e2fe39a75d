# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import MarketingCase


class TestCampaign(MarketingCase):

    def test_links_created(self):
        """A new campaign gets a reference, a UTM campaign and an analytic account."""
        campaign = self._campaign()
        self.assertTrue(campaign.code.startswith("MC"), campaign.code)
        self.assertEqual(campaign.utm_campaign_id.name, "Spring push")
        self.assertEqual(campaign.analytic_account_id.name, "Campaign: Spring push")
        self.assertEqual(campaign.state, "draft")
        utm = self.env["utm.campaign"].create({"name": "Existing"})
        other = self._campaign(name="Other", utm_campaign_id=utm.id)
        self.assertEqual(other.utm_campaign_id, utm, "an existing UTM campaign is kept")

    def test_dates_and_budget_rejected(self):
        """An end date before the start date and a negative budget are refused."""
        with self.assertRaisesRegex(ValidationError, "end date"):
            self._campaign(date_start="2026-03-10", date_end="2026-03-09")
        campaign = self._campaign()
        with self.assertRaisesRegex(ValidationError, "end date"):
            campaign.write({"date_end": "2026-02-01"})
        with self.assertRaisesRegex(ValidationError, "budget"):
            campaign.write({"budget": -1.0})
        with self.assertRaises(ValidationError):
            campaign.write({"date_start": "2026-02-30"})
        with self.assertRaises(ValidationError):
            self.env["crm.marketing.campaign.cost"].create({
                "campaign_id": campaign.id, "name": "Flyers", "amount": -5.0,
                "channel_id": self.env.ref("crm_marketing.channel_print").id})
        self.assertEqual(campaign.budget, 1000.0)

    def test_approval_required(self):
        """Only a marketing manager approves; a campaign runs only once approved."""
        campaign = self._campaign().sudo(self.marketer)
        with self.assertRaisesRegex(UserError, "approved"):
            campaign.action_start()
        with self.assertRaisesRegex(UserError, "approved"):
            campaign.write({"state": "running"})
        with self.assertRaises(AccessError):
            campaign.action_approve()
        self.assertEqual(campaign.state, "draft")
        campaign.sudo(self.manager).action_approve()
        self.assertEqual(campaign.state, "approved")
        self.assertEqual(campaign.approved_by_id, self.manager)
        campaign.action_start()
        self.assertEqual(campaign.state, "running")
        campaign.action_done()
        self.assertEqual(campaign.state, "done")

    def test_salesman_reads_only(self):
        """A salesman reads campaigns but cannot edit, create or delete them."""
        campaign = self._campaign()
        as_tom = campaign.sudo(self.tom)
        self.assertEqual(as_tom.name, "Spring push")
        self.assertEqual(as_tom.lead_count, 0)
        with self.assertRaises(AccessError):
            as_tom.write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self.Campaign.sudo(self.tom).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            as_tom.unlink()
        self.assertEqual(campaign.name, "Spring push")
        # a marketing user edits it
        campaign.sudo(self.marketer).write({"name": "Spring push 2"})
        self.assertEqual(campaign.name, "Spring push 2")

    def test_state_steps(self):
        """A campaign cannot jump over its steps by writing the state."""
        campaign = self._campaign()
        with self.assertRaisesRegex(UserError, "cannot go from"):
            campaign.write({"state": "done"})
        self.assertEqual(campaign.state, "draft")
