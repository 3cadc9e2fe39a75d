# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Configuration of service requests: types, stages, categories, root causes, tags."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
    portal_visible = fields.Boolean(
        string="Customers Can Choose It",
        default=True,
        help="Customers can open a request of this type from the portal.",
    )
    allows_compensation = fields.Boolean(
        help="A credit note or a discount can be drafted from requests of this "
             "type.",
    )
    needs_root_cause = fields.Boolean(
        string="Root Cause Required",
        help="Requests of this type are closed as solved only with their root "
             "cause.",
    )
    needs_product = fields.Boolean(
        string="Product Required",
        help="Requests of this type are closed as solved only with the product "
             "concerned.",
    )
    needs_visit = fields.Boolean(
        string="Solved On Site",
        help="Requests of this type are solved by field visits: they are closed "
             "as solved only once a visit is done and signed off, and close by "
             "themselves when every visit is.",
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
    is_cancel = fields.Boolean(
        string="Cancelled Stage",
        help="A closing stage for requests that were not solved (spam, "
             "duplicates): they leave SLA compliance, the satisfaction survey "
             "and the customer's risk.",
    )
    type_ids = fields.Many2many(
        comodel_name="crm.service.type",
        string="Types",
        help="Types using this stage; empty for all types.",
    )

    @api.constrains("is_cancel", "is_closed", "is_pause")
    def _check_cancel(self):
        for stage in self:
            if stage.is_cancel and (not stage.is_closed or stage.is_pause):
                raise ValidationError(_(
                    "A cancelled stage is a closing stage, not a waiting one."))


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
