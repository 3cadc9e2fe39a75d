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
# origins that count as points earned (tier review, reports)
EARN_ORIGINS = ("order", "invoice", "refund", "referral", "adjustment")
INVOICE_ORIGINS = ("order", "invoice", "refund")

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
_EXPIRE_LOCK_SQL = """
SELECT m.id FROM crm_membership m
 WHERE m.id IN (SELECT p.membership_id FROM crm_membership_points p
                 WHERE p.points_remaining > 0 AND p.expiry_date <= %(ref)s
                   AND (%(all)s OR p.membership_id = ANY(%(ids)s)))
 ORDER BY m.id
   FOR UPDATE
"""
_EXPIRE_SQL = """
WITH due AS (
    SELECT p.id, p.membership_id, p.club_id, p.company_id, p.partner_id,
           p.points_remaining, p.expiry_date
      FROM crm_membership_points p
     WHERE p.points_remaining > 0 AND p.expiry_date <= %(ref)s
       AND (%(all)s OR p.membership_id = ANY(%(ids)s))
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
        # a referral bonus is given once per referred member, whatever the workers
        cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS crm_membership_points_referral_once
                ON crm_membership_points (referral_membership_id)
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
        months = membership.club_id.points_validity_months
        expiry = fields.Date.to_string(fields.Date.from_string(date) + relativedelta(
            months=months)) if months else False
        vals = self._line_vals(membership, points, origin, date, name, extra)
        vals.update(points_remaining=points, expiry_date=expiry)
        # nobody has create rights on the ledger: only these private methods write
        # it, as superuser; the line is returned in the caller's environment
        line = self.browse(
            self.sudo().with_context(crm_membership_ledger=True).create(vals).id)
        self._add_to_balance(membership, points)
        return line

    @api.model
    def _debit(self, membership, points, origin, date, name=None, preferred=(),
               cap=False, **extra):
        """Take ``points`` (> 0) from a locked member on ``date``, first in first
        out (grants in ``preferred`` first).

        Only the grants dated on or before ``date`` and not expired on it are
        used, so a backdated debit never spends points earned later. Over what
        they hold: an error, or with ``cap`` only what is there. Which grants gave
        how much is recorded (``allocation_ids``). Returns the line (or an empty
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
        if points > available:
            if not cap:
                raise UserError(_(
                    "On %(date)s, %(member)s has %(available)s points available; "
                    "%(points)s cannot be taken.") % {
                        "date": date, "member": membership.display_name,
                        "available": available, "points": points})
            points = available
        if points <= 0:
            return self.browse()
        taken = fifo.allocate(lots, points, date, preferred=set(preferred))
        vals = self._line_vals(membership, -points, origin, date, name, extra)
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
    def _expire(self, ref_date, memberships=None):
        """Expire what is left of the grants whose expiry date is reached, first in
        first out, one expiry line per grant dated on its expiry date. Set-based and
        idempotent."""
        params = {
            "ref": ref_date, "all": memberships is None,
            "ids": memberships.ids if memberships is not None else [],
            "uid": self.env.uid, "label": _("Points expired"),
        }
        self.env.cr.execute(_EXPIRE_LOCK_SQL, params)
        if not self.env.cr.rowcount:
            return 0
        self.env.cr.execute(_EXPIRE_SQL, params)
        self.invalidate_cache()
        self.env["crm.membership"].invalidate_cache(["points_balance"])
        return self.env.cr.rowcount

    @api.model
    def _cron_expire_points(self, ref_date=None):
        return self._expire(ref_date or fields.Date.context_today(self))

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
        and those are subtracted. Two aggregates, one statement."""
        date = _day(date)
        self.env.cr.execute("""
            SELECT c.id, coalesce(l.total, 0) - coalesce(x.lapsed, 0)
              FROM crm_membership_club c
              LEFT JOIN (SELECT club_id, sum(points) AS total
                           FROM crm_membership_points
                          WHERE date <= %(date)s
                          GROUP BY club_id) l ON l.club_id = c.id
              LEFT JOIN (SELECT club_id, sum(points_remaining) AS lapsed
                           FROM crm_membership_points
                          WHERE points_remaining > 0 AND expiry_date <= %(date)s
                          GROUP BY club_id) x ON x.club_id = c.id
             WHERE %(all)s OR c.id = ANY(%(clubs)s)
        """, {"date": date, "all": club_ids is None, "clubs": list(club_ids or [])})
        rows = self.env.cr.fetchall()
        clubs = self.env["crm.membership.club"].browse([row[0] for row in rows])
        values = {club.id: club.point_value for club in clubs}
        return {club_id: (int(points), round(points * values[club_id], 2))
                for club_id, points in rows}


def _day(value):
    """A date as Odoo 11 stores it (``YYYY-MM-DD``), from a date or a string."""
    if isinstance(value, datetime.date):
        return fields.Date.to_string(value)
    return fields.Date.to_string(fields.Date.from_string(value))
