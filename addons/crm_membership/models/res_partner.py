# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .crm_membership import STATES


class ResPartner(models.Model):
    """Club fields on partners, searchable so campaign audiences can target
    members (e.g. ``[('crm_membership_club_ids', 'in', club_ids)]``)."""

    _inherit = "res.partner"

    crm_membership_ids = fields.One2many(
        comodel_name="crm.membership",
        inverse_name="partner_id",
        string="Club Memberships",
    )
    crm_membership_club_ids = fields.Many2many(
        comodel_name="crm.membership.club",
        string="Clubs",
        compute="_compute_crm_membership",
        search="_search_crm_membership_club_ids",
        help="Clubs of which the partner is an active member.",
    )
    crm_membership_tier_ids = fields.Many2many(
        comodel_name="crm.membership.tier",
        string="Club Tiers",
        compute="_compute_crm_membership",
        search="_search_crm_membership_tier_ids",
        help="Tiers of the partner's active memberships.",
    )
    crm_membership_state = fields.Selection(
        selection=STATES,
        string="Club Membership State",
        compute="_compute_crm_membership",
        search="_search_crm_membership_state",
        help="The best state among the partner's memberships (active first).",
    )
    crm_membership_count = fields.Integer(
        string="Memberships",
        compute="_compute_crm_membership",
    )

    @api.multi
    def _compute_crm_membership(self):
        order = [key for key, _label in STATES]
        for partner in self:
            memberships = partner.crm_membership_ids
            active = memberships.filtered(lambda m: m.state == "active")
            partner.crm_membership_club_ids = active.mapped("club_id")
            partner.crm_membership_tier_ids = active.mapped("tier_id")
            states = sorted(memberships.mapped("state"), key=order.index)
            partner.crm_membership_state = states[0] if states else False
            partner.crm_membership_count = len(memberships)

    def _membership_partner_domain(self, field, operator, value):
        """Domain on partners from a condition on their active memberships."""
        domain = [("state", "=", "active")]
        if value is False or value is None:
            ids = self.env["crm.membership"].search(domain).mapped("partner_id").ids
            return [("id", "in" if operator == "!=" else "not in", ids)]
        negative = operator in ("not in", "!=")
        positive = {"not in": "in", "!=": "="}.get(operator, operator)
        if field == "state":
            domain = []
        memberships = self.env["crm.membership"].search(
            domain + [(field, positive, value)])
        return [("id", "not in" if negative else "in",
                 memberships.mapped("partner_id").ids)]

    @api.model
    def _search_crm_membership_club_ids(self, operator, value):
        return self._membership_partner_domain("club_id", operator, value)

    @api.model
    def _search_crm_membership_tier_ids(self, operator, value):
        return self._membership_partner_domain("tier_id", operator, value)

    @api.model
    def _search_crm_membership_state(self, operator, value):
        return self._membership_partner_domain("state", operator, value)

    @api.multi
    def action_view_crm_memberships(self):
        self.ensure_one()
        action = self.env.ref("crm_membership.crm_membership_action").read()[0]
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
