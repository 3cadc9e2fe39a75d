# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each defect of issue 14 reproduced as the role that met it, and refused."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import MembershipCase

# the club's accounting, then its settings not meant for members
INTERNAL_CLUB_FIELDS = (
    "liability_journal_id", "liability_account_id", "liability_expense_account_id",
    "liability_move_id", "point_value_ids", "cancelled_points", "dormant_months",
    "point_rule_ids", "fee_product_id", "reminder_days", "auto_rule",
    "auto_category_id", "auto_value_tier", "sequence_id", "discount_product_id")


class RoleCase(MembershipCase):
    """A portal member, a salesman, a membership officer, a membership manager
    and an accountant, and members of the loyalty club."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_customer_visibility = "all"
        cls.salesman = cls._user("r_salesman", ["sales_team.group_sale_salesman"])
        cls.officer = cls._user("r_officer", [
            "crm_membership.group_membership_officer",
            "sales_team.group_sale_salesman_all_leads"])
        cls.manager = cls._user("r_manager", [
            "crm_membership.group_membership_manager"])
        cls.accountant = cls._user("r_accountant", ["account.group_account_manager"])
        cls.customer = cls._customer("Role customer", user_id=cls.salesman.id)
        cls.member = cls._member(cls.customer)
        cls.member._adjust_points(1000, "Opening", day="2026-11-01")
        cls.portal_partner = cls._customer("Portal club member")
        cls.portal_member = cls._member(cls.portal_partner)
        cls.portal_member._adjust_points(100, "Opening", day="2026-11-01")
        cls.portal = cls._user("r_portal", ["base.group_portal"],
                               partner_id=cls.portal_partner.id)

    def _quotation(self, partner, price, user=None):
        return self.env["sale.order"].sudo(user or self.officer).create({
            "partner_id": partner.id, "user_id": self.salesman.id,
            "order_line": [(0, 0, {
                "product_id": self.product_a.id, "product_uom_qty": 1.0,
                "price_unit": price})],
        })


class TestGroupChecks(RoleCase):
    """Defect 1: every method that creates, spends or reports points checks the
    caller's group, whatever the wizard or RPC call."""

    def test_portal_member_cannot_add_points_to_themselves(self):
        """A portal member creates the adjust wizard over RPC and calls its
        button: refused, the balance unchanged; the model method refuses too."""
        wizard = self.env["crm.membership.adjust"].sudo(self.portal).create({
            "membership_id": self.portal_member.id, "points": 10000,
            "reason": "Mine"})
        with self.assertRaisesRegex(AccessError, "Adjusting points is reserved to"):
            wizard.action_adjust()
        with self.assertRaisesRegex(AccessError, "Adjusting points is reserved to"):
            self.portal_member.sudo(self.portal)._adjust_points(10000, "Mine")
        self.assertEqual(self.portal_member.points_balance, 100, "unchanged")

    def test_salesman_cannot_adjust_or_redeem(self):
        """A salesman can neither add points to a customer nor redeem them."""
        adjust = self.env["crm.membership.adjust"].sudo(self.salesman).create({
            "membership_id": self.member.id, "points": 10000, "reason": "Gift"})
        with self.assertRaisesRegex(AccessError, "Adjusting points is reserved to"):
            adjust.action_adjust()
        redeem = self.env["crm.membership.redeem"].sudo(self.salesman).create({
            "membership_id": self.member.id, "mode": "reward",
            "reward_id": self.club.reward_ids.id})
        with self.assertRaisesRegex(AccessError, "Redeeming points is reserved to"):
            redeem.action_redeem()
        with self.assertRaisesRegex(AccessError, "Redeeming points is reserved to"):
            self.member.sudo(self.salesman).action_redeem()
        with self.assertRaisesRegex(AccessError, "Invoicing a membership fee"):
            self.member.sudo(self.salesman).action_invoice_fee()
        self.assertEqual(self.member.points_balance, 1000, "unchanged")

    def test_officer_adjusts_and_redeems(self):
        """The membership officer adjusts and redeems through the wizards."""
        self.env["crm.membership.adjust"].sudo(self.officer).create({
            "membership_id": self.member.id, "points": 20,
            "reason": "Goodwill"}).action_adjust()
        self.env["crm.membership.redeem"].sudo(self.officer).create({
            "membership_id": self.member.id, "mode": "reward",
            "reward_id": self.club.reward_ids.id}).action_redeem()
        self.assertEqual(self.member.points_balance, 1000 + 20 - 80)
        self.assertBalanced(self.member)

    def test_liability_for_finance_and_managers_only(self):
        """A portal user or a salesman computing every club's liability is
        refused; the accountant and the membership manager see it."""
        for user in (self.portal, self.salesman):
            wizard = self.env["crm.membership.liability"].sudo(user).create({})
            with self.assertRaisesRegex(AccessError,
                                        "The points liability is reserved to"):
                wizard.action_compute()
        for user in (self.accountant, self.manager):
            wizard = self.env["crm.membership.liability"].sudo(user).create({})
            wizard.action_compute()
            line = wizard.line_ids.filtered(lambda l: l.club_id == self.club)
            self.assertEqual(line.points, 1100, "%s sees the club's points" % user)
            self.assertAlmostEqual(line.amount, 55.0)


