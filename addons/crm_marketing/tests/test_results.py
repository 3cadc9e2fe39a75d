# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from ..models.crm_marketing_campaign_results import (
    CHANNEL_COLUMNS, RESULT_MEASURES, ROI_COLUMNS, SEGMENT_COLUMNS)
from .common import MarketingCase

BILL_DATE = "2026-03-15"


class ResultsCase(MarketingCase):
    """Helpers for vendor bills, orders and the results of a campaign."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.Partner.create({"name": "Print shop", "supplier": True})
        cls.product = cls.env["product.product"].create({
            "name": "Campaign widget", "type": "service", "list_price": 100.0,
            "standard_price": 60.0,
        })
        cls.channel_email = cls.env.ref("crm_marketing.channel_email")
        cls.channel_print = cls.env.ref("crm_marketing.channel_print")
        cls.email = cls.env.ref("utm.utm_medium_email")

    @classmethod
    def _bill(cls, campaign, amount, currency=None):
        """A vendor bill entered by hand on the campaign's analytic account."""
        journal = cls.env["account.journal"].search([
            ("type", "=", "purchase"), ("company_id", "=", cls.company.id)], limit=1)
        account = cls.env["account.account"].search([
            ("company_id", "=", cls.company.id),
            ("user_type_id", "=", cls.env.ref("account.data_account_type_expenses").id),
        ], limit=1)
        return cls.env["account.invoice"].create({
            "type": "in_invoice", "partner_id": cls.vendor.id,
            "journal_id": journal.id,
            "currency_id": (currency or cls.company.currency_id).id,
            "date_invoice": BILL_DATE,
            "invoice_line_ids": [(0, 0, {
                "name": "Campaign print run", "account_id": account.id,
                "quantity": 1, "price_unit": amount,
                "account_analytic_id": campaign.analytic_account_id.id,
            })],
        })

    @classmethod
    def _cost(cls, campaign, name, channel, amount, **values):
        return cls.env["crm.marketing.campaign.cost"].create(dict({
            "campaign_id": campaign.id, "name": name, "channel_id": channel.id,
            "amount": amount, "date": "2026-03-02", "partner_id": cls.vendor.id,
        }, **values))

    @classmethod
    def _sale(cls, partner, qty, campaign, **values):
        return cls.env["sale.order"].create(dict({
            "partner_id": partner.id, "campaign_id": campaign.utm_campaign_id.id,
            "medium_id": cls.email.id, "date_order": "2026-03-20 10:00:00",
            "order_line": [(0, 0, {
                "product_id": cls.product.id, "product_uom_qty": qty,
                "price_unit": 100.0, "tax_id": [(6, 0, [])],
            })],
        }, **values))

    @classmethod
    def _lead(cls, campaign, name, **values):
        return cls.env["crm.lead"].create(dict({
            "name": name, "type": "lead", "campaign_id": campaign.utm_campaign_id.id,
            "medium_id": cls.email.id,
        }, **values))

    def _figures(self, campaign):
        return {name: campaign[name] for name in RESULT_MEASURES}

    def _report(self, campaign, user=None):
        """The promotion analysis of the campaign as ``user`` sees it."""
        Analysis = self.env["crm.marketing.analysis"]
        if user:
            Analysis = Analysis.sudo(user)
        rows = Analysis.read_group([("campaign_id", "=", campaign.id)],
                                   RESULT_MEASURES + ["campaign_id"], ["campaign_id"])
        self.assertEqual(len(rows), 1)
        return {name: rows[0][name] for name in RESULT_MEASURES}

    def assertFigures(self, actual, expected, msg=None):
        for name, value in expected.items():
            self.assertAlmostEqual(actual[name], value, places=2,
                                   msg="%s: %s" % (name, msg or ""))


