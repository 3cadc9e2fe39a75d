# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv.expression import NEGATIVE_TERM_OPERATORS

from .crm_membership import STATES

# the partner's membership state is the best of their memberships' states
STATE_RANK = ["active", "suspended", "candidate", "expired", "cancelled"]
_RANK_SQL = 'min(CASE "crm_membership".state %s ELSE %d END)' % (
    " ".join("WHEN '%s' THEN %d" % (state, rank)
             for rank, state in enumerate(STATE_RANK[:-1])),
    len(STATE_RANK) - 1)


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
        for partner in self:
            memberships = partner.crm_membership_ids
            active = memberships.filtered(lambda m: m.state == "active")
            partner.crm_membership_club_ids = active.mapped("club_id")
            partner.crm_membership_tier_ids = active.mapped("tier_id")
            states = sorted(memberships.mapped("state"), key=STATE_RANK.index)
            partner.crm_membership_state = states[0] if states else False
            partner.crm_membership_count = len(memberships)

    @api.model
    def _crm_membership_subquery(self, domain, having=None, having_params=()):
        """``(sql, params)`` selecting the partners of the memberships matching
        ``domain`` that the user may read (access rights and record rules as a
        search of memberships), grouped by partner with ``having`` if given: a
        subquery for an ``inselect`` domain, never a list of ids."""
        Membership = self.env["crm.membership"]
        Membership.check_access_rights("read")
        query = Membership._where_calc(domain)
        Membership._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        sql = 'SELECT "crm_membership".partner_id FROM %s WHERE %s' % (
            from_clause, where_clause or "TRUE")
        if having:
            sql += ' GROUP BY "crm_membership".partner_id HAVING %s' % having
            params = list(params) + list(having_params)
        return sql, params

    @api.model
    def _crm_active_membership_domain(self, field, operator, value):
        """Domain on partners from a condition on ``field`` of their active
        memberships (clubs, tiers); a negative condition means that no active
        membership meets the positive one, ``= False`` none at all."""
        domain = [("state", "=", "active")]
        if value is False or value is None:
            negative = operator not in NEGATIVE_TERM_OPERATORS
        else:
            negative = operator in NEGATIVE_TERM_OPERATORS
            positive = {"not in": "in", "!=": "=", "not like": "like",
                        "not ilike": "ilike"}.get(operator, operator)
            domain.append((field, positive, value))
        subquery = self._crm_membership_subquery(domain)
        return [("id", "not inselect" if negative else "inselect", subquery)]

    @api.model
    def _search_crm_membership_club_ids(self, operator, value):
        return self._crm_active_membership_domain("club_id", operator, value)

    @api.model
    def _search_crm_membership_tier_ids(self, operator, value):
        return self._crm_active_membership_domain("tier_id", operator, value)

    @api.model
    def _search_crm_membership_state(self, operator, value):
        """Partners whose membership state (the best of their memberships') is or
        is not ``value``; ``= False``: partners without any membership."""
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Search the club membership state with =, !=, in or "
                              "not in."))
        values = value if isinstance(value, (list, tuple)) else [value]
        ranks = [STATE_RANK.index(state) for state in values if state in STATE_RANK]
        without = [("id", "not inselect", self._crm_membership_subquery([]))] \
            if False in values or None in values else []
        ranked = [("id", "inselect", self._crm_membership_subquery(
            [], having=_RANK_SQL + " = ANY(%s)", having_params=[ranks]))] \
            if ranks else []
        # the partners whose state is one of the values (False: no membership)
        domain = ["|"] + ranked + without if ranked and without \
            else ranked or without or [(0, "=", 1)]
        if operator in NEGATIVE_TERM_OPERATORS:
            domain = ["!"] + domain
        return domain

    @api.multi
    def action_view_crm_memberships(self):
        self.ensure_one()
        action = self.env.ref("crm_membership.crm_membership_action").read()[0]
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
