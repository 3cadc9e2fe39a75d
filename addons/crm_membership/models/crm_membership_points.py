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


def _day(value):
    """A date as Odoo 11 stores it (``YYYY-MM-DD``), from a date or a string."""
    if isinstance(value, datetime.date):
        return fields.Date.to_string(value)
    return fields.Date.to_string(fields.Date.from_string(value))
