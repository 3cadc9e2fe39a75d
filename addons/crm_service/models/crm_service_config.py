# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Configuration of service requests: types, stages, categories, root causes, tags."""
from odoo import fields, models


class CrmServiceType(models.Model):
    _name = "crm.service.type"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Service Request Type"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    code = fields.Char(
        help="Stable technical key (enquiry, request, complaint, visit, repair).",
    )
    sequence = fields.Integer(
        default=10,
    )
    is_complaint = fields.Boolean(
        help="Requests of this type count as complaints in the customer's risk.",
    )
    active = fields.Boolean(
        default=True,
    )


class CrmServiceStage(models.Model):
    _name = "crm.service.stage"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Service Request Stage"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    fold = fields.Boolean(
        string="Folded in Kanban",
    )
    is_closed = fields.Boolean(
        string="Closing Stage",
        help="Requests in this stage are done: their SLA stops and the customer "
             "receives the satisfaction survey.",
    )
    is_pause = fields.Boolean(
        string="Waiting on Customer",
        help="Time spent in this stage does not consume SLA time.",
    )
    type_ids = fields.Many2many(
        comodel_name="crm.service.type",
        string="Types",
        help="Types using this stage; empty for all types.",
    )


class CrmServiceCategory(models.Model):
    _name = "crm.service.category"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Service Category"
    _order = "name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    active = fields.Boolean(
        default=True,
    )


class CrmServiceRootCause(models.Model):
    _name = "crm.service.root.cause"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Root Cause"
    _order = "name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    active = fields.Boolean(
        default=True,
    )


class CrmServiceTag(models.Model):
    _name = "crm.service.tag"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Service Tag"
    _order = "name"

    name = fields.Char(
        required=True,
        translate=True,
    )
    color = fields.Integer()