class TestPointsLine(RoleCase):
    """Defect 2: a points discount line is locked and never exceeds the order."""

    def test_salesman_cannot_multiply_the_discount(self):
        """The salesman changes the quantity, price or product of the discount
        line: refused; removing it gives the points back."""
        order = self._quotation(self.customer, 90.0)
        self.member.sudo(self.officer)._redeem_points(points=200, order=order)
        line = order.order_line.filtered("crm_points_line_id")
        self.assertAlmostEqual(order.amount_total, 80.0)
        for vals in ({"product_uom_qty": 10}, {"price_unit": -100.0},
                     {"product_id": self.product_a.id}, {"discount": 50.0}):
            with self.assertRaisesRegex(UserError, "paid with club points"):
                line.sudo(self.salesman).write(vals)
        self.assertAlmostEqual(order.amount_total, 80.0, "discount unchanged")
        line.sudo(self.salesman).unlink()
        self.member.invalidate_cache()
        self.assertEqual(self.member.points_balance, 1000, "points given back")
        self.assertBalanced(self.member)

    def test_redemption_never_exceeds_the_order(self):
        """1000 points (50.00) on a 40.00 quotation are refused; 800 (40.00)
        bring it to zero, not below."""
        order = self._quotation(self.customer, 40.0)
        with self.assertRaisesRegex(ValidationError,
                                    "more than the quotation's total"):
            self.member.sudo(self.officer)._redeem_points(points=1000, order=order)
        self.member.sudo(self.officer)._redeem_points(points=800, order=order)
        self.assertAlmostEqual(order.amount_total, 0.0)
        self.assertEqual(self.member.points_balance, 200)

    def test_points_line_cannot_be_forged(self):
        """A salesman adding a line that claims a redemption is refused (deleting
        it would give points back that were never his to return)."""
        order = self._quotation(self.customer, 90.0)
        redemption = self.member.sudo(self.officer)._redeem_points(
            points=100, order=order)
        other = self._quotation(self.customer, 50.0, user=self.salesman)
        with self.assertRaisesRegex(UserError, "added by a redemption"):
            other.sudo(self.salesman).write({"order_line": [(0, 0, {
                "product_id": self.discount_product.id, "price_unit": 0.0,
                "crm_points_line_id": redemption.id})]})


class TestEarning(RoleCase):
    """Defects 3 and 4: contact persons earn; refunds of spent points are owed."""

    def test_contact_person_earns_and_refers(self):
        """A membership held by a contact person earns the points of the
        company's invoices, and its referrer the bonus of its first purchase."""
        company = self._customer("Acme Club Co")
        contact = self.Partner.create({"name": "Jane Acme", "parent_id": company.id})
        member = self._member(contact, referred_by_id=self.member.id)
        self._pay(self._invoice(company, [(self.product_a, 100.0)]))
        self.assertEqual(self._ledger(member), [("invoice", 100)])
        self.assertIn(("referral", 50), self._ledger(self.member))

    def test_refund_after_redemption_is_owed(self):
        """200 points earned, 160 spent on rewards, the invoice refunded: the
        member owes 160 (balance -160, visible on the refund line); a re-sync
        takes nothing more; the next 100 earned settle 100 of the debt."""
        customer = self._customer("Refunding customer")
        member = self._member(customer)
        invoice = self._invoice(customer, [(self.product_a, 200.0)])
        self._pay(invoice)
        for _index in range(2):
            member.sudo(self.officer)._redeem_points(reward=self.club.reward_ids)
        refund = self._invoice(customer, [(self.product_a, 200.0)],
                               type_="out_refund", origin=invoice)
        self._pay(refund)
        member.invalidate_cache()
        self.assertEqual(member.points_balance, -160)
        line = member.points_line_ids.filtered(lambda l: l.origin == "refund")
        self.assertEqual((line.points, line.points_unsettled), (-200, 160))
        self.assertBalanced(member)
        self.Membership._sync_invoice_points(invoice)
        self.assertEqual(member.points_balance, -160, "a re-sync takes nothing")
        self._pay(self._invoice(customer, [(self.product_a, 100.0)]))
        member.invalidate_cache()
        self.assertEqual(member.points_balance, -60)
        self.assertEqual(line.points_unsettled, 60)
        self.assertBalanced(member)
        with self.assertRaisesRegex(UserError, "has 0 points available"):
            member.sudo(self.officer)._redeem_points(reward=self.club.reward_ids)


