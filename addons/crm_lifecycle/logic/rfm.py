# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""RFM scores by quintile and the named segments.

A score is ``1 + floor(5 * worse / n)``: ``worse`` counts the customers of the same
company with a strictly worse value (older last order, fewer orders, less revenue)
and ``n`` all customers with orders. Ties share a score; the best get 5.
The SQL of the nightly recompute computes the same with ``rank()``.
"""
import math

SEGMENTS = [
    ("champions", "Champions"),
    ("loyal", "Loyal"),
    ("potential_loyalist", "Potential loyalist"),
    ("new", "New"),
    ("promising", "Promising"),
    ("need_attention", "Need attention"),
    ("about_to_sleep", "About to sleep"),
    ("at_risk", "At risk"),
    ("cant_lose", "Can't lose"),
    ("hibernating", "Hibernating"),
    ("lost", "Lost"),
]

# Rows: recency score 5..1; columns: frequency score 1..5.
_GRID = {
    5: ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
    4: ["promising", "potential_loyalist", "potential_loyalist", "champions",
        "champions"],
    3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
    2: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
    1: ["lost", "lost", "hibernating", "at_risk", "cant_lose"],
}


def quintile_scores(values):
    """Scores 1-5 for a list of values where bigger is better."""
    count = len(values)
    ordered = sorted(values)
    scores = []
    for value in values:
        worse = _count_less(ordered, value)
        scores.append(1 + int(math.floor(5.0 * worse / count)))
    return scores


def _count_less(ordered, value):
    low, high = 0, len(ordered)
    while low < high:
        mid = (low + high) // 2
        if ordered[mid] < value:
            low = mid + 1
        else:
            high = mid
    return low


def segment(recency_score, frequency_score):
    """Named segment for a recency and a frequency score (both 1-5)."""
    return _GRID[recency_score][frequency_score - 1]
