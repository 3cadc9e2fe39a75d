# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each role of the suite's daily work, against the customer data of
crm_lifecycle: what it reads, searches, groups and exports, and what it is
refused. The marketing user and the service agent exist when crm_marketing and
crm_service are installed with it (the suite's test database)."""
from odoo.exceptions import AccessError, UserError

from .common import LifecycleCase

EXPORT_REFUSED = "Export customer data"


class TestSuiteRoles(LifecycleCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sam = cls._user("suite_sam", "sales_team.group_sale_salesman")
        cls.boss = cls._user("suite_boss", "sales_team.group_sale_manager")
        cls.accountant = cls._user("suite_accountant", "account.group_account_invoice")
        cls.mine = cls._customer("Suite Mine", user_id=cls.sam.id)
        cls.theirs = cls._customer("Suite Theirs", user_id=cls.boss.id)
        cls.contact = cls.Partner.create({
            "name": "Suite Mine Buyer", "parent_id": cls.mine.id,
            "email": "buyer@mine.example.com"})
        cls.portal = cls.env["res.users"].create({
            "name": "Suite Mine Buyer", "login": "suite_portal",
            "partner_id": cls.contact.id,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        cls._order(cls.mine, cls.ref_date, amount=300.0)
        cls._order(cls.theirs, cls.ref_date, amount=500.0)
        cls.company.crm_customer_visibility = "own"

    def _role(self, xmlid, login):
        group = self.env.ref(xmlid, raise_if_not_found=False)
        if not group:
            self.skipTest("%s is not installed" % xmlid.split(".")[0])
        return self._user(login, xmlid)

    def _customers(self, user):
        return self.Partner.sudo(user).search(
            [("id", "in", (self.mine | self.theirs | self.contact).ids)])

    def test_salesman_own_documents(self):
        """Reads, groups his customers; no export; no one else's."""
        self.assertEqual(self._customers(self.sam),
                         self.mine | self.contact)
        Profile = self.env["crm.lifecycle.profile"].sudo(self.sam)
        both = self.mine | self.theirs
        groups = Profile.read_group([("partner_id", "in", both.ids)],
                                    ["order_count", "stage_id"], ["stage_id"])
        self.assertEqual(sum(g["order_count"] for g in groups), 1, "his one order")
        with self.assertRaisesRegex(UserError, EXPORT_REFUSED):
            self.mine.sudo(self.sam).export_data(["name", "email"])
        with self.assertRaises(AccessError):
            self.theirs.sudo(self.sam).read(["name"])

    def test_sales_manager(self):
        """Sees every customer and profile; exports only with the group."""
        self.assertEqual(self._customers(self.boss),
                         self.mine | self.theirs | self.contact)
        self.assertEqual(len(self.env["crm.lifecycle.profile"].sudo(self.boss).search(
            [("partner_id", "in", (self.mine | self.theirs).ids)])), 2)
        with self.assertRaisesRegex(UserError, EXPORT_REFUSED):
            self.env["crm.lifecycle.profile"].sudo(self.boss).search(
                [("partner_id", "=", self.mine.id)]).export_data(["revenue"])
        self.boss.groups_id = [(4, self.env.ref(
            "crm_lifecycle.group_customer_export").id)]
        rows = self.env["crm.lifecycle.profile"].sudo(self.boss).search(
            [("partner_id", "=", self.mine.id)]).export_data(
                ["partner_id/name", "order_count"])["datas"]
        self.assertEqual(rows, [["Suite Mine", "1"]])

    def test_accountant(self):
        """Reads the customers he invoices (not a salesman: no visibility
        restriction), no customer analysis, no export."""
        self.assertEqual(self._customers(self.accountant),
                         self.mine | self.theirs | self.contact)
        with self.assertRaises(AccessError):
            self.env["crm.lifecycle.profile"].sudo(self.accountant).search([])
        with self.assertRaisesRegex(UserError, EXPORT_REFUSED):
            self.theirs.sudo(self.accountant).export_data(["name"])

    def test_marketing_user(self):
        """Builds audiences from customers but neither exports them nor reads
        the customer analysis."""
        user = self._role("crm_marketing.group_marketing_user", "suite_marketing")
        self.assertIn(self.mine, self._customers(user))
        with self.assertRaisesRegex(UserError, EXPORT_REFUSED):
            self.mine.sudo(user).export_data(["name", "email"])
        with self.assertRaises(AccessError):
            self.env["crm.lifecycle.profile"].sudo(user).search([])

    def test_service_agent(self):
        """Reads the customer he serves; no export, no analysis, no stage."""
        user = self._role("crm_service.group_service_agent", "suite_agent")
        self.assertIn(self.mine, self._customers(user))
        with self.assertRaisesRegex(UserError, EXPORT_REFUSED):
            self.contact.sudo(user).export_data(["name", "email"])
        with self.assertRaises(AccessError):
            self.env["crm.lifecycle.sale.analysis"].sudo(user).search([])
        with self.assertRaisesRegex(UserError, "Only sales managers"):
            self.mine.sudo(user)._lifecycle_set_stage(
                self.stage["loyal"], "asked by the customer")

    def test_portal_customer(self):
        """Sees his own company, not other customers, no figures, no export."""
        self.assertEqual(self.contact.sudo(self.portal).name, "Suite Mine Buyer")
        with self.assertRaises(AccessError):
            self.theirs.sudo(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.env["crm.lifecycle.profile"].sudo(self.portal).search([])
        with self.assertRaises(AccessError):
            self.env["crm.access.log"].sudo(self.portal).search([])
        with self.assertRaises((AccessError, UserError)):
            self.contact.sudo(self.portal).export_data(["name", "email"])
        with self.assertRaises(UserError):
            self.contact.sudo(self.portal).write(
                {"lifecycle_locked_until": "2099-01-01"})