class TestResults(ResultsCase):
    """A small campaign whose figures are worked out by hand.

    Actual cost: the Flyers cost (print) drafted as a vendor bill, changed by
    accounting to 300.00 in a foreign currency at 2.0 per unit of company currency
    and posted = 150.00 on print; a bill of 30.00 posted by hand on the analytic
    account, from no planned cost = 30.00 unassigned; the Design cost (email)
    drafted as a bill of 1000.00 and left unposted = not counted. Total 180.00.
    Mailing: five emails: one opened and replied, one clicked through its tracked
    link, one only sent, one bounced, one failed: reached 3, opened 2, clicked 1,
    replied 1.
    Leads: 3 attributed (one is an opportunity), 1 not attributed.
    Orders: 10 x 100 (cost 60) and 5 x 100 confirmed: revenue 1500, margin 600;
    a draft order of 700 is not counted. Two customers acquired.
    ROI = (600 - 180) / 180 = 233.33 %; cost per lead 60; per customer 90.
    Segments: buyer one is a loyal champion (lead L1, order of 1000), buyer two an
    at-risk customer (opportunity O1, order of 500); lead L2 has no customer.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_currency = cls.company.currency_id
        cls.foreign = cls.env.ref("base.EUR") if company_currency != cls.env.ref(
            "base.EUR") else cls.env.ref("base.USD")
        cls.foreign.active = True
        Rate = cls.env["res.currency.rate"]
        for currency, rate in ((company_currency, 1.0), (cls.foreign, 2.0)):
            Rate.search([("currency_id", "=", currency.id),
                         ("name", ">=", "2026-03-01")]).unlink()
            Rate.create({"currency_id": currency.id, "rate": rate,
                         "name": "2026-03-01", "company_id": cls.company.id})
        cls.campaign = c = cls._campaign(channel_ids=[(6, 0, cls.channel_email.ids)])
        cls.design = cls._cost(c, "Design", cls.channel_email, 100.0)
        cls.flyers = cls._cost(c, "Flyers", cls.channel_print, 80.0,
                               date="2026-03-05")
        Invoice = cls.env["account.invoice"]
        cls.bill_foreign = Invoice.browse(cls.flyers._create_vendor_bill())
        # accounting enters the vendor's bill as received: 300.00 in its currency
        cls.bill_foreign.write({"currency_id": cls.foreign.id,
                                "date_invoice": BILL_DATE})
        cls.bill_foreign.invoice_line_ids.write({"price_unit": 300.0})
        cls.bill_foreign.action_invoice_open()
        cls.bill_manual = cls._bill(c, 30.0)
        cls.bill_manual.action_invoice_open()
        cls.bill_draft = Invoice.browse(cls.design._create_vendor_bill(1000.0))
        cls._mailing(c)
        cls.buyer1 = cls._partner("Buyer One")
        cls.buyer2 = cls._partner("Buyer Two")
        cls._lead(c, "L1", partner_id=cls.buyer1.id)
        cls._lead(c, "L2")
        cls._lead(c, "O1", type="opportunity", partner_id=cls.buyer2.id)
        cls.env["crm.lead"].create({"name": "Unrelated", "type": "lead"})
        cls._sale(cls.buyer1, 10, c).action_confirm()
        cls._sale(cls.buyer2, 5, c).action_confirm()
        cls._sale(cls.buyer2, 7, c)
        # the customers' segments as the nightly recompute would have left them
        cls.buyer1.write({"rfm_segment": "champions",
                          "lifecycle_stage_id": cls.stage["loyal"].id})
        cls.buyer2.write({"rfm_segment": "at_risk",
                          "lifecycle_stage_id": cls.stage["at_risk"].id})

    @classmethod
    def _mailing(cls, campaign):
        mailing = cls.env["mail.mass_mailing"].create({
            "name": "Spring push mailing", "body_html": "<p>Spring push</p>",
            "crm_marketing_campaign_id": campaign.id,
            "campaign_id": campaign.utm_campaign_id.id, "medium_id": cls.email.id,
            "mailing_model_id": cls.env["ir.model"]._get("res.partner").id,
            "mailing_domain": "[('id', '=', 0)]",
        })
        sent = "2026-03-03 09:00:00"
        stats = {}
        for key, values in (
                ("replied", {"opened": sent, "replied": "2026-03-04 10:00:00"}),
                ("clicked", {}),
                ("sent", {}),
                ("bounced", {"bounced": sent}),
                ("failed", {"sent": False, "exception": sent})):
            stats[key] = cls.env["mail.mail.statistics"].create(dict({
                "mass_mailing_id": mailing.id, "model": "res.partner",
                "res_id": cls.vendor.id, "sent": sent,
                "message_id": "<%s@example.com>" % key}, **values))
        # the recipient follows a tracked link of the email (what /r/<code>/m/<id>
        # records)
        link = cls.env["link.tracker"].create({
            "url": "https://example.com/spring", "mass_mailing_id": mailing.id,
            "campaign_id": campaign.utm_campaign_id.id, "medium_id": cls.email.id})
        cls.env["link.tracker.click"].add_click(
            link.code, "10.0.0.1", False, stat_id=stats["clicked"].id)
        return mailing

    def test_figures_by_hand(self):
        """Costs, reach, leads, orders, ROI and cost per lead and customer by hand."""
        c = self.campaign
        self.assertEqual(self.bill_foreign.state, "open")
        self.assertEqual(self.bill_draft.state, "draft")
        self.assertFigures(self._figures(c), {
            "planned_cost": 180.0,
            "actual_cost": 180.0,  # 300 foreign at 2.0 + 30, the draft bill left out
            "reached_count": 3, "opened_count": 2, "clicked_count": 1,
            "replied_count": 1, "lead_count": 3, "opportunity_count": 1,
            "order_count": 2, "customer_count": 2, "revenue": 1500.0,
            "margin": 600.0,
        })
        self.assertAlmostEqual(c.roi, 233.33)
        self.assertAlmostEqual(c.cost_per_lead, 60.0)
        self.assertAlmostEqual(c.cost_per_customer, 90.0)

    def test_actual_cost_by_channel(self):
        """Bills drafted from planned costs keep their cost line down to the journal
        items: the posted amount goes to the cost's channel; a bill entered by hand
        is unassigned; reach and orders go to the channel of their medium."""
        self.assertEqual(self.bill_foreign.invoice_line_ids.crm_marketing_cost_id,
                         self.flyers)
        lines = self.bill_foreign.move_id.line_ids.filtered("analytic_line_ids")
        self.assertEqual(lines.mapped("crm_marketing_cost_id"), self.flyers)
        rows = self.campaign._results_by("channel_id", CHANNEL_COLUMNS)
        self.assertEqual([r["label"] for r in rows], ["Email", "Print", "Unassigned"])
        email, printed, unassigned = rows
        self.assertFigures(email, {
            "planned_cost": 100.0, "actual_cost": 0.0, "reached_count": 3,
            "opened_count": 2, "clicked_count": 1, "replied_count": 1,
            "lead_count": 3, "order_count": 2, "revenue": 1500.0, "margin": 600.0})
        self.assertFigures(printed, dict(
            dict.fromkeys(CHANNEL_COLUMNS, 0), planned_cost=80.0, actual_cost=150.0))
        self.assertFigures(unassigned, dict(
            dict.fromkeys(CHANNEL_COLUMNS, 0), actual_cost=30.0))
        self.assertFalse(unassigned["key"])
        html = self.campaign.results_by_channel
        for text in ("Email", "Print", "Unassigned", "150.00", "1,500.00"):
            self.assertIn(text, html, "the form's table by channel shows %s" % text)
        self.assertRegex(html, r">\s*3\s*</td>", "counts shown as whole numbers")
        self.assertNotRegex(html, r">\s*3\.0\s*</td>")

    def test_results_by_segment(self):
        """Mailing engagement, leads and orders by RFM segment and lifecycle stage
        of their customer."""
        c = self.campaign
        by_rfm = {r["key"]: r for r in c._results_by("rfm_segment", SEGMENT_COLUMNS)}
        self.assertEqual(set(by_rfm), {"champions", "at_risk", False})
        self.assertEqual(by_rfm["champions"]["label"], "Champions")
        self.assertFigures(by_rfm["champions"], {
            "lead_count": 1, "opportunity_count": 0, "order_count": 1,
            "customer_count": 1, "revenue": 1000.0, "margin": 400.0})
        self.assertFigures(by_rfm["at_risk"], {
            "lead_count": 1, "opportunity_count": 1, "order_count": 1,
            "customer_count": 1, "revenue": 500.0, "margin": 200.0})
        # the mailing went to the print shop, who has no segment, as lead L2
        self.assertFigures(by_rfm[False], dict(
            dict.fromkeys(SEGMENT_COLUMNS, 0), lead_count=1, reached_count=3,
            opened_count=2, clicked_count=1, replied_count=1, bounced_count=1))
        self.assertEqual(by_rfm[False]["label"], "No segment")
        by_stage = {r["key"]: r for r in c._results_by(
            "lifecycle_stage_id", SEGMENT_COLUMNS)}
        loyal = by_stage[self.stage["loyal"].id]
        self.assertEqual(loyal["label"], self.stage["loyal"].name)
        self.assertFigures(loyal, {"lead_count": 1, "order_count": 1,
                                   "revenue": 1000.0})
        self.assertFigures(by_stage[self.stage["at_risk"].id], {
            "lead_count": 1, "order_count": 1, "revenue": 500.0})
        self.assertEqual(by_stage[False]["label"], "No stage")
        for text in ("Champions", "At risk", "No segment", self.stage["loyal"].name):
            self.assertIn(text, c.results_by_segment)

    def test_posting_the_draft_bill_counts_it(self):
        """Once posted, the second bill adds its 1000.00 to the actual cost, on the
        email channel of its planned cost."""
        self.bill_draft.action_invoice_open()
        self.campaign.invalidate_cache()
        self.assertAlmostEqual(self.campaign.actual_cost, 1180.0)
        self.assertAlmostEqual(self.campaign.roi, round(100 * (600 - 1180) / 1180, 2))
        rows = self.campaign._results_by("channel_id", ["actual_cost"])
        self.assertEqual([(r["label"], r["actual_cost"]) for r in rows],
                         [("Email", 1000.0), ("Print", 150.0), ("Unassigned", 30.0)])
        # ROI by channel: email (600 - 1000) / 1000; 3 leads; 2 customers
        rows = self.campaign._results_by("channel_id", ROI_COLUMNS)
        email, printed, unassigned = rows
        self.assertFigures(email, {"roi": -40.0, "cost_per_lead": 333.33,
                                   "cost_per_customer": 500.0})
        self.assertFigures(printed, {"roi": -100.0, "cost_per_lead": 0.0})
        html = self.campaign.sudo(self.tom).results_by_channel
        for text in ("ROI (%)", "-40.0", "333.33", "500.00"):
            self.assertIn(text, html, "the form's table shows %s" % text)

    def test_promotion_analysis(self):
        """The SQL report gives the totals, split by channel and month."""
        self.assertAlmostEqual(self._report(self.campaign)["actual_cost"], 180.0)
        Analysis = self.env["crm.marketing.analysis"]
        mine = [("campaign_id", "=", self.campaign.id)]
        by_channel = {
            r["channel_id"] and r["channel_id"][0]: r for r in Analysis.read_group(
                mine, ["channel_id", "planned_cost", "actual_cost", "reached_count",
                       "clicked_count", "revenue", "lead_count"], ["channel_id"])}
        email = by_channel[self.channel_email.id]
        self.assertFigures(email, {"planned_cost": 100.0, "actual_cost": 0.0,
                                   "reached_count": 3, "clicked_count": 1,
                                   "revenue": 1500.0, "lead_count": 3})
        self.assertFigures(by_channel[self.channel_print.id],
                           {"planned_cost": 80.0, "actual_cost": 150.0})
        self.assertFigures(by_channel[False], {"actual_cost": 30.0, "revenue": 0.0})
        months = Analysis.read_group(mine, ["date", "revenue"], ["date:month"])
        self.assertEqual([m["revenue"] for m in months if m["revenue"]], [1500.0])
        objectives = Analysis.read_group(
            mine, ["objective", "revenue"], ["objective"])
        self.assertEqual([o["objective"] for o in objectives], ["acquisition"])
        segments = {r["rfm_segment"]: r for r in Analysis.read_group(
            mine, ["rfm_segment", "customer_count", "revenue"], ["rfm_segment"])}
        self.assertFigures(segments["champions"],
                           {"customer_count": 1, "revenue": 1000.0})
        action = self.campaign.action_view_analysis()
        self.assertEqual(action["res_model"], "crm.marketing.analysis")
        self.assertEqual(Analysis.search(action["domain"]), Analysis.search(mine),
                         "the form's button opens this campaign's rows")


class TestRoiBySegment(ResultsCase):
    """Four members: Champ A and Champ B (champions), Risky (at risk) and Plain
    (no segment); a posted bill of 100.00. Champ A has a lead and buys 10 x 100
    (margin 400). The cost is shared by members: champions 50, at risk 25, no
    segment 25. Champions: ROI (400 - 50) / 50 = 700 %, 50 per lead and per
    customer; at risk: -100 %."""

    def test_roi_by_segment(self):
        """ROI, cost per lead and per customer by segment on the campaign, with
        the segment's share of the cost, the same for a salesman."""
        champ_a = self._partner("Champ A", rfm_segment="champions")
        self._partner("Champ B", rfm_segment="champions")
        self._partner("Risky", rfm_segment="at_risk")
        self._partner("Plain").rfm_segment = False
        campaign = self._run(self._campaign(name="Segments"))
        self.assertEqual(campaign.member_count, 4)
        self._bill(campaign, 100.0).action_invoice_open()
        self._lead(campaign, "Champ A lead", partner_id=champ_a.id)
        self._sale(champ_a, 10, campaign).action_confirm()
        # the segment as the nightly recompute would have left it
        champ_a.rfm_segment = "champions"
        rows = {r["key"]: r for r in campaign.sudo(self.tom)._results_by(
            "rfm_segment", ["lead_count", "margin", "cost_share", "roi",
                            "cost_per_lead", "cost_per_customer"])}
        self.assertEqual(set(rows), {"champions", "at_risk", False})
        self.assertFigures(rows["champions"], {
            "cost_share": 50.0, "margin": 400.0, "roi": 700.0,
            "cost_per_lead": 50.0, "cost_per_customer": 50.0})
        self.assertFigures(rows["at_risk"], {
            "cost_share": 25.0, "roi": -100.0, "cost_per_lead": 0.0})
        self.assertFigures(rows[False], {"cost_share": 25.0})
        self.assertEqual(rows["at_risk"]["label"], "At risk")
        html = campaign.results_by_segment
        for text in ("Cost Share", "700.0", "50.00", "At risk"):
            self.assertIn(text, html)


