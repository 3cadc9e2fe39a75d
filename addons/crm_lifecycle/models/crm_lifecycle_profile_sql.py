# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SQL of the customer profiles' recompute (``crm_lifecycle_profile.py``).

One statement computes every figure of every customer of a company into a
temporary table (``FACTS_SQL``); the rules read ``RULE_INPUT_SQL`` as named rows,
their results come back by COPY into ``RULES_TABLE``, and ``UPSERT_SQL`` writes
the profiles where they changed. Values are always parameters; the pieces glued
here are constants of this file.
"""
from collections import namedtuple

from ..logic.pg import has_jit

# Columns written by the recompute, in the order of the rows it builds.
WRITTEN = [
    "stage_id", "stage_date", "rule", "order_count", "first_order_date",
    "last_order_date", "window_orders", "usual_interval", "order_amount",
    "avg_order_value", "margin", "window_margin", "revenue", "window_revenue",
    "revenue_this_year", "revenue_last_year", "invoiced", "refunded", "paid",
    "overdue", "recency_score", "frequency_score", "monetary_score", "rfm_segment",
    "value_tier", "risk_score", "clv", "weekday", "team_id", "category_id",
    "promo_order_count",
]

# Customer revenue, defined once for the suite: posted customer invoices net of
# refunds, untaxed, in company currency (amount_untaxed_signed is signed and
# converted). The condition on account_invoice rows:
REVENUE_INVOICES = (
    "state IN ('open', 'paid') AND type IN ('out_invoice', 'out_refund')")


def _score(worse, count):
    """The RFM score of ``logic/rfm.py`` in SQL, from the number of customers with a
    worse value and the number of customers ranked."""
    return "(1 + floor(5.0 * (%s) / (%s)))::int" % (worse, count)


def _tier(before, total, revenue):
    """The value tier in SQL (Pareto): A for the customers making the first 80% of
    the revenue, B the next 15%, C the rest; ``before``: the revenue of the
    customers ranked before this one."""
    return ("CASE WHEN %(total)s <= 0 OR %(revenue)s <= 0 THEN 'c' "
            "WHEN %(before)s < 0.8 * %(total)s THEN 'a' "
            "WHEN %(before)s < 0.95 * %(total)s THEN 'b' ELSE 'c' END"
            % {"before": before, "total": total, "revenue": revenue})


# Per customer, for the retention rate of the CLV formula: ordered in the last year,
# ordered in the year before it (``day``: the order's date).
RETENTION_FLAGS = """
bool_or(day > %(year_start)s) AS ordered_last_year,
bool_or(day <= %(year_start)s AND day > %(year_start)s::date - 365)
    AS ordered_year_before"""
RETENTION_COUNTS = """
SELECT count(*) FILTER (WHERE ordered_year_before AND ordered_last_year),
       count(*) FILTER (WHERE ordered_year_before)"""

# The sales of a company: its confirmed orders, and its posted customer invoices
# issued without a sale order (a customer invoiced directly buys too); one row
# per sale with the commercial partner, the sale's day and untaxed amount.
SALES_SQL = """
SELECT p.commercial_partner_id AS partner_id, so.id, 'order' AS kind,
       so.date_order::date AS day, so.team_id, so.campaign_id,
       so.amount_untaxed AS amount
  FROM sale_order so
  JOIN res_partner p ON p.id = so.partner_id
 WHERE so.company_id = %(company)s AND so.state IN ('sale', 'done')
   AND so.date_order < %(ref)s::date + 1
   AND (%(all)s OR p.commercial_partner_id = ANY(%(partners)s))
UNION ALL
SELECT ai.commercial_partner_id, ai.id, 'invoice', ai.date_invoice, ai.team_id,
       NULL::integer, ai.amount_untaxed_signed
  FROM account_invoice ai
 WHERE ai.company_id = %(company)s AND ai.type = 'out_invoice'
   AND ai.state IN ('open', 'paid') AND ai.date_invoice <= %(ref)s
   AND (%(all)s OR ai.commercial_partner_id = ANY(%(partners)s))
   AND NOT EXISTS (SELECT 1 FROM account_invoice_line il
                     JOIN sale_order_line_invoice_rel r ON r.invoice_line_id = il.id
                    WHERE il.invoice_id = ai.id)
