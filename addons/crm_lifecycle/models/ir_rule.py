# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        """Give record rules ``crm_customer_domain(field)``: the customers the user
        may see, as a domain on ``field`` (a res.partner many2one, or the partner)."""
        context = super()._eval_context()
        partners = self.env["res.partner"]
        context["crm_customer_domain"] = partners._crm_customer_domain
        return context
