# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..logic import signature as signature_logic

# What the customer's sign-off stores: once signed in the portal, only service
# managers may change it.
SIGN_OFF_FIELDS = {"signature", "signed_by", "signed_on", "signed_partner_id"}

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
    # customer data: exports guarded by crm_lifecycle
    _crm_customer_data = True

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
        help="The customer's signature: drawn in the portal, or an image the "
             "technician records.",
    )
    signed_by = fields.Char(
        copy=False,
        help="Name of the person who signed off the visit.",
    )
    signed_on = fields.Datetime(
        readonly=True,
        copy=False,
    )
    signed_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Signed in the Portal By",
        readonly=True,
        copy=False,
        help="The customer's portal user who signed the visit off; empty when "
             "the technician recorded the signature.",
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

    @api.constrains("signature")
    def _check_signature(self):
        for visit in self.filtered("signature"):
            reason = signature_logic.problem(visit.signature)
            if reason:
                raise ValidationError(self._signature_message(reason))

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
    def _check_signature_value(self, vals):
        """A signature that is not a usable image is refused before Odoo stores
        it (its attachment decodes base64 first and would fail unclearly)."""
        if vals.get("signature"):
            reason = signature_logic.problem(vals["signature"])
            if reason:
                raise ValidationError(self._signature_message(reason))

    @api.model
    def create(self, vals):
        self._check_signature_value(vals)
        visit = super().create(vals)
        if not visit.partner_id and visit.request_id.partner_id:
            visit.partner_id = visit.request_id.partner_id
        return visit

    @api.multi
    def write(self, vals):
        self._check_signature_value(vals)
        if SIGN_OFF_FIELDS & set(vals):
            self._check_portal_sign_off_kept()
        if "signature" in vals or "signed_by" in vals:
            vals = dict(vals, signed_on=fields.Datetime.now())
        result = super().write(vals)
        if {"state", "signature", "signed_by"} & set(vals):
            self.mapped("request_id")._close_if_visits_done()
        return result

    @api.multi
    def _check_portal_sign_off_kept(self):
        """The customer's own sign-off in the portal is evidence: only a service
        manager may replace it."""
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group(
                "crm_service.group_service_manager"):
            return
        signed = self.filtered("signed_partner_id")
        if signed:
            raise UserError(_(
                "The customer signed the visit %s off in the portal: only a "
                "service manager can change its signature.") % signed[0].name)

    @api.multi
    def action_sign(self, signed_by, signature):
        """Record the customer's sign-off (by the technician)."""
        self.ensure_one()
        self._check_sign_off(signed_by, signature)
        self.write({"signed_by": signed_by.strip(), "signature": signature})
        return True

    @api.multi
    def action_portal_sign(self, signed_by, signature):
        """The customer signs the visit off through the portal: only a user of the
        visit's customer, on a visit done, not signed yet."""
        self.ensure_one()
        user = self.env.user
        if not self._is_customer_user(user):
            raise AccessError(_("Only the customer of this visit can sign it off."))
        self._check_sign_off(signed_by, signature)
        if self.state != "done":
            raise UserError(_(
                "The work of this visit is not done yet: you can sign it off once "
                "the technician has finished it."))
        # customers cannot write visits: the sign-off fields only, after the checks
        # above; in a savepoint so that a refusal leaves nothing written
        visit = self.sudo()
        with self.env.cr.savepoint():
            visit.write({
                "signed_by": signed_by.strip(),
                "signature": signature,
                "signed_partner_id": user.partner_id.id,
            })
            visit.message_post(
                body=_("Signed off by %s through the portal.") % signed_by.strip(),
                author_id=user.partner_id.id,
                attachments=[("signature.png", signature_logic.decode(signature))],
                subtype="mail.mt_note")
        return True

    @api.multi
    def _is_customer_user(self, user):
        """Whether ``user`` is a portal user of the visit's customer."""
        self.ensure_one()
        # the request's customer, whatever the user may read of the request
        customer = self.sudo().request_id.commercial_partner_id
        return bool(customer) and user.has_group("base.group_portal") \
            and user.partner_id.commercial_partner_id == customer

    @api.multi
    def _check_sign_off(self, signed_by, signature):
        self.ensure_one()
        if self.state == "cancel":
            raise UserError(_("This visit was cancelled: it cannot be signed off."))
        if self.signed:
            raise UserError(_("This visit is already signed off."))
        if not isinstance(signed_by, str) or not signed_by.strip():
            raise UserError(_("Enter the name of the person who signs."))
        if len(signed_by.strip()) > 128:
            raise UserError(_("The signer's name is longer than 128 characters."))
        reason = signature_logic.problem(signature)
        if reason:
            raise UserError(self._signature_message(reason))

    @api.model
    def _signature_message(self, reason):
        return {
            "missing": _("The signature is missing: draw it in the box."),
            "not_image": _("The signature is not a PNG, JPEG or GIF image."),
            "too_large": _("The signature image is too large."),
            "blank": _("The signature is blank: draw it in the box."),
        }[reason]

    @api.multi
    def action_done(self):
        for visit in self:
            if visit.check_ids.filtered(lambda c: not c.done):
                raise UserError(_("Complete the checklist of %s first.") % visit.name)
        self.write({"state": "done"})
        return True

    @api.multi
    def action_cancel(self):
        self.write({"state": "cancel"})
        return True


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
