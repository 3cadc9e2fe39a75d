# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Points earned by a purchase under a club's rules."""
import math


def rate_for(category_path, rules, default_rate):
    """Points per currency unit for a product whose category and its parents are
    ``category_path`` (nearest first): the rule of the nearest category wins, else
    ``default_rate``. ``rules``: ``{category_id: rate}``."""
    for category_id in category_path:
        if category_id in rules:
            return rules[category_id]
    return default_rate


def compute_points(lines, rules, default_rate, multiplier=1.0):
    """Whole points earned by ``lines`` ``[(category_path, amount)]`` (amounts in
    company currency, untaxed; refunds negative): each line at its category's rate,
    the sum times the tier's multiplier, rounded down towards zero."""
    total = 0.0
    for category_path, amount in lines:
        total += amount * rate_for(category_path, rules, default_rate)
    total *= multiplier if multiplier is not None else 1.0
    # a hair above the float error, so 99.99999 from 0.1 * 1000 counts as 100
    return int(math.floor(total + 1e-6)) if total >= 0 else -int(
        math.floor(-total + 1e-6))
