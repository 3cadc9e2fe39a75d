# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Monthly customer counts per stage and RFM segment, and their forecast.

The nightly cron stores, for the month of its reference date, the number of
customers per company, lifecycle stage and RFM segment (one row per combination).
A later run in the same month replaces that month's rows, so the month keeps the
counts of its last run. The counts come from the customer profiles: a customer
counts once in each company it has sales facts (orders, invoices, leads) in, with
the stage of that company's rules, or the stage set by hand while it is locked.
Suspects (no sales facts) are not counted.

Then, for each company and stage, the monthly series (months without a row count
0) is continued three months with Holt's linear trend method
(:mod:`..logic.forecast`), its smoothing factors chosen on a grid by the lowest
back-tested MAPE. The error stored on the forecast rows is measured out of sample:
the factors are chosen again without the last three months, which are forecast
and compared with the counts (``holt_holdout_mape``). Forecast rows carry no
RFM segment, are rounded to whole customers and are those of the latest run.
"""
from datetime import date, timedelta

from psycopg2.extras import execute_values

from odoo import api, fields, models

from ..logic.forecast import holt_fit, holt_forecast, holt_holdout_mape
from ..logic.rfm import SEGMENTS

FORECAST_MONTHS = 3
# Months of history rebuilt from the sales at install (``_backfill``).
BACKFILL_MONTHS = 24

# The first month with a sale (confirmed order or posted customer invoice).
_FIRST_SALE_SQL = """
SELECT least((SELECT min(date_order)::date FROM sale_order
               WHERE state IN ('sale', 'done')),
             (SELECT min(date_invoice) FROM account_invoice
               WHERE type = 'out_invoice' AND state IN ('open', 'paid')))
"""

_SNAPSHOT_SQL = """
INSERT INTO crm_lifecycle_snapshot (month, company_id, stage_id, rfm_segment,
                                    customer_count, is_forecast, create_uid,
                                    write_uid, create_date, write_date)
SELECT %(month)s, pr.company_id,
       CASE WHEN p.lifecycle_locked_until >= %(ref)s
                 AND p.lifecycle_stage_id IS NOT NULL
            THEN p.lifecycle_stage_id ELSE pr.stage_id END AS stage_id,
       pr.rfm_segment, count(*), false, %(uid)s, %(uid)s,
       now() at time zone 'UTC', now() at time zone 'UTC'
  FROM crm_lifecycle_profile pr
  JOIN res_partner p ON p.id = pr.partner_id
 WHERE p.active AND pr.stage_id IS NOT NULL
 GROUP BY pr.company_id, 3, pr.rfm_segment
"""

_SERIES_SQL = """
SELECT company_id, stage_id, month, sum(customer_count)
  FROM crm_lifecycle_snapshot
 WHERE NOT is_forecast AND month <= %(month)s
 GROUP BY company_id, stage_id, month
 ORDER BY company_id, stage_id, month
