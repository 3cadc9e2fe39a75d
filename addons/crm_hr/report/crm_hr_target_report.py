# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Targets against actuals: one row per target, every actual in one query."""
from psycopg2 import sql

from odoo import fields, models, tools

from odoo.addons.crm_lifecycle.models.crm_lifecycle_profile import REVENUE_INVOICES

from ..models.crm_hr_target import PERIOD_TYPES, TARGET_METRICS


class CrmHrTargetReport(models.Model):
    _name = "crm.hr.target.report"
    _description = "Targets against Actuals"
    _auto = False
    _rec_name = "target_id"
    _order = "date_start desc, percent desc"

    target_id = fields.Many2one(
        comodel_name="crm.hr.target",
        string="Target",
        readonly=True,
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Employee",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="User",
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        readonly=True,
        help="The team of a team target, or the sales team of the employee's user.",
    )
    is_team_target = fields.Boolean(
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    metric = fields.Selection(
        selection=TARGET_METRICS,
        readonly=True,
    )
    period_type = fields.Selection(
        selection=PERIOD_TYPES,
        string="Period",
        readonly=True,
    )
    date_start = fields.Date(
        string="Period Start",
        readonly=True,
    )
    date_end = fields.Date(
        string="Period End",
        readonly=True,
    )
    target_value = fields.Float(
        string="Target",
        readonly=True,
    )
    actual_value = fields.Float(
        string="Actual",
        readonly=True,
    )
    percent = fields.Float(
        string="Reached (%)",
        readonly=True,
        group_operator="avg",
    )

    def _with(self):
        # the users whose work counts for each target: the employee's user, or
        # the users of the team
        return """
            target_user AS (
                SELECT t.id AS target_id, u.id AS user_id
                  FROM crm_hr_target t
                  JOIN res_users u
                    ON (t.employee_id IS NOT NULL AND u.id = t.user_id)
                    OR (t.employee_id IS NULL AND u.sale_team_id = t.team_id)
            )
        """

    def _actual(self):
        return """
            CASE t.metric
            WHEN 'revenue' THEN (
                SELECT sum(i.amount_untaxed_signed)
                  FROM account_invoice i
                 WHERE i.company_id = t.company_id AND i.""" + \
            REVENUE_INVOICES.replace(" type IN", " i.type IN") + """
                   AND i.date_invoice BETWEEN t.date_start AND t.date_end
                   AND i.user_id IN (SELECT tu.user_id FROM target_user tu
                                      WHERE tu.target_id = t.id))
            WHEN 'new_customers' THEN (
                SELECT count(DISTINCT h.partner_id)
                  FROM crm_lifecycle_history h
                  JOIN crm_lifecycle_stage s ON s.id = h.to_stage_id
                  JOIN res_partner p ON p.id = h.partner_id
                 WHERE s.code = 'new'
                   AND (h.company_id IS NULL OR h.company_id = t.company_id)
                   AND h.date BETWEEN t.date_start AND t.date_end
                   AND p.user_id IN (SELECT tu.user_id FROM target_user tu
                                      WHERE tu.target_id = t.id))
            WHEN 'won_opportunities' THEN (
                SELECT count(*)
                  FROM crm_lead l
                 WHERE l.active AND l.probability = 100
                   AND l.company_id = t.company_id
                   AND l.date_closed::date BETWEEN t.date_start AND t.date_end
                   AND l.user_id IN (SELECT tu.user_id FROM target_user tu
                                      WHERE tu.target_id = t.id))
            WHEN 'resolved_requests' THEN (
                SELECT count(*)
                  FROM crm_service_request r
                 WHERE r.is_closed AND r.company_id = t.company_id
                   AND r.close_date::date BETWEEN t.date_start AND t.date_end
                   AND r.user_id IN (SELECT tu.user_id FROM target_user tu
                                      WHERE tu.target_id = t.id))
            WHEN 'satisfaction' THEN (
                SELECT avg(r.csat)
                  FROM crm_service_request r
                 WHERE r.is_closed AND r.csat > 0 AND r.company_id = t.company_id
                   AND r.close_date::date BETWEEN t.date_start AND t.date_end
                   AND r.user_id IN (SELECT tu.user_id FROM target_user tu
                                      WHERE tu.target_id = t.id))
            END
        """

    def _select(self):
        return """
            SELECT t.id, t.id AS target_id, t.employee_id, t.user_id,
                   coalesce(t.team_id, u.sale_team_id) AS team_id,
                   t.team_id IS NOT NULL AS is_team_target,
                   t.company_id, t.metric, t.period_type, t.date_start, t.date_end,
                   t.target_value,
                   coalesce(a.actual, 0) AS actual_value,
                   CASE WHEN t.target_value > 0
                        THEN round((100.0 * coalesce(a.actual, 0)
                                    / t.target_value)::numeric, 1)
                        ELSE 0 END AS percent
        """

    def _from(self):
        return """
              FROM crm_hr_target t
              LEFT JOIN res_users u ON u.id = t.user_id
              LEFT JOIN LATERAL (SELECT (""" + self._actual() + """)::float AS actual
                                ) a ON true
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        query = sql.SQL("CREATE OR REPLACE VIEW {} AS (WITH {} {} {})").format(
            sql.Identifier(self._table), sql.SQL(self._with()),
            sql.SQL(self._select()), sql.SQL(self._from()))
        self.env.cr.execute(query)
