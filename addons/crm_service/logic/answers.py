# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ranking of standard answers for a request (no Odoo needed).

The text decides first: an answer must resemble the request (trigram similarity of
its whole text at least the threshold) and its score is that similarity plus the
question's. What the request is about and who asks then weigh on it: an answer
for the request's product, or for its product category, or in the request's
service category, is multiplied up; an answer in another language than the
customer's is multiplied down, so it is still suggested when nothing else
matches.
"""

PRODUCT_BOOST = 1.5
CATEGORY_BOOST = 1.3
PARENT_CATEGORY_BOOST = 1.15
SERVICE_CATEGORY_BOOST = 1.1
SAME_LANGUAGE = 1.0
LANGUAGE_VARIANT = 0.85  # en_GB for en_US, zh_TW for zh_CN
UNKNOWN_LANGUAGE = 0.85  # the answer's language is "other"
OTHER_LANGUAGE = 0.6


def language_factor(answer_lang, customer_lang):
    """How well an answer's language suits the customer's (1.0 when the customer's
    language is unknown)."""
    if not customer_lang:
        return SAME_LANGUAGE
    if not answer_lang or answer_lang == "other":
        return UNKNOWN_LANGUAGE
    if answer_lang == customer_lang:
        return SAME_LANGUAGE
    if answer_lang.split("_")[0] == customer_lang.split("_")[0]:
        return LANGUAGE_VARIANT
    return OTHER_LANGUAGE


def context_factor(row, product_id=None, categ_ids=(), service_category_id=None):
    """How much what an answer is about matches the request: ``categ_ids`` are the
    request product's category, then its parents."""
    factor = 1.0
    if product_id and row["product_id"] == product_id:
        factor *= PRODUCT_BOOST
    elif categ_ids and row["product_categ_id"] == categ_ids[0]:
        factor *= CATEGORY_BOOST
    elif row["product_categ_id"] and row["product_categ_id"] in categ_ids:
        factor *= PARENT_CATEGORY_BOOST
    if service_category_id and row["category_id"] == service_category_id:
        factor *= SERVICE_CATEGORY_BOOST
    return factor


def rank(rows, limit, threshold, product_id=None, categ_ids=(),
         service_category_id=None, lang=None):
    """Ids of the best ``limit`` answers among ``rows``, best first.

    ``rows`` are dicts with ``id``, ``score`` (similarity of the answer's text),
    ``question_score``, ``product_id``, ``product_categ_id``, ``category_id``,
    ``lang`` and ``usage_count``; ties go to the most used answer, then the oldest.
    """
    ranked = []
    for row in rows:
        if row["score"] < threshold:
            continue
        value = (row["score"] + row["question_score"]) \
            * context_factor(row, product_id, categ_ids, service_category_id) \
            * language_factor(row["lang"], lang)
        ranked.append((-value, -(row["usage_count"] or 0), row["id"]))
    ranked.sort()
    return [answer_id for _value, _usage, answer_id in ranked[:limit]]
