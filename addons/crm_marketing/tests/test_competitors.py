# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import MarketingCase


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
