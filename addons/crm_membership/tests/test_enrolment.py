# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from .common import MembershipCase


class TestAutomaticEnrolment(MembershipCase):
    """The nightly enrolment of automatic clubs: one statement per club."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auto_club = cls.env["crm.membership.club"].create({
            "name": "Buyers", "code": "BUY", "fee_type": "automatic",
            "auto_rule": "buyer", "auto_category_id": cls.categ_goods.id})

    def _buyers(self, count, product=None):
        """``count`` customers with a confirmed order of ``product``."""
        partners = self.Partner.browse()
        for index in range(count):
            partner = self._customer("Buyer %s" % index)
            partners |= partner
            self.env["sale.order"].create({
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": (product or self.product_b).id,
                                       "product_uom_qty": 1,
                                       "price_unit": 50.0})]}).action_confirm()
        return partners

    def _enrol(self, day):
        self.env.cache.invalidate()
        before = self.env.cr.sql_log_count
        created = self.Membership._cron_auto_enrol(day)
        return created.filtered(lambda m: m.club_id == self.auto_club), \
            self.env.cr.sql_log_count - before

    def test_enrols_buyers_once(self):
        """Every buyer of the category (or a subcategory) becomes an active member
        numbered from the club's sequence by Odoo's sequence API, once: a
        second run enrols nobody, the next member typed in gets the next number."""
        buyer = self._buyers(1)
        self._buyers(1, product=self.fee_product)  # not of the category
        created, _queries = self._enrol("2026-04-01")
        self.assertEqual(created.partner_id, buyer)
        self.assertEqual((created.state, created.join_date, created.name,
                          created.company_id),
                         ("active", "2026-04-01", "BUY-000001", self.company))
        again, _queries = self._enrol("2026-04-02")
        self.assertFalse(again, "idempotent")
        self.assertEqual(self.Membership.search_count(
            [("club_id", "=", self.auto_club.id)]), 1)
        manual = self._member(self._customer("Walk-in"), club=self.auto_club)
        self.assertEqual(manual.name, "BUY-000002", "the same counter")
        # a cancelled member is not enrolled again
        created.action_cancel()
        self.assertFalse(self._enrol("2026-04-03")[0])

    def test_query_count_one_number_per_new_member(self):
        """Enrolling 30 new members costs what enrolling one costs, plus the
        draw of each further member number from Odoo's sequence API (one query
        each): one statement enrols them all."""
        self._enrol("2026-04-01")  # warm up, and enrol the demo buyers if any
        self._buyers(1)
        one, queries_one = self._enrol("2026-04-02")
        self._buyers(30)
        thirty, queries_thirty = self._enrol("2026-04-03")
        self.assertEqual((len(one), len(thirty)), (1, 30))
        # at most: the first run may pay a cache miss the second does not
        self.assertLessEqual(queries_thirty - queries_one, 29,
                             "at most one query per further member number")
        numbers = sorted(int(name.split("-")[1]) for name in thirty.mapped("name"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 30)),
                         "consecutive numbers")

    def test_no_gap_sequence_and_formatting(self):
        """A 'no gap' sequence numbers the new members without gaps; prefix,
        suffix and padding as ir.sequence formats them, a number longer than the
        padding is not cut."""
        sequence = self.auto_club.sequence_id
        sequence.write({"implementation": "no_gap", "padding": 2,
                        "suffix": "/%(year)s", "number_next": 99})
        self._buyers(2)
        created, _queries = self._enrol("2026-04-01")
        # ir.sequence interpolates the year of now, in UTC without a time zone
        year = datetime.datetime.utcnow().strftime("%Y")
        self.assertEqual(sorted(created.mapped("name")),
                         ["BUY-100/%s" % year, "BUY-99/%s" % year])
        self.assertEqual(sequence.number_next, 101)
        self.assertEqual(sequence.next_by_id(), "BUY-101/%s" % year)
