# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lifecycle stage of one customer from its sales facts.

The rules, in the order they are tried (the first that matches wins):

======================  ==========================================================
suspect                 no lead, no confirmed order
prospect                a lead or opportunity, no confirmed order
churned                 last order more than ``churn_days`` ago
dormant                 last order more than ``dormant_days`` ago
at_risk                 gap since the last order longer than the customer's usual
                        interval between orders times ``risk_factor`` (one order
                        only: ``default_interval_days`` is the usual interval)
won_back                an order after the customer was dormant or churned; the
                        stage holds ``winback_days`` after it was reached
loyal                   tenure of at least ``loyal_min_tenure_days`` and, over the
                        last ``loyal_window_days``, at least ``loyal_min_orders``
                        orders or ``loyal_min_revenue`` revenue (0 disables it)
new                     exactly one confirmed order
active                  repeat orders within the customer's usual rhythm
======================  ==========================================================
"""
from collections import namedtuple

STAGE_CODES = [
    "suspect", "prospect", "new", "active", "loyal",
    "at_risk", "dormant", "churned", "won_back",
]

Params = namedtuple("Params", [
    "default_interval_days", "risk_factor", "dormant_days", "churn_days",
    "loyal_window_days", "loyal_min_orders", "loyal_min_revenue",
    "loyal_min_tenure_days", "winback_days",
])

Facts = namedtuple("Facts", [
    "has_lead", "order_count", "first_order", "last_order",
    "window_orders", "window_revenue",
])

DEFAULT_PARAMS = Params(
    default_interval_days=90, risk_factor=2.0, dormant_days=365, churn_days=730,
    loyal_window_days=365, loyal_min_orders=4, loyal_min_revenue=0.0,
    loyal_min_tenure_days=365, winback_days=90,
)


def check_params(params):
    """Return the problems of a set of thresholds as ``(kind, names)`` pairs.

    Kinds: ``positive`` (must be above 0), ``not_negative``, ``min_one`` (at least
    1) and ``longer`` (the first must be longer than the second). Empty when valid.
    """
    problems = []
    for name in ("default_interval_days", "dormant_days", "churn_days",
                 "loyal_window_days", "loyal_min_orders", "winback_days"):
        if getattr(params, name) <= 0:
            problems.append(("positive", (name,)))
    for name in ("loyal_min_revenue", "loyal_min_tenure_days"):
        if getattr(params, name) < 0:
            problems.append(("not_negative", (name,)))
    if params.risk_factor < 1:
        problems.append(("min_one", ("risk_factor",)))
    if params.churn_days <= params.dormant_days:
        problems.append(("longer", ("churn_days", "dormant_days")))
    return problems


def usual_interval(facts, params):
    """Average days between the customer's orders (the default for one order)."""
    if facts.order_count < 2:
        return params.default_interval_days
    span = (facts.last_order - facts.first_order).days
    return max(span / (facts.order_count - 1), 1.0)


def compute_stage(facts, params, ref_date, prev_code=None, prev_date=None):
    """Return ``(stage_code, rule)`` for a customer at ``ref_date``.

    ``prev_code``/``prev_date`` are the stage the customer has and the date it was
    reached; they matter only for the won-back rule.
    """
    if not facts.order_count:
        return ("prospect", "lead") if facts.has_lead else ("suspect", "no_sale")
    gap = (ref_date - facts.last_order).days
    if gap > params.churn_days:
        return "churned", "gap_churn"
    if gap > params.dormant_days:
        return "dormant", "gap_dormant"
    if gap > usual_interval(facts, params) * params.risk_factor:
        return "at_risk", "gap_interval"
    if prev_code in ("dormant", "churned") and prev_date \
            and facts.last_order >= prev_date:
        return "won_back", "order_after_gap"
    if prev_code == "won_back" and prev_date and \
            (ref_date - prev_date).days <= params.winback_days:
        return "won_back", "order_after_gap"
    tenure = (ref_date - facts.first_order).days
    if tenure >= params.loyal_min_tenure_days and (
            facts.window_orders >= params.loyal_min_orders
            or (params.loyal_min_revenue
                and facts.window_revenue >= params.loyal_min_revenue)):
        return "loyal", "loyal_window"
    if facts.order_count == 1:
        return "new", "first_order"
    return "active", "repeat_orders"
