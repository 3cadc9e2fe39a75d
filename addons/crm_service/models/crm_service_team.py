# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmServiceTeam(models.Model):
    _name = "crm.service.team"
    _inherit = ["crm.input.validation.mixin", "mail.thread"]
    _description = "Service Team"
    _order = "sequence, name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    active = fields.Boolean(
        default=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.user.company_id,
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Team Leader",
        help="First level of escalation of overdue requests.",
    )
    manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Service Manager",
        help="Second level of escalation of overdue requests.",
    )
    member_ids = fields.Many2many(
        comodel_name="res.users",
        relation="crm_service_team_member_rel",
        column1="team_id",
        column2="user_id",
        string="Agents",
    )
    escalation_delay_hours = fields.Float(
        string="Second Escalation After (hours)",
        default=4.0,
        help="Hours after the escalation to the team leader at which a request "
             "still overdue is escalated to the manager.",
    )