"""

# The margin of one invoice line: its signed untaxed amount less the cost of its
# quantity (the order line's cost where it was invoiced from an order, else the
# product's cost in the company); a refund gives its quantity's cost back.
LINE_MARGIN = """(il.price_subtotal_signed - il.quantity * coalesce(sl.cost, c.cost, 0)
                   * CASE WHEN ai.type = 'out_refund' THEN -1 ELSE 1 END)"""

# The same condition on the invoices aliased ``ai``.
REVENUE_INVOICES_AI = REVENUE_INVOICES.replace("state", "ai.state").replace(
    "type", "ai.type")

# Every figure of every customer in one statement, into a temporary table: the
# figures go from there to the profiles in SQL; Python reads only what its rules
# need (the stage rules and the risk components) and sends back their results.
# A partial run (``all`` false) keeps the nightly RFM scores and tiers.
FACTS_SQL = """
CREATE TEMP TABLE crm_lifecycle_facts ON COMMIT DROP AS
WITH orders AS (""" + SALES_SQL + """
), agg AS (
    SELECT partner_id, count(*) AS order_count, min(day) AS first_order,
           max(day) AS last_order,
           count(*) FILTER (WHERE day > %(window_start)s) AS window_orders,
           sum(amount) AS order_amount,
           count(*) FILTER (WHERE campaign_id IS NOT NULL) AS promo_order_count,
           mode() WITHIN GROUP (ORDER BY extract(isodow FROM day)) AS weekday,
           mode() WITHIN GROUP (ORDER BY team_id) AS team_id,
           """ + RETENTION_FLAGS + """
      FROM orders GROUP BY partner_id
), cat AS (
    SELECT DISTINCT ON (x.partner_id) x.partner_id, pt.categ_id AS category_id
      FROM (SELECT o.partner_id, l.product_id, l.price_subtotal AS amount
              FROM orders o
              JOIN sale_order_line l ON l.order_id = o.id
             WHERE o.kind = 'order'
            UNION ALL
            SELECT o.partner_id, l.product_id, l.price_subtotal_signed
              FROM orders o
              JOIN account_invoice_line l ON l.invoice_id = o.id
             WHERE o.kind = 'invoice') x
      JOIN product_product pp ON pp.id = x.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
     GROUP BY x.partner_id, pt.categ_id
     ORDER BY x.partner_id, sum(x.amount) DESC, pt.categ_id
), costs AS (
    SELECT substr(pr.res_id, 17)::integer AS product_id, pr.value_float AS cost
      FROM ir_property pr
      JOIN ir_model_fields mf ON mf.id = pr.fields_id
     WHERE mf.model = 'product.product' AND mf.name = 'standard_price'
       AND pr.company_id = %(company)s AND pr.res_id LIKE 'product.product,%%'
), margins AS (
    SELECT ai.commercial_partner_id AS partner_id,
           sum(""" + LINE_MARGIN + """) AS margin,
           coalesce(sum(""" + LINE_MARGIN + """)
               FILTER (WHERE ai.date_invoice > %(year_start)s), 0) AS window_margin
      FROM account_invoice ai
      JOIN account_invoice_line il ON il.invoice_id = ai.id
      LEFT JOIN costs c ON c.product_id = il.product_id
      LEFT JOIN LATERAL (
          SELECT avg(sol.purchase_price) AS cost
            FROM sale_order_line_invoice_rel r
            JOIN sale_order_line sol ON sol.id = r.order_line_id
           WHERE r.invoice_line_id = il.id) sl ON true
     WHERE ai.company_id = %(company)s AND """ + REVENUE_INVOICES_AI + """
       AND ai.date_invoice <= %(ref)s
       AND (%(all)s OR ai.commercial_partner_id = ANY(%(partners)s))
     GROUP BY ai.commercial_partner_id
), inv AS (
    SELECT commercial_partner_id AS partner_id,
           sum(amount_untaxed_signed) AS revenue,
           coalesce(sum(amount_untaxed_signed)
               FILTER (WHERE date_invoice > %(window_start)s), 0) AS window_revenue,
           coalesce(sum(amount_untaxed_signed)
               FILTER (WHERE date_invoice >= %(this_year)s), 0) AS revenue_this_year,
           coalesce(sum(amount_untaxed_signed)
               FILTER (WHERE date_invoice >= %(last_year)s
                         AND date_invoice < %(this_year)s), 0) AS revenue_last_year,
           coalesce(sum(amount_total_company_signed)
               FILTER (WHERE type = 'out_invoice'), 0) AS invoiced,
           coalesce(-sum(amount_total_company_signed)
               FILTER (WHERE type = 'out_refund'), 0) AS refunded,
           coalesce(sum(amount_total_company_signed - residual_company_signed), 0)
               AS paid,
           coalesce(sum(residual_company_signed)
               FILTER (WHERE state = 'open' AND type = 'out_invoice'
                         AND date_due < %(ref)s), 0) AS overdue,
           coalesce(sum(residual_company_signed) FILTER (WHERE state = 'open'), 0)
               AS receivable
      FROM account_invoice
     WHERE company_id = %(company)s AND """ + REVENUE_INVOICES + """
       AND date_invoice <= %(ref)s
       AND (%(all)s OR commercial_partner_id = ANY(%(partners)s))
     GROUP BY commercial_partner_id
), leads AS (
    SELECT DISTINCT p.commercial_partner_id AS partner_id
      FROM crm_lead l
      JOIN res_partner p ON p.id = l.partner_id
     WHERE l.active AND (l.company_id = %(company)s OR l.company_id IS NULL)
       AND l.create_date < %(ref)s::date + 1
       AND (%(all)s OR p.commercial_partner_id = ANY(%(partners)s))
), keys AS (
    SELECT partner_id FROM agg UNION SELECT partner_id FROM inv
    UNION SELECT partner_id FROM leads
), ranked AS (
    SELECT partner_id,
           """ + _score("rank() OVER (ORDER BY last_order) - 1", "count(*) OVER ()") + """
               AS recency_score,
           """ + _score("rank() OVER (ORDER BY order_count) - 1", "count(*) OVER ()") + """
               AS frequency_score,
           """ + _score("rank() OVER (ORDER BY order_amount) - 1",
                        "count(*) OVER ()") + """ AS monetary_score
      FROM agg
), tiers AS (
    SELECT partner_id, """ + _tier("before", "total", "revenue") + """ AS value_tier
      FROM (SELECT partner_id, revenue,
                   coalesce(sum(revenue) OVER (ORDER BY revenue DESC, partner_id
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
                   sum(greatest(revenue, 0)) OVER () AS total
              FROM inv) t
)
SELECT k.partner_id, leads.partner_id IS NOT NULL AS has_lead,
       coalesce(agg.order_count, 0) AS order_count,
       agg.first_order AS first_order_date, agg.last_order AS last_order_date,
       coalesce(agg.window_orders, 0) AS window_orders,
       coalesce(agg.order_amount, 0) AS order_amount,
       CASE WHEN agg.order_count > 0
            THEN (agg.order_amount::float8 / agg.order_count)::text::numeric
            ELSE 0 END AS avg_order_value,
       coalesce(margins.margin, 0) AS margin,
       coalesce(margins.window_margin, 0) AS window_margin,
       coalesce(agg.promo_order_count, 0) AS promo_order_count,
       agg.weekday::int::text AS weekday, agg.team_id, cat.category_id,
       coalesce(inv.revenue, 0) AS revenue,
       coalesce(inv.window_revenue, 0) AS window_revenue,
       coalesce(inv.revenue_this_year, 0) AS revenue_this_year,
       coalesce(inv.revenue_last_year, 0) AS revenue_last_year,
       coalesce(inv.invoiced, 0) AS invoiced, coalesce(inv.refunded, 0) AS refunded,
       coalesce(inv.paid, 0) AS paid, coalesce(inv.overdue, 0) AS overdue,
       coalesce(inv.receivable, 0) AS receivable,
       CASE WHEN %(all)s THEN ranked.recency_score
            WHEN fresh.ranked IS NOT NULL
            THEN """ + _score("fresh.r_worse", "fresh.ranked + 1") + """
            ELSE pr.recency_score END AS recency_score,
       CASE WHEN %(all)s THEN ranked.frequency_score
            WHEN fresh.ranked IS NOT NULL
            THEN """ + _score("fresh.f_worse", "fresh.ranked + 1") + """
            ELSE pr.frequency_score END AS frequency_score,
       CASE WHEN %(all)s THEN ranked.monetary_score
            WHEN fresh.ranked IS NOT NULL
            THEN """ + _score("fresh.m_worse", "fresh.ranked + 1") + """
            ELSE pr.monetary_score END AS monetary_score,
       CASE WHEN %(all)s THEN coalesce(tiers.value_tier, 'c')
            WHEN fresh.ranked IS NULL THEN pr.value_tier
            ELSE """ + _tier("fresh.before", "fresh.total",
                             "coalesce(inv.revenue, 0)") + """ END AS value_tier,
       pr.stage_id AS prev_stage_id, pr.stage_date AS prev_stage_date,
       pr.rfm_segment AS prev_segment,
       coalesce(agg.ordered_last_year, false) AS ordered_last_year,
       coalesce(agg.ordered_year_before, false) AS ordered_year_before
  FROM keys k
  LEFT JOIN agg ON agg.partner_id = k.partner_id
  LEFT JOIN cat ON cat.partner_id = k.partner_id
  LEFT JOIN inv ON inv.partner_id = k.partner_id
  LEFT JOIN margins ON margins.partner_id = k.partner_id
  LEFT JOIN leads ON leads.partner_id = k.partner_id
  LEFT JOIN ranked ON ranked.partner_id = k.partner_id
  LEFT JOIN tiers ON tiers.partner_id = k.partner_id
  LEFT JOIN crm_lifecycle_profile pr
         ON pr.partner_id = k.partner_id AND pr.company_id = %(company)s
  -- a partial run ranks a customer without nightly scores (a first order) among
  -- the nightly profiles of the company, as one more of them
  LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE x.order_count > 0) AS ranked,
             count(*) FILTER (WHERE x.order_count > 0
                                AND x.last_order_date < agg.last_order) AS r_worse,
             count(*) FILTER (WHERE x.order_count > 0
                                AND x.order_count < agg.order_count) AS f_worse,
             count(*) FILTER (WHERE x.order_count > 0
                                AND x.order_amount < agg.order_amount) AS m_worse,
             coalesce(sum(x.revenue) FILTER (
                 WHERE x.revenue > coalesce(inv.revenue, 0)), 0) AS before,
             coalesce(sum(greatest(x.revenue, 0)), 0)
                 + greatest(coalesce(inv.revenue, 0), 0) AS total
        FROM crm_lifecycle_profile x
       WHERE NOT %(all)s AND pr.recency_score IS NULL
         AND agg.partner_id IS NOT NULL AND x.company_id = %(company)s
       GROUP BY x.company_id
  ) fresh ON true
