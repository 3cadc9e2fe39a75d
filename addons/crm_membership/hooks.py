# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.crm_lifecycle.hooks import forget_demo_documents


def uninstall_hook(cr, registry):
    """Keep the demo members' documents (partners, invoices, membership lines);
    clubs and tiers still used refuse deletion, so the addon's own external ids
    go too."""
    forget_demo_documents(cr, "crm_membership", own_models="crm.membership%")
