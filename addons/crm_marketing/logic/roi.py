# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Return on investment of a campaign (or of one of its channels or segments).

* ROI = (margin - actual cost) / actual cost, in percent, rounded to 0.01;
* cost per lead = actual cost / leads;
* cost per customer = actual cost / customers acquired.

Each is 0.0 when its divisor is zero (nothing spent, no lead, no customer).
"""


def roi_figures(actual_cost, margin, lead_count, customer_count):
    """Return ``{"roi": ..., "cost_per_lead": ..., "cost_per_customer": ...}``."""
    figures = {"roi": 0.0, "cost_per_lead": 0.0, "cost_per_customer": 0.0}
    if actual_cost:
        figures["roi"] = round(100.0 * (margin - actual_cost) / actual_cost, 2)
        if lead_count:
            figures["cost_per_lead"] = actual_cost / lead_count
        if customer_count:
            figures["cost_per_customer"] = actual_cost / customer_count
    return figures


def allocate(total, weights):
    """Split ``total`` over the keys of ``weights`` in proportion to their weight
    (rounded to 0.01; the last key takes the rounding rest so the parts add up
    to ``total``). Keys of zero weight get nothing; empty when all are zero."""
    keys = [key for key, weight in weights.items() if weight]
    whole = sum(weights[key] for key in keys)
    if not keys or not whole:
        return {}
    parts = {key: round(total * weights[key] / whole, 2) for key in keys[:-1]}
    parts[keys[-1]] = round(total - sum(parts.values()), 2)
    return parts
