# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    crm_marketing_campaign_id = fields.Many2one(
        comodel_name="crm.marketing.campaign",
        string="Marketing Campaign",
        ondelete="set null",
        index=True,
        copy=False,
        help="The campaign whose members are invited to this event.",
    )

    _sql_constraints = [
        ("crm_marketing_campaign_uniq", "unique(crm_marketing_campaign_id)",
         "A campaign has one event."),
    ]
