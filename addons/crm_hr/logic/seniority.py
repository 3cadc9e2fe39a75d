# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Seniority in whole years and months from a hire date, and its search domain."""
from dateutil.relativedelta import relativedelta


def seniority(hire_date, ref_date):
    """(years, months) completed between ``hire_date`` and ``ref_date`` (dates);
    (0, 0) without a hire date or for a hire date in the future."""
    if not hire_date or hire_date > ref_date:
        return 0, 0
    delta = relativedelta(ref_date, hire_date)
    return delta.years, delta.months


def hire_date_domain(field, operator, months, ref_date):
    """Domain on the hire date ``field`` for "seniority in whole months
    ``operator`` ``months``" on ``ref_date``; dates are returned as date objects.

    Being employed for at least n months means being hired on or before
    ``ref_date`` minus n months.
    """
    def latest(count):
        return ref_date - relativedelta(months=count)

    months = int(months)
    if operator == ">":
        operator, months = ">=", months + 1
    elif operator == "<":
        operator, months = "<=", months - 1
    if operator == ">=":
        return [(field, "<=", latest(max(months, 0)))]
    if operator == "<=":
        if months < 0:
            return [(field, "=", False), (field, "!=", False)]
        return ["|", (field, "=", False), (field, ">", latest(months + 1))]
    if operator == "=":
        if months < 0:
            return [(field, "=", False), (field, "!=", False)]
        return [(field, "<=", latest(months)), (field, ">", latest(months + 1))]
    if operator == "!=":
        return ["|", "|", (field, "=", False), (field, ">", latest(months)),
                (field, "<=", latest(months + 1))]
    raise ValueError("unsupported operator %r" % operator)
