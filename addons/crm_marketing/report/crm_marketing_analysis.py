# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Promotion analysis: costs, mailings, leads and orders of campaigns on one axis.

One row per planned cost line, per analytic line of a posted entry of a purchase
journal (vendor bills and refunds, expenses) on the campaign's analytic account
(actual cost, on the channel of the campaign cost its vendor bill line was drafted
from, else unassigned; a customer invoice on the account is no cost), per campaign
mailing and recipient customer (its statistics counted), per attributed lead and
per attributed confirmed order. Amounts in company currency (orders converted at
the order date).

The campaign form sums this view for the whole campaign (its KPIs are the
campaign's); the report itself shows each reader the rows their record rules
allow (per-customer details).
"""
from odoo import api, fields, models, tools

from odoo.addons.crm_lifecycle.logic.rfm import SEGMENTS

from ..logic.currency import RATE_SQL as _RATE
from ..models.crm_marketing_campaign import OBJECTIVES


_CHANNEL = """(SELECT ch.id FROM crm_marketing_channel ch
               WHERE ch.medium_id = {medium} ORDER BY ch.sequence, ch.id LIMIT 1)"""

# Row ids: the source row's id times the number of sources, plus the source's
# number (stable, and no window function that would keep the campaign filter out
# of the branches).
_SOURCES = 5


class CrmMarketingAnalysis(models.Model):
    _name = "crm.marketing.analysis"
    _description = "Promotion Analysis"
    _auto = False
    _order = "date desc"
    _crm_customer_data = True

    date = fields.Date(
        readonly=True,
    )
    campaign_id = fields.Many2one(
        comodel_name="crm.marketing.campaign",
        readonly=True,
    )
    objective = fields.Selection(
        selection=OBJECTIVES,
        readonly=True,
    )
    channel_id = fields.Many2one(
        comodel_name="crm.marketing.channel",
        readonly=True,
        help="Costs: the channel of the planned cost (actual costs whose bill line "
             "comes from no planned cost are unassigned); mailings, leads and "
             "orders: the channel of their UTM medium.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        readonly=True,
    )
    lifecycle_stage_id = fields.Many2one(
        comodel_name="crm.lifecycle.stage",
        readonly=True,
    )
    rfm_segment = fields.Selection(
        selection=SEGMENTS,
        string="RFM Segment",
        readonly=True,
    )
    channel_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Partner Channel",
        readonly=True,
    )
    planned_cost = fields.Float(
        readonly=True,
    )
    actual_cost = fields.Float(
        readonly=True,
        help="Posted analytic lines of purchase journals (vendor bills, refunds, "
             "expenses) on the campaign's analytic account.",
    )
    reached_count = fields.Integer(
        string="Reached",
        readonly=True,
        help="Mailing emails delivered (sent, neither bounced nor failed).",
    )
    opened_count = fields.Integer(
        string="Opened",
        readonly=True,
    )
    clicked_count = fields.Integer(
        string="Clicked",
        readonly=True,
        help="Mailing emails with at least one tracked link clicked.",
    )
    replied_count = fields.Integer(
        string="Replied",
        readonly=True,
    )
    bounced_count = fields.Integer(
        string="Bounced",
        readonly=True,
    )
    lead_count = fields.Integer(
        string="Leads",
        readonly=True,
    )
    opportunity_count = fields.Integer(
        string="Opportunities",
        readonly=True,
    )
    order_count = fields.Integer(
        string="Won Orders",
        readonly=True,
    )
    customer_count = fields.Integer(
        string="Customers Acquired",
        readonly=True,
        help="Confirmed orders that are their customer's very first one.",
    )
    revenue = fields.Float(
        readonly=True,
    )
    margin = fields.Float(
        readonly=True,
    )

    def _select(self):
        order_rate = _RATE.format(currency="pl.currency_id", date="so.date_order",
                                  company="so.company_id")
        company_rate = _RATE.format(currency="co.currency_id", date="so.date_order",
                                    company="so.company_id")
        return """
    SELECT k.id::bigint * %(n)s + 1 AS id, k.date, c.id AS campaign_id, c.objective,
           k.channel_id, c.company_id, NULL::integer AS partner_id,
           NULL::integer AS user_id, NULL::integer AS lifecycle_stage_id,
           NULL::varchar AS rfm_segment, NULL::integer AS channel_partner_id,
           k.amount AS planned_cost, 0.0 AS actual_cost,
           0 AS reached_count, 0 AS opened_count, 0 AS clicked_count,
           0 AS replied_count, 0 AS bounced_count,
           0 AS lead_count, 0 AS opportunity_count, 0 AS order_count,
           0 AS customer_count, 0.0 AS revenue, 0.0 AS margin
      FROM crm_marketing_campaign_cost k
      JOIN crm_marketing_campaign c ON c.id = k.campaign_id
    UNION ALL
    SELECT al.id::bigint * %(n)s + 2, al.date, c.id, c.objective, k.channel_id,
           c.company_id, NULL, NULL, NULL, NULL, NULL,
           0.0, -al.amount, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0
      FROM account_analytic_line al
      JOIN crm_marketing_campaign c ON c.analytic_account_id = al.account_id
      JOIN account_move_line ml ON ml.id = al.move_id
      JOIN account_move mv ON mv.id = ml.move_id
      JOIN account_journal j ON j.id = mv.journal_id
      LEFT JOIN crm_marketing_campaign_cost k
             ON k.id = ml.crm_marketing_cost_id AND k.campaign_id = c.id
     WHERE mv.state = 'posted' AND j.type = 'purchase'
    UNION ALL
    SELECT min(s.id)::bigint * %(n)s + 3,
           COALESCE(m.sent_date, m.create_date)::date,
           c.id, c.objective, %(mailing_channel)s, c.company_id,
           cp.id, NULL, cp.lifecycle_stage_id, cp.rfm_segment, NULL, 0.0, 0.0,
           (count(*) FILTER (WHERE s.sent IS NOT NULL AND s.bounced IS NULL
                               AND s.exception IS NULL))::integer,
           (count(*) FILTER (WHERE s.opened IS NOT NULL))::integer,
           (count(*) FILTER (WHERE s.clicked IS NOT NULL))::integer,
           (count(*) FILTER (WHERE s.replied IS NOT NULL))::integer,
           (count(*) FILTER (WHERE s.bounced IS NOT NULL))::integer,
           0, 0, 0, 0, 0.0, 0.0
      FROM mail_mass_mailing m
      JOIN crm_marketing_campaign c ON c.id = m.crm_marketing_campaign_id
      JOIN mail_mail_statistics s ON s.mass_mailing_id = m.id
      LEFT JOIN res_partner p ON s.model = 'res.partner' AND p.id = s.res_id
      LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
     GROUP BY m.id, c.id, cp.id
    UNION ALL
    SELECT l.id::bigint * %(n)s + 4, l.create_date::date, c.id, c.objective,
           %(lead_channel)s, c.company_id, cp.id, l.user_id, cp.lifecycle_stage_id,
           cp.rfm_segment, l.channel_partner_id, 0.0, 0.0, 0, 0, 0, 0, 0,
           1, CASE WHEN l.type = 'opportunity' THEN 1 ELSE 0 END, 0, 0, 0.0, 0.0
      FROM crm_lead l
      JOIN crm_marketing_campaign c ON c.utm_campaign_id = l.campaign_id
      LEFT JOIN res_partner p ON p.id = l.partner_id
      LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
    UNION ALL
    SELECT so.id::bigint * %(n)s + 5, so.date_order::date, c.id, c.objective,
           %(order_channel)s, c.company_id, cp.id, so.user_id, cp.lifecycle_stage_id,
           cp.rfm_segment, so.channel_partner_id, 0.0, 0.0, 0, 0, 0, 0, 0, 0, 0,
           1,
           CASE WHEN NOT EXISTS (
                SELECT 1 FROM sale_order fo
                  JOIN res_partner fp ON fp.id = fo.partner_id
                 WHERE fp.commercial_partner_id = cp.id
                   AND fo.state IN ('sale', 'done')
                   AND (fo.date_order, fo.id) < (so.date_order, so.id))
                THEN 1 ELSE 0 END,
           so.amount_untaxed * %(company_rate)s / %(order_rate)s,
           COALESCE(so.margin, 0.0) * %(company_rate)s / %(order_rate)s
      FROM sale_order so
      JOIN crm_marketing_campaign c ON c.utm_campaign_id = so.campaign_id
      JOIN res_company co ON co.id = so.company_id
      JOIN product_pricelist pl ON pl.id = so.pricelist_id
      JOIN res_partner p ON p.id = so.partner_id
      JOIN res_partner cp ON cp.id = p.commercial_partner_id
     WHERE so.state IN ('sale', 'done')
""" % {
            "n": _SOURCES,
            "mailing_channel": _CHANNEL.format(medium="m.medium_id"),
            "lead_channel": _CHANNEL.format(medium="l.medium_id"),
            "order_channel": _CHANNEL.format(medium="so.medium_id"),
            "company_rate": company_rate,
            "order_rate": order_rate,
        }

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the view's SQL is built from constants of this module only
        self.env.cr.execute(  # pylint: disable=sql-injection
            "CREATE OR REPLACE VIEW %s AS (%s)" % (self._table, self._select()))
