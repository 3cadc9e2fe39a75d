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
    crm_service_compensation_limit = fields.Monetary(
        string="Compensation Agents Grant Alone",
        currency_field="currency_id",
        default=100.0,
        help="Highest compensation (credit note or discount, in the company's "
             "currency) a service agent drafts without a service manager's "
             "approval; 0: every compensation of an agent is approved first.",
        groups="base.group_user",
    )
