# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Members by club, tier and state: one row per membership."""
from odoo import api, fields, models

from ..models.crm_membership import STATES
from .sql_view import create_view


class CrmMembershipAnalysis(models.Model):
    _name = "crm.membership.analysis"
    _description = "Members Analysis"
    _auto = False
    _crm_customer_data = True
    _order = "club_id, id"

    membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Membership",
        readonly=True,
    )
    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        readonly=True,
    )
    tier_id = fields.Many2one(
        comodel_name="crm.membership.tier",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Member",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    state = fields.Selection(
        selection=STATES,
        readonly=True,
    )
    join_date = fields.Date(
        readonly=True,
    )
    expiry_date = fields.Date(
        readonly=True,
    )
    member_count = fields.Integer(
        string="Members",
        readonly=True,
    )
    points_balance = fields.Integer(
        string="Points",
        readonly=True,
    )
    points_value = fields.Float(
        readonly=True,
        help="Points times the club's point value, in company currency.",
    )

    def _query(self):
        return """
            SELECT m.id, m.id AS membership_id, m.club_id, m.tier_id, m.partner_id,
                   m.company_id, m.state, m.join_date, m.expiry_date,
                   1 AS member_count, m.points_balance,
                   m.points_balance * coalesce(c.point_value, 0) AS points_value
              FROM crm_membership m
              JOIN crm_membership_club c ON c.id = m.club_id
        """

    @api.model_cr
    def init(self):
        create_view(self.env.cr, self._table, self._query())