class TestResultsVisibility(ResultsCase):
    """The campaign's KPIs are the campaign's for every reader; the promotion
    analysis shows each reader the rows of the customers he may see.

    Tom and Sam sell; Sam also plans campaigns. Tom's client has an order of
    2 x 100 and a lead of Tom's, Sam's client an order of 3 x 100 and a lead of
    Sam's; a lead without customer is unassigned, another belongs to the
    administrator. Planned cost 50.00, a posted bill of 40.00.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.toms_client = cls._partner("Toms client", user_id=cls.tom.id)
        cls.sams_client = cls._partner("Sams client", user_id=cls.sam.id)
        cls.campaign = c = cls._campaign(name="Visible results")
        cls._cost(c, "Banner", cls.channel_print, 50.0)
        cls._bill(c, 40.0).action_invoice_open()
        cls._lead(c, "Tom's", partner_id=cls.toms_client.id, user_id=cls.tom.id)
        cls._lead(c, "Sam's", partner_id=cls.sams_client.id, user_id=cls.sam.id)
        cls._lead(c, "Unassigned", user_id=False)
        cls._lead(c, "Administrator's", user_id=cls.env.ref("base.user_root").id)
        cls._sale(cls.toms_client, 2, c, user_id=cls.tom.id).action_confirm()
        cls._sale(cls.sams_client, 3, c, user_id=cls.sam.id).action_confirm()

    def _as(self, user):
        return self.campaign.sudo(user)

    def test_own_customers_mode(self):
        """Defect 6: in "own customers" mode every reader of the campaign sees its
        whole KPIs (ROI 400 %: (200 - 40) / 40), while the promotion analysis
        shows a salesman the rows of his own customers only."""
        self.company.crm_customer_visibility = "own"
        self.assertTrue(self.sams_client.crm_is_customer)
        whole = {"planned_cost": 50.0, "actual_cost": 40.0, "lead_count": 4,
                 "order_count": 2, "customer_count": 2, "revenue": 500.0,
                 "margin": 200.0}
        for user in (self.tom, self.sam, self.marketer, self.manager):
            campaign = self._as(user)
            self.assertFigures(self._figures(campaign), whole, user.login)
            self.assertAlmostEqual(campaign.roi, 400.0, msg=user.login)
            self.assertAlmostEqual(campaign.cost_per_lead, 10.0, msg=user.login)
            self.assertAlmostEqual(campaign.cost_per_customer, 20.0, msg=user.login)
        # per-customer details follow the reader's visibility
        self.assertFigures(self._report(self.campaign, self.tom), {
            "lead_count": 2, "order_count": 1, "revenue": 200.0})
        self.assertFigures(self._report(self.campaign, self.sam), {
            "lead_count": 3, "order_count": 1, "revenue": 300.0})
        self.assertFigures(self._report(self.campaign, self.manager), whole)

    def test_all_customers_mode(self):
        """With every customer visible, a salesman's analysis still counts his own
        and the unassigned documents only, as in Odoo's sales reports; the
        campaign's KPIs stay whole."""
        self.company.crm_customer_visibility = "all"
        self.assertFigures(self._report(self.campaign, self.tom), {
            "lead_count": 2, "order_count": 1, "revenue": 200.0})
        self.assertFigures(self._report(self.campaign, self.sam), {
            "lead_count": 4, "order_count": 2, "revenue": 500.0})
        self.assertFigures(self._figures(self._as(self.tom)), {
            "lead_count": 4, "order_count": 2, "revenue": 500.0})

    def test_customer_invoice_is_no_cost(self):
        """Defect 9: a customer invoice posted on the campaign's analytic account
        is no cost: only purchase journals (bills, refunds) count."""
        journal = self.env["account.journal"].search([
            ("type", "=", "sale"), ("company_id", "=", self.company.id)], limit=1)
        account = self.env["account.account"].search([
            ("company_id", "=", self.company.id),
            ("user_type_id", "=", self.env.ref(
                "account.data_account_type_revenue").id)], limit=1)
        invoice = self.env["account.invoice"].create({
            "type": "out_invoice", "partner_id": self.toms_client.id,
            "journal_id": journal.id, "date_invoice": BILL_DATE,
            "invoice_line_ids": [(0, 0, {
                "name": "Seminar seats", "account_id": account.id, "quantity": 1,
                "price_unit": 100.0, "invoice_line_tax_ids": [(6, 0, [])],
                "account_analytic_id": self.campaign.analytic_account_id.id,
            })],
        })
        invoice.action_invoice_open()
        self.assertTrue(invoice.move_id.line_ids.mapped("analytic_line_ids"))
        campaign = self._as(self.marketer)
        self.assertAlmostEqual(campaign.actual_cost, 40.0)
        self.assertAlmostEqual(self._report(self.campaign)["actual_cost"], 40.0)
        refund = self._bill(self.campaign, 10.0)
        refund.type = "in_refund"
        refund.action_invoice_open()
        campaign.invalidate_cache()
        self.assertAlmostEqual(campaign.actual_cost, 30.0, msg="a vendor refund "
                                                               "lowers the cost")


