# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.access import ACCOUNTANT, MANAGER, check_groups


class CrmMembershipLiability(models.TransientModel):
    """Outstanding points and their value per club at a date, for accounting."""

    _name = "crm.membership.liability"
    _description = "Points Liability"

    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    line_ids = fields.One2many(
        comodel_name="crm.membership.liability.line",
        inverse_name="wizard_id",
        string="Clubs",
        readonly=True,
    )

    @api.multi
    def action_compute(self):
        self.ensure_one()
        # a wizard has no access rights: the button checks the caller's groups
        check_groups(self.env, [MANAGER, ACCOUNTANT], _("The points liability"))
        self._fill_lines()
        return self._reopen()

    @api.multi
    def action_post(self):
        """Post each club's liability at the date as a journal entry, reversing
        the club's previous one on that date."""
        self.ensure_one()
        # a wizard has no access rights: the button checks the caller's groups
        check_groups(self.env, [ACCOUNTANT], _("Posting the points liability"))
        clubs = self.env["crm.membership.club"].search([
            ("liability_journal_id", "!=", False),
            ("liability_account_id", "!=", False),
            ("liability_expense_account_id", "!=", False)])
        if not clubs:
            raise UserError(_("No club has a liability journal and accounts: set "
                              "them in the clubs' settings."))
        clubs._post_liability(self.date)
        self._fill_lines()
        return self._reopen()

    @api.multi
    def _fill_lines(self):
        clubs = self.env["crm.membership.club"].search([])
        figures = self.env["crm.membership.points"]._liability(
            self.date, club_ids=clubs.ids)
        self.line_ids = [(5, 0, 0)] + [(0, 0, {
            "club_id": club.id,
            "points": figures.get(club.id, (0, 0.0))[0],
            "amount": figures.get(club.id, (0, 0.0))[1],
            "move_id": club.liability_move_id.id,
        }) for club in clubs]

    @api.multi
    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class CrmMembershipLiabilityLine(models.TransientModel):
    _name = "crm.membership.liability.line"
    _description = "Points Liability of a Club"

    wizard_id = fields.Many2one(
        comodel_name="crm.membership.liability",
        required=True,
        ondelete="cascade",
    )
    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        readonly=True,
    )
    currency_id = fields.Many2one(
        related="club_id.currency_id",
        readonly=True,
    )
    points = fields.Integer(
        string="Outstanding Points",
        readonly=True,
    )
    amount = fields.Monetary(
        string="Liability",
        readonly=True,
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        readonly=True,
        help="The club's current liability entry.",
    )
