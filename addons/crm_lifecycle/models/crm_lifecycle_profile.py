# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Per-customer, per-company figures, recomputed set-based by the nightly cron.

The figures live in this narrow table rather than on res.partner: writing is the
cost of a recompute, and a narrow table is cheap to write. Only the three fields
other addons filter on (stage, value tier, RFM segment) are copied to res.partner,
and only where they changed.
"""
import io
import math
from datetime import date, timedelta

from odoo import _, api, fields, models

from ..logic.pg import has_jit
from ..logic.rfm import SEGMENTS, segment as rfm_segment
from ..logic.risk import credit_risk, gap_risk
from ..logic.stages import Facts, compute_stage, usual_interval

VALUE_TIERS = [
    ("a", "A"),
    ("b", "B"),
    ("c", "C"),
]
WEEKDAYS = [
    ("1", "Monday"),
    ("2", "Tuesday"),
    ("3", "Wednesday"),
    ("4", "Thursday"),
    ("5", "Friday"),
    ("6", "Saturday"),
    ("7", "Sunday"),
]

# Columns written by the recompute, in the order of the rows it builds.
_WRITTEN = [
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
_RETENTION_FLAGS = """
bool_or(day > %(year_start)s) AS ordered_last_year,
bool_or(day <= %(year_start)s AND day > %(year_start)s::date - 365)
    AS ordered_year_before"""
_RETENTION_COUNTS = """
SELECT count(*) FILTER (WHERE ordered_year_before AND ordered_last_year),
       count(*) FILTER (WHERE ordered_year_before)"""

# The sales of a company: its confirmed orders, and its posted customer invoices
# issued without a sale order (a customer invoiced directly buys too); one row
# per sale with the commercial partner, the sale's day and untaxed amount.
_SALES = """
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
_LINE_MARGIN = """(il.price_subtotal_signed - il.quantity * coalesce(sl.cost, c.cost, 0)
                   * CASE WHEN ai.type = 'out_refund' THEN -1 ELSE 1 END)"""

# Every figure of every customer in one statement, into a temporary table: the
# figures go from there to the profiles in SQL; Python reads only what its rules
# need (the stage rules and the risk components) and sends back their results.
# A partial run (``all`` false) keeps the nightly RFM scores and tiers.
_FACTS_SQL = """
CREATE TEMP TABLE crm_lifecycle_facts ON COMMIT DROP AS
WITH orders AS (""" + _SALES + """
), agg AS (
    SELECT partner_id, count(*) AS order_count, min(day) AS first_order,
           max(day) AS last_order,
           count(*) FILTER (WHERE day > %(window_start)s) AS window_orders,
           sum(amount) AS order_amount,
           count(*) FILTER (WHERE campaign_id IS NOT NULL) AS promo_order_count,
           mode() WITHIN GROUP (ORDER BY extract(isodow FROM day)) AS weekday,
           mode() WITHIN GROUP (ORDER BY team_id) AS team_id,
           """ + _RETENTION_FLAGS + """
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
           sum(""" + _LINE_MARGIN + """) AS margin,
           coalesce(sum(""" + _LINE_MARGIN + """)
               FILTER (WHERE ai.date_invoice > %(year_start)s), 0) AS window_margin
      FROM account_invoice ai
      JOIN account_invoice_line il ON il.invoice_id = ai.id
      LEFT JOIN costs c ON c.product_id = il.product_id
      LEFT JOIN LATERAL (
          SELECT avg(sol.purchase_price) AS cost
            FROM sale_order_line_invoice_rel r
            JOIN sale_order_line sol ON sol.id = r.order_line_id
           WHERE r.invoice_line_id = il.id) sl ON true
     WHERE ai.company_id = %(company)s AND """ + REVENUE_INVOICES.replace(
         "state", "ai.state").replace("type", "ai.type") + """
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

# What the rules of ``_recompute`` read, by position.
_RULE_INPUT_SQL = """
SELECT partner_id, has_lead, order_count, first_order_date, last_order_date,
       window_orders, window_revenue::float8, overdue::float8, prev_stage_id,
       prev_stage_date, recency_score, frequency_score, prev_segment,
       receivable::float8
  FROM crm_lifecycle_facts
