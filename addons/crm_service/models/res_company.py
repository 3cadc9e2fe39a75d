# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_service_web_rate_limit = fields.Integer(
        string="Web Requests per Address in 10 Minutes",
        default=5,
        help="Posts of the public service form accepted from one address within "
             "ten minutes; 0 disables the limit.",
    )
