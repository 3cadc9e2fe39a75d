# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The two risk components of a customer, each between 0 and 1.

- credit: the share of what the customer owes (open customer invoices net of open
  refunds, the partner's "Total Receivable") that is overdue; 0 when nothing is
  owed, 1 when everything owed is overdue;
- gap: the days since the last sale against the customer's own rhythm, its usual
  interval times the at-risk factor; 1 from the moment the gap reaches it.
"""
from .stages import usual_interval


def credit_risk(overdue, receivable):
    if overdue <= 0:
        return 0.0
    if receivable <= 0:
        return 1.0
    return min(overdue / receivable, 1.0)


def gap_risk(facts, params, ref_date):
    limit = usual_interval(facts, params) * params.risk_factor
    days = (ref_date - facts.last_order).days
    return min(max(days, 0) / limit, 1.0) if limit else 1.0
