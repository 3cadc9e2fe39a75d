# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    channel_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Partner Channel",
        index=True,
        domain=[("crm_channel_type", "!=", False)],
        help="The reseller or agent the sale came through.",
    )

    @api.model
    def create(self, vals):
        if vals.get("opportunity_id") and not vals.get("channel_partner_id"):
            lead = self.env["crm.lead"].browse(vals["opportunity_id"])
            if lead.channel_partner_id:
                vals = dict(vals, channel_partner_id=lead.channel_partner_id.id)
        return super().create(vals)
