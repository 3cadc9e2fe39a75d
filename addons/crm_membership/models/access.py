# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may create, spend and report points.

Transient wizards have no access rights in Odoo 11 and any logged-in user can call
a public method over RPC: every method that creates, spends or reports points calls
``check_groups`` itself, whatever the menus and views show.
"""
from odoo import SUPERUSER_ID, _
from odoo.exceptions import AccessError

OFFICER = "crm_membership.group_membership_officer"
MANAGER = "crm_membership.group_membership_manager"
ACCOUNTANT = "account.group_account_manager"

# a context value no RPC call can forge (JSON carries no Python object): the
# membership's protected fields are written only by this addon's own methods
PROTECTED_WRITE = object()
PROTECTED_KEY = "crm_membership_protected_write"


def check_groups(env, groups, action):
    """Raise an AccessError unless the user of ``env`` belongs to one of
    ``groups`` (xml ids); the superuser (set-up, crons) passes."""
    # no self here: Odoo's _() reads the language and cursor from these locals
    context, cr = env.context, env.cr  # noqa: F841
    if env.uid == SUPERUSER_ID or any(env.user.has_group(xmlid) for xmlid in groups):
        return
    names = ", ".join(env.ref(xmlid).sudo().full_name for xmlid in groups)
    raise AccessError(_("%(action)s is reserved to: %(groups)s.") % {
        "action": action, "groups": names})


def protected(records):
    """``records`` allowed to write the protected fields of a membership."""
    return records.with_context(**{PROTECTED_KEY: PROTECTED_WRITE})


def is_protected(records):
    return records.env.context.get(PROTECTED_KEY) is PROTECTED_WRITE
