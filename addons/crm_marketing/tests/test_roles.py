# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The campaign flows as the people who run them: a marketing user, a marketing
manager, a billing marketer and salesmen in the "own customers" visibility."""
import json

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import MarketingCase


class RolesCase(MarketingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("mail.catchall.domain", "example.com")
        cls.print = cls.env.ref("crm_marketing.channel_print")
        cls.email_channel = cls.env.ref("crm_marketing.channel_email")
        cls.toms_client = cls._partner("Toms client", user_id=cls.tom.id)
        cls.sams_client = cls._partner("Sams client", user_id=cls.sam.id)
        cls.prospect = cls._partner("Prospect")

    def _new(self, user=None, **values):
        """A campaign created by the marketing user (or ``user``)."""
        Campaign = self.Campaign.sudo(user or self.marketer)
        return Campaign.create(dict({
            "name": "Spring push", "date_start": "2026-03-01",
            "date_end": "2026-03-31", "budget": 500.0,
            "audience_domain": repr([("category_id", "in", [self.tag.id])]),
        }, **values))


class TestMembersForMarketingStaff(RolesCase):

    def test_members_visible_and_mailing(self):
        """Defect 1: after the manager approves and the marketing user starts,
        both see the members and the marketing user creates the mailing."""
        campaign = self._new()
        campaign.sudo(self.manager).action_approve()
        campaign.action_start()
        members = self.toms_client | self.sams_client | self.prospect
        for user in (self.marketer, self.manager):
            as_user = campaign.sudo(user)
            self.assertEqual(as_user.member_count, 3, user.login)
            self.assertEqual(as_user.member_ids.mapped("partner_id"), members,
                             user.login)
        self.assertEqual(campaign.sudo().member_ids.mapped("company_id"),
                         campaign.company_id, "the stored company is written")
        action = campaign.action_create_mailing()
        mailing = self.env["mail.mass_mailing"].sudo(self.marketer).browse(
            action["res_id"])
        self.assertEqual(sorted(mailing.get_recipients()), sorted(members.ids))


class TestPlannedCostsAndBills(RolesCase):

    def test_marketing_user_adds_planned_costs(self):
        """Defect 2: a marketing user adds a planned cost on the form and alone."""
        campaign = self._new()
        campaign.write({"cost_ids": [(0, 0, {
            "name": "Flyers", "channel_id": self.print.id, "amount": 80.0})]})
        self.env["crm.marketing.campaign.cost"].sudo(self.marketer).create({
            "campaign_id": campaign.id, "name": "Posters",
            "channel_id": self.print.id, "amount": 20.0})
        self.assertEqual(sorted(campaign.cost_ids.mapped("name")),
                         ["Flyers", "Posters"])
        self.assertEqual(campaign.planned_cost, 100.0)
        self.assertEqual(campaign.cost_ids.mapped("company_id"), campaign.company_id)
        with self.assertRaisesRegex(ValidationError,
                                    "Banner: a planned cost cannot be negative."):
            campaign.write({"cost_ids": [(0, 0, {
                "name": "Banner", "channel_id": self.print.id, "amount": -1.0})]})

    def test_salesman_opens_campaign_form(self):
        """Defect 2: a salesman opens the campaign form: the counts of mailings,
        invitations and calls are the campaign's, as the manager sees them."""
        campaign = self._run(self._new())
        campaign.action_create_mailing()
        form = self.env["crm.marketing.campaign"].sudo(self.tom).browse(
            campaign.id).read(["mailing_count", "event_count", "call_count",
                               "member_count", "name"])[0]
        self.assertEqual((form["mailing_count"], form["member_count"]), (1, 3))
        as_manager = campaign.sudo(self.manager)
        self.assertEqual((as_manager.mailing_count, as_manager.member_count), (1, 3))

    def test_vendor_bill_for_billing_users_only(self):
        """Defect 2: drafting the vendor bill is offered to and done by billing
        users; a marketing user is refused with a message and has no button."""
        campaign = self._new()
        cost = self.env["crm.marketing.campaign.cost"].sudo(self.marketer).create({
            "campaign_id": campaign.id, "name": "Flyers", "channel_id": self.print.id,
            "amount": 80.0, "partner_id": self.env.ref("base.res_partner_4").id})
        with self.assertRaisesRegex(
                AccessError, "Only billing users \\(Accounting\\) may draft vendor "
                             "bills: ask accounting to bill the cost \"Flyers\"."):
            cost.action_create_vendor_bill()
        self.assertFalse(cost.invoice_id)
        Cost = self.env["crm.marketing.campaign.cost"]
        for user, hidden in ((self.marketer, True), (self.biller, False)):
            arch = etree.fromstring(
                Cost.sudo(user).fields_view_get(view_type="form")["arch"])
            button = arch.xpath("//button[@name='action_create_vendor_bill']")[0]
            self.assertEqual(json.loads(button.get("modifiers")).get("invisible")
                             is True, hidden, user.login)
        action = cost.sudo(self.biller).action_create_vendor_bill()
        bill = self.env["account.invoice"].browse(action["res_id"])
        self.assertEqual((bill.type, bill.state, bill.amount_untaxed),
                         ("in_invoice", "draft", 80.0))
        self.assertEqual(cost.invoice_id, bill)


