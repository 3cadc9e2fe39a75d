# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import MembershipCase


class TestSecurity(MembershipCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)

        def user(login, *groups):
            return Users.create({
                "name": login.title(), "login": login, "email": "%s@x.test" % login,
                "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])]})
        cls.sam = user("msam", "sales_team.group_sale_salesman")
        cls.sue = user("msue", "sales_team.group_sale_salesman")
        cls.officer = user("mofficer", "crm_membership.group_membership_officer")
        cls.cust_sam = cls._customer("Sam's member", user_id=cls.sam.id)
        cls.cust_sue = cls._customer("Sue's member", user_id=cls.sue.id)
        cls.member_sam = cls._member(cls.cust_sam)
        cls.member_sue = cls._member(cls.cust_sue)
        cls.member_sam._adjust_points(70, "Welcome")
        cls.member_sue._adjust_points(30, "Welcome")
        # a user's own partner is no confidential customer (crm_lifecycle)
        cls.cust_portal = cls._customer("Portal member")
        cls.member_portal = cls._member(cls.cust_portal)
        cls.member_portal._adjust_points(30, "Welcome")
        cls.portal = Users.create({
            "name": "Portal member", "login": "mportal",
            "partner_id": cls.cust_portal.id,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        cls.both = cls.member_sam | cls.member_sue

    def _visible(self, user, model="crm.membership", field="id", records=None):
        records = records if records is not None else self.both
        domain = [(field, "in", records.ids)]
        return self.env[model].sudo(user).search(domain)

    def test_salesman_sees_memberships_of_visible_customers(self):
        """In "own customers" mode a salesman reads only the memberships and points
        of his own customers; in "all" mode all of them."""
        self.company.crm_customer_visibility = "own"
        self.assertEqual(self._visible(self.sam), self.member_sam)
        self.assertEqual(self._visible(self.sue), self.member_sue)
        points = self._visible(self.sam, "crm.membership.points", "membership_id")
        self.assertEqual(points.mapped("membership_id"), self.member_sam)
        with self.assertRaises(AccessError):
            self.member_sue.sudo(self.sam).read(["name", "points_balance"])
        analysis = self._visible(self.sam, "crm.membership.analysis", "membership_id")
        self.assertEqual(analysis.mapped("membership_id"), self.member_sam)
        self.company.crm_customer_visibility = "all"
        self.assertEqual(self._visible(self.sam), self.both)

    def test_salesman_reads_officer_writes(self):
        """Salesmen only read memberships; officers enrol and adjust points."""
        with self.assertRaises(AccessError):
            self.member_sam.sudo(self.sam).write({"note": "hello"})
        member = self.Membership.sudo(self.officer).create({
            "club_id": self.club.id, "partner_id": self._customer("Walk-in").id,
            "state": "active"})
        member._adjust_points(10, "Opening")
        self.assertEqual(member.points_balance, 10)
        self.assertTrue(member.name.startswith("TLY-"))

    def test_portal_member_sees_own_membership(self):
        """A portal member reads their own membership and balance, nobody else's."""
        everyone = self.both | self.member_portal
        mine = self._visible(self.portal, records=everyone)
        self.assertEqual(mine, self.member_portal)
        self.assertEqual(mine.points_balance, 30)
        self.assertEqual(
            self._visible(self.portal, "crm.membership.points", "membership_id",
                          everyone).mapped("points"), [30])
        with self.assertRaises(AccessError):
            self.member_sam.sudo(self.portal).read(["points_balance"])
        with self.assertRaises(AccessError):
            mine.write({"note": "mine"})

    def test_portal_page_shows_number_and_balance(self):
        """The portal page lists the member's own memberships with their number
        and points balance."""
        memberships = self.env["crm.membership"].sudo(self.portal).search(
            [("state", "!=", "cancelled")])
        html = self.env["ir.ui.view"].sudo(self.portal).render_template(
            "crm_membership.portal_memberships_table",
            {"memberships": memberships}).decode()
        self.assertIn(self.member_portal.name, html)
        self.assertIn('<td class="text-right o_member_points"><span>30</span>', html)
        self.assertNotIn(self.member_sue.name, html)

    def test_salesman_cancels_quotation_with_points(self):
        """A salesman who cancels his customer's quotation gives its redeemed points
        back, without rights on the ledger."""
        order = self._order(self.cust_sam, user_id=self.sam.id)
        self.member_sam._redeem_points(points=50, order=order)
        self.assertEqual(self.member_sam.points_balance, 20)
        order.sudo(self.sam).action_cancel()
        self.member_sam.invalidate_cache()
        self.assertEqual(self.member_sam.points_balance, 70)
        self.assertEqual(self.member_sam.points_line_ids.filtered(
            lambda line: line.origin == "reversal").user_id, self.sam)

    def test_ledger_cannot_be_forged(self):
        """Nobody types points into the ledger, even with the ledger's context key:
        only the member's actions (adjust, redeem, earn) record them."""
        Points = self.env["crm.membership.points"].sudo(self.officer).with_context(
            crm_membership_ledger=True)
        with self.assertRaises(AccessError):
            Points.create({"membership_id": self.member_sam.id, "points": 500,
                           "origin": "adjustment", "date": "2026-01-01"})
        line = self.member_sam.sudo(self.officer)._adjust_points(5, "Goodwill")
        self.assertEqual(self.member_sam.points_balance, 75)
        self.assertEqual(line.sudo().user_id, self.officer, "recorded by the officer")

    def test_other_company_sees_nothing_of_this_one(self):
        """A membership manager of another company sees none of this company's
        clubs, tiers, point rules, rewards, members, points (nor the grants they
        were taken from), tier changes or benefits used; their own club's, yes."""
        other = self.env["res.company"].create({"name": "Clubs Company B"})
        manager_b = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Manager B", "login": "mmanagerb", "email": "mb@x.test",
            "company_id": other.id, "company_ids": [(6, 0, other.ids)],
            "groups_id": [(6, 0, [
                self.env.ref("crm_membership.group_membership_manager").id,
                self.env.ref("sales_team.group_sale_salesman").id])]})
        member = self.member_sam
        member._adjust_points(-20, "Spent")
        member.write({"tier_id": self.tier_silver.id})
        self.Membership._cron_review_tiers("2026-06-30")
        self.env["crm.membership.benefit.usage"].create({
            "membership_id": member.id, "name": "Lounge access"})
        records = {
            "crm.membership.club": self.club,
            "crm.membership.tier": self.club.tier_ids,
            "crm.membership.point.rule": self.club.point_rule_ids,
            "crm.membership.reward": self.club.reward_ids,
            "crm.membership": member,
            "crm.membership.points": member.points_line_ids,
            "crm.membership.points.allocation":
                member.points_line_ids.mapped("allocation_ids"),
            "crm.membership.tier.history": member.tier_history_ids,
            "crm.membership.benefit.usage": member.benefit_usage_ids,
        }
        for model, these in records.items():
            self.assertTrue(these, "%s: the fixture has records" % model)
            self.assertTrue(all(these.mapped("company_id")), model)
            self.assertEqual(these.sudo(self.officer).search(
                [("id", "in", these.ids)]), these, "%s: same company" % model)
            self.assertFalse(self.env[model].sudo(manager_b).search(
                [("id", "in", these.ids)]), "%s: other company" % model)
        with self.assertRaises(AccessError):
            self.club.tier_ids.sudo(manager_b).read(["name"])
        own = self.env["crm.membership.club"].sudo(manager_b).create({
            "name": "Club B", "code": "CB", "fee_type": "free",
            "tier_ids": [(0, 0, {"name": "B tier"})]})
        self.assertEqual(own.company_id, other)
        self.assertEqual(self.env["crm.membership.tier"].sudo(manager_b).search(
            [("club_id", "=", own.id)]).name, "B tier")