class TestUtmAttribution(ResultsCase):

    def test_opportunity_to_order(self):
        """An opportunity carrying the campaign's UTM campaign, medium and source
        passes them to the quotation made from it (sale_crm's New Quotation): both
        count for the campaign, on the channel of the medium; another campaign's
        documents do not."""
        campaign = self._campaign(name="Attributed")
        other = self._campaign(name="Other campaign")
        source = self.env["utm.source"].create({"name": "Trade fair flyer"})
        medium = self.env.ref("crm_marketing.utm_medium_print")
        customer = self._partner("Fair visitor")
        lead = self.env["crm.lead"].create({
            "name": "Met at the fair", "type": "opportunity",
            "partner_id": customer.id, "campaign_id": campaign.utm_campaign_id.id,
            "medium_id": medium.id, "source_id": source.id})
        self._lead(other, "Elsewhere")
        # the New Quotation button of the opportunity: its action's context and
        # the button's (the form sends the customer it proposes)
        order = self.env["sale.order"].with_context(
            default_opportunity_id=lead.id, default_partner_id=customer.id,
            default_team_id=lead.team_id.id,
            default_campaign_id=lead.campaign_id.id,
            default_medium_id=lead.medium_id.id,
            default_source_id=lead.source_id.id,
        ).create({"partner_id": customer.id, "order_line": [(0, 0, {
            "product_id": self.product.id, "product_uom_qty": 4,
            "price_unit": 100.0, "tax_id": [(6, 0, [])]})]})
        self.assertEqual(
            (order.campaign_id, order.medium_id, order.source_id),
            (campaign.utm_campaign_id, medium, source))
        self.assertEqual(order.opportunity_id, lead)
        self.assertEqual((campaign.lead_count, campaign.order_count), (1, 0),
                         "a quotation is no won order yet")
        order.action_confirm()
        campaign.invalidate_cache()
        self.assertFigures(self._figures(campaign), {
            "lead_count": 1, "opportunity_count": 1, "order_count": 1,
            "customer_count": 1, "revenue": 400.0, "margin": 160.0})
        rows = campaign._results_by("channel_id", ["lead_count", "revenue"])
        self.assertEqual([(r["label"], r["lead_count"], r["revenue"]) for r in rows],
                         [("Print", 1, 400.0)])
        self.assertEqual((other.lead_count, other.order_count), (1, 0))


