# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    crm_marketing_campaign_id = fields.Many2one(
        comodel_name="crm.marketing.campaign",
        string="Marketing Campaign",
        ondelete="set null",
        index=True,
    )

    @api.multi
    def write(self, values):
        """A campaign call given to someone else does not make them a follower
        of the customer either (followers may see the customer)."""
        records = self
        if values.get("user_id") and any(self.mapped("crm_marketing_campaign_id")):
            records = self.with_context(crm_marketing_no_subscribe=True)
        return super(MailActivity, records).write(values)
