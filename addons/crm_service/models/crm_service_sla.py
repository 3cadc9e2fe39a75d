# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.crm_lifecycle.models.crm_lifecycle_profile import VALUE_TIERS

from ..logic import sla as sla_logic

PRIORITIES = [
    ("0", "Low"),
    ("1", "Normal"),
    ("2", "High"),
    ("3", "Urgent"),
]


class CrmServiceSla(models.Model):
    _name = "crm.service.sla"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Service Level Agreement"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
        help="The first matching SLA (by sequence, then the most specific) applies.",
    )
    active = fields.Boolean(
        default=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.user.company_id,
        index=True,
    )
    type_id = fields.Many2one(
        comodel_name="crm.service.type",
        string="Type",
        help="Empty: every type.",
    )
    priority = fields.Selection(
        selection=PRIORITIES,
        help="Empty: every priority.",
    )
    value_tier = fields.Selection(
        selection=VALUE_TIERS,
        string="Customer Tier",
        help="The customer's value tier from the lifecycle profile; empty: every "
             "tier.",
    )
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        required=True,
        default=lambda self: self.env.user.company_id.resource_calendar_id,
        help="Targets count working hours of this calendar, in the company's time "
             "zone; its global leaves are public holidays.",
    )
    response_hours = fields.Float(
        string="First Response Target (hours)",
        required=True,
        default=4.0,
    )
    resolve_hours = fields.Float(
        string="Resolution Target (hours)",
        required=True,
        default=24.0,
    )

    @api.constrains("response_hours", "resolve_hours")
    def _check_hours(self):
        for sla in self:
            if sla.response_hours <= 0 or sla.resolve_hours <= 0:
                raise ValidationError(_(
                    "SLA targets must be positive numbers of hours."))
            if sla.resolve_hours < sla.response_hours:
                raise ValidationError(_(
                    "The resolution target cannot be shorter than the first response "
                    "target."))

    @api.model
    def _find_many(self, keys):
        """``{key: sla}`` for request keys ``(company_id, type_id, priority,
        value_tier)``: the SLA applying to each (an empty record when none does),
        from one search of the candidates."""
        company_ids = list({key[0] for key in keys})
        candidates = self.search([("company_id", "in", company_ids + [False])])
        rows = [(sla.id, sla.sequence, sla.company_id.id, sla.type_id.id,
                 sla.priority, sla.value_tier) for sla in candidates]
        return {key: self.browse(sla_logic.pick_sla(rows, *key) or [])
                for key in keys}

    @api.multi
    def _work_calendars(self):
        """``{sla id: WorkCalendar}``: each SLA's calendar for the logic, read once
        for the whole recordset."""
        result = {}
        # the calendars and their holidays are configuration the agent may not read
        for sla in self.sudo():
            calendar = sla.calendar_id
            attendances = [
                (int(a.dayofweek), a.hour_from, a.hour_to)
                for a in calendar.attendance_ids
            ]
            holidays = [
                (fields.Datetime.from_string(leave.date_from),
                 fields.Datetime.from_string(leave.date_to))
                for leave in calendar.leave_ids if not leave.resource_id
            ]
            # the company's partner (its time zone) may be hidden by the partner
            # rules: read as superuser above
            tz = sla.company_id.partner_id.tz or \
                self.env.user.sudo().company_id.partner_id.tz or "UTC"
            try:
                result[sla.id] = sla_logic.WorkCalendar(attendances, holidays, tz)
            except ValueError:
                raise UserError(_(
                    "The working hours \"%(calendar)s\" of the SLA \"%(sla)s\" have no "
                    "working time: deadlines cannot be computed.") % {
                    "calendar": calendar.name, "sla": sla.name})
        return result
