# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

EVENT_TYPES = [
    ("export", "Export of customer data"),
    ("alert", "Unusual access"),
]


class CrmAccessLog(models.Model):
    """Who took which customer data, and when (other addons extend ``event_type``)."""

    _name = "crm.access.log"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Customer Data Access Log"
    _order = "date desc, id desc"

    date = fields.Datetime(
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="User",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
        index=True,
        help="The company of the user whose access is logged.",
    )
    event_type = fields.Selection(
        selection=EVENT_TYPES,
        required=True,
        readonly=True,
        index=True,
    )
    model = fields.Char(
        readonly=True,
    )
    record_count = fields.Integer(
        string="Records",
        readonly=True,
        group_operator="sum",
    )
    field_names = fields.Text(
        string="Fields",
        readonly=True,
    )
    description = fields.Text(
        readonly=True,
    )

    @api.model
    def create(self, vals):
        # entries are written under sudo (the user may not write the log): they
        # take the company of the user whose access they record, not the
        # superuser's
        if not vals.get("company_id") and vals.get("user_id"):
            vals = dict(vals, company_id=self.env["res.users"].sudo().browse(
                vals["user_id"]).company_id.id)
        return super().create(vals)
