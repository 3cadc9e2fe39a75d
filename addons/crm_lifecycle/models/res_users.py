# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def create(self, vals):
        user = super().create(vals)
        # an internal user's own partner is never a confidential customer
        self.env["res.partner"]._crm_update_customer_flag(
            user.partner_id.commercial_partner_id.ids)
        return user

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if "groups_id" in vals:
            # a portal user made internal (or back) changes what their partner is
            self.env["res.partner"]._crm_update_customer_flag(
                self.mapped("partner_id.commercial_partner_id").ids)
        if "sale_team_id" in vals:
            # the team boundary of the customer rules is cached per user
            self.env["ir.rule"].clear_caches()
        return result
