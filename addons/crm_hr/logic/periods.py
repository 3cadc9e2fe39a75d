# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Target periods: a month or a quarter, from its first day."""
from dateutil.relativedelta import relativedelta

PERIOD_MONTHS = {"month": 1, "quarter": 3}


def period_bounds(period_type, day):
    """First and last day of the month or quarter that contains ``day``."""
    months = PERIOD_MONTHS[period_type]
    first_month = (day.month - 1) // months * months + 1
    start = day.replace(month=first_month, day=1)
    return start, start + relativedelta(months=months, days=-1)
