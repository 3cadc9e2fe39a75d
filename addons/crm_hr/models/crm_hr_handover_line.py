# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .hr_employee_portfolio import PORTFOLIO_KINDS


class CrmHrHandoverLine(models.Model):
    """What moved to one receiver, for one kind of customer work."""

    _name = "crm.hr.handover.line"
    _description = "Portfolio Handover Line"
    _order = "handover_id, kind, id"

    handover_id = fields.Many2one(
        comodel_name="crm.hr.handover",
        string="Handover",
        required=True,
        index=True,
        ondelete="cascade",
    )
    kind = fields.Selection(
        selection=PORTFOLIO_KINDS,
        required=True,
    )
    model = fields.Char(
        required=True,
    )
    from_employee_id = fields.Many2one(
        related="handover_id.employee_id",
        string="From",
        store=True,
        readonly=True,
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="To",
        required=True,
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="To User",
        required=True,
    )
    date = fields.Datetime(
        related="handover_id.date",
        store=True,
        readonly=True,
    )
    record_count = fields.Integer(
        string="Records",
        group_operator="sum",
    )
    res_ids = fields.Text(
        string="Record IDs",
        readonly=True,
        help="Ids of the records moved, comma-separated.",
    )

    @api.multi
    def action_open_records(self):
        self.ensure_one()
        ids = [int(x) for x in (self.res_ids or "").split(",") if x]
        return {
            "type": "ir.actions.act_window",
            "name": self.env["hr.employee"]._crm_hr_kind_labels()[self.kind],
            "res_model": self.model,
            "view_mode": "tree,form",
            "domain": [("id", "in", ids)],
            "context": {"create": False},
        }
