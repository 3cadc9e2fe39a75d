# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    competitor_id = fields.Many2one(
        comodel_name="crm.competitor",
        string="Lost to Competitor",
    )

    @api.multi
    def action_lost_reason_apply(self):
        if self.competitor_id:
            leads = self.env["crm.lead"].browse(self.env.context.get("active_ids"))
            leads.write({"competitor_id": self.competitor_id.id})
        return super().action_lost_reason_apply()