"""

# What the rules of ``_recompute`` read: (name, expression) of each column, read
# as ``RuleInput`` rows.
RULE_INPUT = [
    ("partner_id", "partner_id"),
    ("has_lead", "has_lead"),
    ("order_count", "order_count"),
    ("first_order_date", "first_order_date"),
    ("last_order_date", "last_order_date"),
    ("window_orders", "window_orders"),
    ("window_revenue", "window_revenue::float8"),
    ("overdue", "overdue::float8"),
    ("prev_stage_id", "prev_stage_id"),
    ("prev_stage_date", "prev_stage_date"),
    ("recency_score", "recency_score"),
    ("frequency_score", "frequency_score"),
    ("prev_segment", "prev_segment"),
    ("receivable", "receivable::float8"),
]
RuleInput = namedtuple("RuleInput", [name for name, _expr in RULE_INPUT])
RULE_INPUT_SQL = "SELECT %s FROM crm_lifecycle_facts" % ", ".join(
    expr for _name, expr in RULE_INPUT)

# The results of the rules, copied in with COPY.
RULES_TABLE = """
CREATE TEMP TABLE crm_lifecycle_rules (
    partner_id integer PRIMARY KEY, stage_id integer, stage_date date,
    rule varchar, usual_interval float8, rfm_segment varchar, risk_score integer
) ON COMMIT DROP
"""
RULES_COLUMNS = ("partner_id", "stage_id", "stage_date", "rule", "usual_interval",
                 "rfm_segment", "risk_score")

# The profiles from the figures and the rules' results, written only where they
# changed. CLV = margin of the last 12 months x r / (1 + d - r) (field help).
UPSERT_SQL = """
INSERT INTO crm_lifecycle_profile (partner_id, company_id, %(columns)s, create_uid,
                                   write_uid, create_date, write_date)
SELECT f.partner_id, %%(company)s, r.stage_id, r.stage_date, r.rule, f.order_count,
       f.first_order_date, f.last_order_date, f.window_orders, r.usual_interval,
       f.order_amount, f.avg_order_value, f.margin, f.window_margin, f.revenue,
       f.window_revenue, f.revenue_this_year, f.revenue_last_year, f.invoiced,
       f.refunded, f.paid, f.overdue, f.recency_score, f.frequency_score,
       f.monetary_score, r.rfm_segment, f.value_tier, r.risk_score,
       CASE WHEN %%(rate)s < 1 + %%(discount)s
            THEN round((f.window_margin::float8 * %%(rate)s
                        / (1 + %%(discount)s - %%(rate)s))::numeric, 2)
            ELSE 0 END,
       f.weekday, f.team_id, f.category_id, f.promo_order_count,
       %%(uid)s, %%(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
  FROM crm_lifecycle_facts f
  JOIN crm_lifecycle_rules r ON r.partner_id = f.partner_id
    ON CONFLICT (partner_id, company_id) DO UPDATE
   SET %(sets)s, write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
 WHERE (%(old)s) IS DISTINCT FROM (%(new)s)
""" % {
    "columns": ", ".join(WRITTEN),
    "sets": ", ".join("%s = EXCLUDED.%s" % (c, c) for c in WRITTEN),
    "old": ", ".join("crm_lifecycle_profile.%s" % c for c in WRITTEN),
    "new": ", ".join("EXCLUDED.%s" % c for c in WRITTEN),
}

DELETE_SQL = """
DELETE FROM crm_lifecycle_profile pr
 WHERE pr.company_id = %(company)s
   AND (%(all)s OR pr.partner_id = ANY(%(partners)s))
   AND NOT EXISTS (SELECT 1 FROM crm_lifecycle_facts f
                    WHERE f.partner_id = pr.partner_id);
DROP TABLE crm_lifecycle_facts, crm_lifecycle_rules
"""

# One round trip: the figures into their table (without JIT where the server has
# it, PostgreSQL 11+: the planner overestimates the facts query by orders of
# magnitude and would spend seconds compiling it, bench/README.md), the table of
# the rules' results, and what the rules read.
START_SQL = FACTS_SQL + ";" + RULES_TABLE + ";" + RULE_INPUT_SQL
START_SQL_NO_JIT = ("SET LOCAL jit = off;" + FACTS_SQL + "; SET LOCAL jit TO DEFAULT;"
                    + RULES_TABLE + ";" + RULE_INPUT_SQL)


def start_sql(cr):
    """The recompute's first statement for the server of ``cr``."""
    return START_SQL_NO_JIT if has_jit(cr) else START_SQL


# Share of the customers who ordered in the year before last and ordered again
# in the last year: the retention rate of the CLV formula; from the orders, and
# from the figures of a nightly run.
RETENTION_SQL = RETENTION_COUNTS + """
  FROM (SELECT """ + RETENTION_FLAGS + """
          FROM (""" + SALES_SQL + """) o
         GROUP BY partner_id) t
"""
FACTS_RETENTION_SQL = RETENTION_COUNTS + " FROM crm_lifecycle_facts"
