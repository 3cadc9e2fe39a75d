# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.crm_lifecycle.hooks import forget_demo_documents

# Demo staff records of Odoo's own models: the other addons' demo documents
# (orders, requests, campaigns, memberships) name them, so they stay as plain data.
_STAFF_MODELS = ("res.users", "res.partner", "hr.employee")


def uninstall_hook(cr, registry):
    """Keep the demo staff as plain data: their users are archived and their logins
    freed (a reinstall creates the demo staff again), their external ids forgotten."""
    cr.execute("""
        UPDATE res_users u
           SET active = false, login = u.login || '.uninstalled.' || u.id
          FROM ir_model_data d
         WHERE d.module = 'crm_hr' AND d.model = 'res.users' AND d.res_id = u.id
    """)
    cr.execute("DELETE FROM ir_model_data WHERE module = 'crm_hr' AND model IN %s",
               (_STAFF_MODELS,))
    forget_demo_documents(cr, "crm_hr")
