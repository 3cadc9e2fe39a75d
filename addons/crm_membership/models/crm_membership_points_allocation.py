# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmMembershipPointsAllocation(models.Model):
    """How many points a debit of the ledger took from which grant (first in,
    first out): what a returned redemption gives back. Written with the debit by
    the ledger's own methods only."""

    _name = "crm.membership.points.allocation"
    _description = "Points Taken from a Grant"
    _order = "debit_id, id"

    debit_id = fields.Many2one(
        comodel_name="crm.membership.points",
        string="Debit",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
    )
    grant_id = fields.Many2one(
        comodel_name="crm.membership.points",
        string="Grant",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
    )
    membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Member",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    points = fields.Integer(
        required=True,
        readonly=True,
    )
    grant_date = fields.Date(
        related="grant_id.date",
        readonly=True,
    )
    grant_expiry_date = fields.Date(
        related="grant_id.expiry_date",
        readonly=True,
    )
