# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models

from ..logic.tiers import direction, review
from .crm_membership_points import EARNED_POINTS_SQL

_EARNED_SQL = """
SELECT m.id, m.tier_id, coalesce(e.total, 0)
  FROM crm_membership m
  LEFT JOIN (SELECT p.membership_id, sum(%s) AS total
               FROM crm_membership_points p
              WHERE p.club_id = %%(club)s
                AND p.date > %%(since)s AND p.date <= %%(ref)s
              GROUP BY p.membership_id) e ON e.membership_id = m.id
 WHERE m.club_id = %%(club)s AND m.state = 'active'
""" % EARNED_POINTS_SQL.format(line="p")
_APPLY_SQL = """
WITH change AS (
    SELECT * FROM unnest(%(ids)s::int[], %(old)s::int[], %(new)s::int[],
                         %(value)s::float[], %(direction)s::varchar[])
                   AS c(membership_id, old_id, new_id, value, direction)
), hist AS (
    INSERT INTO crm_membership_tier_history
           (membership_id, club_id, company_id, partner_id, date, old_tier_id,
            new_tier_id, value, basis, direction, create_uid, create_date, write_uid,
            write_date)
    SELECT c.membership_id, %(club)s, %(company)s, m.partner_id, %(ref)s, c.old_id,
           c.new_id, c.value, %(basis)s, c.direction,
           %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
      FROM change c
      JOIN crm_membership m ON m.id = c.membership_id
)
UPDATE crm_membership m SET tier_id = change.new_id,
       write_uid = %(uid)s, write_date = now() at time zone 'UTC'
  FROM change WHERE m.id = change.membership_id
"""


class CrmMembershipTierHistory(models.Model):
    _name = "crm.membership.tier.history"
    _description = "Tier Change"
    _crm_customer_data = True
    _order = "date desc, id desc"

    membership_id = fields.Many2one(
        comodel_name="crm.membership",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="club_id.company_id",
        store=True,
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Member",
        readonly=True,
        index=True,
    )
    date = fields.Date(
        required=True,
        readonly=True,
    )
    old_tier_id = fields.Many2one(
        comodel_name="crm.membership.tier",
        string="From",
        readonly=True,
        ondelete="set null",
    )
    new_tier_id = fields.Many2one(
        comodel_name="crm.membership.tier",
        string="To",
        readonly=True,
        ondelete="set null",
    )
    value = fields.Float(
        readonly=True,
        help="Points earned or spend over the 12 months before the review.",
    )
    basis = fields.Selection(
        selection=[("points", "Points"), ("spend", "Spend")],
        readonly=True,
    )
    direction = fields.Selection(
        selection=[("up", "Upgrade"), ("down", "Downgrade")],
        readonly=True,
    )

    @api.model
    def _review(self, ref_date=None):
        """Move every active member to the tier their points earned (or their
        spend) over the 12 months up to ``ref_date`` reach; log each change.
        Set-based per club and idempotent. Returns the number of changes."""
        ref = fields.Date.from_string(ref_date or fields.Date.context_today(self))
        since = ref - timedelta(days=365)
        cr = self.env.cr
        total = 0
        for club in self.env["crm.membership.club"].search([("tier_ids", "!=", False)]):
            tiers = [(tier.id, tier.sequence, tier._threshold())
                     for tier in club.tier_ids]
            params = {"club": club.id, "ref": ref, "since": since}
            cr.execute(_EARNED_SQL, params)
            rows = cr.fetchall()
            if club.tier_basis == "spend":
                cr.execute("""
                    SELECT m.id, p.commercial_partner_id
                      FROM crm_membership m
                      JOIN res_partner p ON p.id = m.partner_id
                     WHERE m.id = ANY(%s)
                """, ([row[0] for row in rows],))
                commercial = dict(cr.fetchall())
                revenue = self.env["res.partner"]._crm_customer_revenue(
                    since + timedelta(days=1), ref, club.company_id,
                    partner_ids=list(set(commercial.values())))
                rows = [(member_id, tier_id,
                         revenue.get(commercial[member_id], 0.0))
                        for member_id, tier_id, _points in rows]
            changes = review(rows, tiers)
            if not changes:
                continue
            cr.execute(_APPLY_SQL, {
                "ids": [c[0] for c in changes], "old": [c[1] for c in changes],
                "new": [c[2] for c in changes], "value": [float(c[3]) for c in changes],
                "direction": [direction(tiers, c[1], c[2]) for c in changes],
                "club": club.id, "company": club.company_id.id, "ref": ref,
                "basis": club.tier_basis,
                "uid": self.env.uid,
            })
            total += len(changes)
        if total:
            self.env["crm.membership"].invalidate_cache(["tier_id", "tier_history_ids"])
        return total

    @api.multi
    def name_get(self):
        return [(change.id, _("%(member)s: %(old)s to %(new)s") % {
            "member": change.membership_id.name,
            "old": change.old_tier_id.name or "-",
            "new": change.new_tier_id.name or "-"}) for change in self]
