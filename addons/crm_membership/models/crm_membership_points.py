# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The points ledger and the only code that writes it.

Every write of a member's points happens with the member's row locked
(``SELECT ... FOR UPDATE``), so two workers never spend the same points; the
stored balance of the member equals the sum of the ledger and the sum of what is
left of the grants (first in, first out).
"""
import datetime

from dateutil.relativedelta import relativedelta
import psycopg2
from psycopg2 import errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..logic import fifo

ORIGINS = [
    ("order", "Sale order"),
    ("invoice", "Invoice"),
    ("refund", "Refund"),
    ("adjustment", "Manual adjustment"),
    ("redemption", "Redemption"),
    ("expiry", "Expiry"),
    ("referral", "Referral bonus"),
    ("reversal", "Redemption reversal"),
]
INVOICE_ORIGINS = ("order", "invoice", "refund")
# The one definition of the points a ledger line earned, used by the tier review
# and the points analysis: purchases, their refunds (negative) and referral
# bonuses (taken back: negative), and positive manual adjustments. A negative
# adjustment takes points away like a redemption: it is no negative earning.
EARNED_POINTS_SQL = """
    CASE WHEN {line}.origin IN ('order', 'invoice', 'refund', 'referral')
           OR ({line}.origin = 'adjustment' AND {line}.points > 0)
         THEN {line}.points ELSE 0 END"""
# members expired per batch of the nightly job, each batch locking only members
# no redemption holds (SKIP LOCKED): the others are caught by the next batch or
# the next night, or by their own next debit, which expires first
EXPIRY_BATCH = 200

_TAKE_SQL = """
WITH taken AS (
    SELECT * FROM unnest(%(ids)s::int[], %(taken)s::int[]) AS t(grant_id, points)
), spent AS (
    UPDATE crm_membership_points p
       SET points_remaining = p.points_remaining - taken.points
      FROM taken WHERE p.id = taken.grant_id
)
INSERT INTO crm_membership_points_allocation
       (debit_id, grant_id, membership_id, company_id, points,
        create_uid, create_date, write_uid, write_date)
SELECT %(debit)s, grant_id, %(member)s, %(company)s, points,
       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
  FROM taken