class TestEventInvitations(RolesCase):

    def test_one_event_private_invitations(self):
        """Defect 3: the event channel makes one event of Odoo's event app per
        campaign; each member gets an invitation of their own naming nobody else;
        nobody follows anybody; a member who opted out since the start is not
        invited; a second click invites newcomers only."""
        template = self.env.ref("crm_marketing.mail_template_event_invitation")
        template.auto_delete = False  # keep the emails to read them
        campaign = self._run(self._new())
        self.prospect.opt_out = True
        action = campaign.action_create_event()
        event = self.env["event.event"].browse(action["res_id"])
        self.assertEqual(event.crm_marketing_campaign_id, campaign)
        invited = self.toms_client | self.sams_client
        self.assertEqual(event.registration_ids.mapped("partner_id"), invited)
        self.assertEqual(set(event.registration_ids.mapped("state")), {"draft"})
        mails = self.env["mail.mail"].search([
            ("model", "=", "event.registration"),
            ("res_id", "in", event.registration_ids.ids)])
        self.assertEqual(len(mails), 2, "one email per invited member")
        for mail in mails:
            registration = event.registration_ids.browse(mail.res_id)
            self.assertEqual(mail.recipient_ids, registration.partner_id)
            others = (invited - registration.partner_id).mapped("name")
            for name in others:
                self.assertNotIn(name, mail.body_html)
        self.assertFalse(event.message_partner_ids & invited,
                         "no customer follows the event")
        for registration in event.registration_ids:
            self.assertFalse(registration.message_partner_ids & invited)
        self.assertEqual(campaign.event_count, 2)
        # again: no second event, nobody invited twice, the one who opted in is
        self.prospect.opt_out = False
        action = campaign.action_create_event()
        self.assertEqual(action["res_id"], event.id)
        self.assertEqual(self.env["event.event"].search_count([
            ("crm_marketing_campaign_id", "=", campaign.id)]), 1)
        self.assertEqual(event.registration_ids.mapped("partner_id"),
                         invited | self.prospect)
        self.assertEqual(len(event.registration_ids), 3)


