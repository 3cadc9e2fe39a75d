# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_request_ids = fields.One2many(
        comodel_name="crm.service.request",
        inverse_name="commercial_partner_id",
        string="Service Requests",
    )
    service_request_count = fields.Integer(
        compute="_compute_service_request_count",
    )

    @api.multi
    def _compute_service_request_count(self):
        groups = self.env["crm.service.request"].read_group(
            [("commercial_partner_id", "in", self.ids)],
            ["commercial_partner_id"], ["commercial_partner_id"])
        counts = {g["commercial_partner_id"][0]: g["commercial_partner_id_count"]
                  for g in groups}
        for partner in self:
            partner.service_request_count = counts.get(partner.id, 0)
