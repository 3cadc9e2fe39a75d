# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime

from psycopg2 import sql

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from .crm_service_sla import PRIORITIES

CHANNELS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("web", "Web Form"),
    ("walk_in", "Walk-in"),
    ("mail_fax", "Mail / Fax"),
    ("messaging", "Mobile / Messaging"),
]

SLA_STATUS = [
    ("none", "No SLA"),
    ("ongoing", "Ongoing"),
    ("met", "Met"),
    ("failed", "Failed"),
]

COMPENSATION_TYPES = [
    ("credit_note", "Credit Note"),
    ("discount", "Discount on Next Order"),
]

# One statement escalates every overdue request by one level: leader, then manager.
# The request rows are locked (SKIP LOCKED: a second cron running at the same time
# takes other rows), so no request is escalated twice to the same level.
_ESCALATE_SQL = """
WITH due AS (
    SELECT r.id, r.reference, r.name,
           CASE WHEN COALESCE(r.escalation_level, 0) = 0 THEN 1 ELSE 2 END AS level,
           CASE WHEN COALESCE(r.escalation_level, 0) = 0
                THEN COALESCE(t.user_id, %(fallback)s)
                ELSE COALESCE(t.manager_id, t.user_id, %(fallback)s) END AS target
      FROM crm_service_request r
      JOIN crm_service_stage s ON s.id = r.stage_id
      LEFT JOIN crm_service_team t ON t.id = r.team_id
     WHERE r.sla_resolve_deadline < %(now)s
       AND NOT s.is_closed AND NOT s.is_pause
       AND (COALESCE(r.escalation_level, 0) = 0
            OR (r.escalation_level = 1
                AND r.escalation_date <= %(now)s - make_interval(
                    secs => COALESCE(t.escalation_delay_hours, 4.0) * 3600)))
       FOR UPDATE OF r SKIP LOCKED
), upd AS (
    UPDATE crm_service_request r
       SET escalation_level = due.level, escalation_date = %(now)s,
           sla_resolve_status = 'failed', write_uid = %(uid)s, write_date = %(now)s
      FROM due
     WHERE r.id = due.id
), act AS (
    INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
                               activity_type_id, summary, date_deadline, user_id,
                               create_uid, write_uid, create_date, write_date)
    SELECT %(model_id)s, 'crm.service.request', due.id,
           due.reference || ' ' || due.name, %(activity_type)s,
           CASE WHEN due.level = 1 THEN %(summary1)s ELSE %(summary2)s END,
           %(today)s, due.target, %(uid)s, %(uid)s, %(now)s, %(now)s
      FROM due
     WHERE due.target IS NOT NULL
), fol AS (
    INSERT INTO mail_followers (res_model, res_id, partner_id)
    SELECT 'crm.service.request', due.id, u.partner_id
      FROM due JOIN res_users u ON u.id = due.target
    ON CONFLICT DO NOTHING
), msg AS (
    INSERT INTO mail_message (model, res_id, record_name, body, message_type,
                              subtype_id, author_id, date, create_uid, write_uid,
                              create_date, write_date)
    SELECT 'crm.service.request', due.id, due.reference || ' ' || due.name,
           CASE WHEN due.level = 1 THEN %(body1)s ELSE %(body2)s END,
           'notification', %(subtype)s, %(author)s, %(now)s, %(uid)s, %(uid)s,
           %(now)s, %(now)s
      FROM due
    RETURNING id, res_id
), notif AS (
    INSERT INTO mail_message_res_partner_needaction_rel (mail_message_id,
                                                         res_partner_id, is_read,
                                                         is_email)
    SELECT msg.id, u.partner_id, false, false
      FROM msg
      JOIN due ON due.id = msg.res_id
      JOIN res_users u ON u.id = due.target
)
SELECT due.level, count(*) FROM due GROUP BY due.level
"""

