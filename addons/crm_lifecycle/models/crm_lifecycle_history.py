# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

ORIGINS = [
    ("rule", "Automatic rule"),
    ("manual", "Set by hand"),
]


class CrmLifecycleHistory(models.Model):
    _name = "crm.lifecycle.history"
    _crm_customer_data = True
    _inherit = ["crm.input.validation.mixin"]
    _description = "Customer Lifecycle Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
    )
    from_stage_id = fields.Many2one(
        comodel_name="crm.lifecycle.stage",
        string="From",
        ondelete="restrict",
    )
    to_stage_id = fields.Many2one(
        comodel_name="crm.lifecycle.stage",
        string="To",
        required=True,
        ondelete="restrict",
    )
    date = fields.Date(
        required=True,
        index=True,
    )
    origin = fields.Selection(
        selection=ORIGINS,
        required=True,
    )
    rule = fields.Char(
        help="Code of the automatic rule that applied.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Changed by",
    )
    reason = fields.Text()
