# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Journal items of a vendor bill keep the campaign cost of their bill line, so the
posted analytic lines can be counted for the channel of that cost."""
from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.model
    def invoice_line_move_line_get(self):
        res = super().invoice_line_move_line_get()
        costs = {line.id: line.crm_marketing_cost_id.id
                 for line in self.invoice_line_ids if line.crm_marketing_cost_id}
        for values in res:
            if costs.get(values.get("invl_id")):
                values["crm_marketing_cost_id"] = costs[values["invl_id"]]
        return res

    @api.model
    def line_get_convert(self, line, part):
        values = super().line_get_convert(line, part)
        if line.get("crm_marketing_cost_id"):
            values["crm_marketing_cost_id"] = line["crm_marketing_cost_id"]
        return values

    def inv_line_characteristic_hashcode(self, invoice_line):
        """Lines of different campaign costs are never merged."""
        return "%s-%s" % (
            super().inv_line_characteristic_hashcode(invoice_line),
            invoice_line.get("crm_marketing_cost_id", "False"))