# SLA targets passed without the response or the resolution (paused requests wait).
_BREACH_SQL = """
WITH open_req AS (
    SELECT r.id
      FROM crm_service_request r
      JOIN crm_service_stage s ON s.id = r.stage_id
     WHERE NOT s.is_closed AND NOT s.is_pause
       AND ((r.sla_response_status = 'ongoing' AND r.sla_response_deadline < %(now)s)
            OR (r.sla_resolve_status = 'ongoing' AND r.sla_resolve_deadline < %(now)s))
)
UPDATE crm_service_request r
   SET sla_response_status = CASE
           WHEN r.sla_response_status = 'ongoing'
                AND r.sla_response_deadline < %(now)s THEN 'failed'
           ELSE r.sla_response_status END,
       sla_resolve_status = CASE
           WHEN r.sla_resolve_status = 'ongoing'
                AND r.sla_resolve_deadline < %(now)s THEN 'failed'
           ELSE r.sla_resolve_status END
  FROM open_req
 WHERE r.id = open_req.id
"""


# Fields kept by the SLA, stage and reply logic, written by _write_sla_fields.
_SLA_FIELDS = {
    "sla_id", "sla_response_deadline", "sla_resolve_deadline", "sla_response_status",
    "sla_resolve_status", "paused_hours", "pause_start", "close_date",
    "first_response_date",
}


_SLA_FACTS_SQL = """
SELECT r.id, r.company_id, r.type_id, r.priority, p.value_tier, r.date_open,
       r.paused_hours, r.pause_start, r.sla_id, r.sla_response_deadline,
       r.sla_resolve_deadline, r.sla_response_status, r.sla_resolve_status,
       r.first_response_date
  FROM crm_service_request r
  LEFT JOIN res_partner p ON p.id = r.commercial_partner_id
 WHERE r.id = ANY(%s)
"""


def _dt(value):
    return fields.Datetime.from_string(value) if value else None