class TestCallsKeepVisibility(RolesCase):

    def test_planning_calls_subscribes_nobody(self):
        """Defect 4: planning calls gives each call to the member's salesperson
        (else the owner) without making anyone a follower: in "own" mode the
        owner still does not see a customer who is not his."""
        stranger = self._partner("Stranger",
                                 lifecycle_stage_id=self.stage["active"].id)
        self.Partner._crm_update_customer_flag(stranger.ids)
        self.assertTrue(stranger.crm_is_customer)
        self.company.crm_customer_visibility = "own"
        campaign = self._run(self._new(user_id=self.sam.id))
        planned = campaign.action_plan_calls()
        self.assertEqual(planned, 4)
        calls = self.env["mail.activity"].search([
            ("crm_marketing_campaign_id", "=", campaign.id)])
        self.assertEqual({(c.res_id, c.user_id) for c in calls}, {
            (self.toms_client.id, self.tom), (self.sams_client.id, self.sam),
            (self.prospect.id, self.sam), (stranger.id, self.sam)})
        self.assertNotIn(self.sam.partner_id, stranger.message_partner_ids)
        self.assertFalse(self.Partner.sudo(self.sam).search([
            ("id", "=", stranger.id)]), "planning did not widen who sees him")
        self.assertFalse(self.Partner.sudo(self.tom).search([
            ("id", "=", self.sams_client.id)]))
        # a call handed to someone else does not subscribe them either
        calls.filtered(lambda c: c.res_id == self.sams_client.id).write(
            {"user_id": self.tom.id})
        self.assertNotIn(self.tom.partner_id, self.sams_client.message_partner_ids)
        self.assertEqual(campaign.action_plan_calls(), 0, "planned once")
        # a salesman cannot run the campaign's channels (they work partly as
        # superuser), not even through RPC
        as_tom = campaign.sudo(self.tom)
        for action in (as_tom.action_plan_calls, as_tom.action_create_event,
                       as_tom.action_create_mailing):
            with self.assertRaisesRegex(
                    AccessError, "Sorry, you are not allowed to modify this "
                                 "document"):
                action()


class TestApprovalBinds(RolesCase):

    def test_changes_send_back_for_approval(self):
        """Defect 5: changing the approved budget, audience, channels or planned
        costs sends the campaign back to draft; approved_by cannot be written."""
        changes = [
            lambda c: c.write({"budget": 50000.0}),
            lambda c: c.write({"audience_domain": "[]"}),
            lambda c: c.write({"channel_ids": [(4, self.print.id)]}),
            lambda c: self.env["crm.marketing.campaign.cost"].sudo(
                self.marketer).create({"campaign_id": c.id, "name": "Ads",
                                       "channel_id": self.print.id, "amount": 5.0}),
            lambda c: c.write({"cost_ids": [(0, 0, {
                "name": "Flyers", "channel_id": self.print.id, "amount": 9.0})]}),
        ]
        for change in changes:
            campaign = self._new()
            campaign.sudo(self.manager).action_approve()
            self.assertEqual(campaign.approved_by_id, self.manager)
            change(campaign)
            self.assertEqual(campaign.state, "draft")
            self.assertFalse(campaign.approved_by_id)
            self.assertIn("back to draft", campaign.message_ids[0].body)
            with self.assertRaisesRegex(UserError, "must be approved by a marketing "
                                                   "manager before it runs"):
                campaign.action_start()
        campaign = self._new()
        campaign.sudo(self.manager).action_approve()
        campaign.write({"name": "Spring push!", "description": "Not the plan"})
        self.assertEqual(campaign.state, "approved", "other fields are free")
        for values in ({"approved_by_id": self.marketer.id},
                       {"approval_date": "2026-01-01 00:00:00"},
                       {"approved_by_id": False}):
            with self.assertRaisesRegex(
                    AccessError, "A campaign is approved by its Approve button only"):
                campaign.write(values)
        with self.assertRaisesRegex(
                AccessError, "A campaign is approved by its Approve button only"):
            self._new(approved_by_id=self.marketer.id)
        self.assertEqual(campaign.approved_by_id, self.manager)

    def test_running_plan_changed_by_manager_only(self):
        """Defect 5: once running, the plan is the manager's to change."""
        campaign = self._run(self._new())
        with self.assertRaisesRegex(UserError, "only a marketing manager may "
                                               "change them now"):
            campaign.write({"budget": 50000.0})
        campaign.sudo(self.manager).write({"budget": 800.0})
        self.assertEqual((campaign.state, campaign.budget), ("running", 800.0))

    def test_state_in_the_values_binds_too(self):
        """Security review: naming the state in the same write does not skip the
        approval. The marketing user cannot "approve again" an approved campaign
        with a new plan nor start or keep it running with one; the buttons still
        work, and a manager's same-state write with a new plan needs a new
        approval."""
        campaign = self._new()
        campaign.sudo(self.manager).action_approve()
        with self.assertRaisesRegex(
                AccessError, "Only a marketing manager can approve a campaign"):
            campaign.write({
                "state": "approved", "budget": 1e9,
                "audience_domain": "[('crm_is_customer', '=', True)]"})
        with self.assertRaisesRegex(
                UserError, "apart from its step; only a marketing manager may "
                           "do both at once"):
            campaign.write({"state": "running", "budget": 1e9})
        self.assertEqual((campaign.state, campaign.budget, campaign.approved_by_id),
                         ("approved", 500.0, self.manager))
        campaign.action_start()
        self.assertEqual(campaign.state, "running")
        with self.assertRaisesRegex(UserError, "only a marketing manager may "
                                               "change them now"):
            campaign.write({"state": "running", "budget": 1e9})
        self.assertEqual(campaign.budget, 500.0)
        campaign.sudo(self.manager).write({"state": "running", "budget": 700.0})
        self.assertEqual((campaign.state, campaign.budget), ("running", 700.0))

        other = self._new()
        other.sudo(self.manager).action_approve()
        other.sudo(self.manager).write({"state": "approved", "budget": 900.0})
        self.assertEqual((other.state, other.budget), ("draft", 900.0))
        self.assertFalse(other.approved_by_id)
        other.sudo(self.manager).action_approve()
        other.action_start()
        self.assertEqual(other.state, "running")


