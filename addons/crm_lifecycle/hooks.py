# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api

# Business documents of the demo data: they stay as plain data when the addon is
# uninstalled (posted invoices refer to them), so their external ids are forgotten.
_DEMO_DOCUMENT_MODELS = (
    "res.partner", "product.product", "product.template", "sale.order",
    "sale.order.line", "crm.lead",
)


def post_init_hook(cr, registry):
    """Mark the existing customers confidential (salesperson or sales history)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._crm_update_customer_flag()


def uninstall_hook(cr, registry):
    """Free the stages so the uninstall can delete them, keep the demo documents."""
    cr.execute("UPDATE res_partner SET lifecycle_stage_id = NULL"
               " WHERE lifecycle_stage_id IS NOT NULL")
    cr.execute("DELETE FROM crm_lifecycle_history")
    cr.execute("DELETE FROM crm_lifecycle_profile")
    cr.execute("DELETE FROM ir_model_data WHERE module = 'crm_lifecycle'"
               " AND model IN %s", (_DEMO_DOCUMENT_MODELS,))
