# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.exceptions import AccessError

from .common import MarketingCase
from .test_results import ResultsCase


class TestCompetitorsAndPartnerChannels(MarketingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rival = cls.env["crm.competitor"].create({
            "name": "Rival Inc", "price_position": "lower",
            "strengths": "Cheap", "weaknesses": "Slow support"})
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Too expensive"})
        cls.reseller = cls._partner("Reseller", crm_channel_type="reseller")
        cls.customer = cls._partner("End customer")

    def test_lost_to_competitor(self):
        """The lost wizard records reason and competitor; the competitor counts
        its lost deals and the report lists them."""
        Lead = self.env["crm.lead"]
        lost = Lead.create({"name": "Deal A", "type": "opportunity",
                            "planned_revenue": 2000.0})
        Lead.create({"name": "Deal B", "type": "opportunity",
                     "planned_revenue": 500.0, "competitor_id": self.rival.id})
        wizard = self.env["crm.lead.lost"].with_context(active_ids=lost.ids).create({
            "lost_reason_id": self.reason.id, "competitor_id": self.rival.id})
        wizard.action_lost_reason_apply()
        self.assertFalse(lost.active)
        self.assertEqual(lost.lost_reason, self.reason)
        self.assertEqual(lost.competitor_id, self.rival)
        self.assertEqual(self.rival.lost_count, 1, "the open deal B is not lost")
        self.assertAlmostEqual(self.rival.lost_revenue, 2000.0)
        action = self.env.ref("crm_marketing.crm_lead_lost_competitor_action")
        from odoo.tools.safe_eval import safe_eval
        found = Lead.with_context(active_test=False).search(
            safe_eval(action.domain) + [("competitor_id", "=", self.rival.id)])
        self.assertEqual(found, lost)

    def test_partner_channel_results(self):
        """Leads referred through a reseller, and the orders of their
        opportunities, are the reseller's results."""
        lead = self.env["crm.lead"].create({
            "name": "Via reseller", "type": "opportunity",
            "partner_id": self.customer.id, "channel_partner_id": self.reseller.id})
        self.env["crm.lead"].create({
            "name": "Lead via reseller", "channel_partner_id": self.reseller.id})
        product = self.env["product.product"].create({
            "name": "Thing", "type": "service", "list_price": 250.0})
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id, "opportunity_id": lead.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2,
                                   "price_unit": 250.0, "tax_id": [(6, 0, [])]})],
        })
        self.assertEqual(order.channel_partner_id, self.reseller)
        order.action_confirm()
        self.assertEqual(self.reseller.channel_lead_count, 2)
        self.assertEqual(self.reseller.channel_order_count, 1)
        self.assertAlmostEqual(self.reseller.channel_revenue, 500.0)

    def test_marketer_without_sales_rights_reads_contacts(self):
        """A marketing user without sales rights opens contacts and competitors:
        the sales figures show as zero instead of an access error."""
        reseller = self.env["res.partner"].create({
            "name": "Reseller for Ann", "crm_channel_type": "reseller"})
        values = reseller.sudo(self.marketer).read(
            ["channel_lead_count", "channel_revenue"])[0]
        self.assertEqual((values["channel_lead_count"], values["channel_revenue"]),
                         (0, 0.0))
        competitor = self.env["crm.competitor"].create({"name": "Rival for Ann"})
        self.assertEqual(competitor.sudo(self.marketer).read(["lost_count"])[0][
            "lost_count"], 0)


