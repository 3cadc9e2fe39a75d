# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What members see: their memberships and points history on the portal, their
card."""
import base64

from odoo import api, models


class CrmMembership(models.Model):
    _inherit = "crm.membership"

    # ----------------------------------------------------------- portal
    @api.model
    def _portal_memberships(self):
        """The memberships of the current user's own customer (their partner's
        commercial partner and its contacts), not cancelled: what "My Club
        Memberships" lists, to portal and internal users alike."""
        partner = self.env.user.partner_id.commercial_partner_id
        # sudo: an internal user may read every membership, or none; the domain
        # keeps the user's own customer's only, shown to that user only
        return self.sudo().search([
            ("partner_id", "child_of", partner.id),
            ("state", "!=", "cancelled")])

    @api.multi
    def _portal_points_lines(self, limit=50):
        """The latest points history of these memberships, for their holder."""
        # sudo: the memberships are the user's own (``_portal_memberships``)
        return self.env["crm.membership.points"].sudo().search(
            [("membership_id", "in", self.ids)], limit=limit)

    # ----------------------------------------------------------- card
    @api.multi
    def _card_qr_value(self):
        self.ensure_one()
        return "MEMBER:%s;CLUB:%s;PARTNER:%s" % (
            self.name, self.club_id.code, self.partner_id.id)

    @api.multi
    def _card_qr_data_uri(self):
        """The member card's QR code as a data URI: the PDF needs no request back
        to the server."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode(
            "QR", self._card_qr_value(), width=240, height=240)
        return "data:image/png;base64,%s" % base64.b64encode(png).decode("ascii")
