# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .analysis_common import AnalysisCase


class TestSuggestions(AnalysisCase):
    """Cross-sell and up-sell suggestions, and the opportunity they turn into.

    Products: beans (Coffee, 10), premium beans (Coffee, 25), filter
    (Accessories, 5), mug (Accessories, 8). Confirmed orders:
    Ann (tier A) {beans, filter}; Bob (A) {beans, filter} and {premium};
    Cid (B) {beans, mug}; Dan (A) {beans}; Eve (B) {premium}.

    Six baskets; beans in 4, filter in 2, mug in 1; beans+filter in 2,
    beans+mug in 1. With support >= 0.2 and confidence >= 0.3 the rules are
    beans -> filter (support 2/6, confidence 2/4 = 0.5, lift 0.5 / (2/6) = 1.5)
    and filter -> beans; beans -> mug falls (support 1/6).

    Dan bought beans only:
    - cross-sell: filter, score = lift x confidence = 1.5 x 0.5 = 0.75;
    - up-sell: premium beans (Coffee, 25 > 10), bought by Bob, one of the two
      other tier A customers with an order (Ann, Bob): score 1/2 = 0.5. Eve
      bought it too but is tier B.
    """

    company_name = "Suggest Co"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        coffee = cls._category("Suggest coffee")
        accessories = cls._category("Suggest accessories")
        cls.beans = cls._product("Suggest beans", 10.0, coffee)
        cls.premium = cls._product("Suggest premium beans", 25.0, coffee)
        cls.filter = cls._product("Suggest filter", 5.0, accessories)
        cls.mug = cls._product("Suggest mug", 8.0, accessories)
        cls.salesman = cls.env["res.users"].create({
            "name": "Suggest salesman", "login": "suggest_salesman",
            "company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)],
            "groups_id": [(6, 0, [
                cls.env.ref("sales_team.group_sale_salesman").id])],
        })
        customers = {}
        for name in ("Ann", "Bob", "Cid", "Dan", "Eve"):
            customers[name] = cls._customer(
                "Suggest %s" % name, user_id=cls.salesman.id)
        cls.dan = customers["Dan"]
        b, p, f, m = cls.beans, cls.premium, cls.filter, cls.mug
        cls._order(customers["Ann"], 40, [(b, 10.0), (f, 5.0)])
        cls._order(customers["Bob"], 35, [(b, 10.0), (f, 5.0)])
        cls._order(customers["Bob"], 30, [(p, 25.0)])
        cls._order(customers["Cid"], 25, [(b, 10.0), (m, 8.0)])
        cls._order(cls.dan, 20, [(b, 10.0)])
        cls._order(customers["Eve"], 15, [(p, 25.0)])
        # tiers come from posted invoices; none here, so they are set by hand
        for name, tier in (("Ann", "a"), ("Bob", "a"), ("Cid", "b"), ("Dan", "a"),
                           ("Eve", "b")):
            customers[name].value_tier = tier
        cls.env["crm.lifecycle.product.rule"]._recompute_rules(cls.company, 0.2, 0.3)
        cls.Suggestion = cls.env["crm.lifecycle.suggestion"].sudo(cls.salesman)

    def test_cross_and_up_sell(self):
        """Dan gets the filter to cross-sell (0.75) and premium to up-sell (0.5)."""
        suggestions = self.Suggestion._generate(self.dan)
        got = {(s.kind, s.product_id): s for s in suggestions}
        self.assertEqual(set(got), {("cross_sell", self.filter),
                                    ("up_sell", self.premium)})
        cross = got[("cross_sell", self.filter)]
        self.assertAlmostEqual(cross.score, 0.75)
        self.assertIn("Suggest beans", cross.reason)
        self.assertIn("50%", cross.reason)
        up = got[("up_sell", self.premium)]
        self.assertAlmostEqual(up.score, 0.5)
        self.assertIn("Suggest beans", up.reason)
        self.assertEqual(len(self.Suggestion._generate(self.dan)), 2,
                         "generating again replaces, not adds")

    def test_opportunity_from_suggestion(self):
        """The button creates Dan's opportunity, named after the product."""
        suggestion = self.Suggestion._generate(self.dan).filtered(
            lambda s: s.kind == "cross_sell")
        action = suggestion.action_create_opportunity()
        lead = self.env["crm.lead"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "crm.lead")
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.dan)
        self.assertEqual(lead.name, "Cross-sell: Suggest filter")
        self.assertEqual(lead.user_id, self.salesman, "the customer's salesperson")
        self.assertEqual(lead.company_id, self.company)
        self.assertEqual(suggestion.lead_id, lead)

    def test_partner_button(self):
        """The partner's Suggestions button shows the two suggestions."""
        action = self.dan.sudo(self.salesman).action_view_lifecycle_suggestions()
        self.assertEqual(action["res_model"], "crm.lifecycle.suggestion")
        shown = self.Suggestion.search(action["domain"])
        self.assertEqual(set(shown.mapped("kind")), {"cross_sell", "up_sell"})
        self.assertEqual(shown.mapped("partner_id"), self.dan)
