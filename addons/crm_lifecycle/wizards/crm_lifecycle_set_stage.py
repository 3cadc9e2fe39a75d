# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmLifecycleSetStage(models.TransientModel):
    _name = "crm.lifecycle.set.stage"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Set Lifecycle Stage by Hand"

    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Customers",
        default=lambda self: self._default_partner_ids(),
    )
    stage_id = fields.Many2one(
        comodel_name="crm.lifecycle.stage",
        string="Stage",
        required=True,
    )
    reason = fields.Text(
        required=True,
    )
    locked_until = fields.Date(
        help="Leave empty to let the automatic rules move the customer again.",
    )

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") == "res.partner":
            return [(6, 0, self.env.context.get("active_ids", []))]
        return []

    @api.multi
    def action_apply(self):
        self.ensure_one()
        self.partner_ids._lifecycle_set_stage(
            self.stage_id, self.reason, self.locked_until)
        return {"type": "ir.actions.act_window_close"}
