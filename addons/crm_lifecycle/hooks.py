# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api

# Business documents that demo data creates in Odoo's own models: they stay as plain
# data when an addon of the suite is uninstalled (posted accounting refers to them),
# so their external ids are forgotten instead of their records being deleted.
DEMO_DOCUMENT_MODELS = (
    "res.partner", "product.product", "product.template", "sale.order",
    "sale.order.line", "crm.lead", "account.analytic.account", "utm.campaign",
    "utm.medium", "utm.source", "mail.mass_mailing", "mail.mail.statistics",
    "calendar.event", "mail.activity", "account.invoice", "membership.membership_line",
)


def forget_demo_documents(cr, module, own_models=None):
    """Keep the demo business documents of ``module`` when it is uninstalled.

    ``own_models`` (a LIKE pattern of model names, such as ``"crm.membership%"``)
    also forgets the external ids of the addon's own records of those models: their
    tables are dropped with the addon anyway, and records that refuse deletion (a
    running campaign, a tier in use) would otherwise stop the uninstall.
    """
    cr.execute("DELETE FROM ir_model_data WHERE module = %s AND model IN %s",
               (module, DEMO_DOCUMENT_MODELS))
    if own_models:
        cr.execute("DELETE FROM ir_model_data WHERE module = %s AND model LIKE %s",
                   (module, own_models))


def post_init_hook(cr, registry):
    """Mark the existing customers confidential (salesperson or sales history),
    and rebuild the months of customer counts from the sales history."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._crm_update_customer_flag()
    env["crm.lifecycle.snapshot"]._backfill()


def uninstall_hook(cr, registry):
    """Free the stages so the uninstall can delete them, keep the demo documents."""
    cr.execute("UPDATE res_partner SET lifecycle_stage_id = NULL"
               " WHERE lifecycle_stage_id IS NOT NULL")
    cr.execute("DELETE FROM crm_lifecycle_history")
    cr.execute("DELETE FROM crm_lifecycle_profile")
    cr.execute("DROP INDEX IF EXISTS account_invoice_crm_seller_idx")
    forget_demo_documents(cr, "crm_lifecycle")