class TestSnapshotIsTheCampaigns(RolesCase):

    def test_snapshot_whoever_starts(self):
        """Defect 7: a salesman-marketer in "own" mode freezes the whole audience;
        he sees only his visible members, the KPI counts them all."""
        self.company.crm_customer_visibility = "own"
        campaign = self._new(user=self.sam)
        self.assertEqual(campaign.audience_count, 2, "his live view: 2 visible")
        self._run(campaign, user=self.sam)
        everyone = self.toms_client | self.sams_client | self.prospect
        self.assertEqual(campaign.sudo(self.manager).member_ids.mapped("partner_id"),
                         everyone)
        self.assertEqual(campaign.member_ids.mapped("partner_id"),
                         self.sams_client | self.prospect)
        self.assertEqual(campaign.member_count, 3)
        self.assertEqual(campaign.sudo(self.tom).member_ids.mapped("partner_id"),
                         self.toms_client | self.prospect)

    def test_restart_takes_a_fresh_snapshot(self):
        """Defect 7: a campaign cancelled, set back to draft and started again
        freezes its audience anew."""
        campaign = self._run(self._new())
        self.assertEqual(campaign.member_count, 3)
        campaign.action_cancel()
        campaign.action_draft()
        campaign.write({"audience_domain": repr([("id", "=", self.prospect.id)])})
        self._run(campaign)
        self.assertEqual(campaign.member_ids.mapped("partner_id"), self.prospect)
        self.assertEqual(campaign.member_count, 1)


class TestBoundedFilters(RolesCase):

    def test_no_id_lists(self):
        """Defect 8: the mailing, the audience action and the opt-out search are
        filters, never lists of ids."""
        campaign = self._run(self._new())
        mailing = self.env["mail.mass_mailing"].browse(
            campaign.action_create_mailing()["res_id"])
        self.assertEqual(mailing.mailing_domain, repr([
            ("crm_marketing_member_ids.campaign_id", "=", campaign.id),
            ("email", "!=", False), ("opt_out", "=", False),
            ("marketing_opted_out", "=", False)]))
        action = campaign.action_view_audience()
        self.assertNotIn("'id'", repr(action["domain"]))
        self.assertEqual(self.Partner.search(action["domain"]),
                         self.toms_client | self.sams_client | self.prospect)
        search = self.Partner._search_marketing_opted_out("=", True)
        self.assertEqual(search[0][:2], ("id", "inselect"))
        self.assertIsInstance(search[0][2][0], str, "a subquery")
        self.env["mail.mass_mailing.contact"].create({
            "name": "Out", "email": " PROSPECT@example.com", "opt_out": True})
        self.prospect.invalidate_cache()
        self.assertTrue(self.prospect.marketing_opted_out)
        self.assertFalse(self.toms_client.marketing_opted_out)
        self.assertEqual(self.Partner.search([
            ("category_id", "in", [self.tag.id]),
            ("marketing_opted_out", "=", True)]), self.prospect)


