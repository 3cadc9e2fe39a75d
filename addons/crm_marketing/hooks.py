# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.crm_lifecycle.hooks import forget_demo_documents


def uninstall_hook(cr, registry):
    """Keep the demo campaigns' documents (analytic accounts, UTM, leads, orders).

    Running campaigns refuse deletion; their table is dropped with the addon, so
    their external ids are forgotten first.
    """
    forget_demo_documents(cr, "crm_marketing")
    cr.execute("DELETE FROM ir_model_data WHERE module = 'crm_marketing'"
               " AND model = 'crm.marketing.campaign'")
