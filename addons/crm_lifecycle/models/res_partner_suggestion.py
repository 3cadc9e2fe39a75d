# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The partner's "Suggestions" button (cross-sell and up-sell)."""
from odoo import _, api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def action_view_lifecycle_suggestions(self):
        """Build the customer's suggestions in the user's company and show them."""
        self.ensure_one()
        suggestions = self.env["crm.lifecycle.suggestion"]._generate(self)
        action = self.env.ref("crm_lifecycle.crm_lifecycle_suggestion_action").read()[0]
        action["domain"] = [("id", "in", suggestions.ids)]
        action["name"] = _("Suggestions for %(partner)s") % {
            "partner": self.commercial_partner_id.display_name}
        return action
