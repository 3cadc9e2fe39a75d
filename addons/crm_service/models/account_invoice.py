# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    service_request_id = fields.Many2one(
        comodel_name="crm.service.request",
        string="Service Request",
        index=True,
        copy=False,
        readonly=True,
        help="The complaint this credit note compensates.",
    )
