# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.multi
    def action_confirm(self):
        result = super().action_confirm()
        self._lifecycle_update_partners()
        return result

    @api.multi
    def action_cancel(self):
        result = super().action_cancel()
        self._lifecycle_update_partners()
        return result

    @api.multi
    def _lifecycle_update_partners(self):
        """Move the customers of these orders to their new stage at once."""
        partners = self.mapped("partner_id.commercial_partner_id")
        if partners:
            self.env["res.partner"]._lifecycle_recompute(partner_ids=partners.ids)
