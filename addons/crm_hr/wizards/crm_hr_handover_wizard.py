# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from ..models.crm_hr_handover import HANDOVER_REASONS
from ..models.hr_employee import OFFICER_GROUP

HANDOVER_MODES = [
    ("employee", "To one employee"),
    ("team", "Distribute evenly across a team"),
]


class CrmHrHandoverWizard(models.TransientModel):
    """Thin: the plan and the move are the handover model's; every button checks
    that the caller is an HR officer (wizards have no access rights in 11.0)."""

    _name = "crm.hr.handover.wizard"
    _description = "Hand Over a Portfolio"

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="From Employee",
        required=True,
        default=lambda self: self._default_employee_id(),
    )
    reason = fields.Selection(
        selection=HANDOVER_REASONS,
        required=True,
        default="transfer",
    )
    mode = fields.Selection(
        selection=HANDOVER_MODES,
        string="Receivers",
        required=True,
        default="employee",
    )
    receiver_id = fields.Many2one(
        comodel_name="hr.employee",
        string="To Employee",
        domain="[('user_id', '!=', False), ('id', '!=', employee_id)]",
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="To Team",
        help="The work is spread over the team's members who are employees, "
             "the least loaded first.",
    )
    note = fields.Text()
    preview = fields.Html(
        compute="_compute_preview",
        sanitize=False,
        help="What moves to whom, per kind of customer work.",
    )

    def _default_employee_id(self):
        if self.env.context.get("active_model") == "hr.employee":
            return self.env.context.get("active_id")
        return False

    @api.multi
    def _receivers(self):
        self.ensure_one()
        Employee = self.env["hr.employee"]
        if self.mode == "employee":
            return self.receiver_id
        if not self.team_id:
            return Employee
        users = self.team_id.member_ids | self.team_id.user_id
        return Employee.search([("user_id", "in", users.ids),
                                ("id", "!=", self.employee_id.id)])

    @api.depends("employee_id", "mode", "receiver_id", "team_id")
    def _compute_preview(self):
        officer = self.env.user.has_group(OFFICER_GROUP)
        labels = self.env["hr.employee"]._crm_hr_kind_labels()
        for wizard in self:
            receivers = wizard._receivers() if officer else False
            if not receivers or not wizard.employee_id.user_id:
                wizard.preview = False
                continue
            try:
                plan = self.env["crm.hr.handover"]._crm_hr_plan(
                    wizard.employee_id, receivers)
            except UserError as error:
                wizard.preview = "<p>%s</p>" % html_escape(error.name)
                continue
            rows = "".join(
                "<tr><td>%s</td><td>%s</td><td class='text-right'>%d</td></tr>" % (
                    html_escape(labels[kind]), html_escape(receiver.name), len(ids))
                for kind, by_receiver in plan.items()
                for receiver, ids in sorted(by_receiver.items(),
                                            key=lambda item: item[0].name))
            wizard.preview = (
                "<table class='table table-condensed'><thead><tr><th>%s</th>"
                "<th>%s</th><th class='text-right'>%s</th></tr></thead>"
                "<tbody>%s</tbody></table>" % (
                    html_escape(_("What")), html_escape(_("To")),
                    html_escape(_("Records")), rows)
                if rows else "<p>%s</p>" % html_escape(_("Nothing to hand over.")))

    @api.multi
    def action_hand_over(self):
        """Move the whole portfolio now, in this transaction."""
        self.ensure_one()
        Handover = self.env["crm.hr.handover"]
        Handover._crm_hr_check_officer()
        receivers = self._receivers()
        if not receivers:
            raise UserError(_("Choose the employee or the team who receives the "
                              "portfolio."))
        plan = Handover._crm_hr_plan(self.employee_id, receivers)
        handover = Handover._crm_hr_execute(self.employee_id, plan, self.reason,
                                            self.note)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.hr.handover",
            "res_id": handover.id,
            "view_mode": "form",
        }
