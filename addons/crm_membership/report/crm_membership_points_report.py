# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Points earned, redeemed, expired and outstanding: one row per ledger line.

``points`` summed up to a date is the balance of the ledger at that date (the
points liability at a date also leaves out grants expired but not yet by the
nightly job); ``points_earned`` counts grants and refunds taken back (negative),
``points_redeemed`` and ``points_expired`` are positive figures of what left
(redemptions given back count as negative redemptions).
"""
from odoo import api, fields, models

from ..models.crm_membership_points import EARNED_POINTS_SQL, ORIGINS
from .sql_view import create_view


class CrmMembershipPointsReport(models.Model):
    _name = "crm.membership.points.report"
    _description = "Points Analysis"
    _auto = False
    _order = "date desc"
    _crm_customer_data = True

    date = fields.Date(
        readonly=True,
    )
    origin = fields.Selection(
        selection=ORIGINS,
        readonly=True,
    )
    membership_id = fields.Many2one(
        comodel_name="crm.membership",
        readonly=True,
    )
    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
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
    points = fields.Integer(
        string="Net Points",
        readonly=True,
        help="Net ledger points; summed up to a date, the points on the ledger at "
             "that date. The points liability also leaves out grants past their "
             "expiry date that the nightly expiry has not processed yet.",
    )
    points_earned = fields.Integer(
        readonly=True,
    )
    points_redeemed = fields.Integer(
        readonly=True,
    )
    points_expired = fields.Integer(
        readonly=True,
    )
    value = fields.Float(
        readonly=True,
        help="Net points times the club's point value, in company currency.",
    )

    def _query(self):
        return """
            SELECT p.id, p.date, p.origin, p.membership_id, p.club_id, p.partner_id,
                   p.company_id, p.points,
                   %s AS points_earned,
                   CASE WHEN p.origin IN ('redemption', 'reversal')
                          OR (p.origin = 'adjustment' AND p.points < 0)
                        THEN -p.points ELSE 0 END AS points_redeemed,
                   CASE WHEN p.origin = 'expiry' THEN -p.points ELSE 0 END
                        AS points_expired,
                   p.points * coalesce(c.point_value, 0) AS value
              FROM crm_membership_points p
              JOIN crm_membership_club c ON c.id = p.club_id
        """ % EARNED_POINTS_SQL.format(line="p")

    @api.model_cr
    def init(self):
        create_view(self.env.cr, self._table, self._query())
