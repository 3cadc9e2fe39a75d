# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

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

    def test_automatic_enrolment(self):
        """An automatic club enrols every buyer of its category, once."""
        club = self.env["crm.membership.club"].create({
            "name": "Buyers", "code": "BUY", "fee_type": "automatic",
            "auto_rule": "buyer", "auto_category_id": self.categ_goods.id})
        buyer = self._customer("Buyer of premium")
        order = self.env["sale.order"].create({
            "partner_id": buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_b.id,
                                   "product_uom_qty": 1, "price_unit": 50.0})]})
        order.action_confirm()
        created = self.Membership._cron_auto_enrol("2026-04-01")
        mine = created.filtered(lambda m: m.club_id == club)
        self.assertEqual(mine.partner_id, buyer)
        self.assertEqual((mine.state, mine.join_date), ("active", "2026-04-01"))
        again = self.Membership._cron_auto_enrol("2026-04-02")
        self.assertFalse(again.filtered(lambda m: m.club_id == club))
