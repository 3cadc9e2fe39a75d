# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"
    _crm_customer_data = True

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

    @api.multi
    def _lifecycle_confirm_and_invoice(self):
        """Confirm the orders one by one, invoice them on their order date and post
        the invoices (the demo data builds its history with it; an order with
        nothing to invoice is left uninvoiced)."""
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            order.action_confirm()
        Invoice = self.env["account.invoice"]
        for order in self.filtered(lambda o: o.invoice_status == "to invoice"):
            invoices = Invoice.browse(order.action_invoice_create())
            invoices.write({"date_invoice": order.date_order[:10]})
            invoices.action_invoice_open()