"""
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
    _name = "crm.membership.points"
    _inherit = "crm.input.validation.mixin"
    _description = "Points Ledger Line"
    _order = "date desc, id desc"
    _crm_customer_data = True

    membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        readonly=True,
        index=True,
    )
    date = fields.Date(
        required=True,
        readonly=True,
        index=True,
    )
    points = fields.Integer(
        required=True,
        readonly=True,
        help="Points added (positive) or taken (negative).",
    )
    points_remaining = fields.Integer(
        string="Points Left",
        readonly=True,
        help="What is left of a grant after redemptions and refunds (first in, "
             "first out).",
    )
    points_unsettled = fields.Integer(
        string="Points Owed",
        readonly=True,
        help="What a debit could not take because the member no longer had the "
             "points (spent before a refund): the member owes them, and their next "
             "earnings settle the debt first.",
    )
    origin = fields.Selection(
        selection=ORIGINS,
        required=True,
        readonly=True,
        index=True,
    )
    name = fields.Char(
        string="Description",
        readonly=True,
        help="What the line is for; the reason of a manual adjustment.",
    )
    expiry_date = fields.Date(
        readonly=True,
        index=True,
        help="The points of this grant expire on this date.",
    )
    multiplier = fields.Float(
        readonly=True,
        help="Tier multiplier applied to the points earned by an invoice.",
    )
    invoice_id = fields.Many2one(
        comodel_name="account.invoice",
        readonly=True,
        index=True,
        ondelete="set null",
    )
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        readonly=True,
        ondelete="set null",
    )
    referral_membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Referred Member",
        readonly=True,
        ondelete="set null",
    )
    expired_grant_id = fields.Many2one(
        comodel_name="crm.membership.points",
        string="Expired Grant",
        readonly=True,
        ondelete="set null",
    )
    reversed_line_id = fields.Many2one(
        comodel_name="crm.membership.points",
        string="Returned Redemption",
        readonly=True,
        index=True,
        ondelete="cascade",
        help="The redemption whose points this line gave back.",
    )
    reversal_line_ids = fields.One2many(
        comodel_name="crm.membership.points",
        inverse_name="reversed_line_id",
        string="Returned By",
        readonly=True,
    )
    allocation_ids = fields.One2many(
        comodel_name="crm.membership.points.allocation",
        inverse_name="debit_id",
        string="Taken From",
        readonly=True,
        help="The grants this debit took its points from (first in, first out).",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Recorded By",
        readonly=True,
        default=lambda self: self.env.user,
    )

    @api.model_cr
    def init(self):
        cr = self.env.cr
        # a referral bonus is given once per referred member, and taken back
        # once, whatever the workers
        cr.execute("""
            SELECT indexdef FROM pg_indexes
             WHERE indexname = 'crm_membership_points_referral_once'
        """)
        row = cr.fetchone()
        if row and "points > 0" not in row[0]:
            cr.execute("DROP INDEX crm_membership_points_referral_once")
        cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS crm_membership_points_referral_once
                ON crm_membership_points (referral_membership_id, (points > 0))
             WHERE origin = 'referral'
        """)
        # a redemption's points are given back once, whatever the workers
        cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS crm_membership_points_reversal_once
                ON crm_membership_points (reversed_line_id)
             WHERE origin = 'reversal'
        """)
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_membership_points_open_lots
                ON crm_membership_points (membership_id, expiry_date)
             WHERE points_remaining > 0
        """)

    @api.model
    def create(self, vals):
        if not self.env.context.get("crm_membership_ledger"):
            raise UserError(_(
                "Points are recorded through the member's actions (adjust, "
                "redeem), never typed into the ledger."))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_ledger_change()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._check_ledger_change()
        return super().unlink()

    def _check_ledger_change(self):
        if not self.env.context.get("crm_membership_ledger"):
            raise UserError(_("The points ledger cannot be changed: record an "
                              "adjustment instead."))

    # ------------------------------------------------------------ locking
    @api.model
    def _lock(self, memberships, nowait=False):
        """Lock the members' rows until the end of the transaction. With
        ``nowait`` a member already locked by another worker gives a clear error at
        once instead of a wait."""
        if not memberships:
            return
        try:
            with self.env.cr.savepoint():
                if nowait:
                    # an expected refusal under contention: not an ERROR of the log
                    self.env.cr.execute("""
                        SELECT id FROM crm_membership WHERE id = ANY(%s)
                         ORDER BY id FOR UPDATE NOWAIT
                    """, (memberships.ids,), log_exceptions=False)
                else:
                    self.env.cr.execute("""
                        SELECT id FROM crm_membership WHERE id = ANY(%s)
                         ORDER BY id FOR UPDATE
                    """, (memberships.ids,))
        except psycopg2.OperationalError as error:
            if error.pgcode == errorcodes.LOCK_NOT_AVAILABLE:
                raise UserError(_(
                    "The points of %s are being changed by another operation; "
                    "try again in a moment.") % ", ".join(memberships.mapped("name")))
            raise

    def _add_to_balance(self, membership, points):
        self.env.cr.execute("""
            UPDATE crm_membership SET points_balance = coalesce(points_balance, 0) + %s
             WHERE id = %s
        """, (points, membership.id))
        membership.invalidate_cache(["points_balance", "points_line_ids"],
                                    membership.ids)

    # ------------------------------------------------------------ posting
    def _line_vals(self, membership, points, origin, date, name, extra):
        # recorded by the user of the operation, although written as superuser
        vals = {
            "user_id": self.env.uid,
            "membership_id": membership.id,
            "club_id": membership.club_id.id,
            "company_id": membership.company_id.id,
            "partner_id": membership.partner_id.id,
            "date": date,
            "points": points,
            "origin": origin,
            "name": name,
        }
        vals.update(extra)
        return vals

    @api.model
    def _grant(self, membership, points, origin, date, name=None, **extra):
        """Add ``points`` (> 0) to a locked member; they expire after the club's
        validity."""
        date = _day(date)
        club = membership.club_id
        months = club.points_validity_months or club.dormant_months
        expiry = fields.Date.to_string(fields.Date.from_string(date) + relativedelta(
            months=months)) if months else False
        if expiry and not club.points_validity_months:
            # points without validity expire after the member's idle months: a
            # new grant moves the date of their open grants on
            self.env.cr.execute("""
                UPDATE crm_membership_points SET expiry_date = %s
                 WHERE membership_id = %s AND points_remaining > 0
                   AND (expiry_date IS NULL OR expiry_date < %s)
            """, (expiry, membership.id, expiry))
            self.invalidate_cache(["expiry_date"])
        vals = self._line_vals(membership, points, origin, date, name, extra)
        vals.update(points_remaining=points, expiry_date=expiry)
        # nobody has create rights on the ledger: only these private methods write
        # it, as superuser; the line is returned in the caller's environment
        line = self.browse(
            self.sudo().with_context(crm_membership_ledger=True).create(vals).id)
        self._add_to_balance(membership, points)
        self._settle_debts(membership, line)
        return line

    def _settle_debts(self, membership, grant):
        """The points a locked member owes (debits they could not cover) are
        taken from ``grant`` first, oldest debt first."""
        cr = self.env.cr
        cr.execute("""
            SELECT id, points_unsettled FROM crm_membership_points
             WHERE membership_id = %s AND points_unsettled > 0
             ORDER BY date, id
        """, (membership.id,))
        debts = cr.fetchall()
        left = grant.sudo().points_remaining
        taken = []
        for debt_id, owed in debts:
            if left <= 0:
                break
            take = min(owed, left)
            taken.append((debt_id, take))
            left -= take
        if not taken:
            return
        cr.execute("""
            WITH settled AS (
                SELECT * FROM unnest(%(debts)s::int[], %(taken)s::int[])
                           AS s(debit_id, points)
            ), owed AS (
                UPDATE crm_membership_points p
                   SET points_unsettled = p.points_unsettled - settled.points
                  FROM settled WHERE p.id = settled.debit_id
            ), spent AS (
                UPDATE crm_membership_points p
                   SET points_remaining = p.points_remaining
                                          - (SELECT sum(points) FROM settled)
                 WHERE p.id = %(grant)s
            )
            INSERT INTO crm_membership_points_allocation
                   (debit_id, grant_id, membership_id, company_id, points,
                    create_uid, create_date, write_uid, write_date)
            SELECT debit_id, %(grant)s, %(member)s, %(company)s, points,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM settled
        """, {"debts": [d for d, _t in taken], "taken": [t for _d, t in taken],
              "grant": grant.id, "member": membership.id,
              "company": membership.company_id.id, "uid": self.env.uid})
        self.invalidate_cache(["points_remaining", "points_unsettled"])

    @api.model
    def _debit(self, membership, points, origin, date, name=None, preferred=(),
               owe=False, **extra):
        """Take ``points`` (> 0) from a locked member on ``date``, first in first
        out (grants in ``preferred`` first).

        Only the grants dated on or before ``date`` and not expired on it are
        used, so a backdated debit never spends points earned later. Over what
        they hold: an error, or with ``owe`` the whole debit is recorded and what
        the grants cannot give is owed by the member (``points_unsettled``, a
        negative balance), settled by their next earnings. Which grants gave how
        much is recorded (``allocation_ids``). Returns the line (or an empty
        recordset when nothing is taken)."""
        date = _day(date)
        self._expire(date, membership)
        cr = self.env.cr
        cr.execute("""
            SELECT id, date, points_remaining, expiry_date
              FROM crm_membership_points
             WHERE membership_id = %s AND points_remaining > 0 AND date <= %s
        """, (membership.id, date))
        lots = cr.fetchall()
        available = sum(lot[2] for lot in fifo.live_lots(lots, date))
        owed = 0
        if points > available:
            if not owe:
                raise UserError(_(
                    "On %(date)s, %(member)s has %(available)s points available; "
                    "%(points)s cannot be taken.") % {
                        "date": date, "member": membership.display_name,
                        "available": available, "points": points})
            owed = points - available
        if points <= 0:
            return self.browse()
        taken = fifo.allocate(lots, points - owed, date, preferred=set(preferred))
        vals = self._line_vals(membership, -points, origin, date, name, extra)
        vals["points_unsettled"] = owed
        # nobody has create rights on the ledger: only these private methods write
        # it, as superuser; the line is returned in the caller's environment
        line = self.browse(
            self.sudo().with_context(crm_membership_ledger=True).create(vals).id)
        cr.execute(_TAKE_SQL, {
            "ids": [lot_id for lot_id, _taken in taken],
            "taken": [take for _id, take in taken],
            "debit": line.id, "member": membership.id,
            "company": membership.company_id.id, "uid": self.env.uid,
        })
        self.invalidate_cache(["points_remaining"], [lot_id for lot_id, _t in taken])
        self._add_to_balance(membership, -points)
        return line

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


def _day(value):
    """A date as Odoo 11 stores it (``YYYY-MM-DD``), from a date or a string."""
    if isinstance(value, datetime.date):
        return fields.Date.to_string(value)
    return fields.Date.to_string(fields.Date.from_string(value))
