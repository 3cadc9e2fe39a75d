# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer retention by cohort (analysis 2, loyalty).

A customer (commercial partner) belongs, per company, to the cohort of the month
of its first confirmed order (state sale or done) in that company. One row per
company, cohort month and month offset (0 = the cohort month, 1 = the month
after, ...), from 0 up to the company's last month with a confirmed order, so
months in which no customer of the cohort ordered are rows with 0 customers.

- ``customers``: distinct customers of the cohort with a confirmed order in the
  month ``cohort_month + month_offset`` (at offset 0: the whole cohort).
- ``cohort_size``: customers in the cohort.
- ``retention``: ``100 * customers / cohort_size``, computed in the view for
  each row. Summing percentages means nothing, so it is aggregated by ``avg``:
  a cell of the pivot by cohort and offset is one row and shows the exact
  figure; a total over several cohorts is the unweighted mean of the cohorts'
  retentions (each cohort counts once, whatever its size).
- ``cohort_size`` is aggregated by ``max``: over the offsets of one cohort it is
  the cohort's size; over several cohorts it is the largest one.

Months are calendar months of the order date as stored (UTC).
"""
from psycopg2 import sql

from odoo import api, fields, models, tools


class CrmLifecycleCohort(models.Model):
    _name = "crm.lifecycle.cohort"
    _description = "Customer Retention by Cohort"
    _auto = False
    _rec_name = "cohort_month"
    _order = "company_id, cohort_month, month_offset"

    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    cohort_month = fields.Date(
        readonly=True,
        help="First day of the month of the customers' first confirmed order.",
    )
    month_offset = fields.Integer(
        string="Months Since First Order",
        readonly=True,
        group_operator="max",
        help="0 for the cohort month, 1 for the month after, and so on.",
    )
    customers = fields.Integer(
        string="Active Customers",
        readonly=True,
        help="Customers of the cohort with a confirmed order in that month.",
    )
    cohort_size = fields.Integer(
        readonly=True,
        group_operator="max",
        help="Customers whose first confirmed order was in the cohort month. "
             "Totals over several cohorts show the largest one.",
    )
    retention = fields.Float(
        string="Retention (%)",
        readonly=True,
        group_operator="avg",
        digits=(16, 2),
        help="Active customers / cohort size x 100. Totals over several cohorts "
             "are the unweighted mean of the cohorts' retentions.",
    )

    def _with(self):
        return """
            WITH orders AS (
                SELECT DISTINCT partner.commercial_partner_id AS partner_id,
                       s.company_id,
                       date_trunc('month', s.date_order)::date AS month
                  FROM sale_order s
                  JOIN res_partner partner ON partner.id = s.partner_id
                  %s
            ), firsts AS (
                SELECT partner_id, company_id, min(month) AS cohort_month
                  FROM orders
                 GROUP BY partner_id, company_id
            ), cohorts AS (
                SELECT company_id, cohort_month, count(*) AS cohort_size
                  FROM firsts
                 GROUP BY company_id, cohort_month
            ), ends AS (
                SELECT company_id, max(month) AS last_month
                  FROM orders
                 GROUP BY company_id
            ), cells AS (
                SELECT c.company_id, c.cohort_month, c.cohort_size, g.month_offset
                  FROM cohorts c
                  JOIN ends e ON e.company_id = c.company_id
                 CROSS JOIN LATERAL generate_series(
                       0,
                       ((extract(year FROM e.last_month)
                         - extract(year FROM c.cohort_month)) * 12
                        + extract(month FROM e.last_month)
                        - extract(month FROM c.cohort_month))::int
                   ) AS g(month_offset)
            )
        """ % self._where()

    def _select(self):
        return """
            SELECT (row_number() OVER (ORDER BY cell.company_id, cell.cohort_month,
                                                cell.month_offset))::int AS id,
                   cell.company_id AS company_id,
                   cell.cohort_month AS cohort_month,
                   cell.month_offset AS month_offset,
                   count(o.partner_id)::int AS customers,
                   cell.cohort_size::int AS cohort_size,
                   round(100.0 * count(o.partner_id) / cell.cohort_size, 2)
                       AS retention
        """

    def _from(self):
        return """
            FROM cells cell
            LEFT JOIN firsts f
                   ON f.company_id = cell.company_id
                  AND f.cohort_month = cell.cohort_month
            LEFT JOIN orders o
                   ON o.partner_id = f.partner_id
                  AND o.company_id = f.company_id
                  AND o.month = (cell.cohort_month
                                 + cell.month_offset * interval '1 month')::date
        """

    def _where(self):
        """Which orders count (the ``orders`` step): the confirmed ones."""
        return """
            WHERE s.state IN ('sale', 'done')
        """

    def _group_by(self):
        return """
            GROUP BY cell.company_id, cell.cohort_month, cell.month_offset,
                     cell.cohort_size
        """

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        query = sql.SQL("CREATE OR REPLACE VIEW {} AS ({} {} {} {})").format(
            sql.Identifier(self._table), sql.SQL(self._with()), sql.SQL(self._select()),
            sql.SQL(self._from()), sql.SQL(self._group_by()))
        self.env.cr.execute(query)
