# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Per-customer, per-company figures, recomputed set-based by the nightly cron.

The figures live in this narrow table rather than on res.partner: writing is the
cost of a recompute, and a narrow table is cheap to write. Only the three fields
other addons filter on (stage, value tier, RFM segment) are copied to res.partner,
and only where they changed. The SQL is in ``crm_lifecycle_profile_sql.py``; the
rules it feeds are plain functions of ``logic/``.
"""
import io
import math
from datetime import date, timedelta

from odoo import _, api, fields, models

from ..logic.rfm import SEGMENTS, segment as rfm_segment
from ..logic.risk import credit_risk, gap_risk
from ..logic.stages import Facts, compute_stage, usual_interval
from .crm_lifecycle_profile_sql import (  # noqa: F401 (REVENUE_INVOICES: other addons)
    DELETE_SQL, FACTS_RETENTION_SQL, RETENTION_SQL, REVENUE_INVOICES, RULES_COLUMNS,
    UPSERT_SQL, RuleInput, start_sql,
)

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
        self.env.cr.execute(RETENTION_SQL, {
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
        for rec in map(RuleInput._make, fetched):
            rows[rec.partner_id] = {
                "facts": Facts(rec.has_lead, rec.order_count,
                               to_date(rec.first_order_date),
                               to_date(rec.last_order_date), rec.window_orders,
                               rec.window_revenue),
                "overdue": rec.overdue, "receivable": rec.receivable, "rec": rec,
            }
        risk = self._risk_score(company, ref_date, rows)
        lines = []
        for partner_id, row in rows.items():
            rec = row["rec"]
            facts = row["facts"]
            prev_stage, prev_date = rec.prev_stage_id, to_date(rec.prev_stage_date)
            code, rule = compute_stage(
                facts, params, ref_date, codes.get(prev_stage), prev_date)
            stage_id = stages.get(code)
            stage_date = prev_date if stage_id == prev_stage else ref_date
            segment = rec.prev_segment if not full and rec.prev_segment else \
                self._segment(rec.recency_score, rec.frequency_score)
            lines.append("%s\t%s\t%s\t%s\t%r\t%s\t%d\n" % (
                partner_id, _copy_text(stage_id), _copy_text(stage_date), rule,
                float(usual_interval(facts, params)) if facts.order_count else 0.0,
                _copy_text(segment), risk.get(partner_id, 0)))
        cr.copy_from(io.StringIO("".join(lines)), "crm_lifecycle_rules",
                     columns=RULES_COLUMNS)
        # Two workers confirming orders of one customer meet here: the loser gets
        # a serialization failure, which Odoo retries (the request, or the cron
        # the next time); expected, so not logged as an ERROR with its SQL.
        cr.execute(UPSERT_SQL, {
            "company": company.id, "uid": self.env.uid,
            "rate": self._stored_retention_rate(company, ref_date, full),
            "discount": company.lifecycle_clv_discount_rate,
        }, log_exceptions=False)
        cr.execute(DELETE_SQL, {"company": company.id, "all": full,
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
            self.env.cr.execute(FACTS_RETENTION_SQL)
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
