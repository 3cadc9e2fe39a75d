# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The defects of issue 11, each reproduced as the role that meets it."""
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tools.safe_eval import safe_eval

from .common import LifecycleCase

EXPORT_REFUSED = "Export customer data"


class TestRoles(LifecycleCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.export_group = cls.env.ref("crm_lifecycle.group_customer_export")
        # "own documents only", "all documents", sales manager, accountant
        cls.sam = cls._user("role_sam", "sales_team.group_sale_salesman")
        cls.ann = cls._user("role_ann", "sales_team.group_sale_salesman_all_leads")
        cls.boss = cls._user("role_boss", "sales_team.group_sale_manager")
        cls.accountant = cls._user("role_acc", "account.group_account_invoice")
        cls.acme = cls._customer("Acme Roles", user_id=cls.ann.id)
        cls.buyer = cls.Partner.create({
            "name": "Buyer at Acme Roles", "parent_id": cls.acme.id})
        cls.clerk = cls.Partner.create({
            "name": "Clerk at Acme Roles", "parent_id": cls.acme.id})
        cls.globex = cls._customer("Globex Roles", user_id=cls.ann.id)
        cls.bob = cls._customer("Bob Private", is_company=False, user_id=cls.sam.id)

    @classmethod
    def _sale(cls, partner, user, amount=100.0, day=None):
        """A confirmed order of ``user`` (set-up, as superuser)."""
        order = cls._order(partner, day or cls.ref_date, amount=amount, confirm=False)
        order.user_id = user
        order.action_confirm()
        return order

    def _visible(self, user, model, records):
        return self.env[model].sudo(user).search([("id", "in", records.ids)])

    # 1. one export policy for every model with customer data
    def test_export_of_customer_data_needs_group_and_is_logged(self):
        """A salesman may not export orders, analyses, history or leads; with the
        group every export is logged with model, count and fields."""
        self.company.crm_customer_visibility = "all"
        order = self._sale(self.acme, self.sam)
        lead = self.env["crm.lead"].create({
            "name": "Roles lead", "partner_id": self.acme.id, "user_id": self.sam.id})
        Profile = self.env["crm.lifecycle.profile"]
        exports = [
            (order, ["name", "partner_id/name", "partner_id/email"]),
            (lead, ["name", "partner_id/phone"]),
            (Profile.search([("partner_id", "=", self.acme.id)]),
             ["partner_id/name", "revenue", "margin", "clv"]),
            (self.env["crm.lifecycle.sale.analysis"].search(
                [("order_id", "=", order.id)]), ["partner_id/name", "margin"]),
            (self.env["crm.lifecycle.history"].search(
                [("partner_id", "=", self.acme.id)]), ["partner_id/name"]),
            (self.env["sale.report"].search([("name", "=", order.name)]),
             ["partner_id/name", "price_total"]),
        ]
        Log = self.env["crm.access.log"]
        for records, fields in exports:
            self.assertTrue(records, "set-up: %s" % records._name)
            mine = records.sudo(self.sam)
            with self.assertRaisesRegex(UserError, EXPORT_REFUSED,
                                        msg="%s export refused" % records._name):
                mine.export_data(fields)
        self.assertFalse(Log.search([("user_id", "=", self.sam.id)]))
        self.sam.groups_id = [(4, self.export_group.id)]
        for records, fields in exports:
            rows = records.sudo(self.sam).export_data(fields)["datas"]
            self.assertEqual(len(rows), len(records), records._name)
            log = Log.search([("user_id", "=", self.sam.id),
                              ("model", "=", records._name)])
            self.assertEqual(
                (log.event_type, log.record_count, log.field_names,
                 log.company_id),
                ("export", len(records), ", ".join(fields), self.company),
                "%s export logged" % records._name)
        self.assertEqual(rows and rows[0][0], "Acme Roles")

    def test_accountant_invoice_export(self):
        """An accountant exports customer invoices only with the export group."""
        invoice = self._direct_invoice(self.acme, 250.0)
        mine = invoice.sudo(self.accountant)
        self.assertEqual(mine.partner_id.name, "Acme Roles", "he reads it")
        with self.assertRaisesRegex(UserError, EXPORT_REFUSED):
            mine.export_data(["number", "partner_id/name", "amount_total"])
        self.accountant.groups_id = [(4, self.export_group.id)]
        rows = mine.export_data(["partner_id/name", "amount_untaxed"])["datas"]
        self.assertEqual(rows, [["Acme Roles", "250.0"]])

    # 2. stored XSS in the chatter note of a stage change
    def test_stage_note_escapes_stage_names(self):
        """A stage renamed with HTML lands escaped in the customers' chatter."""
        stage = self.stage["new"].sudo(self.boss)
        stage.name = "<img src=x onerror=alert(1)>Newcomer"
        customer = self._customer("Escaped Ltd", user_id=self.sam.id)
        self._sale(customer, self.sam)
        self.assertEqual(customer.lifecycle_stage_id, self.stage["new"])
        messages = self.env["mail.message"].sudo(self.sam).search([
            ("model", "=", "res.partner"), ("res_id", "=", customer.id),
            ("body", "ilike", "Newcomer")])
        self.assertEqual(len(messages), 1, "one note of the stage change")
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;Newcomer", messages.body)
        self.assertNotIn("<img", messages.body)

    # 3. contacts follow their commercial partner
    def test_contacts_follow_their_company(self):
        """A salesman who sold to a contact sees the company, its contacts, its
        profile and the order in his analysis (own mode)."""
        self.company.crm_customer_visibility = "own"
        family = self.acme | self.buyer | self.clerk
        self.assertFalse(self._visible(self.sam, "res.partner", family),
                         "before he sells")
        order = self._sale(self.buyer, self.sam)
        self.assertEqual(self._visible(self.sam, "res.partner", family), family)
        self.assertEqual(self.acme.sudo(self.sam).name, "Acme Roles")
        analysis = self.env["crm.lifecycle.sale.analysis"].sudo(self.sam).search(
            [("order_id", "=", order.id)])
        self.assertEqual(analysis.partner_id, self.acme, "order of a contact")
        profile = self.env["crm.lifecycle.profile"].sudo(self.sam).search(
            [("partner_id", "=", self.acme.id)])
        self.assertEqual(profile.order_count, 1)
        # the other way round: sold to a company, its contacts follow
        self._sale(self.globex, self.sam)
        contact = self.Partner.create({
            "name": "Contact at Globex", "parent_id": self.globex.id})
        self.assertEqual(self._visible(self.sam, "res.partner", contact), contact)
        # another salesman does not see them
        sue = self._user("role_sue", "sales_team.group_sale_salesman")
        self.assertFalse(self._visible(sue, "res.partner", family | contact))

    # 4. analyses follow the sales group's document boundary
    def test_own_documents_salesman_in_all_customers_mode(self):
        """With every customer visible, an "own documents" salesman still gets
        only his own figures; an "all documents" one gets all."""
        self.company.crm_customer_visibility = "all"
        mine = self._sale(self.acme, self.sam)
        other = self._sale(self.globex, self.ann)
        both = self.acme | self.globex
        self.assertEqual(self._visible(self.sam, "res.partner", both), both,
                         "customers are visible")
        Profile = self.env["crm.lifecycle.profile"]
        domain = [("partner_id", "in", both.ids)]
        self.assertEqual(
            Profile.sudo(self.sam).search(domain).mapped("partner_id"), self.acme)
        self.assertEqual(
            Profile.sudo(self.ann).search(domain).mapped("partner_id"), both)
        Analysis = self.env["crm.lifecycle.sale.analysis"]
        domain = [("order_id", "in", (mine | other).ids)]
        self.assertEqual(
            Analysis.sudo(self.sam).search(domain).mapped("order_id"), mine)
        self.assertEqual(
            Analysis.sudo(self.ann).search(domain).mapped("order_id"), mine | other)
        groups = Analysis.sudo(self.sam).read_group(
            domain, ["margin", "user_id"], ["user_id"])
        self.assertEqual([g["user_id"][0] for g in groups], [self.sam.id])

    # 5. individual customers on the lifecycle kanban
    def test_kanban_shows_individual_customers(self):
        """The Lifecycle kanban lists B2C customers and companies, no contacts."""
        self._recompute()
        action = self.env.ref("crm_lifecycle.res_partner_lifecycle_action")
        domain = safe_eval(action.domain)
        shown = self.Partner.sudo(self.sam).search(
            domain + [("id", "in", (self.bob | self.acme | self.buyer).ids)])
        self.assertIn(self.bob, shown, "individual customer")
        self.assertIn(self.acme, shown, "company")
        self.assertNotIn(self.buyer, shown, "contact of a company")
        self.assertEqual(self.bob.sudo(self.sam).lifecycle_stage_id,
                         self.stage["suspect"])

    # 6. no lifecycle for staff and the company itself
    def test_no_stage_for_users_and_company(self):
        """The nightly run gives internal users' and the company's partners no
        stage, and takes back one given earlier."""
        self.env.cr.execute(
            "UPDATE res_partner SET lifecycle_stage_id = %s WHERE id = %s",
            (self.stage["suspect"].id, self.boss.partner_id.id))
        self.boss.partner_id.invalidate_cache()
        self._recompute()
        for partner in (self.sam.partner_id, self.boss.partner_id,
                        self.company.partner_id):
            self.assertFalse(partner.lifecycle_stage_id, partner.name)
        self.assertEqual(self.bob.lifecycle_stage_id, self.stage["suspect"])

    # 7. locking is the manager's, and figures keep updating
    def test_lock_is_the_managers_and_figures_update(self):
        """A salesman cannot lock a stage; the manager's wizard locks with a
        reason and history; tier and segment keep updating while locked."""
        customer = self._customer("Locked Ltd", user_id=self.sam.id)
        later = str(self.ref_date + timedelta(days=30))
        with self.assertRaisesRegex(UserError, "Set Lifecycle Stage"):
            customer.sudo(self.sam).write({"lifecycle_locked_until": later})
        Wizard = self.env["crm.lifecycle.set.stage"]
        values = {"partner_ids": [(6, 0, customer.ids)],
                  "stage_id": self.stage["loyal"].id,
                  "reason": "Key account", "locked_until": later}
        with self.assertRaisesRegex(UserError, "Only sales managers"):
            Wizard.sudo(self.sam).create(values).action_apply()
        Wizard.sudo(self.boss).create(values).action_apply()
        history = self.env["crm.lifecycle.history"].search(
            [("partner_id", "=", customer.id)])
        self.assertEqual((history.origin, history.reason, history.user_id),
                         ("manual", "Key account", self.boss))
        self.assertEqual(customer.lifecycle_locked_until, later)
        self._sale(customer, self.sam, amount=5000.0)
        self._recompute()
        profile = self._profile(customer)
        self.assertEqual(profile.stage_id, self.stage["new"], "the rules' stage")
        self.assertEqual(customer.lifecycle_stage_id, self.stage["loyal"], "locked")
        self.assertTrue(profile.value_tier)
        self.assertEqual((customer.value_tier, customer.rfm_segment),
                         (profile.value_tier, profile.rfm_segment),
                         "figures keep updating")

    # 8. the access log carries the acting user's company
    def test_access_log_in_the_users_company(self):
        """Another company's manager sees his users' exports."""
        other = self.env["res.company"].create({"name": "Roles Other Co"})
        exporter = self._user("role_exporter", "sales_team.group_sale_salesman",
                              "crm_lifecycle.group_customer_export", company=other)
        manager = self._user("role_other_boss", "sales_team.group_sale_manager",
                             company=other)
        customer = self._customer("Other Co client", user_id=exporter.id)
        customer.sudo(exporter).export_data(["name"])
        log = self.env["crm.access.log"].search([("user_id", "=", exporter.id)])
        self.assertEqual(log.company_id, other)
        self.assertEqual(
            self.env["crm.access.log"].sudo(manager).search(
                [("user_id", "=", exporter.id)]), log)
        self.assertFalse(self.env["crm.access.log"].sudo(self.boss).search(
            [("user_id", "=", exporter.id)]), "not another company's")

    # 12. invoices without an order are sales
    def test_customer_invoiced_directly_gets_a_stage(self):
        """A customer with a posted invoice and no order is a new customer."""
        customer = self._customer("Invoiced Directly", user_id=self.sam.id)
        self._direct_invoice(customer, 400.0)
        self._recompute()
        profile = self._profile(customer).sudo(self.sam)
        self.assertEqual((profile.order_count, profile.revenue), (1, 400.0))
        self.assertEqual(customer.sudo(self.sam).lifecycle_stage_id,
                         self.stage["new"])

    def _direct_invoice(self, partner, amount):
        invoice = self.env["account.invoice"].create({
            "partner_id": partner.id, "type": "out_invoice",
            "date_invoice": str(self.ref_date),
            "invoice_line_ids": [(0, 0, {
                "product_id": self.product.id, "name": "Widget", "quantity": 1,
                "price_unit": amount,
                "account_id": self.product.categ_id.property_account_income_categ_id.id
                or self.env["account.account"].search([
                    ("user_type_id", "=",
                     self.env.ref("account.data_account_type_revenue").id)],
                    limit=1).id,
            })],
        })
        invoice.action_invoice_open()
        return invoice

    def test_salesman_sees_habits_on_the_customer_form(self):
        """Preferences, habits and loyalty on the customer form, as the salesman:
        orders every 28 days (56, 28 and 0 days ago) of 100, 200 and 300."""
        customer = self._customer("Habits Ltd", user_id=self.sam.id)
        for days, amount in ((56, 100.0), (28, 200.0), (0, 300.0)):
            self._sale(customer, self.sam, amount=amount,
                       day=self.ref_date - timedelta(days=days))
        self._recompute()
        arch = self.Partner.sudo(self.sam).fields_view_get(
            view_id=self.env.ref("base.view_partner_form").id, view_type="form")
        profile_view = arch["fields"]["lifecycle_profile_ids"]["views"]["tree"]
        for name in ("usual_interval", "avg_order_value", "category_id", "weekday",
                     "team_id", "tenure_days", "revenue_growth"):
            self.assertIn(name, profile_view["fields"], name)
        partner = customer.sudo(self.sam)
        values = partner.lifecycle_profile_ids.read(
            ["usual_interval", "avg_order_value", "category_id", "weekday",
             "tenure_days", "order_count"])[0]
        self.assertEqual(
            (values["usual_interval"], values["avg_order_value"],
             values["category_id"][0], values["weekday"], values["tenure_days"],
             values["order_count"]),
            (28.0, 200.0, self.category.id, str(self.ref_date.isoweekday()), 56, 3))

    # 13. a forged context key does not lock a stage
    def test_salesman_cannot_lock_with_the_wizards_context_key(self):
        """Over JSON-RPC a caller sets any context key: the salesman's write with
        ``crm_lifecycle_set_stage`` is refused like any other; the manager's
        wizard still locks, with its history row."""
        customer = self._customer("Forged Lock Ltd", user_id=self.sam.id)
        later = str(self.ref_date + timedelta(days=30))
        forged = customer.sudo(self.sam).with_context(crm_lifecycle_set_stage=True)
        with self.assertRaisesRegex(UserError, "Set Lifecycle Stage"):
            forged.write({"lifecycle_stage_id": self.stage["loyal"].id,
                          "lifecycle_locked_until": "2099-12-31"})
        self.assertFalse(customer.lifecycle_locked_until)
        self.assertNotEqual(customer.lifecycle_stage_id, self.stage["loyal"])
        self.env["crm.lifecycle.set.stage"].sudo(self.boss).create({
            "partner_ids": [(6, 0, customer.ids)], "stage_id": self.stage["loyal"].id,
            "reason": "Key account", "locked_until": later}).action_apply()
        self.assertEqual((customer.lifecycle_stage_id, customer.lifecycle_locked_until),
                         (self.stage["loyal"], later))
        history = self.env["crm.lifecycle.history"].search(
            [("partner_id", "=", customer.id), ("origin", "=", "manual")])
        self.assertEqual((history.reason, history.user_id), ("Key account", self.boss))

    # 14. portal users do not learn who sold to their company
    def test_portal_user_does_not_read_the_sellers(self):
        """A portal user reads his company's partner without the internal
        salespeople who sold to it; salesmen still see and filter on them, and
        the salesman's own-customers rule (which searches them) still works."""
        self.company.crm_customer_visibility = "own"
        self.env["ir.rule"].clear_caches()
        self._sale(self.globex, self.sam)
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Portal at Globex", "login": "role_portal",
            "partner_id": self.Partner.create({
                "name": "Portal at Globex", "parent_id": self.globex.id}).id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        mine = self.globex.sudo(portal)
        self.assertEqual(mine.read(["name"])[0]["name"], "Globex Roles",
                         "the portal user reads his company")
        with self.assertRaisesRegex(AccessError, "security restrictions"):
            mine.read(["name", "crm_seller_ids"])
        self.assertNotIn("crm_seller_ids", self.Partner.sudo(portal).fields_get())
        # nor the profiles and stage history of the analyses (closed models)
        for name in ("lifecycle_profile_ids", "lifecycle_history_ids"):
            self.assertNotIn(name, self.Partner.sudo(portal).fields_get())
        self.assertEqual(self.Partner.sudo(portal).search(
            [("id", "=", self.globex.id)]), self.globex, "rules for portal users")
        # the salesman who sold to Globex (not its salesperson) sees it and them
        self.assertEqual(self._visible(self.sam, "res.partner", self.globex),
                         self.globex)
        self.assertEqual(self.globex.sudo(self.sam).crm_seller_ids, self.sam)
        self.assertEqual(self.Partner.sudo(self.sam).search(
            [("crm_seller_ids", "=", self.sam.id), ("id", "=", self.globex.id)]),
            self.globex)
