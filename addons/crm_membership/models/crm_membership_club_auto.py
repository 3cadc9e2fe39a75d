# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Automatic clubs: the nightly enrolment, one INSERT ... SELECT per club."""
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

# The customers the rule selects who never were members of the club, numbered in
# partner order. {candidates}, {numbers} (a CTE reserving numbers, or nothing) and
# {from_numbers} are SQL of this module; {number} is the member number of a row of
# ``fresh`` (an expression over ``fresh.n``), formatted as ir.sequence does: prefix,
# number padded with zeros, suffix.
_ENROL_SQL = """
WITH candidates AS (
    {candidates}
), fresh AS (
    SELECT c.partner_id, row_number() OVER (ORDER BY c.partner_id) AS n
      FROM (SELECT DISTINCT partner_id FROM candidates) c
     WHERE NOT EXISTS (SELECT 1 FROM crm_membership m
                        WHERE m.club_id = %(club)s AND m.partner_id = c.partner_id)
){numbers}
INSERT INTO crm_membership
       (name, club_id, company_id, partner_id, state, join_date, points_balance,
        referral_rewarded, create_uid, create_date, write_uid, write_date)
SELECT %(prefix)s
       || lpad(num::text, greatest(%(padding)s, length(num::text)), '0')
       || %(suffix)s,
       %(club)s, %(company)s, partner_id, 'active', %(date)s, 0, false,
       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
  FROM (SELECT fresh.partner_id, {number} AS num
          FROM fresh{from_numbers}
         ORDER BY fresh.n) numbered
    ON CONFLICT (club_id, partner_id) WHERE state IN %(open)s DO NOTHING
RETURNING id
"""
# a 'no gap' sequence: the block of numbers is reserved by one update of its row
# (which locks it until the end of the transaction, as ir.sequence does)
_NO_GAP_NUMBERS = """, reserved AS (
    UPDATE {table} s
       SET number_next = s.number_next
                         + %(step)s * (SELECT count(*) FROM fresh)
     WHERE s.id = %(counter)s
 RETURNING s.number_next - %(step)s * (SELECT count(*) FROM fresh) AS first
)
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
    def _member_numbering(self):
        """How the enrolment numbers new members from the club's sequence, exactly
        as ``ir.sequence`` would (same counter, prefix, padding and suffix): a dict
        of the SQL pieces of ``_ENROL_SQL`` (``cte``, ``table`` of the counter row,
        ``from``, ``number``), their ``params`` and the ``counter`` (the sequence,
        or its date range of today).

        A 'standard' sequence draws ``nextval`` of its PostgreSQL sequence (the
        one of today's date range when it has date ranges); a 'no gap' one reserves
        the block of numbers on its row."""
        self.ensure_one()
        # sudo: the club's member numbers are drawn whoever runs the enrolment
        sequence = self.sequence_id.sudo()
        counter = sequence._get_current_sequence()
        dated = counter._name == "ir.sequence.date_range"
        if dated:
            sequence = sequence.with_context(ir_sequence_date_range=counter.date_from)
        prefix, suffix = sequence._get_prefix_suffix()
        numbering = {
            "counter": counter,
            "table": "ir_sequence_date_range" if dated else "ir_sequence",
            "params": {"prefix": prefix, "suffix": suffix,
                       "padding": sequence.padding},
        }
        if sequence.implementation == "standard":
            numbering["params"]["pg_sequence"] = \
                "ir_sequence_%03d_%03d" % (sequence.id, counter.id) if dated \
                else "ir_sequence_%03d" % sequence.id
            numbering.update(cte="", number="nextval(%(pg_sequence)s::regclass)")
            numbering["from"] = ""
        else:
            numbering["params"].update(step=sequence.number_increment,
                                       counter=counter.id)
            numbering.update(cte=_NO_GAP_NUMBERS,
                             number="reserved.first + (fresh.n - 1) * %(step)s")
            numbering["from"] = ", reserved"
        return numbering

    @api.multi
    def _auto_enrol(self, date):
        """Enrol as active members, joining on ``date``, the customers the club's
        rule selects and who never were members of it: one statement, whatever
        their number. Idempotent; a concurrent run enrols nobody twice (the
        database's one-open-membership index). Returns the new memberships' ids."""
        self.ensure_one()
        candidates = self._auto_partner_query()
        if not candidates:
            return []
        candidates_sql, params = candidates
        numbering = self._member_numbering()
        params = dict(params, **numbering["params"])
        params.update(club=self.id, company=self.company_id.id, date=date,
                      uid=self.env.uid, open=OPEN_STATES)
        # the SQL pieces are this module's constants, the values parameters
        self.env.cr.execute(sql.SQL(_ENROL_SQL).format(
            candidates=sql.SQL(candidates_sql),
            numbers=sql.SQL(numbering["cte"]).format(
                table=sql.Identifier(numbering["table"])),
            number=sql.SQL(numbering["number"]),
            from_numbers=sql.SQL(numbering["from"])), params)
        ids = [row[0] for row in self.env.cr.fetchall()]
        # a 'no gap' counter moved on in the database
        counter = numbering["counter"]
        counter.invalidate_cache(["number_next"], counter.ids)
        return ids
