# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

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
             "partner channel.",
    )

    @api.multi
    def _compute_marketing_opted_out(self):
        ids = [i for i in self.ids if isinstance(i, int)]
        opted_out = set()
        if ids:
            self.env.cr.execute(_OPTED_OUT_SQL + " AND p.id = ANY(%s)", (ids,))
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
        orders = self.env["sale.order"].read_group(
            [("channel_partner_id", "in", self.ids), ("state", "in", ("sale", "done"))],
            ["channel_partner_id", "amount_untaxed"], ["channel_partner_id"])
        order_figures = {g["channel_partner_id"][0]: g for g in orders}
        for partner in self:
            row = order_figures.get(partner.id, {})
            partner.channel_lead_count = lead_counts.get(partner.id, 0)
            partner.channel_order_count = row.get("channel_partner_id_count", 0)
            partner.channel_revenue = row.get("amount_untaxed", 0.0)
