# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    crm_marketing_campaign_id = fields.Many2one(
        comodel_name="crm.marketing.campaign",
        string="Marketing Campaign",
        ondelete="set null",
        index=True,
    )
