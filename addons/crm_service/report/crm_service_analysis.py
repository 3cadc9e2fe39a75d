# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import sql

from odoo import api, fields, models, tools

from ..models.crm_service_request import CHANNELS
from ..models.crm_service_sla import PRIORITIES


class CrmServiceAnalysis(models.Model):
    """One row per request: volumes, times, SLA compliance, satisfaction, cost."""

    _name = "crm.service.analysis"
    _description = "Service Analysis"
    _auto = False
    _rec_name = "date_open"
    _order = "date_open desc"
    # customer data: exports guarded by crm_lifecycle
    _crm_customer_data = True

    request_id = fields.Many2one(
        comodel_name="crm.service.request",
        string="Request",
        readonly=True,
    )
    date_open = fields.Datetime(
        string="Received On",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    type_id = fields.Many2one(
        comodel_name="crm.service.type",
        string="Type",
        readonly=True,
    )
    channel = fields.Selection(
        selection=CHANNELS,
        readonly=True,
    )
    priority = fields.Selection(
        selection=PRIORITIES,
        readonly=True,
    )
    stage_id = fields.Many2one(
        comodel_name="crm.service.stage",
        string="Stage",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
        readonly=True,
    )
    category_id = fields.Many2one(
        comodel_name="crm.service.category",
        string="Category",
        readonly=True,
    )
    root_cause_id = fields.Many2one(
        comodel_name="crm.service.root.cause",
        string="Root Cause",
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.service.team",
        string="Team",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Assigned to",
        readonly=True,
    )
    nbr = fields.Integer(
        string="# Requests",
        readonly=True,
    )
    response_hours = fields.Float(
        string="First Response (hours)",
        readonly=True,
        group_operator="avg",
    )
    resolve_hours = fields.Float(
        string="Resolution (hours)",
        readonly=True,
        group_operator="avg",
    )
    is_cancelled = fields.Boolean(
        string="Cancelled",
        readonly=True,
    )
    sla_compliance = fields.Float(
        string="SLA Compliance %",
        readonly=True,
        group_operator="avg",
        help="100 for a request whose closed SLA was met, 0 when it failed; "
             "requests without a decided SLA, and cancelled ones, are left out of "
             "the average.",
    )
    csat = fields.Float(
        string="CSAT",
        readonly=True,
        group_operator="avg",
        help="Average satisfaction, 1 (very unhappy) to 5 (very happy).",
    )
    nps = fields.Float(
        string="NPS",
        readonly=True,
        group_operator="avg",
        help="Net Promoter Score, -100 to 100: the percentage of promoters "
             "(recommendation 9-10) minus the percentage of detractors (0-6) "
             "among the answers.",
    )
    nps_promoters = fields.Float(
        string="Promoters %",
        readonly=True,
        group_operator="avg",
    )
    nps_detractors = fields.Float(
        string="Detractors %",
        readonly=True,
        group_operator="avg",
    )
    recommendation = fields.Float(
        string="Recommendation (0-10)",
        readonly=True,
        group_operator="avg",
        help="Average answer to \"How likely are you to recommend us?\".",
    )
    compensation = fields.Float(
        string="Compensation Cost",
        readonly=True,
        help="Posted credit notes and discounts on confirmed orders, untaxed, "
             "company currency.",
    )

    def _select(self):
        return """
            SELECT r.id, r.id AS request_id, r.date_open, r.company_id, r.type_id,
                   r.channel, r.priority, r.stage_id,
                   r.commercial_partner_id AS partner_id, r.product_id,
                   r.category_id, r.root_cause_id, r.team_id, r.user_id,
                   1 AS nbr,
                   EXTRACT(EPOCH FROM r.first_response_date - r.date_open) / 3600.0
                       AS response_hours,
                   EXTRACT(EPOCH FROM r.close_date - r.date_open) / 3600.0
                       AS resolve_hours,
                   COALESCE(r.is_cancelled, false) AS is_cancelled,
                   CASE WHEN r.is_cancelled THEN NULL
                        WHEN r.sla_resolve_status = 'met' THEN 100.0
                        WHEN r.sla_resolve_status = 'failed' THEN 0.0 END
                       AS sla_compliance,
                   CASE WHEN NOT COALESCE(r.is_cancelled, false)
                        THEN NULLIF(r.csat, 0)::float END AS csat,
                   CASE WHEN r.is_cancelled OR r.nps IS NULL THEN NULL
                        WHEN r.nps >= 9 THEN 100.0
                        WHEN r.nps <= 6 THEN -100.0
                        ELSE 0.0 END AS nps,
                   CASE WHEN r.is_cancelled OR r.nps IS NULL THEN NULL
                        WHEN r.nps >= 9 THEN 100.0 ELSE 0.0 END AS nps_promoters,
                   CASE WHEN r.is_cancelled OR r.nps IS NULL THEN NULL
                        WHEN r.nps <= 6 THEN 100.0 ELSE 0.0 END AS nps_detractors,
                   CASE WHEN NOT COALESCE(r.is_cancelled, false)
                        THEN r.nps::float END AS recommendation,
                   COALESCE(comp.amount, 0.0) + COALESCE(disc.amount, 0.0)
                       AS compensation
        """

    def _from(self):
        return """
              FROM crm_service_request r
              LEFT JOIN (SELECT i.service_request_id,
                                sum(-i.amount_untaxed_signed) AS amount
                           FROM account_invoice i
                          WHERE i.type = 'out_refund' AND i.state IN ('open', 'paid')
                            AND i.service_request_id IS NOT NULL
                          GROUP BY i.service_request_id) comp
                     ON comp.service_request_id = r.id
              LEFT JOIN (SELECT l.service_request_id,
                                sum(-l.price_subtotal * COALESCE(rc.rate, 1.0)
                                    / COALESCE(ro.rate, 1.0)) AS amount
                           FROM sale_order_line l
                           JOIN sale_order o ON o.id = l.order_id
                           JOIN res_company c ON c.id = o.company_id
                           JOIN product_pricelist pl ON pl.id = o.pricelist_id
                           LEFT JOIN LATERAL ({rate}) ro
                                  ON true
                           LEFT JOIN LATERAL ({rate_company}) rc
                                  ON true
                          WHERE o.state IN ('sale', 'done')
                            AND l.service_request_id IS NOT NULL
                          GROUP BY l.service_request_id) disc
                     ON disc.service_request_id = r.id
        """

    @staticmethod
    def _rate_query(currency):
        """The rate of ``currency`` (an SQL expression) at the order date, as
        ``res.currency`` reads it: the company's own rate first."""
        return """SELECT cr.rate FROM res_currency_rate cr
                   WHERE cr.currency_id = %s
                     AND cr.name <= o.date_order::date
                     AND (cr.company_id IS NULL OR cr.company_id = o.company_id)
                   ORDER BY cr.company_id, cr.name DESC LIMIT 1""" % currency

    def _where(self):
        return "WHERE r.active"

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        query = sql.SQL("CREATE OR REPLACE VIEW {} AS ({} {} {})").format(
            sql.Identifier(self._table), sql.SQL(self._select()),
            sql.SQL(self._from().format(
                # discounts are in the order's currency: converted to the
                # company's at the order date (the rates' currency is the base)
                rate=self._rate_query("pl.currency_id"),
                rate_company=self._rate_query("c.currency_id"))),
            sql.SQL(self._where()))
        self.env.cr.execute(query)
