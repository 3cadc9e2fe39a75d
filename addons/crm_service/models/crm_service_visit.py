# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

VISIT_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class CrmServiceVisit(models.Model):
    _name = "crm.service.visit"
    _inherit = ["crm.input.validation.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Field Visit"
    _order = "date_start desc, id desc"

    name = fields.Char(
        required=True,
        default=lambda self: _("Visit"),
    )
    request_id = fields.Many2one(
        comodel_name="crm.service.request",
        string="Request",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="request_id.company_id",
        store=True,
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Address",
        help="Where the technician goes (the customer or one of its addresses).",
    )
    street = fields.Char(
        related="partner_id.street",
        readonly=True,
    )
    zip = fields.Char(
        related="partner_id.zip",
        readonly=True,
    )
    city = fields.Char(
        related="partner_id.city",
        readonly=True,
    )
    country_id = fields.Many2one(
        related="partner_id.country_id",
        readonly=True,
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Technician",
        required=True,
        track_visibility="onchange",
    )
    date_start = fields.Datetime(
        string="Start",
        required=True,
        default=fields.Datetime.now,
        track_visibility="onchange",
    )
    duration = fields.Float(
        string="Duration (hours)",
        default=1.0,
    )
    date_stop = fields.Datetime(
        string="End",
        compute="_compute_date_stop",
        store=True,
    )
    state = fields.Selection(
        selection=VISIT_STATES,
        required=True,
        default="planned",
        track_visibility="onchange",
    )
    check_ids = fields.One2many(
        comodel_name="crm.service.visit.check",
        inverse_name="visit_id",
        string="Checklist",
        copy=True,
    )
    part_ids = fields.One2many(
        comodel_name="crm.service.visit.part",
        inverse_name="visit_id",
        string="Parts Used",
        copy=True,
    )
    signature = fields.Binary(
        string="Customer Signature",
        attachment=True,
        copy=False,
    )
    signed_by = fields.Char(
        copy=False,
        help="Name of the person who signed off the visit.",
    )
    signed_on = fields.Datetime(
        readonly=True,
        copy=False,
    )
    signed = fields.Boolean(
        compute="_compute_signed",
        store=True,
    )
    notes = fields.Html()

    @api.depends("date_start", "duration")
    def _compute_date_stop(self):
        for visit in self:
            if visit.date_start:
                visit.date_stop = fields.Datetime.to_string(
                    fields.Datetime.from_string(visit.date_start)
                    + timedelta(hours=visit.duration or 0.0))

    @api.depends("signed_by", "signature")
    def _compute_signed(self):
        for visit in self:
            visit.signed = bool(visit.signed_by and visit.signature)

    @api.constrains("duration")
    def _check_duration(self):
        for visit in self:
            if visit.duration < 0 or visit.duration > 24 * 14:
                raise ValidationError(_("A visit lasts between 0 and 336 hours."))

    @api.onchange("request_id")
    def _onchange_request_id(self):
        if self.request_id and not self.partner_id:
            self.partner_id = self.request_id.partner_id

    @api.model
    def create(self, vals):
        visit = super().create(vals)
        if not visit.partner_id and visit.request_id.partner_id:
            visit.partner_id = visit.request_id.partner_id
        return visit

    @api.multi
    def write(self, vals):
        if "signature" in vals or "signed_by" in vals:
            vals = dict(vals, signed_on=fields.Datetime.now())
        result = super().write(vals)
        if {"state", "signature", "signed_by"} & set(vals):
            self.mapped("request_id")._close_if_visits_done()
        return result

    @api.multi
    def action_sign(self, signed_by, signature):
        """Record the customer's sign-off (by the technician or through the portal)."""
        self.ensure_one()
        if not signed_by or not signature:
            raise UserError(_("A sign-off needs the signer's name and signature."))
        self.write({"signed_by": signed_by, "signature": signature})

    @api.multi
    def action_done(self):
        for visit in self:
            if visit.check_ids.filtered(lambda c: not c.done):
                raise UserError(_("Complete the checklist of %s first.") % visit.name)
        self.write({"state": "done"})

    @api.multi
    def action_cancel(self):
        self.write({"state": "cancel"})


class CrmServiceVisitCheck(models.Model):
    _name = "crm.service.visit.check"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Field Visit Checklist Item"
    _order = "sequence, id"

    visit_id = fields.Many2one(
        comodel_name="crm.service.visit",
        string="Visit",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(
        default=10,
    )
    name = fields.Char(
        string="Item",
        required=True,
    )
    done = fields.Boolean()


class CrmServiceVisitPart(models.Model):
    _name = "crm.service.visit.part"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Part Used in a Field Visit"

    visit_id = fields.Many2one(
        comodel_name="crm.service.visit",
        string="Visit",
        required=True,
        ondelete="cascade",
        index=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Part",
        required=True,
    )
    quantity = fields.Float(
        default=1.0,
    )
    uom_id = fields.Many2one(
        comodel_name="product.uom",
        string="Unit",
        related="product_id.uom_id",
        readonly=True,
    )
