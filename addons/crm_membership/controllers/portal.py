# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class MembershipPortal(CustomerPortal):
    """Members see their own memberships, tier and points balance."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["crm_membership_count"] = len(
            request.env["crm.membership"]._portal_memberships())
        return values

    @http.route(["/my/memberships"], type="http", auth="user", website=True)
    def portal_my_memberships(self, **kw):
        values = self._prepare_portal_layout_values()
        memberships = request.env["crm.membership"]._portal_memberships()
        values.update({
            "memberships": memberships,
            "points_lines": memberships._portal_points_lines(),
            "page_name": "crm_membership",
        })
        return request.render("crm_membership.portal_my_memberships", values)
