# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError

from .crm_service_sla import PRIORITIES

# Fields only the addon's code writes (as superuser, after its own checks).
SYSTEM_FIELDS = {
    "sla_id", "sla_response_deadline", "sla_resolve_deadline", "sla_response_status",
    "sla_resolve_status", "paused_hours", "pause_start", "close_date",
    "first_response_date", "escalation_level", "escalation_date", "csat", "nps",
    "survey_input_id", "web_partner_id", "web_verify_token",
}

CHANNELS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("web", "Web Form"),
    ("walk_in", "Walk-in"),
    ("mail_fax", "Mail / Fax"),
    ("messaging", "Mobile / Messaging"),
]


class CrmServiceRequest(models.Model):
    """The request itself: who, what, where it stands. The SLA engine, the mail
    gateway and replies, standard answers, escalation, the satisfaction survey
    and compensation extend it, each in its own file."""

    _name = "crm.service.request"
    _inherit = ["crm.input.validation.mixin", "mail.thread", "mail.activity.mixin",
                "portal.mixin"]
    _description = "Service Request"
    _order = "priority desc, date_open desc, id desc"
    _mail_post_access = "read"
    # customer data: exports guarded by crm_lifecycle
    _crm_customer_data = True

    def _default_stage(self):
        return self.env["crm.service.stage"].search([], limit=1)

    reference = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        index=True,
        default="/",
    )
    name = fields.Char(
        string="Subject",
        required=True,
        track_visibility="onchange",
    )
    description = fields.Html()
    active = fields.Boolean(
        default=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.user.company_id,
    )
    type_id = fields.Many2one(
        comodel_name="crm.service.type",
        string="Type",
        required=True,
        index=True,
        default=lambda self: self.env["crm.service.type"].search([], limit=1),
        track_visibility="onchange",
    )
    is_complaint = fields.Boolean(
        related="type_id.is_complaint",
        store=True,
        readonly=True,
    )
    channel = fields.Selection(
        selection=CHANNELS,
        required=True,
        default="phone",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        index=True,
        track_visibility="onchange",
    )
    commercial_partner_id = fields.Many2one(
        comodel_name="res.partner",
        related="partner_id.commercial_partner_id",
        store=True,
        readonly=True,
        index=True,
    )
    contact_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
        help="The person who contacted us, when not the customer itself.",
    )
    email_from = fields.Char(
        string="Email",
    )
    phone = fields.Char()
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sale Order",
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
    )
    priority = fields.Selection(
        selection=PRIORITIES,
        required=True,
        default="1",
        index=True,
        track_visibility="onchange",
    )
    stage_id = fields.Many2one(
        comodel_name="crm.service.stage",
        string="Stage",
        required=True,
        index=True,
        default=lambda self: self._default_stage(),
        group_expand="_read_group_stage_ids",
        track_visibility="onchange",
        copy=False,
    )
    is_closed = fields.Boolean(
        related="stage_id.is_closed",
        store=True,
        readonly=True,
    )
    is_cancelled = fields.Boolean(
        related="stage_id.is_cancel",
        store=True,
        readonly=True,
    )
    color = fields.Integer(
        groups="base.group_user",
    )
    team_id = fields.Many2one(
        comodel_name="crm.service.team",
        string="Team",
        index=True,
        track_visibility="onchange",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Assigned to",
        index=True,
        track_visibility="onchange",
    )
    category_id = fields.Many2one(
        comodel_name="crm.service.category",
        string="Category",
        groups="base.group_user",
    )
    root_cause_id = fields.Many2one(
        comodel_name="crm.service.root.cause",
        string="Root Cause",
        groups="base.group_user",
    )
    tag_ids = fields.Many2many(
        comodel_name="crm.service.tag",
        string="Tags",
        groups="base.group_user",
    )
    resolution = fields.Html(
        help="Internal record of how the request was resolved.",
        groups="base.group_user",
    )
    reply = fields.Html(
        string="Reply to Customer",
        help="Answer to the customer, sent with \"Send Reply\" (the draft is "
             "internal until then).",
        groups="base.group_user",
    )
    answer_id = fields.Many2one(
        comodel_name="crm.service.answer",
        string="Standard Answer",
        domain=[("state", "=", "published")],
        groups="base.group_user",
    )
    suggested_answer_ids = fields.Many2many(
        comodel_name="crm.service.answer",
        string="Suggested Answers",
        compute="_compute_suggested_answer_ids",
        groups="base.group_user",
    )
    date_open = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        index=True,
    )
    visit_ids = fields.One2many(
        comodel_name="crm.service.visit",
        inverse_name="request_id",
        string="Field Visits",
    )
    visit_count = fields.Integer(
        compute="_compute_visit_count",
    )

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        return stages.search([], order=order)

    @api.depends("visit_ids")
    def _compute_visit_count(self):
        for request in self:
            request.visit_count = len(request.visit_ids)

    @api.multi
    def _compute_portal_url(self):
        for request in self:
            request.portal_url = "/my/service-requests/%s" % request.id

    @api.multi
    def name_get(self):
        return [(r.id, "%s %s" % (r.reference, r.name)) for r in self]

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        values = self._onchange_partner_id_values(self.partner_id)
        for name, value in values.items():
            if not self[name]:
                self[name] = value

    @api.model
    def _onchange_partner_id_values(self, partner):
        return {
            "email_from": partner.email or False,
            "phone": partner.phone or partner.mobile or False,
        }

    @api.model
    def _check_system_fields(self, vals):
        """The figures the addon keeps (SLA verdicts and dates, escalation, the
        customer's survey answers, the verification of web requests) are written
        by its own code only, not by users over RPC."""
        written = SYSTEM_FIELDS & set(vals)
        if written and self.env.uid != SUPERUSER_ID:
            raise AccessError(_(
                "%s: kept by the service's own logic, not written by users.") %
                ", ".join(sorted(self._fields[name].get_description(self.env)[
                    "string"] for name in written)))

    @api.model
    def create(self, vals):
        self._check_system_fields(vals)
        vals = dict(vals)
        if vals.get("reference", "/") == "/":
            # sequences are configuration: portal and web posts draw numbers too
            vals["reference"] = self.env["ir.sequence"].sudo().next_by_code(
                "crm.service.request") or "/"
        if vals.get("partner_id") and not vals.get("email_from"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals.update({
                key: value for key, value in
                self._onchange_partner_id_values(partner).items()
                if not vals.get(key)})
        request = super().create(vals)
        if request.partner_id:
            request.message_subscribe(partner_ids=request.partner_id.ids)
        request._apply_sla()
        if request.stage_id.is_pause:
            request._write_sla_fields({request.id: {"pause_start": request.date_open}})
        return request

    @api.model
    def _now(self):
        """The current UTC time. Tests choose the moment with ``crm_service_now``
        in the context, honoured only while tests run: any RPC caller sets the
        context, and would backdate the first response, the closing date and the
        SLA verdicts (written as superuser)."""
        now = self.env.context.get("crm_service_now")
        if now and tools.config["test_enable"]:
            return fields.Datetime.from_string(now)
        return datetime.utcnow().replace(microsecond=0)

    @api.multi
    def write(self, vals):
        self._check_system_fields(vals)
        now = self._now()
        new_stage = self.env["crm.service.stage"].browse(vals.get("stage_id"))
        # A mass edit reads only the fields it needs: without prefetch_fields=False,
        # reading the stage here, or recomputing the stored related fields (is_closed
        # from the stage) in Odoo's write, loads every column of every request
        # (about 1 ms per request in Odoo 11; see also the SLA section below).
        lean = self.with_context(prefetch_fields=False)
        before = {r.id: r.stage_id for r in lean} if "stage_id" in vals else {}
        result = super(CrmServiceRequest, lean).write(vals)
        if before:
            self._on_stage_change(before, new_stage, now)
            if new_stage.is_closed and not new_stage.is_cancel:
                self._check_can_close()
        if {"type_id", "priority", "partner_id", "date_open"} & set(vals):
            self.browse([r.id for r in lean if not r.is_closed])._apply_sla()
        return result

    @api.multi
    def copy(self, default=None):
        default = dict(default or {}, reference="/")
        return super().copy(default)

    @api.multi
    def action_view_visits(self):
        self.ensure_one()
        action = self.env.ref("crm_service.crm_service_visit_action").read()[0]
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id}
        return action

    @api.multi
    def _close_missing(self):
        """What the request's type still needs to close it as solved (labels)."""
        self.ensure_one()
        kind = self.type_id
        missing = []
        if kind.needs_root_cause and not self.root_cause_id:
            missing.append(_("its root cause"))
        if kind.needs_product and not self.product_id:
            missing.append(_("the product concerned"))
        if kind.needs_visit and not self.visit_ids.filtered(
                lambda visit: visit.state == "done" and visit.signed):
            missing.append(_("a field visit done and signed off"))
        return missing

    @api.multi
    def _check_can_close(self):
        """Refuse to close a request as solved without what its type needs."""
        for request in self:
            missing = request._close_missing()
            if missing:
                raise UserError(_(
                    "The request %(reference)s (%(type)s) is solved with "
                    "%(missing)s: add it, or cancel the request.") % {
                    "reference": request.reference, "type": request.type_id.name,
                    "missing": ", ".join(missing)})

    @api.multi
    def _close_if_visits_done(self):
        """Close the requests whose visits are all done and signed (and that have
        what their type needs to close)."""
        stage = self.env["crm.service.stage"].search(
            [("is_closed", "=", True), ("is_cancel", "=", False)], limit=1)
        done = self.browse()
        for request in self.filtered(lambda r: not r.is_closed and r.visit_ids):
            visits = request.visit_ids.filtered(lambda v: v.state != "cancel")
            if visits and all(v.state == "done" and v.signed for v in visits) \
                    and not request._close_missing():
                done |= request
        if done and stage:
            done.write({"stage_id": stage.id})
