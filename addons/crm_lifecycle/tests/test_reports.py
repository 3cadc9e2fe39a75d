# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests.common import SavepointCase


class TestReports(SavepointCase):
    """Sales performance, cohort retention and repeat purchase rate on hand data.

    Everything lives in a company created here, so Odoo's demo data does not
    change the counts. Orders of last year, in USD; costs: widget 60, gadget 30.

    - Alpha (BE, Brussels): Jan 2 widgets x 100 (ordered by its Ghent address):
      revenue 200, margin 80; Feb 1 gadget x 50: 50, 20; Mar 1 widget: 100, 40.
    - Beta (FR, Paris): Jan 3 gadgets x 50: 150, 60; a draft in Feb, not counted.
    - Gamma (BE, Antwerp): Feb 1 widget, UTM medium "Reports email": 100, 40;
      Apr 2 gadgets x 50: 100, 40.
    - Delta (FR, Paris): Feb 1 widget x 40 EUR, cost 20 EUR, at 1 USD = 0.5 EUR:
      80, 40; Feb again 1 gadget x 50: 50, 20.
    - Epsilon: a lead, no order.

    Cohorts: January = Alpha, Beta; February = Gamma, Delta.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_reset_password=True,
            mail_create_nosubscribe=True))
        usd = cls.env.ref("base.USD")
        eur = cls.env.ref("base.EUR")
        cls.company = cls.env["res.company"].create({
            "name": "Reports Co", "currency_id": usd.id})
        cls.other_company = cls.env["res.company"].create({
            "name": "Reports Other Co", "currency_id": usd.id})
        Rate = cls.env["res.currency.rate"]
        Rate.create({"name": "2000-01-01", "currency_id": usd.id, "rate": 1.0,
                     "company_id": cls.company.id})
        Rate.create({"name": "2000-01-01", "currency_id": eur.id, "rate": 0.5,
                     "company_id": cls.company.id})
        Pricelist = cls.env["product.pricelist"]
        cls.pricelist_usd = Pricelist.create({
            "name": "Reports USD", "currency_id": usd.id,
            "company_id": cls.company.id})
        cls.pricelist_eur = Pricelist.create({
            "name": "Reports EUR", "currency_id": eur.id,
            "company_id": cls.company.id})
        cls.team = cls.env["crm.team"].create({
            "name": "Reports channel", "company_id": cls.company.id})
        cls.medium = cls.env["utm.medium"].create({"name": "Reports email"})
        Category = cls.env["product.category"]
        cls.categ_widget = Category.create({"name": "Reports widgets"})
        cls.categ_gadget = Category.create({"name": "Reports gadgets"})
        Product = cls.env["product.product"].with_context(
            force_company=cls.company.id)
        cls.widget = Product.create({
            "name": "Reports widget", "type": "service", "list_price": 100.0,
            "standard_price": 60.0, "categ_id": cls.categ_widget.id})
        cls.gadget = Product.create({
            "name": "Reports gadget", "type": "service", "list_price": 50.0,
            "standard_price": 30.0, "categ_id": cls.categ_gadget.id})
        be = cls.env.ref("base.be")
        fr = cls.env.ref("base.fr")
        cls.be, cls.fr = be, fr
        Partner = cls.env["res.partner"]
        cls.alpha = cls._customer("Alpha", be, "Brussels")
        cls.beta = cls._customer("Beta", fr, "Paris")
        cls.gamma = cls._customer("Gamma", be, "Antwerp")
        cls.delta = cls._customer("Delta", fr, "Paris")
        cls.epsilon = cls._customer("Epsilon", fr, "Lyon")
        alpha_ghent = Partner.create({
            "name": "Alpha Ghent", "parent_id": cls.alpha.id, "type": "other",
            "country_id": be.id, "city": "Ghent"})
        cls.env["crm.lead"].create({
            "name": "Reports interest", "partner_id": cls.epsilon.id,
            "company_id": cls.company.id})
        cls.year = fields.Date.from_string(fields.Date.today()).year - 1
        w, g = cls.widget, cls.gadget
        cls._order(alpha_ghent, 1, [(w, 2, 100.0)])
        cls._order(cls.alpha, 2, [(g, 1, 50.0)])
        cls._order(cls.alpha, 3, [(w, 1, 100.0)])
        cls._order(cls.beta, 1, [(g, 3, 50.0)])
        cls._order(cls.beta, 2, [(w, 5, 100.0)], confirm=False)
        cls._order(cls.gamma, 2, [(w, 1, 100.0)], medium=cls.medium)
        cls._order(cls.gamma, 4, [(g, 2, 50.0)])
        cls._order(cls.delta, 2, [(w, 1, 40.0, 20.0)], pricelist=cls.pricelist_eur)
        cls._order(cls.delta, 2, [(g, 1, 50.0)])
        cls.Analysis = cls.env["crm.lifecycle.sale.analysis"]
        cls.Cohort = cls.env["crm.lifecycle.cohort"]
        Users = cls.env["res.users"]
        # "all documents" salespeople: the orders are the superuser's; the
        # document boundary of "own documents" salespeople is tested in
        # test_roles
        salesman = cls.env.ref("sales_team.group_sale_salesman_all_leads")
        cls.user_mine = Users.create({
            "name": "Reports salesman", "login": "reports_salesman",
            "company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)],
            "groups_id": [(6, 0, [salesman.id])]})
        cls.user_other = Users.create({
            "name": "Reports other salesman", "login": "reports_other_salesman",
            "company_id": cls.other_company.id,
            "company_ids": [(6, 0, cls.other_company.ids)],
            "groups_id": [(6, 0, [salesman.id])]})

    @classmethod
    def _customer(cls, name, country, city):
        return cls.env["res.partner"].create({
            "name": "Reports %s" % name, "customer": True, "is_company": True,
            "country_id": country.id, "city": city})

    @classmethod
    def _order(cls, partner, month, lines, confirm=True, pricelist=None,
               medium=None):
        """Order on the 15th of ``month`` of last year; lines (product, qty,
        price[, cost in the pricelist's currency])."""
        order_lines = []
        for line in lines:
            values = {
                "product_id": line[0].id,
                "product_uom_qty": line[1],
                "price_unit": line[2],
                "tax_id": [(6, 0, [])],
            }
            if len(line) > 3:
                values["purchase_price"] = line[3]
            order_lines.append((0, 0, values))
        order = cls.env["sale.order"].with_context(
            force_company=cls.company.id).create({
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "pricelist_id": (pricelist or cls.pricelist_usd).id,
                "team_id": cls.team.id,
                "medium_id": medium.id if medium else False,
                "date_order": "%s-%02d-15 10:00:00" % (cls.year, month),
                "order_line": order_lines,
            })
        if confirm:
            order.action_confirm()
        return order

    def _totals(self, groupby, measures=("revenue",)):
        """``{group value: (measure, ...)}`` of the company's analysis rows."""
        groups = self.Analysis.read_group(
            [("company_id", "=", self.company.id)], [groupby] + list(measures),
            [groupby], lazy=False)
        result = {}
        for group in groups:
            key = group[groupby]
            key = key[0] if isinstance(key, tuple) else key
            result[key] = tuple(round(group[m], 2) for m in measures)
        return result

    def test_sale_analysis_by_category(self):
        """Revenue, margin, quantity and lines per category equal the orders."""
        self.assertEqual(
            self._totals("categ_id", ("revenue", "margin", "quantity", "nbr")), {
                # 200 + 100 + 100 + 40 EUR / 0.5; margins 80 + 40 + 40 + 20 / 0.5
                self.categ_widget.id: (480.0, 200.0, 5.0, 4),
                # 50 + 150 + 100 + 50; margins 20 + 60 + 40 + 20
                self.categ_gadget.id: (350.0, 140.0, 7.0, 4),
            }, "one row per confirmed line, draft order left out, EUR converted")

    def test_sale_analysis_by_location(self):
        """Location is the commercial partner's: by country and by city."""
        self.assertEqual(self._totals("country_id"), {
            self.be.id: (550.0,),   # Alpha 350 + Gamma 200
            self.fr.id: (280.0,),   # Beta 150 + Delta 80 + 50
        })
        self.assertEqual(self._totals("city"), {
            "Brussels": (350.0,),   # Alpha, ordered once by its Ghent address
            "Antwerp": (200.0,),
            "Paris": (280.0,),
        })
        self.assertEqual(self._totals("partner_id"), {
            self.alpha.id: (350.0,), self.beta.id: (150.0,),
            self.gamma.id: (200.0,), self.delta.id: (130.0,),
        }, "rows carry the commercial partner")

    def test_sale_analysis_by_channel(self):
        """Sales channel and UTM medium of the order reach the lines."""
        self.assertEqual(self._totals("team_id"), {self.team.id: (830.0,)})
        self.assertEqual(self._totals("medium_id"), {
            self.medium.id: (100.0,), False: (730.0,)})

    def test_margin_is_price_minus_cost(self):
        """Each line's margin is its untaxed amount minus cost x quantity."""
        rows = self.Analysis.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(rows), 8)
        costs = {self.widget: 60.0, self.gadget: 30.0}
        for row in rows.filtered(lambda r: r.partner_id != self.delta):
            self.assertAlmostEqual(
                row.margin, row.revenue - costs[row.product_id] * row.quantity,
                msg="margin of %s" % row.order_id.name)
        euro = rows.filtered(lambda r: r.order_id.pricelist_id == self.pricelist_eur)
        self.assertEqual((euro.revenue, euro.margin), (80.0, 40.0),
                         "(40 - 20) EUR at 0.5 EUR per USD")

    def test_cohort_retention(self):
        """Two cohorts: customers, cohort size and retention per month offset."""
        rows = self.Cohort.search([("company_id", "=", self.company.id)])
        got = {
            (fields.Date.from_string(r.cohort_month).month, r.month_offset):
                (r.customers, r.cohort_size, r.retention)
            for r in rows
        }
        self.assertEqual(got, {
            # January cohort (Alpha, Beta): Alpha alone in Feb and Mar, none in Apr
            (1, 0): (2, 2, 100.0), (1, 1): (1, 2, 50.0), (1, 2): (1, 2, 50.0),
            (1, 3): (0, 2, 0.0),
            # February cohort (Gamma, Delta twice): nobody in Mar, Gamma in Apr
            (2, 0): (2, 2, 100.0), (2, 1): (0, 2, 0.0), (2, 2): (1, 2, 50.0),
        }, "offsets run to the company's last month with an order (April)")
        self.assertEqual(
            {fields.Date.from_string(r.cohort_month).year for r in rows}, {self.year})
        groups = self.Cohort.read_group(
            [("company_id", "=", self.company.id)],
            ["month_offset", "customers", "cohort_size", "retention"],
            ["month_offset"])
        by_offset = {
            g["month_offset"]: (g["customers"], g["cohort_size"], g["retention"])
            for g in groups}
        self.assertEqual(by_offset[1], (1, 2, 25.0),
                         "over cohorts: customers summed, retention averaged")
        self.assertEqual(by_offset[2], (2, 2, 50.0))

    def test_repeat_purchase_rate(self):
        """3 of the 4 customers with an order ordered twice or more."""
        Profile = self.env["crm.lifecycle.profile"]
        Profile._recompute(self.company, fields.Date.from_string(fields.Date.today()))
        profiles = Profile.search([("company_id", "=", self.company.id)])
        self.assertEqual(
            {p.partner_id: p.order_count for p in profiles},
            {self.alpha: 3, self.beta: 1, self.gamma: 2, self.delta: 2,
             self.epsilon: 0},
            "Epsilon (a lead, no order) has a profile but no order")
        self.assertEqual(Profile._repeat_purchase_rate(self.company), 0.75)
        self.assertEqual(Profile._repeat_purchase_rate(self.other_company), 0.0,
                         "no customer: 0, not a division by zero")
        # where the administrator of that company reads it: the suite's settings
        admin = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Repeat admin", "login": "repeat_admin",
            "company_id": self.company.id, "company_ids": [(6, 0, self.company.ids)],
            "groups_id": [(6, 0, [self.env.ref("base.group_system").id,
                                  self.env.ref("sales_team.group_sale_manager").id])],
        })
        settings = self.env["res.config.settings"].sudo(admin).create({})
        self.assertEqual(settings.company_id, self.company)
        self.assertEqual(settings.lifecycle_repeat_rate, 75.0)

    def test_multi_company_rule(self):
        """A salesman of another company sees none of the company's report rows."""
        mine = [("company_id", "=", self.company.id)]
        self.assertEqual(self.Analysis.sudo(self.user_mine).search_count(mine), 8)
        self.assertEqual(self.Cohort.sudo(self.user_mine).search_count(mine), 7)
        self.assertEqual(self.Analysis.sudo(self.user_other).search_count(mine), 0)
        self.assertEqual(self.Cohort.sudo(self.user_other).search_count(mine), 0)
        self.assertFalse(
            self.Analysis.sudo(self.user_other).search(
                [("partner_id", "=", self.alpha.id)]),
            "not even through the customer")

    def test_own_customers_mode(self):
        """In "own customers" mode a salesman gets only his customers' sales rows."""
        self.alpha.user_id = self.user_mine
        self.company.crm_customer_visibility = "own"
        mine = [("company_id", "=", self.company.id)]
        rows = self.Analysis.sudo(self.user_mine).search(mine)
        self.assertEqual(rows.mapped("partner_id"), self.alpha,
                         "Alpha is his; Beta, Gamma and Delta are not")
        self.assertEqual(len(rows), 3)
        groups = self.Analysis.sudo(self.user_mine).read_group(
            mine, ["categ_id", "revenue"], ["categ_id"])
        self.assertEqual(
            {g["categ_id"][0]: g["revenue"] for g in groups},
            {self.categ_widget.id: 300.0, self.categ_gadget.id: 50.0})
        manager = self.env["res.users"].create({
            "name": "Reports manager", "login": "reports_manager",
            "company_id": self.company.id, "company_ids": [(6, 0, self.company.ids)],
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_manager").id])]})
        self.assertEqual(self.Analysis.sudo(manager).search_count(mine), 8,
                         "managers see all")
