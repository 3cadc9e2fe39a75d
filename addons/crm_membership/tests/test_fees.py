# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError

from .common import MembershipCase


class TestFees(MembershipCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls._customer("Apartment owner")
        cls.member = cls._member(cls.owner, club=cls.club_fee, state="candidate",
                                 join_date=False)

    def _fee_invoice(self, day):
        action = self.member.with_context(tz="UTC").action_invoice_fee()
        invoice = self.env["account.invoice"].browse(action["res_id"])
        self.assertEqual(invoice.invoice_line_ids.product_id, self.fee_product)
        return invoice

    def test_activation_on_payment_and_expiry(self):
        """The fee invoice carries Odoo's membership line as this membership's
        period; payment activates the membership; it expires when not renewed."""
        # the fee invoice is made in UTC (see _fee_invoice): the same day here
        today = fields.Date.from_string(
            fields.Date.context_today(self.member.with_context(tz="UTC")))
        invoice = self._fee_invoice(today)
        period = self.member.period_line_ids
        self.assertEqual(len(period), 1)
        self.assertEqual(period.account_invoice_id, invoice)
        self.assertEqual(period.date_from, fields.Date.to_string(today))
        end = today.replace(year=today.year + 1) - timedelta(days=1) \
            if not (today.month == 2 and today.day == 29) else None
        if end:
            self.assertEqual(period.date_to, fields.Date.to_string(end))
        self.assertAlmostEqual(invoice.amount_total, 120.0)
        invoice.action_invoice_open()
        self.assertEqual(self.member.state, "candidate", "invoiced, not paid")
        self._pay(invoice, day=fields.Date.to_string(today))
        self.assertEqual(period.state, "paid")
        self.assertEqual(self.member.state, "active")
        self.assertEqual(self.member.join_date, period.date_from)
        self.assertEqual(self.member.expiry_date, period.date_to)
        # the expiry cron: nothing on the last day, expired the day after
        self.Membership._cron_expire(period.date_to)
        self.assertEqual(self.member.state, "active")
        day_after = fields.Date.to_string(
            fields.Date.from_string(period.date_to) + timedelta(days=1))
        self.Membership._cron_expire(day_after)
        self.assertEqual(self.member.state, "expired")
        self.Membership._cron_expire(day_after)
        self.assertEqual(self.member.state, "expired", "idempotent")

    def _today(self):
        return fields.Date.from_string(
            fields.Date.context_today(self.member.with_context(tz="UTC")))

    def _paid_fee(self, day):
        """Invoice the next period's fee on ``day``, validate and pay it."""
        invoice = self.member.with_context(tz="UTC")._create_fee_invoice(
            day=fields.Date.to_string(day))
        invoice.action_invoice_open()
        self._pay(invoice, day=fields.Date.to_string(self._today()))
        return invoice

    def _credit_note(self, invoice):
        """A credit note of the whole invoice, as the Credit Note button makes it,
        posted."""
        wizard = self.env["account.invoice.refund"].with_context(
            active_model="account.invoice", active_id=invoice.id,
            active_ids=invoice.ids).create({
                "filter_refund": "refund", "description": "Fee refunded"})
        action = wizard.invoice_refund()
        refund = self.env["account.invoice"].search(action["domain"])
        self.assertEqual(refund.refund_invoice_id, invoice)
        refund.action_invoice_open()
        return refund

    def test_fee_reopened_makes_a_candidate_again(self):
        """A first fee invoice paid then re-opened (its payment unreconciled): the
        period is no longer paid, the membership is a candidate again without
        dates; paid again, it is active again."""
        today = self._today()
        invoice = self._paid_fee(today)
        period = self.member.period_line_ids
        self.assertEqual((self.member.state, self.member.join_date),
                         ("active", period.date_from))
        receivable = invoice.move_id.line_ids.filtered(
            lambda line: line.account_id == invoice.account_id)
        receivable.remove_move_reconcile()
        self.assertEqual(invoice.state, "open", "the invoice is re-opened")
        self.assertEqual(period.crm_period_state, "invoiced")
        self.assertEqual(
            (self.member.state, self.member.join_date, self.member.expiry_date),
            ("candidate", False, False))
        self._pay(invoice, day=fields.Date.to_string(today))
        self.assertEqual(period.crm_period_state, "paid")
        self.assertEqual((self.member.state, self.member.expiry_date),
                         ("active", period.date_to))

    def test_first_fee_refunded(self):
        """A credit note of the paid first fee: the period is refunded (although
        Odoo's membership line still says paid) and the member a candidate."""
        invoice = self._paid_fee(self._today())
        self.assertEqual(self.member.state, "active")
        self._credit_note(invoice)
        period = self.member.period_line_ids
        self.assertEqual(period.crm_period_state, "refunded")
        self.assertEqual(invoice.state, "paid")
        self.assertEqual((self.member.state, self.member.expiry_date),
                         ("candidate", False))

    def test_refunded_renewal_takes_its_dates_back(self):
        """A paid renewal refunded while the previous period runs: still active,
        until the end of the previous period, no renewal date."""
        today = self._today()
        self._paid_fee(today - relativedelta(months=6))
        first = self.member.period_line_ids
        renewal = self._paid_fee(today)
        second = self.member.period_line_ids - first
        self.assertEqual(second.date_from, fields.Date.to_string(
            fields.Date.from_string(first.date_to) + timedelta(days=1)))
        self.assertEqual(
            (self.member.state, self.member.expiry_date, self.member.renewal_date),
            ("active", second.date_to, second.date_from))
        self._credit_note(renewal)
        self.assertEqual(second.crm_period_state, "refunded")
        self.assertEqual(
            (self.member.state, self.member.expiry_date, self.member.renewal_date),
            ("active", first.date_to, False))

    def test_renewal_of_an_expired_member_undone(self):
        """A first period paid after its end makes an expired member; the renewal
        paid today activates them; re-opened, they are expired again with the first
        period's dates. The next fee invoice starts today again."""
        today = self._today()
        self._paid_fee(today - relativedelta(months=18))
        first = self.member.period_line_ids
        self.assertEqual(
            (self.member.state, self.member.join_date, self.member.expiry_date),
            ("expired", first.date_from, first.date_to))
        renewal = self._paid_fee(today)
        second = self.member.period_line_ids - first
        self.assertEqual(second.date_from, fields.Date.to_string(today))
        self.assertEqual((self.member.state, self.member.renewal_date),
                         ("active", second.date_from))
        receivable = renewal.move_id.line_ids.filtered(
            lambda line: line.account_id == renewal.account_id)
        receivable.remove_move_reconcile()
        self.assertEqual(
            (self.member.state, self.member.join_date, self.member.expiry_date,
             self.member.renewal_date),
            ("expired", first.date_from, first.date_to, False))
        self.assertEqual(self.member._next_period(fields.Date.to_string(today))[0],
                         today + relativedelta(months=12),
                         "the open renewal invoice still holds its period")
        renewal.journal_id.update_posted = True  # the journal allows cancelling
        renewal.action_invoice_cancel()
        self.assertEqual(second.crm_period_state, "cancelled")
        self.assertEqual(self.member._next_period(fields.Date.to_string(today))[0],
                         today, "a cancelled invoice frees its period")

    def test_old_expired_fee_refunded_next_to_an_active_membership(self):
        """The fee of an old, expired membership refunded or cancelled while the
        customer has a newer active membership of the club: the credit note is
        posted, the old membership stays expired with its dates, the new one
        stays active."""
        owner = self._customer("Returning owner")
        old = self._member(owner, club=self.club_fee, state="candidate",
                           join_date=False)
        old_fee = old._create_fee_invoice(day="2024-01-01")
        old_fee.action_invoice_open()
        self._pay(old_fee, day="2024-01-05")
        self.assertEqual((old.state, old.join_date, old.expiry_date),
                         ("expired", "2024-01-01", "2024-12-31"))
        new = self._member(owner, club=self.club_fee, state="candidate",
                           join_date=False)
        today = fields.Date.to_string(self._today())
        new_fee = new.with_context(tz="UTC")._create_fee_invoice(day=today)
        new_fee.action_invoice_open()
        self._pay(new_fee, day=today)
        self.assertEqual(new.state, "active")
        refund = self._credit_note(old_fee)
        self.assertEqual(refund.state, "open", "the credit note is posted")
        self.assertEqual(old.period_line_ids.crm_period_state, "refunded")
        self.assertEqual((old.state, old.join_date, old.expiry_date),
                         ("expired", "2024-01-01", "2024-12-31"))
        self.assertEqual(new.state, "active")
        # the credit note cancelled: the fee is paid again, nothing else moves
        refund.journal_id.update_posted = True  # the journal allows cancelling
        refund.action_invoice_cancel()
        self.assertEqual(old.period_line_ids.crm_period_state, "paid")
        self.assertEqual((old.state, old.expiry_date), ("expired", "2024-12-31"))
        self.assertEqual(new.state, "active")

    def test_renewal_and_reminder(self):
        """Members are reminded once before expiry; the renewal period starts the
        day after the paid one and extends the expiry date."""
        self.member.write({"state": "active", "join_date": "2025-06-01",
                           "expiry_date": "2026-05-31"})
        self.assertFalse(self.Membership._cron_renewal_reminder("2026-04-30"),
                         "31 days before: too early")
        reminded = self.Membership._cron_renewal_reminder("2026-05-01")
        # demo members may expire in the same window: look at this one only
        self.assertIn(self.member, reminded)
        mail = self.env["mail.mail"].search([
            ("model", "=", "crm.membership"), ("res_id", "=", self.member.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.owner)
        self.assertIn("2026-05-31", mail.subject)
        self.assertFalse(self.Membership._cron_renewal_reminder("2026-05-02"),
                         "once per expiry date")
        invoice = self.member._create_fee_invoice(day="2026-05-10")
        period = self.member.period_line_ids
        self.assertEqual((period.date_from, period.date_to),
                         ("2026-06-01", "2027-05-31"))
        invoice.action_invoice_open()
        self._pay(invoice, day="2026-05-10")
        self.assertEqual(self.member.expiry_date, "2027-05-31")
        self.assertEqual(self.member.state, "active")

    def test_free_club_has_no_fee(self):
        """Free clubs are activated by hand; paid clubs only by payment."""
        with self.assertRaisesRegex(UserError, "paid membership becomes active"):
            self.member.action_activate()
        free = self._member(self._customer("Free member"), state="candidate",
                            join_date=False)
        with self.assertRaisesRegex(UserError, "no membership fee"):
            free._create_fee_invoice()
        free.action_activate()
        self.assertEqual(free.state, "active")
        self.assertEqual(free.join_date, fields.Date.context_today(free))
