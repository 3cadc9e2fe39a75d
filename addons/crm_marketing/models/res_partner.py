# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..logic.currency import RATE_SQL as _RATE

CHANNEL_PARTNER_TYPES = [
    ("reseller", "Reseller"),
    ("agent", "Agent"),
    ("distributor", "Distributor"),
    ("referrer", "Referrer"),
]

# partners whose email is opted out as a mailing contact: a subquery for the
# search, restricted to the partners computed for the form
_OPTED_OUT_SQL = """
SELECT p.id
  FROM res_partner p
 WHERE p.email IS NOT NULL
   AND EXISTS (SELECT 1 FROM mail_mass_mailing_contact c
                WHERE c.opt_out AND c.email IS NOT NULL
                  AND lower(trim(c.email)) = lower(trim(p.email)))
"""


# confirmed orders per partner channel, converted to the company's currency at
# the order date (as the promotion analysis does)
_CHANNEL_ORDERS_SQL = """
SELECT "sale_order".channel_partner_id, count(*),
       COALESCE(sum("sale_order".amount_untaxed * {company_rate} / {order_rate}), 0.0)
  FROM {{tables}}, res_company co, product_pricelist pl
 WHERE co.id = "sale_order".company_id AND pl.id = "sale_order".pricelist_id
   AND {{where}}
 GROUP BY "sale_order".channel_partner_id
""".format(
    company_rate=_RATE.format(currency="co.currency_id",
                              date='"sale_order".date_order',
                              company='"sale_order".company_id'),
    order_rate=_RATE.format(currency="pl.currency_id",
                            date='"sale_order".date_order',
                            company='"sale_order".company_id'))


_OPTED_OUT_FORM_SQL = _OPTED_OUT_SQL + " AND p.id = ANY(%s)"


class ResPartner(models.Model):
    _inherit = "res.partner"

    marketing_opted_out = fields.Boolean(
        string="Email Opted Out",
        compute="_compute_marketing_opted_out",
        search="_search_marketing_opted_out",
        help="The partner's email is opted out as a mailing contact.",
    )
    crm_marketing_member_ids = fields.One2many(
        comodel_name="crm.marketing.campaign.member",
        inverse_name="partner_id",
        string="Campaign Memberships",
        help="The campaigns whose frozen audience holds the partner.",
    )
    crm_channel_type = fields.Selection(
        selection=CHANNEL_PARTNER_TYPES,
        string="Partner Channel Type",
        help="Resellers and agents through whom leads are referred.",
    )
    channel_lead_count = fields.Integer(
        string="Referred Leads",
        compute="_compute_channel_results",
    )
    channel_order_count = fields.Integer(
        string="Won Orders through Channel",
        compute="_compute_channel_results",
    )
    channel_revenue = fields.Float(
        string="Revenue through Channel",
        compute="_compute_channel_results",
        help="Untaxed amount of the confirmed orders that came through this "
             "partner channel, in company currency.",
    )

    @api.multi
    def _compute_marketing_opted_out(self):
        ids = [i for i in self.ids if isinstance(i, int)]
        opted_out = set()
        if ids:
            self.env.cr.execute(_OPTED_OUT_FORM_SQL, (ids,))
            opted_out = {row[0] for row in self.env.cr.fetchall()}
        for partner in self:
            partner.marketing_opted_out = partner.id in opted_out

    @api.model
    def _search_marketing_opted_out(self, operator, value):
        """A subquery, never a list of ids."""
        positive = (operator == "=") == bool(value)
        return [("id", "inselect" if positive else "not inselect",
                 (_OPTED_OUT_SQL, []))]

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None,
                          force=True):
        """Campaign calls do not make their assignee a follower of the customer
        (followers may see it in the "own customers" visibility)."""
        if self.env.context.get("crm_marketing_no_subscribe"):
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, channel_ids=channel_ids,
            subtype_ids=subtype_ids, force=force)

    @api.multi
    def _compute_channel_results(self):
        if not (self.env["crm.lead"].check_access_rights("read", False)
                and self.env["sale.order"].check_access_rights("read", False)):
            return  # the results are sales figures: zero for users without sales
        leads = self.env["crm.lead"].with_context(active_test=False).read_group(
            [("channel_partner_id", "in", self.ids)],
            ["channel_partner_id"], ["channel_partner_id"])
        lead_counts = {g["channel_partner_id"][0]: g["channel_partner_id_count"]
                       for g in leads}
        # the orders the reader may read, their amounts in company currency
        query = self.env["sale.order"]._where_calc([
            ("channel_partner_id", "in", self.ids), ("state", "in", ("sale", "done"))])
        self.env["sale.order"]._apply_ir_rules(query, "read")
        tables, where, params = query.get_sql()
        # the SQL is built from this module's constant and Odoo's query builder
        self.env.cr.execute(  # pylint: disable=sql-injection
            _CHANNEL_ORDERS_SQL.format(tables=tables, where=where or "TRUE"), params)
        order_figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            count, revenue = order_figures.get(partner.id, (0, 0.0))
            partner.channel_lead_count = lead_counts.get(partner.id, 0)
            partner.channel_order_count = count
            partner.channel_revenue = revenue