class TestVendorBillFromCost(MarketingCase):

    def test_bill_counts_once_posted(self):
        """A vendor bill drafted from a planned cost carries the campaign's analytic
        account; only once posted does it count in the actual cost."""
        campaign = self._campaign(name="Bills")
        cost = self.env["crm.marketing.campaign.cost"].create({
            "campaign_id": campaign.id, "name": "Banner", "amount": 400.0,
            "channel_id": self.env.ref("crm_marketing.channel_print").id,
            "partner_id": self.env.ref("base.res_partner_4").id,
        })
        bill = self.env["account.invoice"].browse(cost._create_vendor_bill(380.0))
        self.assertEqual(cost.invoice_id, bill)
        self.assertEqual(bill.type, "in_invoice")
        self.assertEqual(bill.invoice_line_ids.account_analytic_id,
                         campaign.analytic_account_id)
        self.assertEqual(bill.invoice_line_ids.crm_marketing_cost_id, cost)
        campaign.invalidate_cache()
        self.assertEqual(campaign.actual_cost, 0.0, "a draft bill is not accounting")
        bill.action_invoice_open()
        campaign.invalidate_cache()
        self.assertAlmostEqual(campaign.actual_cost, 380.0)
        with self.assertRaisesRegex(UserError, "The cost \"Banner\" already has a "
                                               "vendor bill"):
            cost._create_vendor_bill()

    def test_bill_needs_vendor(self):
        """A cost without vendor cannot be billed: the user is told to set it."""
        campaign = self._campaign(name="No vendor")
        cost = self.env["crm.marketing.campaign.cost"].create({
            "campaign_id": campaign.id, "name": "Posters", "amount": 50.0,
            "channel_id": self.env.ref("crm_marketing.channel_print").id})
        with self.assertRaisesRegex(UserError,
                                    "Set the vendor of the cost \"Posters\" first"):
            cost._create_vendor_bill()
        self.assertFalse(cost.invoice_id)
