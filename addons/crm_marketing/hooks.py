# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.crm_lifecycle.hooks import forget_demo_documents

from .models.mail_mass_mailing_contact import OPTED_OUT_EMAIL_INDEX


def uninstall_hook(cr, registry):
    """Keep the demo campaigns' documents (analytic accounts, UTM, leads, orders);
    running campaigns refuse deletion, so the addon's own external ids go too.
    The index the addon put on Odoo's mailing contacts goes."""
    forget_demo_documents(cr, "crm_marketing", own_models="crm.marketing.campaign")
    # the name is a constant of this addon
    cr.execute(  # pylint: disable=sql-injection
        "DROP INDEX IF EXISTS %s" % OPTED_OUT_EMAIL_INDEX)
