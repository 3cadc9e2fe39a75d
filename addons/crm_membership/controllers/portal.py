# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class MembershipPortal(CustomerPortal):
    """Members see their own memberships, tier and points balance."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["crm_membership_count"] = request.env["crm.membership"].search_count(
            [("state", "!=", "cancelled")])
        return values

    @http.route(["/my/memberships"], type="http", auth="user", website=True)
    def portal_my_memberships(self, **kw):
        values = self._prepare_portal_layout_values()
        # the record rules give a portal user their own memberships only
        values.update({
            "memberships": request.env["crm.membership"].search(
                [("state", "!=", "cancelled")]),
            "page_name": "crm_membership",
        })
        return request.render("crm_membership.portal_my_memberships", values)
