# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Association rules between two products from a list of baskets.

A basket is the set of distinct products of one order. With ``N`` baskets, for a
rule ``A -> B`` (one antecedent, one consequent, ``A != B``)::

    support(A -> B)    = baskets holding A and B / N
    confidence(A -> B) = support(A, B) / support(A)
    lift(A -> B)       = confidence(A -> B) / support(B)

A lift above 1 means B is bought with A more often than B is bought at all.
``crm.lifecycle.product.rule`` computes the same figures in SQL; this module is
the reference the tests check it against.
"""
from collections import Counter, namedtuple
from itertools import permutations

Rule = namedtuple("Rule", [
    "antecedent", "consequent", "support", "confidence", "lift", "basket_count",
])


def check_thresholds(min_support, min_confidence):
    """Raise ``ValueError`` unless both thresholds are between 0 and 1."""
    for name, value in (("min_support", min_support),
                        ("min_confidence", min_confidence)):
        if value is None or not 0 <= value <= 1:
            raise ValueError("%s must be between 0 and 1, not %r" % (name, value))


def association_rules(baskets, min_support=0.0, min_confidence=0.0):
    """Return the rules ``A -> B`` meeting both thresholds.

    ``baskets`` is an iterable of sets (or any iterables) of product ids; empty
    baskets count in ``N``. Rules are sorted by lift, then confidence, both
    descending, then by antecedent and consequent.
    """
    check_thresholds(min_support, min_confidence)
    baskets = [set(basket) for basket in baskets]
    total = len(baskets)
    if not total:
        return []
    items = Counter()
    pairs = Counter()
    for basket in baskets:
        items.update(basket)
        pairs.update(permutations(sorted(basket), 2))
    rules = []
    for (first, second), count in pairs.items():
        support = count / total
        confidence = count / items[first]
        if support < min_support or confidence < min_confidence:
            continue
        lift = confidence / (items[second] / total)
        rules.append(Rule(first, second, support, confidence, lift, count))
    rules.sort(key=lambda r: (-r.lift, -r.confidence, r.antecedent, r.consequent))
    return rules