class TestLockedFields(RoleCase):
    """Defect 5: club and member fixed after activation; computed fields closed."""

    def test_officer_cannot_move_an_active_membership(self):
        """The officer cannot change the club or the member of an active
        membership, nor write its balance, state or referral flags."""
        member = self.member.sudo(self.officer)
        with self.assertRaisesRegex(UserError, "its club and member cannot change"):
            member.write({"partner_id": self._customer("Other").id})
        with self.assertRaisesRegex(UserError, "its club and member cannot change"):
            member.write({"club_id": self.club_fee.id})
        for vals in ({"points_balance": 99999}, {"state": "cancelled"},
                     {"referral_rewarded": True}, {"expiry_date": "2099-12-31"}):
            with self.assertRaisesRegex(UserError, "change only through its actions"):
                member.write(vals)
        with self.assertRaises(AccessError):
            self.portal_member.sudo(self.portal).write({"points_balance": 99999})
        self.assertEqual(self.member.points_balance, 1000)

    def test_officer_creates_candidates_and_edits_them(self):
        """An officer enrols a candidate and may still correct its customer; a
        new membership given a balance or an active state of a paid club is
        refused."""
        member = self.Membership.sudo(self.officer).create({
            "club_id": self.club_fee.id, "partner_id": self._customer("New").id})
        other = self._customer("Corrected")
        member.write({"partner_id": other.id})
        self.assertEqual(member.partner_id, other)
        with self.assertRaisesRegex(UserError, "starts as a candidate"):
            self.Membership.sudo(self.officer).create({
                "club_id": self.club.id, "partner_id": self._customer("Rich").id,
                "points_balance": 5000})
        with self.assertRaisesRegex(UserError, "starts as a candidate"):
            self.Membership.sudo(self.officer).create({
                "club_id": self.club_fee.id, "state": "active",
                "partner_id": self._customer("Unpaid").id})


class TestReferral(RoleCase):
    """Defect 7: the referral bonus rules."""

    def test_old_customer_earns_no_bonus(self):
        """A customer who already bought before is no new customer: no bonus."""
        old = self._customer("Old customer")
        self._pay(self._invoice(old, [(self.product_a, 10.0)], day="2026-01-10"))
        self._member(old, referred_by_id=self.member.id)
        self._pay(self._invoice(old, [(self.product_a, 10.0)]))
        self.assertNotIn("referral", [o for o, _p in self._ledger(self.member)])

    def test_bonus_taken_back_on_refund(self):
        """The first purchase refunded: the bonus is taken back."""
        newcomer = self._customer("Refunded newcomer")
        self._member(newcomer, referred_by_id=self.member.id)
        invoice = self._invoice(newcomer, [(self.product_a, 10.0)])
        self._pay(invoice)
        self._pay(self._invoice(newcomer, [(self.product_a, 10.0)],
                                type_="out_refund", origin=invoice))
        referral = [line for line in self._ledger(self.member)
                    if line[0] == "referral"]
        self.assertEqual(referral, [("referral", 50), ("referral", -50)])

    def test_no_referral_cycle(self):
        """A member cannot be referred by one they referred."""
        first = self._member(self._customer("Cycle A"))
        second = self._member(self._customer("Cycle B"), referred_by_id=first.id)
        with self.assertRaisesRegex(ValidationError, "referral cycle"):
            first.sudo(self.officer).write({"referred_by_id": second.id})

    def test_bonus_kept_while_referrer_suspended(self):
        """The referrer suspended when the first purchase is paid receives the
        bonus when resumed."""
        referrer = self._member(self._customer("Suspended referrer"))
        referrer.sudo(self.officer).action_suspend()
        newcomer = self._customer("Newcomer of a suspended")
        self._member(newcomer, referred_by_id=referrer.id)
        self._pay(self._invoice(newcomer, [(self.product_a, 10.0)]))
        self.assertEqual(self._ledger(referrer), [])
        referrer.sudo(self.officer).action_resume()
        self.assertEqual(self._ledger(referrer), [("referral", 50)])


