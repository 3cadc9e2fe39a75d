# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import LifecycleCase


class TestConfidentiality(LifecycleCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        salesman = cls.env.ref("sales_team.group_sale_salesman")
        billing = cls.env.ref("account.group_account_invoice")

        def user(login, *groups):
            return Users.create({
                "name": login.title(), "login": login, "email": "%s@x.test" % login,
                "groups_id": [(6, 0, [g.id for g in groups])],
            })
        cls.boss = user("boss", cls.env.ref("sales_team.group_sale_manager"))
        cls.sam = user("sam", salesman, billing)
        cls.tom = user("tom", salesman)
        cls.sue = user("sue", salesman)
        cls.team_x = cls.env["crm.team"].create({
            "name": "Team X", "user_id": cls.boss.id,
            "member_ids": [(6, 0, [cls.sam.id, cls.tom.id])]})
        cls.team_y = cls.env["crm.team"].create({
            "name": "Team Y", "member_ids": [(6, 0, [cls.sue.id])]})
        cls.cust_sam = cls._customer("Sam's client", user_id=cls.sam.id)
        cls.cust_tom = cls._customer("Tom's client", user_id=cls.tom.id)
        cls.cust_sue = cls._customer("Sue's client", user_id=cls.sue.id)
        cls.sue_contact = cls.Partner.create({
            "name": "Contact at Sue's", "parent_id": cls.cust_sue.id})
        cls.supplier = cls.Partner.create({
            "name": "Paper supplier", "supplier": True, "customer": False})
        cls.company.crm_customer_visibility = "own"

    def visible(self, user, partners):
        return self.Partner.sudo(user).search([("id", "in", partners.ids)])

    def test_customer_flag(self):
        """Customers with a salesperson are confidential; suppliers, users'
        partners and the company are not; contacts follow their company."""
        self.assertTrue(self.cust_sue.crm_is_customer)
        self.assertTrue(self.sue_contact.crm_is_customer)
        self.assertFalse(self.supplier.crm_is_customer)
        self.assertFalse(self.sam.partner_id.crm_is_customer)
        self.assertFalse(self.company.partner_id.crm_is_customer)
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Portal at Sue's", "login": "portal_sue",
            "partner_id": self.sue_contact.id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        self.assertTrue(self.sue_contact.crm_is_customer,
                        "a customer with a portal login stays confidential")
        portal.groups_id = [(6, 0, [self.env.ref("base.group_user").id])]
        self.assertFalse(self.sue_contact.crm_is_customer, "now an internal user")

    def test_own_mode(self):
        """A salesman sees his own customers only: search, name_search, read."""
        everyone = self.cust_sam | self.cust_tom | self.cust_sue | self.supplier
        self.assertEqual(self.visible(self.sam, everyone),
                         self.cust_sam | self.supplier)
        names = self.Partner.sudo(self.sam).name_search("client")
        self.assertEqual([n[0] for n in names], [self.cust_sam.id])
        with self.assertRaises(AccessError):
            self.cust_sue.sudo(self.sam).read(["name", "email"])
        with self.assertRaises(AccessError):
            self.sue_contact.sudo(self.sam).read(["name"])
        self.assertEqual(self.visible(self.boss, everyone), everyone, "manager")

    def test_follower_sees_customer(self):
        """Following a customer makes it visible in own mode."""
        self.cust_sue.message_subscribe([self.sam.partner_id.id])
        self.assertIn(self.cust_sue, self.visible(self.sam, self.cust_sue))

    def test_team_mode_and_switch_at_once(self):
        """Team mode shows the team's customers; a switch applies at once."""
        self.company.crm_customer_visibility = "team"
        customers = self.cust_sam | self.cust_tom | self.cust_sue
        self.assertEqual(self.visible(self.sam, customers),
                         self.cust_sam | self.cust_tom)
        self.assertEqual(self.visible(self.sue, customers), self.cust_sue)
        self.company.crm_customer_visibility = "all"
        self.assertEqual(self.visible(self.sam, customers), customers)
        self.company.crm_customer_visibility = "own"
        self.assertEqual(self.visible(self.sam, customers), self.cust_sam)

    def test_analysis_follows_the_boundary(self):
        """A salesman in own mode does not get another salesman's customer
        profile or history."""
        self._order(self.cust_sue, self.ref_date)
        self._order(self.cust_sam, self.ref_date)
        Profile = self.env["crm.lifecycle.profile"]
        domain = [("partner_id", "in", (self.cust_sam | self.cust_sue).ids)]
        self.assertEqual(Profile.search(domain).mapped("partner_id"),
                         self.cust_sam | self.cust_sue)
        self.assertEqual(Profile.sudo(self.sam).search(domain).mapped("partner_id"),
                         self.cust_sam)
        History = self.env["crm.lifecycle.history"].sudo(self.sam)
        self.assertFalse(History.search([("partner_id", "=", self.cust_sue.id)]))
        self.assertTrue(History.search([("partner_id", "=", self.cust_sam.id)]))

    def test_export_needs_group_and_is_logged(self):
        """Export is refused without the group, and logged with it."""
        Log = self.env["crm.access.log"]
        mine = self.cust_sam.sudo(self.sam)
        with self.assertRaisesRegex(UserError, "Export customer data"):
            mine.export_data(["name", "email"])
        self.assertFalse(Log.search([("user_id", "=", self.sam.id)]))
        export_group = self.env.ref("crm_lifecycle.group_customer_export")
        self.sam.groups_id = [(4, export_group.id)]
        rows = mine.export_data(["name", "email"])["datas"]
        self.assertEqual(rows, [["Sam's client", ""]])
        log = Log.search([("user_id", "=", self.sam.id)])
        self.assertEqual((log.event_type, log.record_count, log.field_names),
                         ("export", 1, "name, email"))
        # suppliers are no customer data
        self.assertTrue(self.supplier.sudo(self.tom).export_data(["name"])["datas"])

    def test_unusual_access_alert_once(self):
        """Reading threshold + 1 customers within an hour alerts the manager once."""
        self.company.crm_customer_visibility = "all"
        self.company.crm_access_alert_threshold = 3
        customers = self.Partner
        for index in range(6):
            customers |= self._customer("Bulk %s" % index, user_id=self.tom.id)
        Activity = self.env["mail.activity"]
        Log = self.env["crm.access.log"]
        customers[:3].sudo(self.sam).read(["name"])
        self.assertFalse(Log.search([("user_id", "=", self.sam.id)]), "at threshold")
        customers[3:4].sudo(self.sam).search_read(
            [("id", "in", customers[3:4].ids)], ["name"])
        alert = Log.search([("user_id", "=", self.sam.id),
                            ("event_type", "=", "alert")])
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.record_count, 4)
        activities = Activity.search([("res_model", "=", "crm.access.log"),
                                      ("res_id", "=", alert.id)])
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.boss, "the team leader")
        customers[4:].sudo(self.sam).read(["name"])
        customers.sudo(self.sam).read(["name"])
        self.assertEqual(Log.search_count([("user_id", "=", self.sam.id)]), 1,
                         "no second alert within the hour")
        # the same customers read again do not count twice
        self.assertEqual(self.env["crm.customer.access"].search_count(
            [("user_id", "=", self.sam.id)]), 6)

    def test_restricted_salesman_sells_to_paid_invoice(self):
        """In own mode a salesman runs a sale from quotation to paid invoice."""
        env = self.env(user=self.sam)
        order = env["sale.order"].create({
            "partner_id": self.cust_sam.id,
            "order_line": [(0, 0, {"product_id": self.product.id,
                                   "product_uom_qty": 2, "price_unit": 50.0})],
        })
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        invoice = env["account.invoice"].browse(order.action_invoice_create())
        invoice.action_invoice_open()
        self.assertEqual(invoice.state, "open")
        html = self.env.ref("account.account_invoices").sudo(self.sam).render_qweb_pdf(
            invoice.ids)[0]
        self.assertIn(b"Sam's client", html)
        journal = env["account.journal"].search([("type", "=", "bank")], limit=1)
        payment = env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer",
            "partner_id": self.cust_sam.id, "amount": invoice.amount_total,
            "journal_id": journal.id, "invoice_ids": [(6, 0, invoice.ids)],
            "payment_method_id": self.env.ref(
                "account.account_payment_method_manual_in").id,
        })
        payment.post()
        self.assertEqual(invoice.state, "paid")
