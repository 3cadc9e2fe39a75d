# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Points expiry: first in first out, on the grants' expiry dates (the nightly
job, in batches), or at once when a membership is cancelled."""
from odoo import _, api, fields, models

from ..logic import fifo
from .crm_membership_points import _day

# members expired per batch of the nightly job, each batch locking only members
# no redemption holds (SKIP LOCKED): the others are caught by the next batch or
# the next night, or by their own next debit, which expires first
EXPIRY_BATCH = 200

_EXPIRE_BATCH_SQL = """
SELECT m.id FROM crm_membership m
 WHERE m.id IN (SELECT p.membership_id FROM crm_membership_points p
                 WHERE p.points_remaining > 0 AND p.expiry_date <= %(ref)s)
 ORDER BY m.id
 LIMIT %(limit)s
   FOR UPDATE SKIP LOCKED
"""
_EXPIRE_SQL = """
WITH due AS (
    SELECT p.id, p.membership_id, p.club_id, p.company_id, p.partner_id,
           p.points_remaining, p.expiry_date
      FROM crm_membership_points p
     WHERE p.points_remaining > 0 AND p.expiry_date <= %(ref)s
       AND p.membership_id = ANY(%(ids)s)
), ins AS (
    INSERT INTO crm_membership_points
           (membership_id, club_id, company_id, partner_id, date, points,
            points_remaining, origin, name, expired_grant_id,
            create_uid, create_date, write_uid, write_date)
    SELECT membership_id, club_id, company_id, partner_id, expiry_date,
           -points_remaining, 0, 'expiry', %(label)s, id,
           %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
      FROM due
), spent AS (
    UPDATE crm_membership_points p SET points_remaining = 0
      FROM due WHERE p.id = due.id
)
UPDATE crm_membership m SET points_balance = coalesce(m.points_balance, 0) - s.total
  FROM (SELECT membership_id, sum(points_remaining) AS total
          FROM due GROUP BY membership_id) s
 WHERE m.id = s.membership_id
"""


class CrmMembershipPoints(models.Model):
    _inherit = "crm.membership.points"

    @api.model
    def _expire_all(self, membership, date, name):
        """Expire every point a locked member still holds on ``date`` (a
        cancelled membership of a club whose points then expire)."""
        self.env.cr.execute("""
            SELECT id, date, points_remaining, expiry_date
              FROM crm_membership_points
             WHERE membership_id = %s AND points_remaining > 0 AND date <= %s
        """, (membership.id, date))
        available = sum(lot[2] for lot in fifo.live_lots(
            self.env.cr.fetchall(), _day(date)))
        if available > 0:
            return self._debit(membership, available, "expiry", date, name)
        return self.browse()

    @api.model
    def _expire(self, ref_date, memberships):
        """Expire what is left of the grants of locked ``memberships`` whose expiry
        date is reached, one expiry line per grant dated on its expiry date.
        Set-based and idempotent. Returns the number of members concerned."""
        if not memberships:
            return 0
        self.env.cr.execute(_EXPIRE_SQL, {
            "ref": ref_date, "ids": memberships.ids,
            "uid": self.env.uid, "label": _("Points expired"),
        })
        count = self.env.cr.rowcount
        self.invalidate_cache()
        self.env["crm.membership"].invalidate_cache(["points_balance"])
        return count

    @api.model
    def _expire_batch(self, ref_date, limit=EXPIRY_BATCH):
        """Expire the due grants of at most ``limit`` members, locking only those
        no other transaction holds (a member redeeming now is skipped, never waited
        for). Returns the number of members done."""
        self.env.cr.execute(_EXPIRE_BATCH_SQL, {"ref": ref_date, "limit": limit})
        members = self.env["crm.membership"].browse(
            [row[0] for row in self.env.cr.fetchall()])
        self._expire(ref_date, members)
        return len(members)

    @api.model
    def _cron_expire_points(self, ref_date=None, limit=EXPIRY_BATCH,
                            autocommit=False):
        """The nightly expiry, in batches of ``limit`` members. With
        ``autocommit`` (the scheduled job) each batch is committed, so no member
        stays locked longer than one batch; members locked by a redemption are
        skipped and caught the next night (or expire at their next debit)."""
        ref = ref_date or fields.Date.context_today(self)
        total = 0
        while True:
            done = self._expire_batch(ref, limit)
            total += done
            if autocommit and done:
                # the scheduled job only: releases this batch's members
                self.env.cr.commit()  # pylint: disable=invalid-commit
            if done < limit:
                return total
