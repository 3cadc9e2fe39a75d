# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
from datetime import datetime

from ..logic import sla

WEEK = [(day, h, h + 4) for day in range(5) for h in (8, 13)]
# Monday 12 January 2026 in Shanghai, as UTC
HOLIDAY = [(datetime(2026, 1, 11, 16), datetime(2026, 1, 12, 16))]


class TestSlaLogic(unittest.TestCase):

    def test_weekend_and_holiday(self):
        """Friday 15:00 + 4 working hours skips the weekend and Monday's holiday."""
        start = datetime(2026, 1, 9, 7)  # Friday 15:00 in Shanghai
        deadline = sla.add_working_hours(start, 4, WEEK, HOLIDAY, "Asia/Shanghai")
        # Friday 15-17 (2 h), Tuesday 8-10 (2 h): Tuesday 10:00 local = 02:00 UTC
        self.assertEqual(deadline, datetime(2026, 1, 13, 2), "deadline")
        self.assertAlmostEqual(sla.working_hours_between(
            start, deadline, WEEK, HOLIDAY, "Asia/Shanghai"), 4.0)

    def test_without_holiday(self):
        """Without the holiday the same target ends on Monday 10:00 local."""
        start = datetime(2026, 1, 9, 7)
        deadline = sla.add_working_hours(start, 4, WEEK, [], "Asia/Shanghai")
        self.assertEqual(deadline, datetime(2026, 1, 12, 2))

    def test_lunch_break(self):
        """Tuesday 11:00 + 2 h crosses the 12-13 lunch break: 14:00."""
        start = datetime(2026, 1, 13, 3)  # Tuesday 11:00 local
        deadline = sla.add_working_hours(start, 2, WEEK, HOLIDAY, "Asia/Shanghai")
        self.assertEqual(deadline, datetime(2026, 1, 13, 6))

    def test_start_outside_hours(self):
        """A request received Saturday counts from Tuesday 8:00 (Monday is off)."""
        start = datetime(2026, 1, 10, 2)  # Saturday 10:00 local
        deadline = sla.add_working_hours(start, 1, WEEK, HOLIDAY, "Asia/Shanghai")
        self.assertEqual(deadline, datetime(2026, 1, 13, 1))

    def test_zone_matters(self):
        """The same calendar in New York ends 13 hours later in UTC."""
        start = datetime(2026, 1, 13, 13)  # Tuesday 08:00 in New York (UTC-5)
        deadline = sla.add_working_hours(start, 2, WEEK, [], "America/New_York")
        self.assertEqual(deadline, datetime(2026, 1, 13, 15))

    def test_between_over_weekend(self):
        """Friday 16:00 to Tuesday 9:00 local holds 1 + 1 working hours."""
        hours = sla.working_hours_between(
            datetime(2026, 1, 9, 8), datetime(2026, 1, 13, 1), WEEK, HOLIDAY,
            "Asia/Shanghai")
        self.assertAlmostEqual(hours, 2.0)

    def test_empty_calendar(self):
        """A calendar without hours is refused instead of looping."""
        with self.assertRaises(ValueError):
            sla.add_working_hours(datetime(2026, 1, 9), 1, [], [], "UTC")
