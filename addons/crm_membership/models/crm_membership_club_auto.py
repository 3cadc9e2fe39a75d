# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Automatic clubs: the nightly enrolment, one INSERT per club, the member
numbers drawn from the club's sequence through Odoo's sequence API."""
from psycopg2 import sql

from odoo import api, models

from .crm_membership import OPEN_STATES

_BUYERS_SQL = """
SELECT DISTINCT p.commercial_partner_id AS partner_id
  FROM sale_order_line l
  JOIN sale_order o ON o.id = l.order_id
  JOIN res_partner p ON p.id = o.partner_id
  JOIN product_product pp ON pp.id = l.product_id
  JOIN product_template pt ON pt.id = pp.product_tmpl_id
 WHERE o.state IN ('sale', 'done')
   AND o.company_id = %(company)s
   AND pt.categ_id = ANY(%(categories)s)
"""
_VALUE_TIER_SQL = """
SELECT partner_id FROM crm_lifecycle_profile
 WHERE company_id = %(company)s AND value_tier = ANY(%(tiers)s)
"""
# value tiers from the best down
_TIERS = ["a", "b", "c"]

# The customers the rule selects who never were members of the club, in partner
# order. {candidates} is SQL of this module.
_FRESH_SQL = """
WITH candidates AS (
    {candidates}
)
SELECT DISTINCT c.partner_id
  FROM candidates c
 WHERE NOT EXISTS (SELECT 1 FROM crm_membership m
                    WHERE m.club_id = %(club)s AND m.partner_id = c.partner_id)
 ORDER BY c.partner_id
"""
# the new members with the numbers drawn for them, in one statement
_ENROL_SQL = """
INSERT INTO crm_membership
       (name, club_id, company_id, partner_id, state, join_date, points_balance,
        referral_rewarded, create_uid, create_date, write_uid, write_date)
SELECT fresh.number, %(club)s, %(company)s, fresh.partner_id, 'active', %(date)s, 0,
       false, %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
  FROM unnest(%(partners)s::int[], %(numbers)s::varchar[]) AS fresh(partner_id, number)
    ON CONFLICT (club_id, partner_id) WHERE state IN %(open)s DO NOTHING
RETURNING id
"""


class CrmMembershipClub(models.Model):
    _inherit = "crm.membership.club"

    @api.multi
    def _auto_partner_query(self):
        """``(sql, params)`` of the commercial partners (column ``partner_id``) the
        club's automatic rule selects, or None when it selects nobody."""
        self.ensure_one()
        if self.auto_rule == "buyer" and self.auto_category_id:
            categories = self.env["product.category"].search(
                [("id", "child_of", self.auto_category_id.id)])
            return _BUYERS_SQL, {"company": self.company_id.id,
                                 "categories": categories.ids}
        if self.auto_rule == "value_tier" and self.auto_value_tier:
            wanted = _TIERS[:_TIERS.index(self.auto_value_tier) + 1]
            return _VALUE_TIER_SQL, {"company": self.company_id.id, "tiers": wanted}
        return None

    @api.multi
    def _auto_enrol(self, date):
        """Enrol as active members, joining on ``date``, the customers the club's
        rule selects and who never were members of it: one query selects them,
        each gets the next number of the club's sequence (Odoo's sequence API,
        which keeps 'no gap' sequences without gaps), one statement enrols them
        all. Idempotent; a concurrent run enrols nobody twice (the
        database's one-open-membership index). Returns the new memberships' ids."""
        self.ensure_one()
        candidates = self._auto_partner_query()
        if not candidates:
            return []
        candidates_sql, params = candidates
        params = dict(params, club=self.id)
        # the SQL pieces are this module's constants, the values parameters
        self.env.cr.execute(sql.SQL(_FRESH_SQL).format(
            candidates=sql.SQL(candidates_sql)), params)
        partners = [row[0] for row in self.env.cr.fetchall()]
        if not partners:
            return []
        # member numbers from Odoo's sequence API, as a member typed in gets them
        numbers = [self._next_member_number() for _partner in partners]
        self.env.cr.execute(_ENROL_SQL, {
            "club": self.id, "company": self.company_id.id, "date": date,
            "uid": self.env.uid, "open": OPEN_STATES, "partners": partners,
            "numbers": numbers})
        ids = [row[0] for row in self.env.cr.fetchall()]
        return ids
