# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Joins, renewals and churn: one row per event, dated.

- join: the membership's join date;
- renewal: each paid period that starts after the join date;
- churn: an expired membership on the day after its expiry date, a cancelled one on
  the day it was last changed.
"""
from odoo import api, fields, models

from .sql_view import create_view

EVENTS = [
    ("join", "Join"),
    ("renewal", "Renewal"),
    ("churn", "Churn"),
]


class CrmMembershipMovementReport(models.Model):
    _name = "crm.membership.movement.report"
    _description = "Joins, Renewals and Churn"
    _auto = False
    _crm_customer_data = True
    _order = "date desc"

    date = fields.Date(
        readonly=True,
    )
    event_type = fields.Selection(
        selection=EVENTS,
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
    event_count = fields.Integer(
        string="Events",
        readonly=True,
    )

    def _query(self):
        return """
            SELECT row_number() OVER () AS id, e.*
              FROM (
                SELECT m.join_date AS date, 'join'::varchar AS event_type,
                       m.id AS membership_id, m.club_id, m.tier_id, m.partner_id,
                       m.company_id, 1 AS event_count
                  FROM crm_membership m
                 WHERE m.join_date IS NOT NULL
                UNION ALL
                SELECT l.date_from, 'renewal', m.id, m.club_id, m.tier_id,
                       m.partner_id, m.company_id, 1
                  FROM membership_membership_line l
                  JOIN crm_membership m ON m.id = l.crm_membership_id
                 WHERE l.crm_period_state = 'paid' AND l.date_from > m.join_date
                UNION ALL
                SELECT CASE WHEN m.state = 'expired' AND m.expiry_date IS NOT NULL
                            THEN m.expiry_date + 1
                            ELSE m.write_date::date END,
                       'churn', m.id, m.club_id, m.tier_id, m.partner_id,
                       m.company_id, 1
                  FROM crm_membership m
                 WHERE m.state IN ('expired', 'cancelled')
              ) e
        """

    @api.model_cr
    def init(self):
        create_view(self.env.cr, self._table, self._query())
