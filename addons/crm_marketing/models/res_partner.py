# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

CHANNEL_PARTNER_TYPES = [
    ("reseller", "Reseller"),
    ("agent", "Agent"),
    ("distributor", "Distributor"),
    ("referrer", "Referrer"),
]

_OPTED_OUT_SQL = """
SELECT p.id
  FROM res_partner p
 WHERE p.email IS NOT NULL
   AND lower(trim(p.email)) IN (SELECT lower(trim(c.email))
                                  FROM mail_mass_mailing_contact c
                                 WHERE c.opt_out AND c.email IS NOT NULL)
"""


class ResPartner(models.Model):
    _inherit = "res.partner"

    marketing_opted_out = fields.Boolean(
        string="Email Opted Out",
        compute="_compute_marketing_opted_out",
        search="_search_marketing_opted_out",
        help="The partner's email is opted out as a mailing contact.",
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
             "partner channel.",
    )

    @api.model
    def _marketing_opted_out_ids(self):
        self.env.cr.execute(_OPTED_OUT_SQL)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.multi
    def _compute_marketing_opted_out(self):
        opted_out = set(self._marketing_opted_out_ids())
        for partner in self:
            partner.marketing_opted_out = partner.id in opted_out

    @api.model
    def _search_marketing_opted_out(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in",
                 self._marketing_opted_out_ids())]

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
        orders = self.env["sale.order"].read_group(
            [("channel_partner_id", "in", self.ids), ("state", "in", ("sale", "done"))],
            ["channel_partner_id", "amount_untaxed"], ["channel_partner_id"])
        order_figures = {g["channel_partner_id"][0]: g for g in orders}
        for partner in self:
            row = order_figures.get(partner.id, {})
            partner.channel_lead_count = lead_counts.get(partner.id, 0)
            partner.channel_order_count = row.get("channel_partner_id_count", 0)
            partner.channel_revenue = row.get("amount_untaxed", 0.0)
