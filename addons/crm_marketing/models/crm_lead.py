# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    competitor_id = fields.Many2one(
        comodel_name="crm.competitor",
        string="Lost to Competitor",
        index=True,
        track_visibility="onchange",
        help="The competitor who won the deal, for lost opportunities.",
    )
    channel_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Partner Channel",
        index=True,
        domain=[("crm_channel_type", "!=", False)],
        track_visibility="onchange",
        help="The reseller or agent the lead was referred through or assigned to.",
    )
