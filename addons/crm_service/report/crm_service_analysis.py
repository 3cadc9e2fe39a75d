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
    sla_compliance = fields.Float(
        string="SLA Compliance %",
        readonly=True,
        group_operator="avg",
        help="100 for a request whose closed SLA was met, 0 when it failed; "
             "requests without a decided SLA are left out of the average.",
    )
    csat = fields.Float(
        string="CSAT",
        readonly=True,
        group_operator="avg",
    )
    nps = fields.Float(
        string="NPS",
        readonly=True,
        group_operator="avg",
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
                   CASE WHEN r.sla_resolve_status = 'met' THEN 100.0
                        WHEN r.sla_resolve_status = 'failed' THEN 0.0 END
                       AS sla_compliance,
                   NULLIF(r.csat, 0)::float AS csat,
                   r.nps::float AS nps,
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
                                sum(-l.price_subtotal) AS amount
                           FROM sale_order_line l
                           JOIN sale_order o ON o.id = l.order_id
                          WHERE o.state IN ('sale', 'done')
                            AND l.service_request_id IS NOT NULL
                          GROUP BY l.service_request_id) disc
                     ON disc.service_request_id = r.id
        """

    def _where(self):
        return "WHERE r.active"

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        query = sql.SQL("CREATE OR REPLACE VIEW {} AS ({} {} {})").format(
            sql.Identifier(self._table), sql.SQL(self._select()),
            sql.SQL(self._from()), sql.SQL(self._where()))
        self.env.cr.execute(query)
