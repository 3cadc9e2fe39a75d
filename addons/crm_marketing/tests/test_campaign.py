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
        """An end date before the start date and a negative budget are refused with
        a clear message; the request's rollback leaves the campaign as it was."""
        end_before_start = ("Campaign Spring push: the end date cannot be before "
                            "the start date.")
        count = self.Campaign.search_count([])
        with self.assertRaisesRegex(ValidationError, "The budget cannot be negative."):
            self._campaign(budget=-0.01)
        self.assertEqual(self.Campaign.search_count([]), count, "nothing written")
        with self.assertRaisesRegex(ValidationError, end_before_start), \
                self.env.cr.savepoint():
            self._campaign(date_start="2026-03-10", date_end="2026-03-09")
        campaign = self._campaign()
        refused = [
            ({"date_end": "2026-02-01"}, end_before_start),
            ({"budget": -1.0}, "The budget cannot be negative."),
            ({"date_start": "2026-02-30"},
             "Start Date: the value '2026-02-30' is not a valid date"),
        ]
        for values, message in refused:
            # as a request does: the transaction is rolled back on the error
            with self.assertRaisesRegex(ValidationError, message), \
                    self.env.cr.savepoint():
                campaign.write(values)
        with self.assertRaisesRegex(ValidationError,
                                    "Flyers: a planned cost cannot be negative."), \
                self.env.cr.savepoint():
            self.env["crm.marketing.campaign.cost"].create({
                "campaign_id": campaign.id, "name": "Flyers", "amount": -5.0,
                "channel_id": self.env.ref("crm_marketing.channel_print").id})
        campaign.invalidate_cache()
        self.assertEqual(
            (campaign.budget, campaign.date_start, campaign.date_end),
            (1000.0, "2026-03-01", "2026-03-31"))
        self.assertFalse(campaign.cost_ids)
        self.assertEqual(self.Campaign.search_count([]), count + 1)

    def test_approval_required(self):
        """Only a marketing manager approves; a campaign runs only once approved."""
        campaign = self._campaign().sudo(self.marketer)
        not_approved = ("Campaign Spring push must be approved by a marketing "
                        "manager before it runs.")
        with self.assertRaisesRegex(UserError, not_approved):
            campaign.action_start()
        with self.assertRaisesRegex(UserError, not_approved):
            campaign.write({"state": "running"})
        with self.assertRaisesRegex(
                AccessError, "Only a marketing manager can approve a campaign."):
            campaign.action_approve()
        self.assertEqual(campaign.state, "draft")
        self.assertFalse(campaign.member_ids, "no audience frozen")
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
        with self.assertRaisesRegex(
                AccessError, "Sorry, you are not allowed to modify this document."):
            as_tom.write({"name": "Hijacked"})
        with self.assertRaisesRegex(
                AccessError, "Only a marketing manager can approve a campaign."):
            as_tom.action_approve()
        with self.assertRaisesRegex(
                AccessError,
                "Sorry, you are not allowed to create this kind of document."):
            self.Campaign.sudo(self.tom).create({"name": "Mine"})
        with self.assertRaisesRegex(
                AccessError, "Sorry, you are not allowed to delete this document."):
            as_tom.unlink()
        self.assertEqual(campaign.name, "Spring push")
        # a marketing user edits it
        campaign.sudo(self.marketer).write({"name": "Spring push 2"})
        self.assertEqual(campaign.name, "Spring push 2")

    def test_state_steps(self):
        """A campaign cannot jump over its steps by writing the state."""
        campaign = self._campaign()
        with self.assertRaisesRegex(
                UserError, "Campaign Spring push cannot go from Draft to Done."):
            campaign.write({"state": "done"})
        self.assertEqual(campaign.state, "draft")
