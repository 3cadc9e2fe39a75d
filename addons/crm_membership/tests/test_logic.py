# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from ..logic import fifo, periods, points, tiers


class TestFifo(unittest.TestCase):

    lots = [
        (1, "2025-01-10", 100, "2026-01-10"),
        (2, "2025-03-01", 50, "2026-03-01"),
        (3, "2025-02-01", 30, None),
    ]

    def test_allocate_oldest_first(self):
        """A debit takes the oldest grants first, across several grants."""
        self.assertEqual(fifo.allocate(self.lots, 120, "2025-06-01"),
                         [(1, 100), (3, 20)])
        self.assertEqual(fifo.allocate(self.lots, 170, "2025-06-01"),
                         [(1, 100), (3, 30), (2, 40)])

    def test_allocate_skips_expired_and_prefers(self):
        """Expired grants are not spent; preferred grants go first; more than the
        live points is refused."""
        self.assertEqual(fifo.allocate(self.lots, 60, "2026-01-10"),
                         [(3, 30), (2, 30)])
        self.assertEqual(fifo.allocate(self.lots, 60, "2025-06-01", preferred={2}),
                         [(2, 50), (1, 10)])
        with self.assertRaises(ValueError):
            fifo.allocate(self.lots, 81, "2026-01-10")

    def test_allocate_only_grants_of_the_date(self):
        """A debit dated before a grant cannot take its points: on 2025-02-15 only
        grant 1 (2025-01-10) and grant 3 (2025-02-01) are there, 130 points."""
        self.assertEqual(fifo.live_lots(self.lots, "2025-02-15"),
                         [(1, "2025-01-10", 100, "2026-01-10"),
                          (3, "2025-02-01", 30, None)])
        self.assertEqual(fifo.allocate(self.lots, 130, "2025-02-15"),
                         [(1, 100), (3, 30)])
        with self.assertRaises(ValueError):
            fifo.allocate(self.lots, 131, "2025-02-15")
        self.assertEqual(fifo.live_lots(self.lots, "2025-01-09"), [])

    def test_due_expiries(self):
        """Grants expire on their expiry date with what is left of them."""
        self.assertEqual(fifo.due_expiries(self.lots, "2026-01-09"), [])
        self.assertEqual(fifo.due_expiries(self.lots, "2026-03-01"),
                         [(1, 100, "2026-01-10"), (2, 50, "2026-03-01")])

    def test_replay_fifo_expiry_across_grants(self):
        """Replaying a ledger: debits eat the oldest grants, what is left of them
        expires on their date, later grants survive.

        grants: 100 on 01-01 (expires 07-01), 80 on 02-01 (expires 08-01),
        60 on 03-01 (no expiry); debits: 130 on 04-01, 20 on 07-15.
        04-01: 130 = 100 of #1 + 30 of #2; 07-01: #1 has 0 left;
        07-15: 20 from #2 (50 -> 30); 08-01: #2 expires 30; left: #3 60.
        """
        entries = [
            (1, "2025-01-01", 100, "2025-07-01"),
            (2, "2025-02-01", 80, "2025-08-01"),
            (3, "2025-03-01", 60, None),
            (4, "2025-04-01", -130, None),
            (5, "2025-07-15", -20, None),
        ]
        remaining, expired = fifo.replay(entries, "2025-12-31")
        self.assertEqual(remaining, {1: 0, 2: 0, 3: 60})
        self.assertEqual(expired, [(2, 30, "2025-08-01")])
        remaining, expired = fifo.replay(entries, "2025-07-31")
        self.assertEqual(remaining, {1: 0, 2: 30, 3: 60})
        self.assertEqual(expired, [])


class TestPeriods(unittest.TestCase):
    """A paid club's membership from its periods ``(from, to, paid)``."""

    fresh = {"state": "candidate", "join_date": None, "expiry_date": None,
             "renewal_date": None}
    first = ("2026-01-01", "2026-12-31")
    second = ("2027-01-01", "2027-12-31")

    def test_first_period_paid_then_not(self):
        """Paid: active from its start to its end; no longer paid: a candidate
        again, without dates."""
        values = periods.membership_values(
            self.fresh, [self.first + (True,)], "2026-03-01")
        self.assertEqual(values, {"state": "active", "join_date": "2026-01-01",
                                  "expiry_date": "2026-12-31"})
        active = dict(self.fresh, **values)
        self.assertEqual(periods.membership_values(
            active, [self.first + (False,)], "2026-03-01"), {
                "state": "candidate", "join_date": False, "expiry_date": False})
        self.assertEqual(periods.membership_values(
            active, [self.first + (True,)], "2026-03-01"), {}, "nothing changes")

    def test_renewal_paid_then_not(self):
        """A renewal no longer paid takes its dates back: active until the end of
        the first period while it runs, expired after it."""
        renewed = {"state": "active", "join_date": "2026-01-01",
                   "expiry_date": "2027-12-31", "renewal_date": "2027-01-01"}
        undone = [self.first + (True,), self.second + (False,)]
        self.assertEqual(
            periods.membership_values(renewed, undone, "2026-06-01"),
            {"expiry_date": "2026-12-31", "renewal_date": False})
        self.assertEqual(
            periods.membership_values(renewed, undone, "2027-02-01"),
            {"state": "expired", "expiry_date": "2026-12-31",
             "renewal_date": False})
        expired = dict(renewed, state="expired", expiry_date="2026-12-31",
                       renewal_date=None)
        self.assertEqual(periods.membership_values(
            expired, [self.first + (True,), self.second + (True,)], "2027-02-01"),
            {"state": "active", "expiry_date": "2027-12-31",
             "renewal_date": "2027-01-01"})

    def test_past_period_paid_late_and_untouched_states(self):
        """A period paid after its end makes an expired member; suspended members
        stay suspended; cancelled ones are left alone."""
        self.assertEqual(periods.membership_values(
            self.fresh, [self.first + (True,)], "2027-03-01"),
            {"state": "expired", "join_date": "2026-01-01",
             "expiry_date": "2026-12-31"})
        suspended = {"state": "suspended", "join_date": "2026-01-01",
                     "expiry_date": "2026-12-31", "renewal_date": None}
        self.assertEqual(periods.membership_values(
            suspended, [self.first + (True,), self.second + (True,)], "2026-06-01"),
            {"expiry_date": "2027-12-31", "renewal_date": "2027-01-01"})
        self.assertEqual(periods.membership_values(
            dict(suspended, state="cancelled"), [self.first + (False,)],
            "2026-06-01"), {})

    def test_expired_without_paid_period_stays_expired(self):
        """An expired membership whose only fee is refunded stays expired with its
        dates: it is no candidate again (a newer membership may be open)."""
        expired = {"state": "expired", "join_date": "2026-01-01",
                   "expiry_date": "2026-12-31", "renewal_date": None}
        self.assertEqual(periods.membership_values(
            expired, [self.first + (False,)], "2027-03-01"), {})
        for state in ("active", "suspended"):
            self.assertEqual(periods.membership_values(
                dict(expired, state=state), [self.first + (False,)],
                "2026-06-01")["state"], "candidate")

    def test_member_from_before_the_periods(self):
        """A member who joined before the first invoiced period keeps the join
        date; without a paid period they run until the day before it."""
        legacy = {"state": "active", "join_date": "2024-03-01",
                  "expiry_date": "2027-12-31", "renewal_date": "2027-01-01"}
        self.assertEqual(periods.membership_values(
            legacy, [self.second + (False,)], "2026-06-01"),
            {"expiry_date": "2026-12-31", "renewal_date": False})
        self.assertEqual(periods.membership_values(
            legacy, [self.second + (True,)], "2026-06-01"), {})


class TestTiers(unittest.TestCase):

    tiers = [(10, 1, 0), (20, 2, 500), (30, 3, 1000)]

    def test_select(self):
        """The highest threshold reached wins, thresholds included."""
        self.assertEqual(tiers.select_tier(self.tiers, 0), 10)
        self.assertEqual(tiers.select_tier(self.tiers, 499.99), 10)
        self.assertEqual(tiers.select_tier(self.tiers, 500), 20)
        self.assertEqual(tiers.select_tier(self.tiers, 5000), 30)
        self.assertIsNone(tiers.select_tier([(20, 2, 500)], 100))

    def test_review(self):
        """Only changes are returned, upgrades and downgrades alike."""
        members = [(1, 10, 700), (2, 30, 200), (3, 20, 600), (4, None, 0)]
        self.assertEqual(tiers.review(members, self.tiers),
                         [(1, 10, 20, 700), (2, 30, 10, 200), (4, None, 10, 0)])

    def test_direction(self):
        """Up to a higher threshold, down to a lower one or to no tier; from no
        tier to any tier is up."""
        self.assertEqual(tiers.direction(self.tiers, 10, 20), "up")
        self.assertEqual(tiers.direction(self.tiers, 30, 10), "down")
        self.assertEqual(tiers.direction(self.tiers, 20, None), "down")
        self.assertEqual(tiers.direction(self.tiers, None, 10), "up")


class TestPoints(unittest.TestCase):

    def test_rates_by_category(self):
        """The nearest category's rule wins, else the club's rate; the total is
        multiplied by the tier's factor and rounded down.

        200 at 1 + 50 at 2 (child category rule) + 30 at 0.5 (parent rule)
        = 200 + 100 + 15 = 315; x1.5 = 472.5 -> 472.
        """
        rules = {7: 2.0, 5: 0.5}
        lines = [([1], 200.0), ([7, 5], 50.0), ([6, 5], 30.0)]
        self.assertEqual(points.compute_points(lines, rules, 1.0), 315)
        self.assertEqual(points.compute_points(lines, rules, 1.0, 1.5), 472)

    def test_refund_lines_and_rounding(self):
        """Refunded amounts count negative; 0.1 x 1000 is 100, not 99."""
        self.assertEqual(points.compute_points([([1], 1000.0)], {}, 0.1), 100)
        self.assertEqual(points.compute_points(
            [([1], 300.0), ([1], -100.0)], {}, 1.0), 200)
        self.assertEqual(points.compute_points([([1], -99.5)], {}, 1.0), -99)
