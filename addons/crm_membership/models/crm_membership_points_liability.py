# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The points liability per club at a date."""
from odoo import api, models

from .crm_membership_points import _day


class CrmMembershipPoints(models.Model):
    _inherit = "crm.membership.points"

    # ------------------------------------------------------------ liability
    @api.model
    def _liability(self, date, club_ids=None):
        """Outstanding points and their value per club at the end of ``date``:
        ``{club_id: (points, amount)}`` (value in the company's currency).

        The points still usable on ``date``: every grant dated on or before it
        less what debits dated on or before it took (first in first out), less
        what is left of the grants whose expiry date is on or before it, whether
        the expiry job has run or not. The ledger's sum up to the date holds the
        first two; a grant expired on the date but not yet by the job still has
        its points left (no debit after its expiry date can have taken from it),
        and those are subtracted. Points members owe (debits their grants could
        not cover) are no negative liability: they are added back as they stood
        at the date. Three aggregates, one statement."""
        date = _day(date)
        self.env.cr.execute("""
            SELECT c.id, coalesce(l.total, 0) - coalesce(x.lapsed, 0)
                         + coalesce(d.owed, 0)
              FROM crm_membership_club c
              LEFT JOIN (SELECT club_id, sum(points) AS total
                           FROM crm_membership_points
                          WHERE date <= %(date)s
                          GROUP BY club_id) l ON l.club_id = c.id
              LEFT JOIN (SELECT club_id, sum(points_remaining) AS lapsed
                           FROM crm_membership_points
                          WHERE points_remaining > 0 AND expiry_date <= %(date)s
                          GROUP BY club_id) x ON x.club_id = c.id
              LEFT JOIN (SELECT p.club_id,
                                sum(p.points_unsettled) + coalesce(sum((
                                    SELECT sum(a.points)
                                      FROM crm_membership_points_allocation a
                                      JOIN crm_membership_points g
                                        ON g.id = a.grant_id
                                     WHERE a.debit_id = p.id
                                       AND g.date > %(date)s)), 0) AS owed
                           FROM crm_membership_points p
                          WHERE p.date <= %(date)s AND p.points < 0
                            AND (p.points_unsettled > 0 OR EXISTS (
                                SELECT 1 FROM crm_membership_points_allocation a
                                  JOIN crm_membership_points g ON g.id = a.grant_id
                                 WHERE a.debit_id = p.id AND g.date > %(date)s))
                          GROUP BY p.club_id) d ON d.club_id = c.id
             WHERE %(all)s OR c.id = ANY(%(clubs)s)
        """, {"date": date, "all": club_ids is None, "clubs": list(club_ids or [])})
        rows = self.env.cr.fetchall()
        clubs = self.env["crm.membership.club"].browse([row[0] for row in rows])
        # the value of a point on that date
        values = {club.id: club._point_value_at(date) for club in clubs}
        return {club_id: (int(points), round(points * values[club_id], 2))
                for club_id, points in rows}
