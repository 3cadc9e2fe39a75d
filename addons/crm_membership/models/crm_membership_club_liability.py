# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The points liability of a club booked for finance: one journal entry at a
chosen date, reversed at the next one, so the balance sheet carries it."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .access import ACCOUNTANT, check_groups

# the club is readable by portal members: its accounting (journal, accounts,
# entries, value history) is for finance and the club's officers only
FINANCE_FIELD_GROUPS = (
    "account.group_account_manager,crm_membership.group_membership_officer")

CANCELLED_POINTS = [
    ("expire", "Expire when the membership is cancelled"),
    ("keep", "Kept (usable if the member is enrolled again)"),
]


class CrmMembershipClub(models.Model):
    _inherit = "crm.membership.club"

    cancelled_points = fields.Selection(
        groups="base.group_user",  # a setting, not for members
        selection=CANCELLED_POINTS,
        string="Points of Cancelled Members",
        required=True,
        default="expire",
        help="What happens to the points left when a membership is cancelled: "
             "they expire at once (they leave the liability), or stay.",
    )
    dormant_months = fields.Integer(
        groups="base.group_user",  # a setting, not for members
        string="Unlimited Points Expire After (months idle)",
        default=0,
        help="For clubs whose points have no validity: the points of a member "
             "who earns nothing for this many months expire (each grant moves "
             "the date on). 0: they never expire.",
    )
    point_value_ids = fields.One2many(
        groups=FINANCE_FIELD_GROUPS,
        comodel_name="crm.membership.point.value",
        inverse_name="club_id",
        string="Point Value History",
        readonly=True,
    )
    liability_journal_id = fields.Many2one(
        groups=FINANCE_FIELD_GROUPS,
        comodel_name="account.journal",
        string="Liability Journal",
        domain="[('type', '=', 'general'), ('company_id', '=', company_id)]",
        help="Journal of the points liability entries.",
    )
    liability_account_id = fields.Many2one(
        groups=FINANCE_FIELD_GROUPS,
        comodel_name="account.account",
        string="Liability Account",
        domain="[('company_id', '=', company_id), ('deprecated', '=', False)]",
        help="Deferred revenue or provision account credited with the value of "
             "the outstanding points.",
    )
    liability_expense_account_id = fields.Many2one(
        groups=FINANCE_FIELD_GROUPS,
        comodel_name="account.account",
        string="Liability Counterpart",
        domain="[('company_id', '=', company_id), ('deprecated', '=', False)]",
        help="Account debited with the value of the outstanding points (revenue "
             "deferred, or the loyalty expense).",
    )
    liability_move_id = fields.Many2one(
        groups=FINANCE_FIELD_GROUPS,
        comodel_name="account.move",
        string="Current Liability Entry",
        readonly=True,
        copy=False,
        help="The last liability entry posted; the next posting reverses it.",
    )

    @api.model
    def create(self, vals):
        club = super().create(vals)
        club._record_point_value()
        return club

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if "point_value" in vals:
            self._record_point_value()
        return result

    @api.multi
    def _record_point_value(self):
        # sudo: the history follows the club whoever changes its value
        History = self.env["crm.membership.point.value"].sudo()
        today = fields.Date.context_today(self)
        for club in self:
            History.create({"club_id": club.id, "date": today,
                            "value": club.point_value})

    @api.multi
    def _point_value_at(self, date):
        self.ensure_one()
        return self.env["crm.membership.point.value"]._value_at(self, date)

    @api.multi
    def _post_liability(self, date):
        """Post each club's liability at ``date`` and reverse its previous entry
        on that date. Returns the new entries."""
        check_groups(self.env, [ACCOUNTANT], _("Posting the points liability"))
        figures = self.env["crm.membership.points"]._liability(date, self.ids)
        Move = self.env["account.move"]
        moves = Move.browse()
        for club in self:
            if not (club.liability_journal_id and club.liability_account_id
                    and club.liability_expense_account_id):
                raise UserError(_(
                    "Club %s: set the liability journal and accounts first.")
                    % club.name)
            previous = club.liability_move_id
            if previous and previous.date >= date:
                raise UserError(_(
                    "Club %(club)s: the liability is already posted on %(date)s; "
                    "post at a later date.") % {
                        "club": club.name, "date": previous.date})
            if previous:
                previous.reverse_moves(date, club.liability_journal_id)
            amount = figures.get(club.id, (0, 0.0))[1]
            move = Move.browse()
            if amount:
                label = _("Points liability of %(club)s on %(date)s") % {
                    "club": club.name, "date": date}
                move = Move.create({
                    "journal_id": club.liability_journal_id.id,
                    "date": date,
                    "ref": label,
                    "company_id": club.company_id.id,
                    "line_ids": [
                        (0, 0, {"name": label, "debit": amount, "credit": 0.0,
                                "account_id": club.liability_expense_account_id.id}),
                        (0, 0, {"name": label, "debit": 0.0, "credit": amount,
                                "account_id": club.liability_account_id.id}),
                    ],
                })
                move.post()
                moves |= move
            # sudo: finance books the club's entry without managing the club
            club.sudo().liability_move_id = move
        return moves