"""

# The results of the rules, copied in with COPY.
_RULES_TABLE = """
CREATE TEMP TABLE crm_lifecycle_rules (
    partner_id integer PRIMARY KEY, stage_id integer, stage_date date,
    rule varchar, usual_interval float8, rfm_segment varchar, risk_score integer
) ON COMMIT DROP
"""
_RULES_COLUMNS = ("partner_id", "stage_id", "stage_date", "rule", "usual_interval",
                  "rfm_segment", "risk_score")

# The profiles from the figures and the rules' results, written only where they
# changed. CLV = margin of the last 12 months x r / (1 + d - r) (field help).
_UPSERT_SQL = """
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
    "columns": ", ".join(_WRITTEN),
    "sets": ", ".join("%s = EXCLUDED.%s" % (c, c) for c in _WRITTEN),
    "old": ", ".join("crm_lifecycle_profile.%s" % c for c in _WRITTEN),
    "new": ", ".join("EXCLUDED.%s" % c for c in _WRITTEN),
}

_DELETE_SQL = """
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
_START_SQL = _FACTS_SQL + ";" + _RULES_TABLE + ";" + _RULE_INPUT_SQL
_START_SQL_NO_JIT = ("SET LOCAL jit = off;" + _FACTS_SQL + "; SET LOCAL jit TO DEFAULT;"
                     + _RULES_TABLE + ";" + _RULE_INPUT_SQL)


def start_sql(cr):
    """The recompute's first statement for the server of ``cr``."""
    return _START_SQL_NO_JIT if has_jit(cr) else _START_SQL

# Share of the customers who ordered in the year before last and ordered again
# in the last year: the retention rate of the CLV formula; from the orders, and
# from the figures of a nightly run.
_RETENTION_SQL = _RETENTION_COUNTS + """
  FROM (SELECT """ + _RETENTION_FLAGS + """
          FROM (""" + _SALES + """) o
         GROUP BY partner_id) t
"""
_FACTS_RETENTION_SQL = _RETENTION_COUNTS + " FROM crm_lifecycle_facts"


def _to_date(value):
    """A date from the 'YYYY-MM-DD' text Odoo's cursor returns (fast: runs for
    every customer every night)."""
    return date.fromisoformat(value) if value else None


def _rate(kept, base):
    """The retention rate in whole percents: the lifetime values move when the rate
    does, not with its daily noise (which would rewrite every profile each night)."""
    return math.floor(100.0 * kept / base + 0.5) / 100.0 if base else 0.0


def _copy_text(value):
    """A value in PostgreSQL's COPY text format (no tabs or newlines in ours)."""
    return "\\N" if value is None or value is False else str(value)


