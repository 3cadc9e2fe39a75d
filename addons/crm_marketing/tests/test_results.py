# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .common import MarketingCase

BILL_DATE = "2026-03-15"


class TestResults(MarketingCase):
    """A small campaign whose figures are worked out by hand.

    Actual cost: a posted bill of 300.00 in a foreign currency at 2.0 per unit of
    company currency = 150.00; an unposted bill of 1000.00 is not counted.
    Leads: 3 attributed (one is an opportunity), 1 not attributed.
    Orders: 10 x 100 (cost 60) and 5 x 100 confirmed: revenue 1500, margin 600;
    a draft order of 700 is not counted. Two customers acquired.
    ROI = (600 - 150) / 150 = 300 %; cost per lead 50; per customer 75.
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
        cls.vendor = cls.Partner.create({"name": "Print shop", "supplier": True})
        cls.product = cls.env["product.product"].create({
            "name": "Campaign widget", "type": "service", "list_price": 100.0,
            "standard_price": 60.0,
        })
        cls.campaign = cls._campaign(channel_ids=[(6, 0, [
            cls.env.ref("crm_marketing.channel_email").id])])
        utm = cls.campaign.utm_campaign_id
        email = cls.env.ref("utm.utm_medium_email")
        Cost = cls.env["crm.marketing.campaign.cost"]
        Cost.create({"campaign_id": cls.campaign.id, "name": "Design",
                     "channel_id": cls.env.ref("crm_marketing.channel_email").id,
                     "amount": 100.0, "date": "2026-03-02"})
        Cost.create({"campaign_id": cls.campaign.id, "name": "Flyers",
                     "channel_id": cls.env.ref("crm_marketing.channel_print").id,
                     "amount": 80.0, "date": "2026-03-05", "partner_id": cls.vendor.id})
        cls.bill_foreign = cls._bill(300.0, cls.foreign)
        cls.bill_foreign.action_invoice_open()
        cls.bill_draft = cls._bill(1000.0, company_currency)
        Lead = cls.env["crm.lead"]
        cls.buyer1 = cls._partner("Buyer One")
        cls.buyer2 = cls._partner("Buyer Two")
        for name, kind in (("L1", "lead"), ("L2", "lead"), ("O1", "opportunity")):
            Lead.create({"name": name, "type": kind, "campaign_id": utm.id,
                         "medium_id": email.id})
        Lead.create({"name": "Unrelated", "type": "lead"})
        cls._sale(cls.buyer1, 10, utm, email).action_confirm()
        cls._sale(cls.buyer2, 5, utm, email).action_confirm()
        cls._sale(cls.buyer2, 7, utm, email)

    @classmethod
    def _bill(cls, amount, currency):
        journal = cls.env["account.journal"].search([
            ("type", "=", "purchase"), ("company_id", "=", cls.company.id)], limit=1)
        account = cls.env["account.account"].search([
            ("company_id", "=", cls.company.id),
            ("user_type_id", "=", cls.env.ref("account.data_account_type_expenses").id),
        ], limit=1)
        return cls.env["account.invoice"].create({
            "type": "in_invoice", "partner_id": cls.vendor.id,
            "journal_id": journal.id, "currency_id": currency.id,
            "date_invoice": BILL_DATE,
            "invoice_line_ids": [(0, 0, {
                "name": "Campaign print run", "account_id": account.id,
                "quantity": 1, "price_unit": amount,
                "account_analytic_id": cls.campaign.analytic_account_id.id,
            })],
        })

    @classmethod
    def _sale(cls, partner, qty, utm, medium):
        return cls.env["sale.order"].create({
            "partner_id": partner.id, "campaign_id": utm.id, "medium_id": medium.id,
            "date_order": "2026-03-20 10:00:00",
            "order_line": [(0, 0, {
                "product_id": cls.product.id, "product_uom_qty": qty,
                "price_unit": 100.0, "tax_id": [(6, 0, [])],
            })],
        })

    def test_figures_by_hand(self):
        """Costs, leads, orders, ROI and cost per lead and customer by hand."""
        c = self.campaign
        self.assertEqual(self.bill_foreign.state, "open")
        self.assertEqual(self.bill_draft.state, "draft")
        self.assertAlmostEqual(c.planned_cost, 180.0)
        self.assertAlmostEqual(c.actual_cost, 150.0,
                               msg="300 foreign at 2.0, the draft bill left out")
        self.assertEqual(c.lead_count, 3)
        self.assertEqual(c.opportunity_count, 1)
        self.assertEqual(c.order_count, 2)
        self.assertEqual(c.customer_count, 2)
        self.assertAlmostEqual(c.revenue, 1500.0)
        self.assertAlmostEqual(c.margin, 600.0)
        self.assertAlmostEqual(c.roi, 300.0)
        self.assertAlmostEqual(c.cost_per_lead, 50.0)
        self.assertAlmostEqual(c.cost_per_customer, 75.0)

    def test_posting_the_draft_bill_counts_it(self):
        """Once posted, the second bill adds its 1000.00 to the actual cost."""
        self.bill_draft.action_invoice_open()
        self.campaign.invalidate_cache()
        self.assertAlmostEqual(self.campaign.actual_cost, 1150.0)
        self.assertAlmostEqual(self.campaign.roi, round(100 * (600 - 1150) / 1150, 2))

    def test_promotion_analysis(self):
        """The SQL report gives the same totals, split by channel and month."""
        Analysis = self.env["crm.marketing.analysis"]
        rows = Analysis.read_group(
            [("campaign_id", "=", self.campaign.id)],
            ["campaign_id", "planned_cost", "actual_cost", "lead_count",
             "opportunity_count", "order_count", "revenue", "margin"],
            ["campaign_id"])
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertAlmostEqual(row["planned_cost"], 180.0)
        self.assertAlmostEqual(row["actual_cost"], 150.0)
        self.assertEqual(row["lead_count"], 3)
        self.assertEqual(row["opportunity_count"], 1)
        self.assertEqual(row["order_count"], 2)
        self.assertAlmostEqual(row["revenue"], 1500.0)
        self.assertAlmostEqual(row["margin"], 600.0)
        by_channel = {
            r["channel_id"] and r["channel_id"][0]: r for r in Analysis.read_group(
                [("campaign_id", "=", self.campaign.id)],
                ["channel_id", "planned_cost", "revenue", "lead_count"],
                ["channel_id"])}
        email = self.env.ref("crm_marketing.channel_email").id
        printed = self.env.ref("crm_marketing.channel_print").id
        self.assertAlmostEqual(by_channel[email]["planned_cost"], 100.0)
        self.assertAlmostEqual(by_channel[email]["revenue"], 1500.0)
        self.assertEqual(by_channel[email]["lead_count"], 3)
        self.assertAlmostEqual(by_channel[printed]["planned_cost"], 80.0)
        mine = [("campaign_id", "=", self.campaign.id)]
        months = Analysis.read_group(mine, ["date", "revenue"], ["date:month"])
        self.assertEqual([m["revenue"] for m in months if m["revenue"]], [1500.0])
        objectives = Analysis.read_group(
            mine, ["objective", "revenue"], ["objective"])
        self.assertEqual([o["objective"] for o in objectives], ["acquisition"])

    def test_analysis_respects_confidentiality(self):
        """A salesman does not see the order rows of customers hidden from him;
        cost rows (no customer) stay visible."""
        self.assertTrue(self.buyer1.crm_is_customer)
        self.company.crm_customer_visibility = "own"
        rows = self.env["crm.marketing.analysis"].sudo(self.tom).read_group(
            [("campaign_id", "=", self.campaign.id)],
            ["campaign_id", "planned_cost", "actual_cost", "revenue", "lead_count"],
            ["campaign_id"])
        self.assertAlmostEqual(rows[0]["revenue"], 0.0)
        self.assertAlmostEqual(rows[0]["planned_cost"], 180.0)
        self.assertAlmostEqual(rows[0]["actual_cost"], 150.0)
        self.assertEqual(rows[0]["lead_count"], 3)
        self.company.crm_customer_visibility = "all"
        rows = self.env["crm.marketing.analysis"].sudo(self.tom).read_group(
            [("campaign_id", "=", self.campaign.id)],
            ["campaign_id", "revenue"], ["campaign_id"])
        self.assertAlmostEqual(rows[0]["revenue"], 1500.0)


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
        campaign.invalidate_cache()
        self.assertEqual(campaign.actual_cost, 0.0, "a draft bill is not accounting")
        bill.action_invoice_open()
        campaign.invalidate_cache()
        self.assertAlmostEqual(campaign.actual_cost, 380.0)
        with self.assertRaisesRegex(UserError, "already has a vendor bill"):
            cost._create_vendor_bill()
