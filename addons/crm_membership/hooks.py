# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.crm_lifecycle.hooks import forget_demo_documents


def uninstall_hook(cr, registry):
    """Keep the demo members' documents (partners, invoices, membership lines).

    Clubs and tiers still used by memberships refuse deletion; every record of the
    addon's own models goes with its table, so their external ids are forgotten.
    """
    forget_demo_documents(cr, "crm_membership")
    cr.execute("DELETE FROM ir_model_data WHERE module = %s AND model LIKE %s",
               ("crm_membership", "crm.membership%"))