class CrmLifecycleProfile(models.Model):
    _name = "crm.lifecycle.profile"
    _crm_customer_data = True
    _inherit = ["crm.input.validation.mixin"]
    _description = "Customer Profile"
    _order = "revenue desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        readonly=True,
    )
    stage_id = fields.Many2one(
        comodel_name="crm.lifecycle.stage",
        string="Stage by Rule",
        readonly=True,
        ondelete="restrict",
    )
    stage_date = fields.Date(
        string="Stage Since",
        readonly=True,
    )
    rule = fields.Char(
        readonly=True,
    )
    order_count = fields.Integer(
        string="Orders",
        readonly=True,
        group_operator="sum",
    )
    first_order_date = fields.Date(
        readonly=True,
    )
    last_order_date = fields.Date(
        readonly=True,
    )
    window_orders = fields.Integer(
        string="Orders in Loyalty Window",
        readonly=True,
    )
    usual_interval = fields.Float(
        string="Usual Interval (days)",
        readonly=True,
        group_operator="avg",
        help="Average number of days between the customer's orders.",
    )
    order_amount = fields.Monetary(
        string="Ordered (untaxed)",
        readonly=True,
    )
    avg_order_value = fields.Monetary(
        readonly=True,
        group_operator="avg",
    )
    margin = fields.Monetary(
        readonly=True,
        help="Posted customer invoices net of refunds, untaxed, less the cost of "
             "the invoiced products (the order line's cost when invoiced from an "
             "order, else the product's cost); refunds give their cost back.",
    )
    window_margin = fields.Monetary(
        string="Margin Last 12 Months",
        readonly=True,
    )
    revenue = fields.Monetary(
        readonly=True,
        help="Posted customer invoices net of refunds, untaxed, company currency.",
    )
    window_revenue = fields.Monetary(
        string="Revenue in Loyalty Window",
        readonly=True,
    )
    revenue_this_year = fields.Monetary(
        readonly=True,
    )
    revenue_last_year = fields.Monetary(
        readonly=True,
    )
    invoiced = fields.Monetary(
        readonly=True,
        help="Posted customer invoices, taxes included, company currency.",
    )
    refunded = fields.Monetary(
        readonly=True,
    )
    paid = fields.Monetary(
        readonly=True,
    )
    overdue = fields.Monetary(
        readonly=True,
    )
    recency_score = fields.Integer(
        string="R",
        readonly=True,
        group_operator="avg",
    )
    frequency_score = fields.Integer(
        string="F",
        readonly=True,
        group_operator="avg",
    )
    monetary_score = fields.Integer(
        string="M",
        readonly=True,
        group_operator="avg",
    )
    rfm_segment = fields.Selection(
        selection=SEGMENTS,
        string="RFM Segment",
        readonly=True,
    )
    value_tier = fields.Selection(
        selection=VALUE_TIERS,
        readonly=True,
        help="A: the customers making the first 80% of revenue, B: the next 15%, "
             "C: the rest.",
    )
    risk_score = fields.Integer(
        readonly=True,
        group_operator="avg",
        help="0-100: overdue invoices and a gap longer than the usual interval.",
    )
    clv = fields.Monetary(
        string="Lifetime Value",
        readonly=True,
        help="Margin of the last 12 months x r / (1 + d - r), with r the company's "
             "yearly retention rate (in whole percents) and d its discount rate.",
    )
    weekday = fields.Selection(
        selection=WEEKDAYS,
        string="Usual Weekday",
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Usual Channel",
        readonly=True,
    )
    category_id = fields.Many2one(
        comodel_name="product.category",
        string="Preferred Category",
        readonly=True,
    )
    promo_order_count = fields.Integer(
        string="Orders from Campaigns",
        readonly=True,
    )
    tenure_days = fields.Integer(
        compute="_compute_tenure_days",
    )
    revenue_growth = fields.Float(
        string="Growth on Last Year (%)",
        compute="_compute_revenue_growth",
        digits=(16, 1),
        help="Revenue of this year against the whole of last year, in percent "
             "(empty without revenue last year).",
    )

    _sql_constraints = [
        ("partner_company_uniq", "unique(partner_id, company_id)",
         "One profile per customer and company."),
    ]

    @api.depends("first_order_date")
    def _compute_tenure_days(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for profile in self:
            first = fields.Date.from_string(profile.first_order_date)
            profile.tenure_days = (today - first).days if first else 0

    @api.depends("revenue_this_year", "revenue_last_year")
    def _compute_revenue_growth(self):
        for profile in self:
            last = profile.revenue_last_year
            profile.revenue_growth = \
                100.0 * (profile.revenue_this_year - last) / last if last else 0.0

    @api.model
    def _risk_components(self, company, ref_date, rows):
        """Return ``[(weight, {partner_id: value between 0 and 1})]``.

        Extend it to add components (crm_service adds complaints). ``rows`` maps a
        partner id to a dict of its facts (see ``_recompute``).
        """
        params = company._lifecycle_params()
        overdue = {}
        gap = {}
        for partner_id, row in rows.items():
            overdue[partner_id] = credit_risk(row["overdue"], row["receivable"])
            facts = row["facts"]
            if facts.order_count:
                gap[partner_id] = gap_risk(facts, params, ref_date)
        return [(50, overdue), (50, gap)]

    @api.model
    def _retention_rate(self, company, ref_date):
        self.env.cr.execute(_RETENTION_SQL, {
            "company": company.id, "ref": ref_date, "all": True, "partners": [],
            "year_start": ref_date - timedelta(days=365),
        })
        return _rate(*self.env.cr.fetchone())

    @api.model
    def _recompute(self, company, ref_date, partner_ids=None):
        """Recompute the profiles of one company at ``ref_date``.

        With ``partner_ids`` only those commercial partners are recomputed: they
        keep their nightly RFM scores, segment and tier (a few customers ranked
        among themselves would say nothing; one without them is ranked among the
        nightly profiles) and the lifetime values use the retention rate of the
        last nightly run. Returns the ids of the touched
        partners.
        """
        cr = self.env.cr
        full = partner_ids is None
        params = company._lifecycle_params()
        stages = {s.code: s.id for s in self.env["crm.lifecycle.stage"].search([])}
        codes = {v: k for k, v in stages.items()}
        cr.execute(start_sql(cr), {
            "company": company.id, "ref": ref_date,
            "all": full, "partners": list(partner_ids or []),
            "window_start": ref_date - timedelta(days=params.loyal_window_days),
            "year_start": ref_date - timedelta(days=365),
            "this_year": ref_date.replace(month=1, day=1),
            "last_year": ref_date.replace(year=ref_date.year - 1, month=1, day=1),
        })
        fetched = cr.fetchall()
        rows = {}
        to_date = _to_date  # Odoo's cursor returns dates as strings
        for rec in fetched:
            rows[rec[0]] = {
                "facts": Facts(rec[1], rec[2], to_date(rec[3]), to_date(rec[4]),
                               rec[5], rec[6]),
                "overdue": rec[7], "receivable": rec[13], "rec": rec,
            }
        risk = self._risk_score(company, ref_date, rows)
        lines = []
        for partner_id, row in rows.items():
            rec = row["rec"]
            facts = row["facts"]
            prev_stage, prev_date = rec[8], to_date(rec[9])
            code, rule = compute_stage(
                facts, params, ref_date, codes.get(prev_stage), prev_date)
            stage_id = stages.get(code)
            stage_date = prev_date if stage_id == prev_stage else ref_date
            segment = rec[12] if not full and rec[12] else \
                self._segment(rec[10], rec[11])
            lines.append("%s\t%s\t%s\t%s\t%r\t%s\t%d\n" % (
                partner_id, _copy_text(stage_id), _copy_text(stage_date), rule,
                float(usual_interval(facts, params)) if facts.order_count else 0.0,
                _copy_text(segment), risk.get(partner_id, 0)))
        cr.copy_from(io.StringIO("".join(lines)), "crm_lifecycle_rules",
                     columns=_RULES_COLUMNS)
        cr.execute(_UPSERT_SQL, {
            "company": company.id, "uid": self.env.uid,
            "rate": self._stored_retention_rate(company, ref_date, full),
            "discount": company.lifecycle_clv_discount_rate,
        })
        cr.execute(_DELETE_SQL, {"company": company.id, "all": full,
                                 "partners": list(partner_ids or [])})
        self.invalidate_cache()
        return list(rows)

    @api.model
    def _stored_retention_rate(self, company, ref_date, refresh):
        """The retention rate of the lifetime values, kept on the company by the
        nightly run (``refresh``, from its figures) so that a partial run costs
        no scan of the company's orders."""
        rate = company.lifecycle_retention_rate
        if refresh:
            self.env.cr.execute(_FACTS_RETENTION_SQL)
            rate = _rate(*self.env.cr.fetchone())
        elif not company.lifecycle_retention_date:
            rate = self._retention_rate(company, ref_date)
        if refresh or not company.lifecycle_retention_date:
            # two technical columns of the company: an ORM write would clear
            # every worker's caches each night
            self.env.cr.execute("""
                UPDATE res_company SET lifecycle_retention_rate = %s,
                                       lifecycle_retention_date = %s
                 WHERE id = %s""", (rate, ref_date, company.id))
            company.invalidate_cache(
                ["lifecycle_retention_rate", "lifecycle_retention_date"], company.ids)
        return rate

    @api.model
    def _segment(self, r_score, f_score):
        if not r_score or not f_score:
            return None
        return rfm_segment(r_score, f_score)

    @api.model
    def _risk_score(self, company, ref_date, rows):
        components = self._risk_components(company, ref_date, rows)
        total = sum(weight for weight, _values in components) or 1
        return {
            partner_id: int(round(100.0 * sum(
                weight * values.get(partner_id, 0.0) for weight, values in components
            ) / total))
            for partner_id in rows
        }

    @api.multi
    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Customer"),
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }
