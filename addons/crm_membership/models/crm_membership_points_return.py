# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Points of redemptions given back (quotation cancelled or deleted, points line
removed), once each."""
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

from .crm_membership_points import _day

# the points a redemption took go back to their grants; those whose grant has
# expired since expire again at once, dated the day of the return
_RETURN_SQL = """
WITH taken AS (
    SELECT a.grant_id, a.points, g.expiry_date,
           g.expiry_date IS NOT NULL AND g.expiry_date <= %(day)s AS lapsed
      FROM crm_membership_points_allocation a
      JOIN crm_membership_points g ON g.id = a.grant_id
     WHERE a.debit_id = %(debit)s
), back AS (
    UPDATE crm_membership_points g
       SET points_remaining = g.points_remaining + taken.points
      FROM taken WHERE g.id = taken.grant_id AND NOT taken.lapsed
), lapsed AS (
    INSERT INTO crm_membership_points
           (membership_id, club_id, company_id, partner_id, date, points,
            points_remaining, origin, name, expired_grant_id, user_id,
            create_uid, create_date, write_uid, write_date)
    SELECT %(member)s, %(club)s, %(company)s, %(partner)s, %(day)s, -taken.points,
           0, 'expiry', %(label)s, taken.grant_id, %(uid)s,
           %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
      FROM taken WHERE taken.lapsed
)
SELECT coalesce(sum(points), 0), coalesce(sum(points) FILTER (WHERE lapsed), 0)
  FROM taken
"""


class CrmMembershipPoints(models.Model):
    _inherit = "crm.membership.points"

    @api.model
    def _return_redemptions(self, redemptions, date, name):
        """Give the points of ``redemptions`` back, once each: a reversal line per
        redemption, the points back on the grants they were taken from. Points
        whose grant has expired in the meantime expire again, on ``date``.
        Redemptions already returned are skipped. Returns the reversal lines."""
        date = _day(date)
        # the ledger is read and written whoever cancels the quotation
        Ledger = self.sudo().with_context(crm_membership_ledger=True)
        redemptions = Ledger.browse(redemptions.ids).filtered(
            lambda line: line.origin == "redemption")
        if not redemptions:
            return self.browse()
        self._lock(redemptions.mapped("membership_id"))
        returned = Ledger.search([("origin", "=", "reversal"),
                                  ("reversed_line_id", "in", redemptions.ids)])
        reversals = self.browse()
        for redemption in redemptions - returned.mapped("reversed_line_id"):
            membership = redemption.membership_id
            vals = self._line_vals(membership, -redemption.points, "reversal", date,
                                   name, {"reversed_line_id": redemption.id,
                                          "sale_order_id": redemption.sale_order_id.id})
            reversal = Ledger.create(vals)
            self.env.cr.execute(_RETURN_SQL, {
                "debit": redemption.id, "day": date, "member": membership.id,
                "club": membership.club_id.id, "company": membership.company_id.id,
                "partner": membership.partner_id.id, "uid": self.env.uid,
                "label": _("Points expired (returned after their expiry date)"),
            })
            allocated, lapsed = self.env.cr.fetchone()
            # points taken before their grants were recorded come back as a grant
            unallocated = -redemption.points - allocated
            if unallocated:
                months = membership.club_id.points_validity_months
                reversal.write({
                    "points_remaining": unallocated,
                    "expiry_date": fields.Date.to_string(
                        fields.Date.from_string(date) + relativedelta(months=months))
                    if months else False,
                })
            self._add_to_balance(membership, -redemption.points - lapsed)
            reversals |= self.browse(reversal.id)
        self.invalidate_cache()
        return reversals
