# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import MembershipCase


class TestPoints(MembershipCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._customer("Points customer")
        cls.member = cls._member(cls.customer, tier_id=cls.tier_blue.id)
        cls.today = fields.Date.context_today(cls.member)

    def test_earning_on_paid_invoice(self):
        """Points are earned when the invoice is paid, not when it is validated:
        200 x 1 (club rate) + 50 x 2 (premium category rule) = 300 points; the
        fee product earns nothing."""
        invoice = self._invoice(self.customer, [
            (self.product_a, 200.0), (self.product_b, 50.0),
            (self.fee_product, 120.0)])
        self.assertFalse(self._ledger(self.member), "open invoice earns nothing")
        self._pay(invoice)
        self.assertEqual(invoice.state, "paid")
        self.assertEqual(self._ledger(self.member), [("invoice", 300)])
        line = self.member.points_line_ids
        self.assertEqual((line.invoice_id, line.date, line.points_remaining),
                         (invoice, self.today, 300))
        self.assertEqual(self.member.points_balance, 300)
        self.assertAlmostEqual(self.member.points_value, 15.0)
        self.assertBalanced(self.member)
        # a second call for the same payment changes nothing
        self.Membership._sync_invoice_points(invoice)
        self.assertEqual(self.member.points_balance, 300)

    def test_tier_multiplier(self):
        """Gold members earn 1.5 times: 150 x 1 x 1.5 = 225."""
        self.member.tier_id = self.tier_gold
        self._pay(self._invoice(self.customer, [(self.product_a, 150.0)]))
        self.assertEqual(self._ledger(self.member), [("invoice", 225)])

    def test_reversal_on_refund(self):
        """A paid refund takes back its points: 300 earned, refund of 100 of
        product A and 20 of product B -> 100 + 40 = 140 taken back, 160 left."""
        invoice = self._invoice(self.customer, [
            (self.product_a, 200.0), (self.product_b, 50.0)])
        self._pay(invoice)
        refund = self._invoice(self.customer, [
            (self.product_a, 100.0), (self.product_b, 20.0)],
            type_="out_refund", origin=invoice)
        self.assertEqual(self.member.points_balance, 300, "refund not yet paid")
        self._pay(refund)
        self.assertEqual(self._ledger(self.member),
                         [("invoice", 300), ("refund", -140)])
        self.assertEqual(self.member.points_balance, 160)
        self.assertBalanced(self.member)

    def test_refund_of_spent_points_is_owed(self):
        """Points already spent are owed, never forgiven: 100 earned, 80
        redeemed, a full refund takes back 100, 80 of them owed (balance -80)."""
        invoice = self._invoice(self.customer, [(self.product_a, 100.0)])
        self._pay(invoice)
        self.member._redeem_points(reward=self.club.reward_ids)
        refund = self._invoice(self.customer, [(self.product_a, 100.0)],
                               type_="out_refund", origin=invoice)
        self._pay(refund)
        self.assertEqual(self._ledger(self.member), [
            ("invoice", 100), ("redemption", -80), ("refund", -100)])
        self.assertEqual(self.member.points_balance, -80)
        self.assertBalanced(self.member)

    def test_redemption_over_balance_refused(self):
        """Redeeming more than the balance is refused and changes nothing."""
        self.member._adjust_points(100, "Welcome")
        order = self._order(self.customer)
        with self.assertRaisesRegex(UserError, "has 100 points available; 101 cannot"):
            self.member._redeem_points(points=101, order=order)
        self.assertEqual(self.member.points_balance, 100)
        self.assertFalse(order.order_line.filtered("crm_points_line_id"))

    def test_redemption_discount_line(self):
        """60 points on a quotation: a discount line of -60 x 0.05 = -3.00."""
        self.member._adjust_points(100, "Welcome")
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id,
                                   "product_uom_qty": 1, "price_unit": 100.0})]})
        line = self.member._redeem_points(points=60, order=order)
        self.assertEqual((line.origin, line.points, line.sale_order_id),
                         ("redemption", -60, order))
        discount = order.order_line.filtered(
            lambda l: l.product_id == self.discount_product)
        self.assertAlmostEqual(discount.price_unit, -3.0)
        self.assertAlmostEqual(order.amount_untaxed, 97.0)
        self.assertEqual(self.member.points_balance, 40)
        self.assertBalanced(self.member)
        with self.assertRaisesRegex(ValidationError, "positive whole number"):
            self.member._redeem_points(points=0, order=order)
        order.action_confirm()
        with self.assertRaisesRegex(ValidationError, "quotations"):
            self.member._redeem_points(points=10, order=order)

    def test_fifo_expiry_across_grants(self):
        """Points expire first in first out, on their dates, by the cron.

        Grants (12 months validity): 100 on 2025-01-10, 80 on 2025-03-01,
        60 on 2025-06-01; 130 redeemed on 2025-04-01 take 100 + 30.
        Cron on 2026-01-09: nothing due. On 2026-03-01: the first grant has
        nothing left, the second expires its 50. On 2026-06-01: 60 expire.
        """
        member = self.member
        member._adjust_points(100, "Grant 1", day="2025-01-10")
        member._adjust_points(80, "Grant 2", day="2025-03-01")
        member._adjust_points(60, "Grant 3", day="2025-06-01")
        member._adjust_points(-130, "Spent in store", day="2025-04-01")
        grants = member.points_line_ids.filtered(lambda l: l.points > 0).sorted("date")
        self.assertEqual(grants.mapped("points_remaining"), [0, 50, 60])
        self.assertEqual(grants.mapped("expiry_date"),
                         ["2026-01-10", "2026-03-01", "2026-06-01"])
        self.Points._cron_expire_points("2026-01-09")
        self.assertEqual(member.points_balance, 110)
        self.Points._cron_expire_points("2026-03-01")
        self.Points._cron_expire_points("2026-03-01")  # idempotent
        expiries = member.points_line_ids.filtered(lambda l: l.origin == "expiry")
        self.assertEqual([(e.points, e.date, e.expired_grant_id) for e in expiries],
                         [(-50, "2026-03-01", grants[1])])
        self.assertEqual(member.points_balance, 60)
        self.Points._cron_expire_points("2026-06-01")
        self.assertEqual(member.points_balance, 0)
        self.assertBalanced(member)

    def test_redemption_never_spends_expired_points(self):
        """A redemption after an expiry date the cron has not reached yet cannot
        spend the expired points: they are expired first."""
        self.member._adjust_points(100, "Old grant", day="2025-01-10")
        with self.assertRaisesRegex(UserError, "has 0 points"):
            self.member._redeem_points(reward=self.club.reward_ids, day="2026-02-01")
        self.assertEqual(self._ledger(self.member),
                         [("adjustment", 100), ("expiry", -100)])

    def _future(self, months=1):
        return fields.Date.to_string(
            fields.Date.from_string(self.today) + relativedelta(months=months))

    def _grant_expiring_soon(self):
        """100 points granted 11 months and a half ago (12 months' validity): they
        expire in about two weeks."""
        day = fields.Date.from_string(self.today) - relativedelta(months=11, days=15)
        self.member._adjust_points(100, "Grant", day=fields.Date.to_string(day))
        return self._ledger(self.member)

    def test_future_redemption_refused(self):
        """A redemption dated after today is refused, from the wizard or an RPC
        call, and writes nothing: no points expired early, no discount line."""
        ledger = self._grant_expiring_soon()
        order = self._order(self.customer)
        wizard = self.env["crm.membership.redeem"].create({
            "membership_id": self.member.id, "mode": "discount", "points": 30,
            "order_id": order.id, "date": self._future()})
        with self.assertRaisesRegex(ValidationError, "future date"):
            wizard.action_redeem()
        with self.assertRaisesRegex(ValidationError, "future date"):
            self.member._redeem_points(reward=self.club.reward_ids,
                                       day=self._future(2))
        self.assertEqual(self._ledger(self.member), ledger)
        self.assertEqual(self.member.points_balance, 100)
        self.assertFalse(order.order_line.filtered("crm_points_line_id"))
        # dated today, the same redemption goes through
        wizard.date = self.today
        wizard.action_redeem()
        self.assertEqual(self.member.points_balance, 70)
        self.assertEqual(len(order.order_line.filtered("crm_points_line_id")), 1)
        self.assertBalanced(self.member)

    def test_future_adjustment_refused(self):
        """An adjustment dated after today, up or down, is refused and writes
        nothing; dated today it is recorded."""
        ledger = self._grant_expiring_soon()
        wizard = self.env["crm.membership.adjust"].create({
            "membership_id": self.member.id, "points": -30,
            "reason": "Store credit", "date": self._future()})
        with self.assertRaisesRegex(ValidationError, "future date"):
            wizard.action_adjust()
        with self.assertRaisesRegex(ValidationError, "future date"):
            self.member._adjust_points(20, "Goodwill", day=self._future())
        self.assertEqual(self._ledger(self.member), ledger)
        self.assertEqual(self.member.points_balance, 100)
        wizard.date = self.today
        wizard.action_adjust()
        self.assertEqual(self._ledger(self.member),
                         ledger + [("adjustment", -30)])
        self.assertEqual(self.member.points_balance, 70)
        self.assertBalanced(self.member)

    def test_adjustment_needs_reason(self):
        """Manual adjustments carry a reason and never go below zero."""
        with self.assertRaisesRegex(ValidationError, "reason"):
            self.member._adjust_points(10, " ")
        with self.assertRaisesRegex(UserError, "has 0 points"):
            self.member._adjust_points(-1, "Correction")
        line = self.member._adjust_points(25, "Goodwill after a late delivery")
        self.assertEqual(line.name, "Goodwill after a late delivery")

    def test_ledger_is_immutable(self):
        """Ledger lines are neither typed in, changed nor deleted."""
        line = self.member._adjust_points(10, "Goodwill")
        with self.assertRaises(UserError):
            line.write({"points": 1000})
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            self.Points.create({"membership_id": self.member.id, "points": 5,
                                "date": "2026-01-01", "origin": "adjustment"})

    def test_liability_at_a_date(self):
        """Outstanding points x point value per club at a date, expired grants left
        out whether the expiry job has run or not.

        Loyalty club (0.05 per point, 12 months validity): member A 100 on
        2025-01-10 (expires 2026-01-10), 80 on 2025-03-01 (expires 2026-03-01),
        -30 on 2025-04-01 (taken from the first grant: 70 left); member B 40 on
        2025-02-01 (expires 2026-02-01).
        2025-03-31: 100 + 80 + 40 = 220 = 11.00; 2025-04-30: 190 = 9.50;
        2026-01-09: 190; 2026-01-10: A's first grant lapses with 70: 120 = 6.00;
        2026-02-01: B's 40 lapse: 80 = 4.00; 2026-03-01: nothing left.
        The same figures before and after the expiry job. Owners' club: 0.
        """
        other = self._member(self._customer("Liability B"))
        self.member._adjust_points(100, "A1", day="2025-01-10")
        self.member._adjust_points(80, "A2", day="2025-03-01")
        self.member._adjust_points(-30, "A3", day="2025-04-01")
        other._adjust_points(40, "B1", day="2025-02-01")
        clubs = (self.club | self.club_fee).ids
        expected = {
            "2025-03-31": (220, 11.0), "2025-04-30": (190, 9.5),
            "2026-01-09": (190, 9.5), "2026-01-10": (120, 6.0),
            "2026-02-01": (80, 4.0), "2026-03-01": (0, 0.0),
        }

        def figures():
            return {day: self.Points._liability(day, clubs)[self.club.id]
                    for day in expected}
        self.assertFalse(self._ledger(self.member).count(("expiry", -70)),
                         "the expiry job has not run")
        self.assertEqual(figures(), expected, "before the expiry job")
        self.assertEqual(self.Points._liability("2026-03-01", clubs)[
            self.club_fee.id], (0, 0.0))
        self.Points._cron_expire_points("2026-02-01")
        self.assertEqual(self._ledger(other), [("adjustment", 40), ("expiry", -40)])
        self.assertEqual(figures(), expected, "after the expiry job")
        wizard = self.env["crm.membership.liability"].create({"date": "2026-01-10"})
        wizard.action_compute()
        line = wizard.line_ids.filtered(lambda l: l.club_id == self.club)
        self.assertEqual((line.points, line.amount), (120, 6.0))

    def test_backdated_debit_takes_the_points_of_its_date(self):
        """A debit dated D takes only grants dated on or before D and not expired
        on D, first in first out; more than they hold is refused.

        100 on 2025-01-10 (expires 2026-01-10), 80 on 2025-06-01 (expires
        2026-06-01), 50 on 2025-09-01: 230 points today, but on 2025-03-01 only
        the first 100 existed, and on 2026-02-01 the first ones had expired.
        """
        member = self.member
        member._adjust_points(100, "G1", day="2025-01-10")
        member._adjust_points(80, "G2", day="2025-06-01")
        member._adjust_points(50, "G3", day="2025-09-01")
        with self.assertRaisesRegex(
                UserError, r"On 2025-03-01, .* has 100 points available; 120 "
                           r"cannot be taken"):
            member._adjust_points(-120, "Store credit", day="2025-03-01")
        self.assertEqual(member.points_balance, 230, "nothing written")
        debit = member._adjust_points(-90, "Store credit", day="2025-03-01")
        grants = member.points_line_ids.filtered(
            lambda l: l.points > 0).sorted("date")
        self.assertEqual([(a.grant_id, a.points) for a in debit.allocation_ids],
                         [(grants[0], 90)])
        self.assertEqual(grants.mapped("points_remaining"), [10, 80, 50])
        # a later debit spent the first grant's rest: a backdated one cannot
        member._adjust_points(-40, "Voucher", day="2025-07-01")
        self.assertEqual(grants.mapped("points_remaining"), [0, 50, 50])
        with self.assertRaisesRegex(UserError, "has 0 points available; 5 cannot"):
            member._adjust_points(-5, "Late correction", day="2025-05-01")
        # on 2026-02-01 the first grant has expired, the others are there
        with self.assertRaisesRegex(UserError, "has 100 points available; 101"):
            member._redeem_points(points=101, order=self._order(self.customer),
                                  day="2026-02-01")
        member._adjust_points(-60, "Correction", day="2026-02-01")
        self.assertEqual(grants.mapped("points_remaining"), [0, 0, 40])
        self.assertEqual(member.points_balance, 40)
        self.assertBalanced(member)

    def _quotation_with_points(self, points=60):
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id,
            "order_line": [(0, 0, {"product_id": self.product_a.id,
                                   "product_uom_qty": 1, "price_unit": 100.0})]})
        redemption = self.member._redeem_points(points=points, order=order)
        return order, redemption

    def test_cancelled_quotation_returns_points_once(self):
        """Cancelling a quotation gives its redeemed points back with one
        reversing line; cancelling again, or resetting it and cancelling it again,
        gives nothing more. Reset, the quotation loses the points line."""
        self.member._adjust_points(100, "Welcome")
        order, redemption = self._quotation_with_points()
        points_line = order.order_line.filtered("crm_points_line_id")
        self.assertEqual(points_line.crm_points_line_id, redemption)
        self.assertEqual(self.member.points_balance, 40)
        order.action_cancel()
        self.assertEqual(self._ledger(self.member), [
            ("adjustment", 100), ("redemption", -60), ("reversal", 60)])
        reversal = redemption.reversal_line_ids
        self.assertEqual((reversal.reversed_line_id, reversal.sale_order_id,
                          reversal.name),
                         (redemption, order, "Points returned: %s cancelled"
                          % order.name))
        self.assertEqual(self.member.points_balance, 100)
        order.action_cancel()
        self.assertEqual(self.member.points_balance, 100, "cancelled twice: once")
        order.action_draft()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.order_line.filtered("crm_points_line_id"),
                         "the points line went with its points")
        self.assertAlmostEqual(order.amount_untaxed, 100.0)
        order.action_cancel()
        self.assertEqual(self.member.points_balance, 100, "re-cancelled: once")
        self.assertEqual(len(redemption.reversal_line_ids), 1)
        self.assertBalanced(self.member)
        # the points came back on the grant they were taken from
        grant = self.member.points_line_ids.filtered(
            lambda l: l.origin == "adjustment")
        self.assertEqual(grant.points_remaining, 100)
        # even forced, the database refuses a second return
        with self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.Points.sudo().with_context(crm_membership_ledger=True).create({
                "membership_id": self.member.id, "points": 60, "date": self.today,
                "origin": "reversal", "reversed_line_id": redemption.id})

    def test_deleted_points_line_returns_points(self):
        """Removing the points line from a quotation, or deleting a quotation,
        gives the points back; a copy of a quotation has no points line."""
        self.member._adjust_points(200, "Welcome")
        order, redemption = self._quotation_with_points(60)
        copy = order.copy()
        self.assertEqual(copy.order_line.mapped("product_id"), self.product_a)
        order.order_line.filtered("crm_points_line_id").unlink()
        self.assertEqual(redemption.reversal_line_ids.points, 60)
        self.assertEqual(self.member.points_balance, 200)
        other, second = self._quotation_with_points(80)
        self.assertEqual(self.member.points_balance, 120)
        other.unlink()
        self.assertEqual(second.reversal_line_ids.points, 80)
        self.assertEqual(self.member.points_balance, 200)
        self.assertBalanced(self.member)

    def test_points_returned_after_their_expiry_expire(self):
        """Points returned after their grant's expiry date expire again at once,
        on the day of the return: 100 granted 13 months ago (expired a month ago,
        the job has not run), 60 redeemed 2 months ago, quotation cancelled today:
        +60 returned, -60 expired today; the job then expires the other 40."""
        today = fields.Date.from_string(self.today)
        day = fields.Date.to_string
        self.member._adjust_points(100, "Old grant",
                                   day=day(today - relativedelta(months=13)))
        order = self._order(self.customer)
        self.member._redeem_points(points=60, order=order,
                                   day=day(today - relativedelta(months=2)))
        order.action_cancel()
        self.assertEqual(self._ledger(self.member)[-2:],
                         [("reversal", 60), ("expiry", -60)])
        lapsed = self.member.points_line_ids.filtered(
            lambda l: l.origin == "expiry")
        self.assertEqual(lapsed.date, self.today)
        self.assertEqual(self.member.points_balance, 40)
        self.Points._cron_expire_points(self.today)
        self.assertEqual(self.member.points_balance, 0)
        self.assertBalanced(self.member)

    def test_referral_bonus_once(self):
        """The referrer gets the club's bonus (50) once, on the referred customer's
        first paid invoice; a second paid invoice gives nothing more."""
        newcomer = self._customer("Newcomer")
        referred = self._member(newcomer, referred_by_id=self.member.id)
        first = self._invoice(newcomer, [(self.product_a, 10.0)])
        self.assertEqual(self._ledger(self.member), [], "not paid yet")
        self._pay(first)
        self.assertEqual(self._ledger(self.member), [("referral", 50)])
        self.assertTrue(referred.referral_rewarded)
        self._pay(self._invoice(newcomer, [(self.product_a, 10.0)]))
        self.assertEqual(self._ledger(self.member), [("referral", 50)])
        self.assertEqual(self._ledger(referred), [("invoice", 10), ("invoice", 10)])
        # even forced, the database refuses a second bonus for the same member
        referred.sudo().write({"referral_rewarded": False,
                               "referral_invoice_id": False})
        with self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.Membership._reward_referrals(first)

    def _queries(self, function, *args, **kwargs):
        self.env.cache.invalidate()
        before = self.env.cr.sql_log_count
        function(*args, **kwargs)
        return self.env.cr.sql_log_count - before

    def test_query_count_bounded(self):
        """Earning on a payment and a redemption cost a bounded number of queries,
        the same whatever the number of invoice lines."""
        warm = self._invoice(self.customer, [(self.product_a, 5.0)])
        small = self._invoice(self.customer, [(self.product_a, 10.0)])
        big = self._invoice(self.customer, [(self.product_a, 10.0)] * 30)
        # marked paid without the payment machinery, to count the sync alone
        self.env.cr.execute("UPDATE account_invoice SET state = 'paid' WHERE id IN %s",
                            (tuple((warm | small | big).ids),))
        self._queries(self.Membership._sync_invoice_points, warm)
        earn_small = self._queries(self.Membership._sync_invoice_points, small)
        earn_big = self._queries(self.Membership._sync_invoice_points, big)
        self.assertEqual(self.member.points_balance, 315)
        self.assertEqual(earn_small, earn_big, "independent of the number of lines")
        self.assertLessEqual(earn_big, 45)
        redeem = self._queries(self.member._redeem_points,
                               reward=self.club.reward_ids)
        self.assertLessEqual(redeem, 30)
        self.assertEqual(self.member.points_balance, 235)