"""


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class CrmLifecycleSnapshot(models.Model):
    _name = "crm.lifecycle.snapshot"
    _description = "Customer Count Snapshot"
    _order = "month desc, company_id, stage_id, rfm_segment"
    _rec_name = "month"

    month = fields.Date(
        required=True,
        readonly=True,
        index=True,
        help="First day of the month counted.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    stage_id = fields.Many2one(
        comodel_name="crm.lifecycle.stage",
        string="Stage",
        readonly=True,
        ondelete="cascade",
    )
    rfm_segment = fields.Selection(
        selection=SEGMENTS,
        string="RFM Segment",
        readonly=True,
    )
    customer_count = fields.Integer(
        string="Customers",
        readonly=True,
        group_operator="sum",
    )
    is_forecast = fields.Boolean(
        string="Forecast",
        readonly=True,
        help="Forecast by Holt's linear trend method, not a count.",
    )
    mape = fields.Float(
        string="MAPE (%)",
        digits=(16, 2),
        readonly=True,
        group_operator="avg",
        help="Mean absolute percentage error of the method on the stage's last "
             "three months, forecast from the months before them (held out of "
             "the fit). Empty below five months of history.",
    )

    @api.model
    def _take_snapshot(self, ref_date=None):
        """Store the counts of the month of ``ref_date`` and the forecast after it.

        ``ref_date`` is a date or a date string (default: today). Idempotent:
        a second run for the same month replaces its rows.
        """
        ref = ref_date
        if not isinstance(ref, date):
            ref = fields.Date.from_string(ref or fields.Date.context_today(self))
        month = ref.replace(day=1)
        cr = self.env.cr
        cr.execute("DELETE FROM crm_lifecycle_snapshot WHERE month = %s OR is_forecast",
                   (month,))
        cr.execute(_SNAPSHOT_SQL, {"month": month, "ref": ref, "uid": self.env.uid})
        cr.execute(_SERIES_SQL, {"month": month})
        series = {}
        first = {}
        to_date = fields.Date.from_string  # the cursor returns dates as strings
        for company_id, stage_id, day, count in cr.fetchall():
            day = to_date(day)
            first[company_id] = min(first.get(company_id, day), day)
            series.setdefault((company_id, stage_id), {})[day] = count
        rows = []
        for (company_id, stage_id), counts in sorted(series.items()):
            months = []
            day = first[company_id]
            while day <= month:
                months.append(counts.get(day, 0))
                day = _add_months(day, 1)
            rows += self._prepare_forecast_rows(company_id, stage_id, month, months)
        if rows:
            uid = self.env.uid
            execute_values(cr, """
                INSERT INTO crm_lifecycle_snapshot (month, company_id, stage_id,
                    customer_count, mape, is_forecast, create_uid, write_uid,
                    create_date, write_date)
                VALUES %s
            """, [row + (uid, uid) for row in rows],
                template="(%s, %s, %s, %s, %s, true, %s, %s, "
                         "now() at time zone 'UTC', now() at time zone 'UTC')")
        self.invalidate_cache()

    @api.model
    def _prepare_forecast_rows(self, company_id, stage_id, month, counts):
        """Return ``(month, company_id, stage_id, count, mape)`` forecast rows."""
        alpha, beta, _fit_mape = holt_fit(counts)
        values = holt_forecast(counts, alpha, beta, FORECAST_MONTHS)
        mape = holt_holdout_mape(counts, FORECAST_MONTHS)
        return [
            (_add_months(month, step), company_id, stage_id,
             max(int(round(value)), 0), mape)
            for step, value in enumerate(values, 1)
        ]

    @api.model
    def _backfill(self, ref_date=None, months=BACKFILL_MONTHS):
        """Rebuild the counts of the past months from the sales, so that the
        trend shows from the first day (run at install).

        For each month before the one of ``ref_date`` (at most ``months``, from
        the first sale on), oldest first, every company's profiles are
        recomputed as of the month's last day and counted; the stage rules thus
        see each customer's stage of the month before, as the nightly run would
        have. Then the nightly run of ``ref_date`` brings profiles, stages and
        counts up to date. Idempotent: each month's rows are replaced.
        """
        ref = ref_date
        if not isinstance(ref, date):
            ref = fields.Date.from_string(ref or fields.Date.context_today(self))
        this_month = ref.replace(day=1)
        self.env.cr.execute(_FIRST_SALE_SQL)
        first = self.env.cr.fetchone()[0]
        if first:
            first = fields.Date.from_string(first) if isinstance(first, str) \
                else first
            month = max(first.replace(day=1), _add_months(this_month, -months))
            profiles = self.env["crm.lifecycle.profile"].sudo()
            companies = self.env["res.company"].sudo().search([])
            while month < this_month:
                month_end = _add_months(month, 1) - timedelta(days=1)
                for company in companies:
                    profiles._recompute(company, month_end)
                self.sudo()._take_snapshot(month_end)
                month = _add_months(month, 1)
        self.env["res.partner"].sudo()._cron_update_lifecycle(str(ref))
