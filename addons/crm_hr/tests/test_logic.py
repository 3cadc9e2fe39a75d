# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest import TestCase

from ..logic.distribution import distribute
from ..logic.periods import period_bounds
from ..logic.seniority import hire_date_domain, seniority


class TestSeniority(TestCase):

    def test_years_and_months(self):
        """Completed years and months; nothing before the hire date."""
        self.assertEqual(seniority(date(2020, 3, 15), date(2026, 3, 14)), (5, 11))
        self.assertEqual(seniority(date(2020, 3, 15), date(2026, 3, 15)), (6, 0))
        self.assertEqual(seniority(date(2027, 1, 1), date(2026, 3, 15)), (0, 0))
        self.assertEqual(seniority(None, date(2026, 3, 15)), (0, 0))

    def test_domain_matches_the_computation(self):
        """The search domain selects exactly the hire dates whose computed
        seniority satisfies the condition."""
        ref = date(2026, 3, 31)
        days = [date(2023, 1, 1) + (date(2023, 1, 2) - date(2023, 1, 1)) * n
                for n in range(0, 1200, 7)]

        def matches(domain, day):
            ok = True
            for leaf in domain:
                if not isinstance(leaf, tuple):
                    continue
                _f, op, value = leaf
                ok = ok and {"<=": day <= value, ">": day > value}[op]
            return ok

        for operator, months in ((">=", 12), (">", 12), ("<", 24), ("=", 30)):
            domain = hire_date_domain("d", operator, months, ref)
            for day in days:
                years, extra = seniority(day, ref)
                actual = years * 12 + extra
                expected = {">=": actual >= months, ">": actual > months,
                            "<": actual < months, "=": actual == months}[operator]
                leaves = [leaf for leaf in domain
                          if isinstance(leaf, tuple) and leaf[1] != "="]
                self.assertEqual(matches(leaves, day), expected,
                                 "%s %s %s on %s" % (actual, operator, months, day))


class TestDistribution(TestCase):

    def test_least_loaded_first(self):
        """Items go to the least loaded receiver; ties to the first listed."""
        result, final = distribute(list(range(5)), [("b", 2), ("c", 0), ("d", 0)])
        self.assertEqual(result, {"b": [4], "c": [0, 2], "d": [1, 3]})
        self.assertEqual(final, {"b": 3, "c": 2, "d": 2})

    def test_no_receiver(self):
        """Distributing to nobody is an error, not a silent loss."""
        with self.assertRaises(ValueError):
            distribute([1], [])


class TestPeriods(TestCase):

    def test_month_and_quarter(self):
        """A day's month and quarter, first to last day."""
        self.assertEqual(period_bounds("month", date(2026, 2, 14)),
                         (date(2026, 2, 1), date(2026, 2, 28)))
        self.assertEqual(period_bounds("quarter", date(2026, 11, 30)),
                         (date(2026, 10, 1), date(2026, 12, 31)))