class TestCompetitorCampaignResults(ResultsCase):
    """Rival won a deal of Old Client in 2026-02. A win-back campaign against
    Rival brings Old Client back (an order of 3 x 100 in March) and a New Client
    (first order ever, 2 x 100); an acquisition campaign against nobody brings
    Other Client (1 x 100)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rival = cls.env["crm.competitor"].create({"name": "Rival Co"})
        cls.old = cls._partner("Old client")
        cls.new = cls._partner("New client")
        cls.other = cls._partner("Other client")
        cls._sale(cls.old, 1, cls._campaign(name="Earlier"),
                  date_order="2025-06-01 10:00:00").action_confirm()
        lost = cls.env["crm.lead"].create({
            "name": "Renewal", "type": "opportunity", "partner_id": cls.old.id})
        lost.write({"competitor_id": cls.rival.id})
        lost.action_set_lost()
        lost.date_closed = "2026-02-10 10:00:00"
        cls.winback = cls._campaign(name="Come back", objective="win_back",
                                    competitor_ids=[(6, 0, cls.rival.ids)])
        cls._sale(cls.old, 3, cls.winback).action_confirm()
        cls._sale(cls.new, 2, cls.winback).action_confirm()
        cls._sale(cls.other, 1, cls._campaign(name="Elsewhere")).action_confirm()

    def test_won_back_and_acquired(self):
        """The competitor shows the customers won back from it (their orders'
        revenue) and those acquired by the campaigns against it, as the marketing
        user and a salesman read it."""
        for user in (self.marketer, self.tom):
            rival = self.rival.sudo(user)
            self.assertEqual((rival.won_back_count, rival.acquired_count), (1, 1),
                             user.login)
            self.assertAlmostEqual(rival.won_back_revenue, 300.0)
            self.assertAlmostEqual(rival.acquired_revenue, 200.0)
        self.assertEqual(self.rival.lost_count, 1)

    def test_employee_without_sales_rights_gets_no_results(self):
        """Security review: the campaigns' results are read from the promotion
        analysis; an employee without sales or marketing rights reads the
        competitor but neither gets the figures nor sees them on the form."""
        rival = self.rival.sudo(self.employee)
        self.assertEqual(rival.read(["name"])[0]["name"], "Rival Co")
        for name in ("won_back_count", "won_back_revenue", "acquired_count",
                     "acquired_revenue"):
            with self.assertRaises(AccessError, msg=name):
                rival.read([name])
        self.assertNotIn("won_back_revenue", rival.fields_get())
        arch = rival.fields_view_get(view_type="form")["arch"]
        self.assertNotIn("won_back_revenue", arch)
        results = etree.fromstring(arch).xpath(
            "//group[@string='Results of the campaigns against them']")
        self.assertEqual(results[0].get("invisible"), "1")
        rival.invalidate_cache()
        self.assertEqual((rival.won_back_revenue, rival.acquired_revenue),
                         (0.0, 0.0), "computed as the employee: nothing")


class TestPartnerChannelAnalysis(ResultsCase):
    """A reseller brings a campaign's order priced in a foreign currency."""

    def test_channel_results_in_company_currency(self):
        """The promotion analysis by partner channel and the reseller's form
        show the order's revenue in company currency (300 foreign at 2.0 = 150)."""
        company_currency = self.company.currency_id
        foreign = self.env.ref("base.EUR") if company_currency != self.env.ref(
            "base.EUR") else self.env.ref("base.USD")
        foreign.active = True
        Rate = self.env["res.currency.rate"]
        for currency, rate in ((company_currency, 1.0), (foreign, 2.0)):
            Rate.search([("currency_id", "=", currency.id),
                         ("name", ">=", "2026-03-01")]).unlink()
            Rate.create({"currency_id": currency.id, "rate": rate,
                         "name": "2026-03-01", "company_id": self.company.id})
        pricelist = self.env["product.pricelist"].create({
            "name": "Foreign", "currency_id": foreign.id})
        reseller = self._partner("Reseller", crm_channel_type="reseller")
        campaign = self._campaign(name="Via resellers")
        self._sale(self._partner("End client"), 3, campaign,
                   pricelist_id=pricelist.id,
                   channel_partner_id=reseller.id,
                   user_id=self.tom.id).action_confirm()
        rows = self.env["crm.marketing.analysis"].sudo(self.marketer).read_group(
            [("campaign_id", "=", campaign.id)],
            ["channel_partner_id", "order_count", "revenue"], ["channel_partner_id"])
        self.assertEqual([(r["channel_partner_id"][0], r["order_count"])
                          for r in rows], [(reseller.id, 1)])
        self.assertAlmostEqual(rows[0]["revenue"], 150.0)
        self.assertAlmostEqual(reseller.sudo(self.tom).channel_revenue, 150.0)
