# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The points ledger and the only code that writes it.

Every write of a member's points happens with the member's row locked
(``SELECT ... FOR UPDATE``), so two workers never spend the same points; the
stored balance of the member equals the sum of the ledger and the sum of what is
left of the grants (first in, first out).
"""
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
]
# origins that count as points earned (tier review, reports)
EARN_ORIGINS = ("order", "invoice", "refund", "referral", "adjustment")
INVOICE_ORIGINS = ("order", "invoice", "refund")

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
                    """, (memberships.ids,))
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
        vals = {
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
        """Take ``points`` (> 0) from a locked member, first in first out (grants in
        ``preferred`` first). Over the balance: an error, or with ``cap`` only what
        is there. Returns the line (or an empty recordset when nothing is taken)."""
        self._expire(date, membership)
        cr = self.env.cr
        cr.execute("""
            SELECT id, date, points_remaining, expiry_date
              FROM crm_membership_points
             WHERE membership_id = %s AND points_remaining > 0
        """, (membership.id,))
        lots = cr.fetchall()
        available = sum(lot[2] for lot in fifo.live_lots(lots, date))
        if points > available:
            if not cap:
                raise UserError(_(
                    "%(member)s has %(available)s points; %(points)s cannot be "
                    "taken.") % {"member": membership.display_name,
                                 "available": available, "points": points})
            points = available
        if points <= 0:
            return self.browse()
        taken = fifo.allocate(lots, points, date, preferred=set(preferred))
        cr.execute("""
            UPDATE crm_membership_points p
               SET points_remaining = p.points_remaining - t.taken
              FROM unnest(%s::int[], %s::int[]) AS t(id, taken)
             WHERE p.id = t.id
        """, ([lot_id for lot_id, _taken in taken], [take for _id, take in taken]))
        self.invalidate_cache(["points_remaining"], [lot_id for lot_id, _t in taken])
        vals = self._line_vals(membership, -points, origin, date, name, extra)
        # nobody has create rights on the ledger: only these private methods write
        # it, as superuser; the line is returned in the caller's environment
        line = self.browse(
            self.sudo().with_context(crm_membership_ledger=True).create(vals).id)
        self._add_to_balance(membership, -points)
        return line

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
        ``{club_id: (points, amount)}`` (value in the company's currency)."""
        self.env.cr.execute("""
            SELECT c.id, coalesce(sum(p.points), 0)
              FROM crm_membership_club c
              LEFT JOIN crm_membership_points p
                ON p.club_id = c.id AND p.date <= %(date)s
             WHERE %(all)s OR c.id = ANY(%(clubs)s)
             GROUP BY c.id
        """, {"date": date, "all": club_ids is None, "clubs": list(club_ids or [])})
        rows = self.env.cr.fetchall()
        clubs = self.env["crm.membership.club"].browse([row[0] for row in rows])
        values = {club.id: club.point_value for club in clubs}
        return {club_id: (int(points), round(points * values[club_id], 2))
                for club_id, points in rows}