class CrmServiceRequest(models.Model):
    _name = "crm.service.request"
    _inherit = ["crm.input.validation.mixin", "mail.thread", "mail.activity.mixin",
                "portal.mixin"]
    _description = "Service Request"
    _order = "priority desc, date_open desc, id desc"
    _mail_post_access = "read"

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
    color = fields.Integer()
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
    )
    root_cause_id = fields.Many2one(
        comodel_name="crm.service.root.cause",
        string="Root Cause",
    )
    tag_ids = fields.Many2many(
        comodel_name="crm.service.tag",
        string="Tags",
    )
    resolution = fields.Html(
        help="Internal record of how the request was resolved.",
    )
    reply = fields.Html(
        string="Reply to Customer",
        help="Customer-visible answer, sent with \"Send Reply\".",
    )
    answer_id = fields.Many2one(
        comodel_name="crm.service.answer",
        string="Standard Answer",
        domain=[("state", "=", "published")],
    )
    suggested_answer_ids = fields.Many2many(
        comodel_name="crm.service.answer",
        string="Suggested Answers",
        compute="_compute_suggested_answer_ids",
    )
    # dates and SLA
    date_open = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        index=True,
    )
    first_response_date = fields.Datetime(
        readonly=True,
        copy=False,
    )
    close_date = fields.Datetime(
        readonly=True,
        copy=False,
    )
    sla_id = fields.Many2one(
        comodel_name="crm.service.sla",
        string="SLA",
        readonly=True,
        copy=False,
    )
    sla_response_deadline = fields.Datetime(
        string="First Response Deadline",
        readonly=True,
        copy=False,
        index=True,
    )
    sla_resolve_deadline = fields.Datetime(
        string="Resolution Deadline",
        readonly=True,
        copy=False,
        index=True,
    )
    sla_response_status = fields.Selection(
        selection=SLA_STATUS,
        string="First Response SLA",
        default="none",
        readonly=True,
        copy=False,
    )
    sla_resolve_status = fields.Selection(
        selection=SLA_STATUS,
        string="Resolution SLA",
        default="none",
        readonly=True,
        copy=False,
    )
    paused_hours = fields.Float(
        string="Waiting on Customer (hours)",
        readonly=True,
        copy=False,
        help="Working hours spent in stages waiting on the customer: they do not "
             "count against the SLA.",
    )
    pause_start = fields.Datetime(
        readonly=True,
        copy=False,
    )
    escalation_level = fields.Integer(
        readonly=True,
        default=0,
        copy=False,
        help="0: not escalated, 1: team leader, 2: manager.",
    )
    escalation_date = fields.Datetime(
        readonly=True,
        copy=False,
    )
    # satisfaction
    survey_input_id = fields.Many2one(
        comodel_name="survey.user_input",
        string="Satisfaction Survey",
        readonly=True,
        copy=False,
    )
    survey_url = fields.Char(
        string="Survey Link",
        compute="_compute_survey_url",
        help="The customer's personal link to the satisfaction survey, sent by "
             "email when the request closes.",
    )
    csat = fields.Integer(
        string="CSAT",
        readonly=True,
        copy=False,
        group_operator="avg",
        help="Customer satisfaction, 1 (very unhappy) to 5 (very happy).",
    )
    nps = fields.Integer(
        string="NPS",
        readonly=True,
        copy=False,
        group_operator="avg",
        help="Likelihood to recommend us, 0 to 10.",
    )
    # compensation
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
        readonly=True,
    )
    compensation_type = fields.Selection(
        selection=COMPENSATION_TYPES,
    )
    compensation_proposed = fields.Monetary(
        string="Proposed Compensation",
        currency_field="currency_id",
    )
    # the documents themselves are for accounting and sales staff (agents see the
    # posted total, and the order's name in the chatter)
    refund_ids = fields.One2many(
        comodel_name="account.invoice",
        inverse_name="service_request_id",
        string="Credit Notes",
        readonly=True,
        groups="account.group_account_invoice",
    )
    discount_line_ids = fields.One2many(
        comodel_name="sale.order.line",
        inverse_name="service_request_id",
        string="Discount Lines",
        readonly=True,
        groups="sales_team.group_sale_salesman",
    )
    compensation_posted = fields.Monetary(
        string="Compensation Posted",
        currency_field="currency_id",
        compute="_compute_compensation_posted",
        help="Total of the posted credit notes drafted from this request and of "
             "its discounts on confirmed orders (untaxed).",
    )
    has_compensation = fields.Boolean(
        string="Compensation Drafted",
        compute="_compute_has_compensation",
        help="A credit note or a discount line not cancelled was drafted from this "
             "request: no other compensation can be drafted.",
    )
    visit_ids = fields.One2many(
        comodel_name="crm.service.visit",
        inverse_name="request_id",
        string="Field Visits",
    )
    visit_count = fields.Integer(
        compute="_compute_visit_count",
    )

    _sql_constraints = [
        ("csat_range", "CHECK (csat IS NULL OR csat BETWEEN 0 AND 5)",
         "CSAT is between 1 and 5."),
        ("nps_range", "CHECK (nps IS NULL OR nps BETWEEN 0 AND 10)",
         "NPS is between 0 and 10."),
    ]

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        return stages.search([], order=order)

    @api.depends("name", "description", "product_id", "category_id", "partner_id",
                 "contact_id")
    def _compute_suggested_answer_ids(self):
        answers = self.env["crm.service.answer"]
        for request in self:
            request.suggested_answer_ids = answers._suggest(
                request._suggestion_text(), limit=5,
                **request._suggestion_hints())

    @api.multi
    def _compute_compensation_posted(self):
        # accounting documents: the service agent sees their total, not the journal
        for request in self:
            refunds = request.sudo().refund_ids.filtered(
                lambda inv: inv.state in ("open", "paid"))
            discounts = request.sudo().discount_line_ids.filtered(
                lambda line: line.order_id.state in ("sale", "done"))
            request.compensation_posted = -sum(refunds.mapped(
                "amount_untaxed_signed")) - sum(discounts.mapped("price_subtotal"))

    @api.multi
    def _compute_has_compensation(self):
        for request in self:
            request.has_compensation = any(request._active_compensation())

    @api.depends("survey_input_id")
    def _compute_survey_url(self):
        for request in self:
            # the answer's token and the survey's address are the survey's: the
            # agent sees the link, not the survey records
            user_input = request.sudo().survey_input_id
            request.survey_url = "%s/%s" % (
                user_input.survey_id.public_url, user_input.token
            ) if user_input else False

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

    @api.onchange("answer_id")
    def _onchange_answer_id(self):
        if self.answer_id:
            self.reply = self._insert_answer_html(self.reply, self.answer_id)

    @api.model
    def create(self, vals):
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
        """The current UTC time (tests pass ``crm_service_now`` in the context)."""
        now = self.env.context.get("crm_service_now")
        if now:
            return fields.Datetime.from_string(now)
        return datetime.utcnow().replace(microsecond=0)

    @api.multi
    def write(self, vals):
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
        if {"type_id", "priority", "partner_id", "date_open"} & set(vals):
            self.browse([r.id for r in lean if not r.is_closed])._apply_sla()
        return result

    @api.multi
    def copy(self, default=None):
        default = dict(default or {}, reference="/")
        return super().copy(default)

    # ------------------------------------------------------------------ SLA
    # A mass edit (a stage or a priority changed on hundreds of requests from the
    # list view) costs a bounded number of queries: the facts of every request in
    # one query (_sla_facts), the SLAs searched once, each calendar read once, the
    # deadlines computed in Python and the SLA fields written by one UPDATE per set
    # of fields (_write_sla_fields). Reading the same facts through the ORM would
    # load every column of every request and customer (about 1 ms per request in
    # Odoo 11).

    @api.multi
    def _sla_facts(self):
        """``{request id: row}``: what the SLA logic reads of each request, its
        customer's tier included (whether or not the user may read the customer),
        as stored (the ORM writes immediately in Odoo 11)."""
        if not self:
            return {}
        self.env.cr.execute(_SLA_FACTS_SQL, (self.ids,))
        return {row["id"]: row for row in self.env.cr.dictfetchall()}

    @api.multi
    def _apply_sla(self):
        """Find each request's SLA and compute its deadlines from its start."""
        facts = self._sla_facts()
        keys = {
            request_id: (row["company_id"], row["type_id"], row["priority"],
                         row["value_tier"] or False)
            for request_id, row in facts.items()
        }
        found = self.env["crm.service.sla"]._find_many(set(keys.values()))
        self._write_sla_fields(self._deadline_values(
            {request_id: found[key] for request_id, key in keys.items()}, facts))

    @api.model
    def _deadline_values(self, slas, facts, paused_hours=None):
        """``{request id: SLA field values}`` for the SLA given to each request in
        ``slas`` (``{request id: sla}``, an empty record for none), from the
        requests' ``facts`` and their paused hours, or those in ``paused_hours``."""
        paused_hours = paused_hours or {}
        calendars = self.env["crm.service.sla"].union(
            *slas.values())._work_calendars()
        result = {}
        for request_id, sla in slas.items():
            row = facts[request_id]
            if not sla:
                result[request_id] = {
                    "sla_id": False, "sla_response_deadline": False,
                    "sla_resolve_deadline": False, "sla_response_status": "none",
                    "sla_resolve_status": "none"}
                continue
            calendar = calendars[sla.id]
            start = _dt(row["date_open"])
            paused = paused_hours.get(request_id, row["paused_hours"] or 0.0)
            vals = {"sla_id": sla.id}
            for name, hours in (("sla_response_deadline", sla.response_hours),
                                ("sla_resolve_deadline", sla.resolve_hours)):
                vals[name] = fields.Datetime.to_string(
                    calendar.add_hours(start, hours + paused))
            for name in ("sla_response_status", "sla_resolve_status"):
                if row[name] in ("none", None):
                    vals[name] = "ongoing"
            result[request_id] = vals
        return result

    @api.multi
    def _write_sla_fields(self, values):
        """Write ``{request id: vals}`` of the fields the SLA, stage and reply logic
        keep (read-only for users, so written whatever the user's rights): one
        UPDATE per set of fields, where the ORM would send one per request since
        every request gets its own deadlines."""
        groups = defaultdict(dict)
        for request_id, vals in values.items():
            if vals:
                groups[tuple(sorted(vals))][request_id] = vals
        for names, rows in groups.items():
            unknown = set(names) - _SLA_FIELDS
            if unknown:
                raise ValueError("not an SLA field: %s" % ", ".join(sorted(unknown)))
            ids = list(rows)
            columns = [ids]
            for name in names:
                field = self._fields[name]
                columns.append([field.convert_to_column(rows[i][name], self)
                                for i in ids])
            # identifiers come from _SLA_FIELDS and the fields' column types,
            # values are parameters
            query = sql.SQL("""
                UPDATE crm_service_request r
                   SET {assign}, write_uid = %s,
                       write_date = (now() at time zone 'UTC')
                  FROM unnest(%s::int4[], {arrays}) AS v(id, {names})
                 WHERE r.id = v.id
            """).format(
                assign=sql.SQL(", ").join(
                    sql.SQL("{0} = v.{0}").format(sql.Identifier(name))
                    for name in names),
                arrays=sql.SQL(", ").join(
                    sql.SQL("%s::{}[]").format(
                        sql.SQL(self._fields[name].column_type[1]))
                    for name in names),
                names=sql.SQL(", ").join(sql.Identifier(name) for name in names))
            self.env.cr.execute(query, [self.env.uid] + columns)
            records = self.browse(ids)
            records.invalidate_cache(list(names), ids)
            records.modified(list(names))
        if groups and self.env.recompute and self.env.context.get("recompute", True):
            self.recompute()

    @api.multi
    def _on_stage_change(self, before, new_stage, now):
        now_str = fields.Datetime.to_string(now)
        changed = self.browse([
            request_id for request_id, stage in before.items() if stage != new_stage])
        facts = changed._sla_facts()
        slas = self.env["crm.service.sla"].browse(
            {row["sla_id"] for row in facts.values() if row["sla_id"]})
        calendars = slas._work_calendars()
        # the time spent waiting moves the deadlines: the paused hours first, so
        # that a request closed straight from a pause is judged against its
        # extended deadlines
        resumed = {}
        for request_id, row in facts.items():
            if before[request_id].is_pause and row["pause_start"] and row["sla_id"]:
                resumed[request_id] = (row["paused_hours"] or 0.0) + calendars[
                    row["sla_id"]].hours_between(_dt(row["pause_start"]), now)
        values = self._deadline_values(
            {request_id: slas.browse(facts[request_id]["sla_id"])
             for request_id in resumed}, facts, paused_hours=resumed)
        for request_id, row in facts.items():
            old = before[request_id]
            vals = values.setdefault(request_id, {})
            if request_id in resumed:
                vals["paused_hours"] = resumed[request_id]
            if old.is_pause and row["pause_start"]:
                vals["pause_start"] = False
            if new_stage.is_pause:
                vals["pause_start"] = now_str
            if new_stage.is_closed and not old.is_closed:
                vals.update(self._closing_values(dict(row, **vals), now))
            elif old.is_closed and not new_stage.is_closed:
                vals["close_date"] = False
        self._write_sla_fields(values)
        if new_stage.is_closed:
            changed.filtered(lambda r: not before[r.id].is_closed)._send_survey()

    @api.model
    def _closing_values(self, row, now):
        """The SLA fields of a request (its ``_sla_facts`` row) closed at ``now``."""
        now_str = fields.Datetime.to_string(now)
        vals = {"close_date": now_str}
        if not row["first_response_date"]:
            vals["first_response_date"] = now_str
        if row["sla_id"] and row["sla_response_deadline"] and \
                row["sla_resolve_deadline"]:
            response = _dt(vals.get("first_response_date")
                           or row["first_response_date"])
            vals["sla_response_status"] = (
                "met" if response <= _dt(row["sla_response_deadline"]) else "failed")
            vals["sla_resolve_status"] = (
                "met" if now <= _dt(row["sla_resolve_deadline"]) else "failed")
        return vals

    @api.multi
    def _mark_responded(self):
        now = fields.Datetime.to_string(self._now())
        values = {}
        for request_id, row in self._sla_facts().items():
            if row["first_response_date"]:
                continue
            vals = values[request_id] = {"first_response_date": now}
            if row["sla_response_status"] == "ongoing" and \
                    row["sla_response_deadline"]:
                vals["sla_response_status"] = (
                    "met" if _dt(now) <= _dt(row["sla_response_deadline"])
                    else "failed")
        self._write_sla_fields(values)

    # ---------------------------------------------------------- answers

    @api.multi
    def _suggestion_text(self):
        self.ensure_one()
        return " ".join(filter(None, [
            self.name or "", tools.html2plaintext(self.description or "")]))

    @api.multi
    def _suggestion_hints(self):
        """What the answer suggestions favour besides the text: the request's
        product and service category, and the customer's language."""
        self.ensure_one()
        # the language of the person who wrote, even when the confidentiality
        # rules hide the customer from the agent
        customer = (self.contact_id or self.partner_id).sudo()
        return {
            "product": self.product_id or None,
            "category": self.category_id or None,
            "lang": customer.lang or None,
        }

    @api.model
    def _insert_answer_html(self, reply, answer):
        return (reply or "") + (answer.answer or "")

    @api.multi
    def action_insert_answer(self, answer_id=None):
        """Append a standard answer to the reply and count its use."""
        self.ensure_one()
        answer = self.env["crm.service.answer"].browse(
            answer_id or self.env.context.get("crm_service_answer_id")
            or self.answer_id.id)
        if not answer.exists():
            raise UserError(_("Choose a standard answer to insert."))
        self.reply = self._insert_answer_html(self.reply, answer)
        answer._count_use()
        return True

    @api.multi
    def action_send_reply(self):
        """Send the reply to the customer (the first response of the SLA)."""
        self.ensure_one()
        if not tools.html2plaintext(self.reply or "").strip():
            raise UserError(_("Write the reply first."))
        self.message_post(body=self.reply, subtype="mail.mt_comment",
                          message_type="comment")
        return True

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if kwargs.get("subtype") == "mail.mt_comment" and \
                self.env.user.has_group("base.group_user") and \
                message.author_id != self.partner_id:
            self._mark_responded()
        return message

    # ---------------------------------------------------------- mail gateway

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A request from an incoming email (the mail alias)."""
        values = dict(custom_values or {})
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        values.setdefault("name", msg_dict.get("subject") or _("No Subject"))
        values.setdefault("email_from", msg_dict.get("email_from"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel", "email")
        if author:
            values.setdefault("partner_id", author.id)
        return super().message_new(msg_dict, custom_values=values)

    @api.multi
    def message_update(self, msg_dict, update_vals=None):
        """A customer's reply ends the waiting on them."""
        result = super().message_update(msg_dict, update_vals=update_vals)
        waiting = self.filtered(lambda r: r.stage_id.is_pause)
        if waiting:
            stage = self._resume_stage()
            if stage:
                waiting.write({"stage_id": stage.id})
        return result

    @api.model
    def _resume_stage(self):
        return self.env["crm.service.stage"].search([
            ("is_pause", "=", False), ("is_closed", "=", False),
        ], order="sequence desc, id desc", limit=1)

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super().message_get_suggested_recipients()
        for request in self:
            if request.partner_id:
                request._message_add_suggested_recipient(
                    recipients, partner=request.partner_id, reason=_("Customer"))
            elif request.email_from:
                request._message_add_suggested_recipient(
                    recipients, email=request.email_from, reason=_("Customer Email"))
        return recipients

    # ---------------------------------------------------------- satisfaction

    @api.multi
    def _send_survey(self):
        """Email each customer the personal link to the satisfaction survey (the
        template ``mail_template_satisfaction_survey``), once per request."""
        survey = self.env.ref("crm_service.survey_satisfaction",
                              raise_if_not_found=False)
        template = self.env.ref("crm_service.mail_template_satisfaction_survey",
                                raise_if_not_found=False)
        if not survey or not template:
            return
        for request in self.filtered(
                lambda r: r.partner_id.email and not r.survey_input_id):
            # survey answers are not the agent's to create: the customer fills them
            user_input = self.env["survey.user_input"].sudo().create({
                "survey_id": survey.id,
                "partner_id": request.partner_id.id,
                "email": request.partner_id.email,
                "type": "link",
                "service_request_id": request.id,
            })
            # the link is a system field, written whatever the agent's rights
            super(CrmServiceRequest, request.sudo()).write(
                {"survey_input_id": user_input.id})
            # in the chatter and by email to the customer (the template's partner)
            request.message_post_with_template(
                template.id, composition_mode="comment", message_type="comment",
                subtype_id=self.env.ref("mail.mt_comment").id)

    # ---------------------------------------------------------- compensation

    @api.multi
    def action_create_refund(self):
        """Draft a customer credit note of the proposed compensation; accounting
        staff check and post it."""
        self._check_can_compensate(
            _("Set the customer before drafting a credit note."))
        refund = self._create_refund(self.compensation_proposed)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.invoice",
            "res_id": refund.id,
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_form").id, "form")],
        }

    @api.multi
    def _create_refund(self, amount):
        self.ensure_one()
        # service agents draft the credit note without accounting rights; it stays
        # a draft until accounting staff post it
        invoices = self.env["account.invoice"].sudo().with_context(
            type="out_refund", force_company=self.company_id.id)
        partner = self.partner_id.commercial_partner_id
        account = self.env["ir.property"].with_context(
            force_company=self.company_id.id).get(
            "property_account_income_categ_id", "product.category")
        if not account:
            raise UserError(_("Set the default income account of the product "
                              "categories before drafting a credit note."))
        return invoices.create(self._prepare_refund_values(partner, account, amount))

    @api.multi
    def _prepare_refund_values(self, partner, account, amount):
        return {
            "type": "out_refund",
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "account_id": partner.with_context(
                force_company=self.company_id.id).property_account_receivable_id.id,
            "origin": self.reference,
            "name": _("Compensation for %s") % self.reference,
            "user_id": self.env.uid,
            "service_request_id": self.id,
            "invoice_line_ids": [(0, 0, {
                "name": _("Compensation: %s") % self.name,
                "account_id": account.id,
                "quantity": 1.0,
                "price_unit": amount,
            })],
        }

    @api.multi
    def action_apply_discount(self):
        """Put the proposed compensation as a discount line on the customer's
        latest open quotation; it counts once the order is confirmed. Service
        agents need no sales rights for it."""
        self._check_can_compensate(
            _("Set the customer before granting a discount."))
        line = self._create_discount_line(self.compensation_proposed)
        self.message_post(body=_(
            "<p>Discount of %(amount)s drafted on the quotation %(order)s: it counts "
            "once the order is confirmed.</p>") % {
            "amount": tools.html_escape(formatLang(
                self.env, self.compensation_proposed, currency_obj=self.currency_id)),
            "order": tools.html_escape(line.order_id.name)},
            subtype="mail.mt_note")
        return True

    @api.multi
    def _check_can_compensate(self, no_customer_message):
        """What both compensations need: a customer, a positive amount, the right
        to handle the request and no compensation drafted yet."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(no_customer_message)
        if self.compensation_proposed <= 0:
            raise UserError(_("Enter the proposed compensation (a positive amount)."))
        self._check_compensation_rights()
        self._check_no_compensation()

    @api.multi
    def _check_compensation_rights(self):
        """Compensation is drafted by those who may handle the request (not, say,
        its portal customer, who may read it): the drafting itself runs as
        superuser."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _active_compensation(self):
        """The credit notes and discount lines drafted from the request that are
        not cancelled (a cancelled credit note or order no longer compensates)."""
        self.ensure_one()
        # the documents are accounting's and sales': the agent who drafts the
        # compensation may not read them, but a second one must see the first
        request = self.sudo()
        return (request.refund_ids.filtered(lambda inv: inv.state != "cancel"),
                request.discount_line_ids.filtered(
                    lambda line: line.order_id.state != "cancel"))

    @api.multi
    def _check_no_compensation(self):
        """Refuse a second compensation (a double click, another agent): the
        request's row is written first, so a concurrent second drafting waits
        for this one, fails to serialize and is retried by Odoo, then refused."""
        self.ensure_one()
        self.env.cr.execute(
            "UPDATE crm_service_request SET write_uid = %s, "
            "write_date = (now() at time zone 'UTC') WHERE id = %s",
            (self.env.uid, self.id))
        refunds, lines = self._active_compensation()
        if refunds or lines:
            raise UserError(_(
                "A compensation was already drafted for the request %(reference)s "
                "(%(documents)s): cancel it before drafting another one.") % {
                "reference": self.reference,
                "documents": ", ".join(
                    [refund.number or _("draft credit note") for refund in refunds]
                    + lines.mapped("order_id.name")),
            })

    @api.multi
    def _create_discount_line(self, amount):
        """The discount line of ``amount`` on the customer's latest open quotation
        in the request's company."""
        self.ensure_one()
        # Service agents have no sales rights: the quotation is looked up and the
        # line added as superuser, for this request's customer and company only
        # (the caller checked the user may handle the request). The agent gets no
        # access to the order: action_apply_discount only names it in the chatter.
        order = self.env["sale.order"].sudo().search(
            self._discount_order_domain(), order="date_order desc, id desc", limit=1)
        if not order:
            raise UserError(_(
                "The customer has no open quotation: create their next order first."))
        line = self.env["sale.order.line"].sudo().create(
            self._prepare_discount_line_values(order, amount))
        order.message_post(body=_(
            "<p>Compensation discount for the service request %s.</p>")
            % tools.html_escape(self.reference),
            author_id=self.env.user.partner_id.id, subtype="mail.mt_note")
        return line

    @api.multi
    def _discount_order_domain(self):
        return [
            ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
            ("state", "in", ("draft", "sent")),
            ("company_id", "=", self.company_id.id),
        ]

    @api.multi
    def _prepare_discount_line_values(self, order, amount):
        """``amount`` is in the request's company currency: the line is in the
        order's (its pricelist's), converted at the order date."""
        order_currency = order.pricelist_id.currency_id or self.currency_id
        amount = self.currency_id.with_context(
            date=order.date_order).compute(amount, order_currency)
        return {
            "order_id": order.id,
            "product_id": self.env.ref("crm_service.product_compensation_discount").id,
            "name": _("Compensation for %s") % self.reference,
            "product_uom_qty": 1.0,
            "price_unit": -amount,
            "tax_id": [(6, 0, [])],
            "service_request_id": self.id,
        }

    @api.multi
    def action_view_visits(self):
        self.ensure_one()
        action = self.env.ref("crm_service.crm_service_visit_action").read()[0]
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id}
        return action

    @api.multi
    def _close_if_visits_done(self):
        """Close the requests whose visits are all done and signed."""
        stage = self.env["crm.service.stage"].search(
            [("is_closed", "=", True)], limit=1)
        done = self.browse()
        for request in self.filtered(lambda r: not r.is_closed and r.visit_ids):
            visits = request.visit_ids.filtered(lambda v: v.state != "cancel")
            if visits and all(v.state == "done" and v.signed for v in visits):
                done |= request
        if done and stage:
            done.write({"stage_id": stage.id})

    # ---------------------------------------------------------- crons

    @api.model
    def _cron_sla(self, now=None):
        """Deadlines missing, SLA breaches, then one level of escalation."""
        now = now or self._now()
        missing = self.search([
            ("sla_id", "!=", False), ("sla_resolve_deadline", "=", False),
            ("is_closed", "=", False)], limit=5000)
        missing._apply_sla()
        cr = self.env.cr
        cr.execute(_BREACH_SQL, {"now": now})
        cr.execute(_ESCALATE_SQL, self._escalation_params(now))
        levels = dict(cr.fetchall())
        self.invalidate_cache()
        return levels

    @api.model
    def _escalation_fallback_user(self):
        """Who gets the escalations of requests without a team leader or manager:
        the first service manager (other than the superuser)."""
        group = self.env.ref("crm_service.group_service_manager")
        # the group's members are read whoever runs the cron
        managers = group.sudo().users.filtered(lambda user: user.id != 1)
        return managers[:1].id or None

    @api.model
    def _escalation_params(self, now):
        return {
            "fallback": self._escalation_fallback_user(),
            "now": now,
            "today": now.date(),
            "uid": self.env.uid,
            "model_id": self.env["ir.model"]._get(self._name).id,
            "activity_type": self.env.ref("mail.mail_activity_data_todo").id,
            "subtype": self.env.ref("mail.mt_note").id,
            "author": self.env.user.partner_id.id,
            "summary1": _("Overdue: escalated to the team leader"),
            "summary2": _("Overdue: escalated to the service manager"),
            "body1": "<p>%s</p>" % tools.html_escape(
                _("The request is overdue: escalated to the team leader.")),
            "body2": "<p>%s</p>" % tools.html_escape(
                _("The request is still overdue: escalated to the service manager.")),
        }
