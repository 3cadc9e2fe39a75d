# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales performance: one row per confirmed sale order line (analysis 4).

Sales by product category, by channel (sales team, UTM campaign, medium and
source, which sale_crm puts on the order) and by location of the customer
(country, state, city of the commercial partner), per period.

Amounts are in the currency of the order's company. An order line is in the
currency of its order's pricelist (read from the pricelist, as ``sale.report``
does: the line's stored ``currency_id`` is not recomputed when a pricelist's
currency changes). It is converted with the rates of the order's company at the
order date: ``amount * rate(company currency) / rate(pricelist currency)``, the
conversion of ``res.currency.compute``. Odoo's ``sale.report`` divides by the
pricelist currency's rate only, which gives the amount in the currency of rate
1; that is the company currency only where the company's rates are set up
relative to it. Lines whose pricelist is in the company currency are taken as
they are.

A row is a line, not an order: ``nbr`` is 1 per line (as in ``sale.report``), so
its sum counts lines. Distinct orders cannot be counted by summing line rows;
group by ``order_id`` to count them.
"""
from psycopg2 import sql

from odoo import api, fields, models, tools


class CrmLifecycleSaleAnalysis(models.Model):
    _name = "crm.lifecycle.sale.analysis"
    _crm_customer_data = True
    _description = "Sales Performance Analysis"
    _auto = False
    _rec_name = "order_id"
    _order = "date desc, id"

    date = fields.Datetime(
        string="Order Date",
        readonly=True,
    )
    order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Order",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
        help="The commercial partner of the order's customer.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        readonly=True,
        help="The company's currency, in which the amounts are given.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Channel",
        readonly=True,
    )
    campaign_id = fields.Many2one(
        comodel_name="utm.campaign",
        string="Campaign",
        readonly=True,
    )
    medium_id = fields.Many2one(
        comodel_name="utm.medium",
        string="Medium",
        readonly=True,
    )
    source_id = fields.Many2one(
        comodel_name="utm.source",
        string="Source",
        readonly=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
        readonly=True,
    )
    categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        readonly=True,
    )
    country_id = fields.Many2one(
        comodel_name="res.country",
        string="Country",
        readonly=True,
    )
    state_id = fields.Many2one(
        comodel_name="res.country.state",
        string="State",
        readonly=True,
    )
    city = fields.Char(
        readonly=True,
    )
    quantity = fields.Float(
        readonly=True,
        help="Ordered quantity in the product's unit of measure.",
    )
    revenue = fields.Monetary(
        readonly=True,
        help="Untaxed amount of the line, in the company's currency.",
    )
    margin = fields.Monetary(
        readonly=True,
        help="Margin of the line (sale_margin: untaxed amount minus cost), in the "
             "company's currency.",
    )
    nbr = fields.Integer(
        string="# of Lines",
        readonly=True,
        help="1 per order line: its sum counts lines, not orders.",
    )

    def _with(self):
        return """
            WITH currency_rate AS (%s)
        """ % self.env["res.currency"]._select_companies_rates()

    def _select(self):
        return """
            SELECT l.id AS id,
                   s.date_order AS date,
                   l.order_id AS order_id,
                   partner.commercial_partner_id AS partner_id,
                   s.company_id AS company_id,
                   company.currency_id AS currency_id,
                   s.user_id AS user_id,
                   s.team_id AS team_id,
                   s.campaign_id AS campaign_id,
                   s.medium_id AS medium_id,
                   s.source_id AS source_id,
                   l.product_id AS product_id,
                   t.categ_id AS categ_id,
                   customer.country_id AS country_id,
                   customer.state_id AS state_id,
                   customer.city AS city,
                   l.product_uom_qty / u.factor * u2.factor AS quantity,
                   l.price_subtotal * COALESCE(rate_to.rate, 1.0)
                       / COALESCE(rate_from.rate, 1.0) AS revenue,
                   l.margin * COALESCE(rate_to.rate, 1.0)
                       / COALESCE(rate_from.rate, 1.0) AS margin,
                   1 AS nbr
        """

    def _from(self):
        return """
            FROM sale_order_line l
            JOIN sale_order s ON s.id = l.order_id
            JOIN res_company company ON company.id = s.company_id
            JOIN res_partner partner ON partner.id = s.partner_id
            JOIN res_partner customer ON customer.id = partner.commercial_partner_id
            LEFT JOIN product_product p ON p.id = l.product_id
            LEFT JOIN product_template t ON t.id = p.product_tmpl_id
            LEFT JOIN product_uom u ON u.id = l.product_uom
            LEFT JOIN product_uom u2 ON u2.id = t.uom_id
            JOIN product_pricelist pricelist ON pricelist.id = s.pricelist_id
            LEFT JOIN currency_rate rate_from
                   ON pricelist.currency_id <> company.currency_id
                  AND rate_from.currency_id = pricelist.currency_id
                  AND rate_from.company_id = s.company_id
                  AND rate_from.date_start <= s.date_order
                  AND (rate_from.date_end IS NULL OR rate_from.date_end > s.date_order)
            LEFT JOIN currency_rate rate_to
                   ON pricelist.currency_id <> company.currency_id
                  AND rate_to.currency_id = company.currency_id
                  AND rate_to.company_id = s.company_id
                  AND rate_to.date_start <= s.date_order
                  AND (rate_to.date_end IS NULL OR rate_to.date_end > s.date_order)
        """

    def _where(self):
        return """
            WHERE s.state IN ('sale', 'done')
        """

    def _group_by(self):
        """One row per line: no grouping; a hook for extensions that aggregate."""
        return ""

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        query = sql.SQL("CREATE OR REPLACE VIEW {} AS ({} {} {} {} {})").format(
            sql.Identifier(self._table), sql.SQL(self._with()), sql.SQL(self._select()),
            sql.SQL(self._from()), sql.SQL(self._where()), sql.SQL(self._group_by()))
        self.env.cr.execute(query)