class TestPortalAndInput(RoleCase):
    """Defects 9, 11 and 12."""

    def test_my_memberships_are_my_own(self):
        """"My Club Memberships" lists the user's own memberships, with their
        points history: a portal member's, and an internal user's who may read
        every membership."""
        mine = self.Membership.sudo(self.portal)._portal_memberships()
        self.assertEqual(mine, self.portal_member)
        self.member.sudo(self.officer)._adjust_points(5, "Visit")
        officer_member = self._member(self.officer.partner_id)
        theirs = self.Membership.sudo(self.officer)._portal_memberships()
        self.assertEqual(theirs, officer_member, "not every membership")
        html = self.env["ir.ui.view"].sudo(self.portal).render_template(
            "crm_membership.portal_points_history", {
                "memberships": mine,
                "points_lines": mine._portal_points_lines()}).decode()
        self.assertIn("Points History", html)
        self.assertIn("Opening", html)
        self.assertNotIn("Visit", html)

    def test_fee_invoiced_by_hand_activates(self):
        """A fee invoiced by hand (not the membership's button) and paid
        activates the customer's candidate membership; a customer without one
        becomes a member."""
        candidate = self.Membership.create({
            "club_id": self.club_fee.id, "partner_id": self.customer.id})
        self._pay(self._invoice(self.customer, [(self.fee_product, 120.0)],
                                day="2026-11-20"), day="2026-11-21")
        self.assertEqual(candidate.state, "active")
        self.assertEqual(candidate.expiry_date, "2027-11-19")
        stranger = self._customer("Fee stranger")
        self._pay(self._invoice(stranger, [(self.fee_product, 120.0)],
                                day="2026-11-20"), day="2026-11-21")
        self.assertEqual(self.Membership.search([
            ("partner_id", "=", stranger.id)]).state, "active")

    def test_ill_typed_ids_get_a_clear_error(self):
        """An officer sending 'abc' as club or membership gets a validation
        error naming the field, not a database error."""
        with self.assertRaisesRegex(ValidationError, "must be the id of a record"):
            self.Membership.sudo(self.officer).create({
                "club_id": "abc", "partner_id": self.customer.id})
        with self.assertRaisesRegex(ValidationError, "must be the id of a record"):
            self.member.sudo(self.officer).write({"club_id": "abc"})
        with self.assertRaisesRegex(ValidationError, "must be the id of a record"):
            self.env["crm.membership.benefit.usage"].sudo(self.officer).create({
                "membership_id": "abc", "name": "Lounge"})


class TestTierBenefits(RoleCase):
    """Tier benefits applied, not only shown."""

    def test_tier_discount_on_the_salesman_quotation(self):
        """The salesman's quotation for a Gold member (10 %) carries the tier's
        discount; a non-member's does not."""
        self.tier_gold.discount_percent = 10.0
        self.member.tier_id = self.tier_gold
        order = self.env["sale.order"].sudo(self.salesman).create({
            "partner_id": self.customer.id, "user_id": self.salesman.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id,
                                   "product_uom_qty": 1, "price_unit": 100.0})]})
        self.assertEqual(order.order_line.discount, 10.0)
        self.assertAlmostEqual(order.amount_total, 90.0)
        stranger = self._customer("No member", user_id=self.salesman.id)
        other = self.env["sale.order"].sudo(self.salesman).create({
            "partner_id": stranger.id, "user_id": self.salesman.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id,
                                   "product_uom_qty": 1, "price_unit": 100.0})]})
        self.assertEqual(other.order_line.discount, 0.0)

    def test_free_services_counted(self):
        """A Gold tier with 2 free services a year: the officer records two, the
        third is refused; the membership shows what is left."""
        self.tier_gold.free_service_count = 2
        self.member.tier_id = self.tier_gold
        Usage = self.env["crm.membership.benefit.usage"].sudo(self.officer)
        Usage.create({"membership_id": self.member.id, "name": "Car wash"})
        self.assertEqual(self.member.free_services_left, 1)
        Usage.create({"membership_id": self.member.id, "name": "Car wash"})
        with self.assertRaisesRegex(ValidationError, "used the 2 free services"):
            Usage.create({"membership_id": self.member.id, "name": "Car wash"})
        self.assertEqual(self.member.free_services_left, 0)


