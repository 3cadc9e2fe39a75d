# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmMembershipPointValue(models.Model):
    """The value of a club's point from a date on: the liability at a past date
    uses the value of that date."""

    _name = "crm.membership.point.value"
    _description = "Point Value History"
    _order = "date desc, id desc"

    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="club_id.company_id",
        store=True,
        readonly=True,
    )
    date = fields.Date(
        string="From",
        required=True,
        readonly=True,
    )
    value = fields.Float(
        digits=(16, 4),
        readonly=True,
    )

    @api.model
    def _value_at(self, club, date):
        """The point value of ``club`` on ``date``: the latest value recorded on
        or before it, else the first one recorded, else the club's."""
        history = self.sudo().search([("club_id", "=", club.id)],
                                     order="date desc, id desc")
        for entry in history:
            if entry.date <= date:
                return entry.value
        return history[-1:].value if history else club.point_value