class TestInputValidation(RolesCase):

    def test_ill_typed_company(self):
        """Defect 10: an ill-typed company is refused with a clear message."""
        count = self.Campaign.search_count([])
        for value in ("abc", [1, 2]):
            with self.assertRaisesRegex(
                    ValidationError, "Company: the value .* must be the id of a "
                                     "record."), self.env.cr.savepoint():
                self._new(company_id=value)
        campaign = self._new()
        with self.assertRaisesRegex(
                ValidationError, "Company: the value 'abc' must be the id of a "
                                 "record."), self.env.cr.savepoint():
            campaign.write({"company_id": "abc"})
        with self.assertRaisesRegex(
                ValidationError, "Amount: the value 'ten' must be a number."), \
                self.env.cr.savepoint():
            self.env["crm.marketing.campaign.cost"].sudo(self.marketer).create({
                "campaign_id": campaign.id, "name": "Bad", "amount": "ten",
                "channel_id": self.print.id})
        self.assertEqual(self.Campaign.search_count([]), count + 1)


class TestWholeFlowAsStaff(RolesCase):

    def test_flow(self):
        """The marketing user builds the audience, the manager approves, the user
        starts, sees the members, creates the mailing, plans calls, invites to the
        event and reads the ROI; in "own" mode Tom's member list shows only his
        visible customers while the KPIs are the campaign's."""
        self.company.crm_customer_visibility = "own"
        campaign = self._new(channel_ids=[(6, 0, self.email_channel.ids)])
        self.assertEqual(campaign.audience_count, 3)
        campaign.sudo(self.manager).action_approve()
        campaign.action_start()
        self.assertEqual(campaign.member_count, 3)
        mailing = self.env["mail.mass_mailing"].browse(
            campaign.action_create_mailing()["res_id"])
        self.assertEqual(mailing.crm_marketing_campaign_id, campaign)
        self.assertEqual(campaign.action_plan_calls(), 3)
        campaign.action_create_event()
        self.assertEqual(
            (campaign.mailing_count, campaign.call_count, campaign.event_count),
            (1, 3, 3))
        # accounting posts a bill of 50 on the campaign; Tom sells 2 x 100
        journal = self.env["account.journal"].search([
            ("type", "=", "purchase"), ("company_id", "=", self.company.id)],
            limit=1)
        account = self.env["account.account"].search([
            ("company_id", "=", self.company.id),
            ("user_type_id", "=", self.env.ref(
                "account.data_account_type_expenses").id)], limit=1)
        self.env["account.invoice"].create({
            "type": "in_invoice", "journal_id": journal.id,
            "partner_id": self.env.ref("base.res_partner_4").id,
            "date_invoice": "2026-03-10",
            "invoice_line_ids": [(0, 0, {
                "name": "Stand", "account_id": account.id, "quantity": 1,
                "price_unit": 50.0,
                "account_analytic_id": campaign.analytic_account_id.id})],
        }).action_invoice_open()
        product = self.env["product.product"].create({
            "name": "Widget", "type": "service", "standard_price": 60.0})
        self.env["sale.order"].create({
            "partner_id": self.toms_client.id, "user_id": self.tom.id,
            "campaign_id": campaign.utm_campaign_id.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2,
                                   "price_unit": 100.0, "tax_id": [(6, 0, [])]})],
        }).action_confirm()
        for user in (self.marketer, self.manager, self.tom, self.sam):
            kpis = campaign.sudo(user).read(
                ["actual_cost", "margin", "roi", "order_count", "member_count"])[0]
            self.assertEqual(
                (kpis["actual_cost"], kpis["margin"], kpis["roi"],
                 kpis["order_count"], kpis["member_count"]),
                (50.0, 80.0, 60.0, 1, 3), user.login)
        self.assertEqual(campaign.sudo(self.tom).member_ids.mapped("partner_id"),
                         self.toms_client | self.prospect)
        self.assertEqual(campaign.sudo(self.sam).member_ids.mapped("partner_id"),
                         self.sams_client | self.prospect)