class TestLiabilityBooked(RoleCase):
    """The points liability posted for finance, reversed at the next posting,
    agreeing with the liability report; lapsing points leave it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.deferred = Account.create({
            "code": "TLY290", "name": "Deferred revenue: club points",
            "user_type_id": cls.env.ref(
                "account.data_account_type_current_liabilities").id,
            "company_id": cls.company.id})
        cls.loyalty_expense = Account.create({
            "code": "TLY690", "name": "Club points expense",
            "user_type_id": cls.env.ref("account.data_account_type_expenses").id,
            "company_id": cls.company.id})
        cls.misc = cls.env["account.journal"].create({
            "name": "Club points", "code": "TLYJ", "type": "general",
            "company_id": cls.company.id})
        cls.club.write({
            "liability_journal_id": cls.misc.id,
            "liability_account_id": cls.deferred.id,
            "liability_expense_account_id": cls.loyalty_expense.id})

    def _balance(self, account):
        lines = self.env["account.move.line"].search([
            ("account_id", "=", account.id), ("move_id.state", "=", "posted")])
        return round(sum(lines.mapped("balance")), 2)

    def _wizard(self, user, date):
        wizard = self.env["crm.membership.liability"].sudo(user).create(
            {"date": date})
        wizard.action_compute()
        return wizard

    def test_accountant_posts_and_reverses(self):
        """The accountant posts the liability on 2026-11-15 (1100 points, 55.00)
        and, after 200 more points, on 2026-11-30: the first entry is reversed on
        2026-11-30 and the account carries 65.00, the report's figure."""
        first = self._wizard(self.accountant, "2026-11-15")
        first.action_post()
        line = first.line_ids.filtered(lambda l: l.club_id == self.club)
        self.assertAlmostEqual(line.amount, 55.0)
        self.assertEqual(line.move_id.date, "2026-11-15")
        self.assertEqual(self._balance(self.deferred), -55.0)
        self.member.sudo(self.officer)._adjust_points(200, "Event", day="2026-11-20")
        second = self._wizard(self.accountant, "2026-11-30")
        second.action_post()
        line = second.line_ids.filtered(lambda l: l.club_id == self.club)
        self.assertAlmostEqual(line.amount, 65.0)
        self.assertEqual(self._balance(self.deferred), -line.amount,
                         "the balance sheet carries the report's liability")
        reversal = self.env["account.move"].search([
            ("journal_id", "=", self.misc.id), ("date", "=", "2026-11-30"),
            ("id", "!=", line.move_id.id)])
        self.assertEqual(len(reversal), 1, "the first entry reversed on the 30th")
        with self.assertRaisesRegex(UserError, "already posted on 2026-11-30"):
            self._wizard(self.accountant, "2026-11-30").action_post()

    def test_only_finance_posts(self):
        """The membership manager sees the liability but cannot post it."""
        wizard = self._wizard(self.manager, "2026-11-15")
        with self.assertRaisesRegex(AccessError, "Posting the points liability"):
            wizard.action_post()

    def test_club_accounting_hidden_from_portal(self):
        """A portal member reads the club (for "My Club Memberships") but not
        its accounting nor its internal settings: reading them is refused, a read
        of every field leaves them out and shows no account code or entry."""
        self._wizard(self.accountant, "2026-11-15").action_post()
        entry = self.club.liability_move_id
        self.assertTrue(entry)
        club = self.club.sudo(self.portal)
        for name in INTERNAL_CLUB_FIELDS:
            with self.assertRaisesRegex(AccessError, "security restrictions"):
                club.read([name])
        values = club.read()[0]
        self.assertFalse(set(INTERNAL_CLUB_FIELDS) & set(values))
        self.assertEqual(values["name"], self.club.name, "the club stays readable")
        shown = repr(values)
        for secret in (self.deferred.code, self.misc.code, entry.name):
            self.assertNotIn(secret, shown)
        membership = self.portal_member.sudo(self.portal)
        with self.assertRaisesRegex(AccessError, "security restrictions"):
            membership.read(["referral_invoice_id"])
        values = membership.read()[0]
        self.assertFalse({"referral_invoice_id", "tier_history_ids"} & set(values))
        self.assertEqual(values["points_balance"], 100, "the member's own data stays")
        self.assertIn("Opening", self._portal_page())

    def _portal_page(self):
        """What "My Club Memberships" renders for the portal member."""
        View = self.env["ir.ui.view"].sudo(self.portal)
        memberships = self.Membership.sudo(self.portal)._portal_memberships()
        values = {"memberships": memberships,
                  "points_lines": memberships._portal_points_lines()}
        html = View.render_template(
            "crm_membership.portal_memberships_table", values).decode()
        self.assertIn(self.portal_member.name, html)
        self.assertIn(self.club.name, html)
        return html + View.render_template(
            "crm_membership.portal_points_history", values).decode()

    def test_club_form_opens_for_staff(self):
        """Officers and managers open the club form with its accounting; a
        salesman opens it without (and without failing on the point value history
        he may not read); finance reads the accounting it posts."""
        for user, sees in ((self.officer, True), (self.manager, True),
                           (self.salesman, False)):
            Club = self.env["crm.membership.club"].sudo(user)
            names = set(Club.fields_view_get(view_type="form")["fields"])
            self.assertEqual(set(INTERNAL_CLUB_FIELDS[:5]) <= names, sees, user.login)
            values = self.club.sudo(user).read(list(names))[0]
            self.assertEqual(values["name"], self.club.name)
            if sees:
                self.assertEqual(values["liability_account_id"][0], self.deferred.id)
        self.assertIn("cancelled_points", names, "a salesman knows the club's rules")
        values = self.club.sudo(self.accountant).read(list(INTERNAL_CLUB_FIELDS[:5]))
        self.assertEqual(values[0]["liability_journal_id"][0], self.misc.id)

    def test_past_dates_use_the_point_value_of_that_date(self):
        """The point value doubled today: the liability of a past date keeps the
        value it had then."""
        self.club.point_value = 0.10
        past = self._wizard(self.accountant, "2026-11-15").line_ids.filtered(
            lambda l: l.club_id == self.club)
        now = self._wizard(self.accountant, self.club.point_value_ids[:1].date)
        now = now.line_ids.filtered(lambda l: l.club_id == self.club)
        self.assertAlmostEqual(past.amount, 55.0)
        self.assertAlmostEqual(now.amount, 110.0)

    def test_cancelled_membership_points_expire(self):
        """The officer cancels a membership: its points expire and leave the
        liability (the club's setting); kept when the club says so."""
        self.member.sudo(self.officer).action_cancel()
        self.assertEqual(self.member.points_balance, 0)
        self.assertEqual(self._ledger(self.member)[-1], ("expiry", -1000))
        self.club.cancelled_points = "keep"
        self.portal_member.sudo(self.officer).action_cancel()
        self.assertEqual(self.portal_member.points_balance, 100)

    def test_unlimited_points_expire_when_idle(self):
        """A club without validity but 6 idle months: points granted on
        2026-01-10 and 2026-03-01 expire together on 2026-09-01."""
        self.club.write({"points_validity_months": 0, "dormant_months": 6})
        member = self._member(self._customer("Idle member"))
        member._adjust_points(30, "First", day="2026-01-10")
        member._adjust_points(20, "Second", day="2026-03-01")
        self.Points._cron_expire_points("2026-08-31")
        self.assertEqual(member.points_balance, 50)
        self.Points._cron_expire_points("2026-09-01")
        self.assertEqual(member.points_balance, 0)
        self.assertBalanced(member)


class TestWhereUsersLook(RoleCase):
    """One top menu for membership; the kanban tells the clubs' tiers apart."""

    def test_one_membership_menu(self):
        """Odoo's association membership is reached from the clubs' menu, not
        from a second top menu."""
        association = self.env.ref("membership.menu_association")
        self.assertEqual(association.parent_id,
                         self.env.ref("crm_membership.crm_membership_root_menu"))

    def test_kanban_columns_name_the_club(self):
        """Two clubs' "Silver" tiers are two columns that say which club."""
        silver_fee = self.env["crm.membership.tier"].create({
            "club_id": self.club_fee.id, "name": "Silver", "sequence": 2})
        self.member.tier_id = self.tier_silver
        fee_member = self._member(self._customer("Owner"), club=self.club_fee)
        fee_member.tier_id = silver_fee
        groups = self.Membership.sudo(self.officer).read_group(
            [("id", "in", (self.member | fee_member).ids)], ["tier_id"], ["tier_id"])
        self.assertEqual(sorted(group["tier_id"][1] for group in groups),
                         ["Test loyalty: Silver", "Test owners: Silver"])
