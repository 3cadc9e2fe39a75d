# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Mark the existing customers confidential (salesperson or sales history)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._crm_update_customer_flag()
