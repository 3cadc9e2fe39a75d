# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.crm_lifecycle.models.crm_input_validation import check_values

from ..logic.periods import membership_values
from .access import OFFICER, check_groups, is_protected, protected

STATES = [
    ("candidate", "Candidate"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
]
# states in which a partner holds "the" membership of a club (one at a time)
OPEN_STATES = ("candidate", "active", "suspended")
# periods that hold their dates: the next period starts after them
BOOKED_PERIOD_STATES = ("waiting", "invoiced", "paid")

# Active fee memberships expiring within their club's reminder period, not yet
# reminded of this expiry date, whose next period is not booked yet.
_DUE_REMINDERS_SQL = """
SELECT m.id
  FROM crm_membership m
  JOIN crm_membership_club c ON c.id = m.club_id
 WHERE m.state = 'active' AND c.fee_type = 'fee'
   AND m.expiry_date >= %(ref)s
   AND m.expiry_date <= %(ref)s::date + c.reminder_days
   AND m.reminded_expiry_date IS DISTINCT FROM m.expiry_date
   AND NOT EXISTS (SELECT 1 FROM membership_membership_line l
                    WHERE l.crm_membership_id = m.id AND l.date_to > m.expiry_date
                      AND l.crm_period_state IN %(booked)s)
 ORDER BY m.id
"""
UNIQUE_INDEX = "crm_membership_one_open_per_club"
# written only by the addon's own methods (payments, actions, ledger, crons)
PROTECTED_FIELDS = ("state", "points_balance", "referral_rewarded",
                    "referral_invoice_id", "reminded_expiry_date", "expiry_date",
                    "renewal_date", "company_id", "name")
# fixed once the membership has been active: its ledger and periods carry them
LOCKED_FIELDS = ("club_id", "partner_id")


class CrmMembership(models.Model):
    _name = "crm.membership"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.input.validation.mixin"]
    _description = "Club Membership"
    _order = "club_id, name desc, id desc"
    _crm_customer_data = True

    name = fields.Char(
        string="Member Number",
        readonly=True,
        copy=False,
        index=True,
        default="/",
    )
    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        required=True,
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
        index=True,
        help="The club's company (set from the club).",
    )
    currency_id = fields.Many2one(
        related="club_id.currency_id",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
    )
    tier_id = fields.Many2one(
        comodel_name="crm.membership.tier",
        domain="[('club_id', '=', club_id)]",
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
    )
    tier_color = fields.Char(
        related="tier_id.color",
        readonly=True,
    )
    state = fields.Selection(
        selection=STATES,
        required=True,
        default="candidate",
        index=True,
        copy=False,
        track_visibility="onchange",
    )
    join_date = fields.Date(
        copy=False,
        track_visibility="onchange",
        help="Date the membership first became active.",
    )
    renewal_date = fields.Date(
        copy=False,
        help="Start of the latest renewed period.",
    )
    expiry_date = fields.Date(
        copy=False,
        index=True,
        track_visibility="onchange",
        help="Last day of the paid periods; the membership expires after it unless "
             "renewed. Empty for clubs without fee: never expires.",
    )
    reminded_expiry_date = fields.Date(
        readonly=True,
        copy=False,
        help="Expiry date the last renewal reminder was sent for.",
    )
    referred_by_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Referred By",
        domain="[('club_id', '=', club_id), ('id', '!=', id)]",
        help="The member who brought this customer (old brings new).",
    )
    referral_ids = fields.One2many(
        comodel_name="crm.membership",
        inverse_name="referred_by_id",
        string="Referrals",
    )
    referral_rewarded = fields.Boolean(
        readonly=True,
        copy=False,
        help="The referral of this member is settled: the referrer received the "
             "club's bonus, or this member's first purchase did not qualify.",
    )
    referral_invoice_id = fields.Many2one(
        comodel_name="account.invoice",
        string="Referral Purchase",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The first purchase of this member as a new customer, which earns "
             "the referrer the club's bonus (taken back when it is refunded).",
    )
    points_balance = fields.Integer(
        string="Points",
        readonly=True,
        default=0,
        copy=False,
        help="Points available: the sum of the ledger.",
    )
    points_value = fields.Monetary(
        compute="_compute_points_value",
        currency_field="currency_id",
        help="Value of the available points.",
    )
    points_line_ids = fields.One2many(
        comodel_name="crm.membership.points",
        inverse_name="membership_id",
        string="Points Ledger",
        readonly=True,
    )
    period_line_ids = fields.One2many(
        comodel_name="membership.membership_line",
        inverse_name="crm_membership_id",
        string="Periods",
        readonly=True,
    )
    tier_history_ids = fields.One2many(
        comodel_name="crm.membership.tier.history",
        inverse_name="membership_id",
        string="Tier Changes",
        readonly=True,
    )
    benefit_usage_ids = fields.One2many(
        comodel_name="crm.membership.benefit.usage",
        inverse_name="membership_id",
        string="Benefits Used",
    )
    free_services_left = fields.Integer(
        compute="_compute_free_services_left",
        help="Free services of the tier not used over the last 12 months.",
    )
    note = fields.Text()

    @api.model_cr
    def init(self):
        # one open (candidate, active, suspended) membership per partner and club
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS crm_membership_one_open_per_club
                ON crm_membership (club_id, partner_id)
             WHERE state IN ('candidate', 'active', 'suspended')
        """)

    @api.multi
    @api.depends("points_balance", "club_id.point_value")
    def _compute_points_value(self):
        for membership in self:
            membership.points_value = \
                membership.points_balance * membership.club_id.point_value

    @api.multi
    @api.depends("tier_id.free_service_count", "benefit_usage_ids.quantity")
    def _compute_free_services_left(self):
        since = fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self))
            - relativedelta(years=1))
        for membership in self:
            used = sum(membership.benefit_usage_ids.filtered(
                lambda u: u.benefit_type == "service" and u.date > since
                and u.tier_id == membership.tier_id).mapped("quantity"))
            membership.free_services_left = max(
                0, membership.tier_id.free_service_count - used)

    @api.constrains("referred_by_id", "club_id")
    def _check_referrer(self):
        for membership in self.filtered("referred_by_id"):
            if membership.referred_by_id == membership:
                raise ValidationError(_("A member cannot refer themselves."))
            if membership.referred_by_id.club_id != membership.club_id:
                raise ValidationError(_(
                    "The referrer must be a member of the same club."))
            seen, node = membership, membership.referred_by_id
            while node:
                if node in seen:
                    raise ValidationError(_(
                        "%s would be referred by a member they referred (a "
                        "referral cycle).") % membership.display_name)
                seen |= node
                node = node.referred_by_id

    @api.multi
    def name_get(self):
        return [(membership.id, "%s - %s" % (
            membership.name, membership.partner_id.display_name or ""))
            for membership in self]

    # ------------------------------------------------------------------ CRUD
    def _check_single_open(self, club_id, partner_id, exclude_ids=()):
        domain = [("club_id", "=", club_id), ("partner_id", "=", partner_id),
                  ("state", "in", OPEN_STATES), ("id", "not in", list(exclude_ids))]
        # sudo: the boundary holds whatever the user may read
        if self.sudo().search_count(domain):
            raise ValidationError(self._duplicate_message())

    @api.model
    def _duplicate_message(self):
        return _("This customer already has an open membership of this club (one "
                 "candidate, active or suspended membership per customer and club).")

    @api.model
    def _check_create_values(self, vals):
        """What a user may give a new membership: no balance, flags or dates the
        addon computes; a candidate, or an active member of a club without fee."""
        if self.env.uid == SUPERUSER_ID or is_protected(self):
            return
        given = [name for name in PROTECTED_FIELDS
                 if name not in ("state", "company_id", "name") and vals.get(name)]
        club = self.env["crm.membership.club"].browse(vals.get("club_id"))
        state = vals.get("state", "candidate")
        if state != "candidate" and not (state == "active" and club.fee_type in (
                "free", "automatic")):
            given.append("state")
        if given:
            raise UserError(_(
                "A new membership starts as a candidate (or active in a club "
                "without fee); %s are set by the club's operations.") % ", ".join(
                    self._fields[name].get_description(self.env)["string"]
                    for name in given))

    @api.model
    def create(self, vals):
        check_values(self, vals)
        self._check_create_values(vals)
        if vals.get("state", "candidate") in OPEN_STATES \
                and vals.get("club_id") and vals.get("partner_id"):
            self._check_single_open(vals["club_id"], vals["partner_id"])
        if vals.get("club_id"):
            club = self.env["crm.membership.club"].browse(vals["club_id"])
            vals = dict(vals, company_id=club.company_id.id)
            if vals.get("name", "/") == "/":
                vals["name"] = club._next_member_number()
        return self._unique_guard(lambda: super(CrmMembership, self).create(vals))

    @api.multi
    def _check_write_values(self, vals):
        """Protected fields only through the addon's operations; club and member
        fixed once the membership has been active; the referrer fixed once the
        referral is settled."""
        if is_protected(self):
            return
        self.check_access_rights("write")
        names = [name for name in PROTECTED_FIELDS if name in vals]
        if names and self.env.uid != SUPERUSER_ID:
            raise UserError(_(
                "%s of a membership change only through its actions (payment, "
                "activation, points operations).") % ", ".join(
                    self._fields[name].get_description(self.env)["string"]
                    for name in names))
        for membership in self:
            changed = [name for name in LOCKED_FIELDS
                       if name in vals and vals[name] != membership[name].id]
            if changed and (membership.state != "candidate" or membership.join_date
                            or membership.points_balance):
                raise UserError(_(
                    "%s has been active: its club and member cannot change (its "
                    "points and periods belong to them). Cancel it and enrol the "
                    "customer anew.") % membership.display_name)
            if "referred_by_id" in vals and (
                    vals["referred_by_id"] or False) != membership.referred_by_id.id \
                    and (membership.referral_rewarded
                         or membership.referral_invoice_id):
                raise UserError(_(
                    "%s: the referral is settled, the referrer cannot change.")
                    % membership.display_name)

    @api.multi
    def write(self, vals):
        check_values(self, vals)
        self._check_write_values(vals)
        if vals.get("club_id"):
            club = self.env["crm.membership.club"].browse(vals["club_id"])
            vals = dict(vals, company_id=club.company_id.id)
        if {"state", "club_id", "partner_id"} & set(vals):
            for membership in self:
                state = vals.get("state", membership.state)
                if state in OPEN_STATES:
                    self._check_single_open(
                        vals.get("club_id", membership.club_id.id),
                        vals.get("partner_id", membership.partner_id.id),
                        exclude_ids=self.ids)
        result = self._unique_guard(
            lambda: super(CrmMembership, self).write(vals))
        if vals.get("state") == "active":
            self._grant_pending_referrals()
        return result

    def _unique_guard(self, operation):
        """Run ``operation``; a concurrent duplicate caught by the unique index
        becomes a clear error instead of a database error."""
        try:
            with self.env.cr.savepoint():
                return operation()
        except psycopg2.IntegrityError as error:
            if error.pgcode == errorcodes.UNIQUE_VIOLATION \
                    and UNIQUE_INDEX in str(error):
                raise ValidationError(self._duplicate_message())
            raise

    @api.multi
    def unlink(self):
        if self.filtered(lambda m: m.state != "candidate" or m.points_line_ids):
            raise UserError(_(
                "Only candidate memberships without points can be deleted; cancel "
                "the others."))
        return super().unlink()

    # --------------------------------------------------------------- actions
    @api.multi
    def action_activate(self):
        """Activate memberships of clubs without fee (paid clubs activate on
        payment)."""
        check_groups(self.env, [OFFICER], _("Activating a membership"))
        for membership in self:
            if membership.club_id.fee_type == "fee" and membership.state in (
                    "candidate", "expired"):
                raise UserError(_(
                    "%s: a paid membership becomes active when its fee invoice is "
                    "paid.") % membership.name)
        self._activate(fields.Date.context_today(self))
        return True

    @api.multi
    def _activate(self, day):
        for membership in self:
            vals = {"state": "active"}
            if not membership.join_date:
                vals["join_date"] = day
            protected(membership).write(vals)

    @api.multi
    def action_suspend(self):
        check_groups(self.env, [OFFICER], _("Suspending a membership"))
        protected(self.filtered(lambda m: m.state == "active")).write(
            {"state": "suspended"})
        return True

    @api.multi
    def action_resume(self):
        check_groups(self.env, [OFFICER], _("Resuming a membership"))
        protected(self.filtered(lambda m: m.state == "suspended")).write(
            {"state": "active"})
        return True

    @api.multi
    def action_cancel(self):
        check_groups(self.env, [OFFICER], _("Cancelling a membership"))
        cancelled = self.filtered(lambda m: m.state != "cancelled")
        protected(cancelled).write({"state": "cancelled"})
        Points = self.env["crm.membership.points"]
        today = fields.Date.context_today(self)
        for membership in cancelled.filtered(
                lambda m: m.club_id.cancelled_points == "expire"
                and m.points_balance > 0):
            Points._lock(membership)
            Points._expire_all(membership, today, _("Points expired: membership "
                                                    "cancelled"))
        return True

    @api.multi
    def action_invoice_fee(self):
        """Invoice the next period's fee (joining or renewing)."""
        self.ensure_one()
        check_groups(self.env, [OFFICER], _("Invoicing a membership fee"))
        invoice = self._create_fee_invoice()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action.update({
            "views": [(self.env.ref("account.invoice_form").id, "form")],
            "res_id": invoice.id,
        })
        return action

    @api.multi
    def action_print_card(self):
        self.ensure_one()
        return self.env.ref("crm_membership.report_membership_card").report_action(
            self)

    @api.multi
    def action_redeem(self):
        self.ensure_one()
        check_groups(self.env, [OFFICER], _("Redeeming points"))
        action = self.env.ref("crm_membership.crm_membership_redeem_action").read()[0]
        action["context"] = {"default_membership_id": self.id}
        return action

    # ------------------------------------------------------------ fees
    @api.multi
    def _next_period(self, day=None):
        """Start and end of the next period to invoice."""
        self.ensure_one()
        today = fields.Date.from_string(day or fields.Date.context_today(self))
        start = today
        paid_to = [fields.Date.from_string(line.date_to)
                   for line in self.period_line_ids
                   if line.date_to and line.crm_period_state in BOOKED_PERIOD_STATES]
        if self.expiry_date:
            paid_to.append(fields.Date.from_string(self.expiry_date))
        if paid_to and max(paid_to) >= today:
            start = max(paid_to) + timedelta(days=1)
        end = start + relativedelta(months=self.club_id.period_months) \
            - timedelta(days=1)
        return start, end

    @api.multi
    def _prepare_fee_invoice_vals(self):
        self.ensure_one()
        partner = self.partner_id
        return {
            "partner_id": partner.id,
            "type": "out_invoice",
            "company_id": self.company_id.id,
            "user_id": self.env.uid,
            "origin": self.name,
            "account_id": partner.property_account_receivable_id.id,
            "fiscal_position_id": partner.property_account_position_id.id,
        }

    @api.multi
    def _prepare_fee_line_vals(self, invoice, start, end):
        """The fee line, as Odoo's membership addon builds it (product onchange)."""
        self.ensure_one()
        product = self.club_id.fee_product_id
        line = self.env["account.invoice.line"].new({
            "product_id": product.id,
            "invoice_id": invoice.id,
            "quantity": 1.0,
        })
        line._onchange_product_id()
        vals = line._convert_to_write({name: line[name] for name in line._cache})
        vals.update({
            "invoice_id": invoice.id,
            "name": _("%(club)s membership %(number)s, %(start)s to %(end)s") % {
                "club": self.club_id.name, "number": self.name,
                "start": start, "end": end},
            "price_unit": product.lst_price,
        })
        return vals

    @api.multi
    def _create_fee_invoice(self, day=None):
        """Create the fee invoice of the next period; Odoo's membership addon
        creates its membership line, which becomes this membership's period."""
        self.ensure_one()
        if self.club_id.fee_type != "fee":
            raise UserError(_("Club %s has no membership fee.") % self.club_id.name)
        if self.state == "cancelled":
            raise UserError(_("%s is cancelled.") % self.name)
        start, end = self._next_period(day)
        # sudo: membership officers invoice fees without being accountants; the
        # invoice is made out in the officer's name (user_id)
        member = self.sudo().with_context(force_company=self.company_id.id,
                                          company_id=self.company_id.id)
        invoice = member.env["account.invoice"].create(
            member._prepare_fee_invoice_vals())
        line = member.env["account.invoice.line"].create(
            member._prepare_fee_line_vals(invoice, start, end))
        invoice.compute_taxes()
        member.env["membership.membership_line"].search([
            ("account_invoice_line", "=", line.id)]).write({
                "crm_membership_id": self.id,
                "date_from": fields.Date.to_string(start),
                "date_to": fields.Date.to_string(end),
            })
        self.message_post(body=_("Fee invoiced for %(start)s to %(end)s.") % {
            "start": start, "end": end})
        return invoice.sudo(self.env.uid)

    @api.multi
    def _sync_from_periods(self, day=None):
        """State and dates of paid clubs' memberships from their periods: a period
        paid activates, a period no longer paid (invoice re-opened, fee refunded,
        invoice cancelled) takes its dates back and, for a first period, the
        membership is a candidate again (see ``logic.periods``)."""
        today = day or fields.Date.context_today(self)
        for membership in self.filtered(lambda m: m.club_id.fee_type == "fee"):
            periods = [(line.date_from, line.date_to,
                        line.crm_period_state == "paid")
                       for line in membership.period_line_ids
                       if line.date_from and line.date_to]
            vals = membership_values({
                "state": membership.state, "join_date": membership.join_date,
                "expiry_date": membership.expiry_date,
                "renewal_date": membership.renewal_date,
            }, periods, today)
            if vals:
                protected(membership).write(vals)

    # ----------------------------------------------------------- portal
    @api.model
    def _portal_memberships(self):
        """The memberships of the current user's own customer (their partner's
        commercial partner and its contacts), not cancelled: what "My Club
        Memberships" lists, to portal and internal users alike."""
        partner = self.env.user.partner_id.commercial_partner_id
        # sudo: an internal user may read every membership, or none; the domain
        # keeps the user's own customer's only, shown to that user only
        return self.sudo().search([
            ("partner_id", "child_of", partner.id),
            ("state", "!=", "cancelled")])

    @api.multi
    def _portal_points_lines(self, limit=50):
        """The latest points history of these memberships, for their holder."""
        # sudo: the memberships are the user's own (``_portal_memberships``)
        return self.env["crm.membership.points"].sudo().search(
            [("membership_id", "in", self.ids)], limit=limit)

    # ----------------------------------------------------------- card
    @api.multi
    def _card_qr_value(self):
        self.ensure_one()
        return "MEMBER:%s;CLUB:%s;PARTNER:%s" % (
            self.name, self.club_id.code, self.partner_id.id)

    @api.multi
    def _card_qr_data_uri(self):
        """The member card's QR code as a data URI: the PDF needs no request back
        to the server."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode(
            "QR", self._card_qr_value(), width=240, height=240)
        return "data:image/png;base64,%s" % base64.b64encode(png).decode("ascii")

    # ----------------------------------------------------------- crons
    @api.model
    def _cron_expire(self, ref_date=None):
        """Expire the memberships whose paid periods ended before ``ref_date``.
        Idempotent: an expired membership is not touched again."""
        ref = ref_date or fields.Date.context_today(self)
        expired = self.search([
            ("state", "in", ("active", "suspended")),
            ("expiry_date", "!=", False),
            ("expiry_date", "<", ref),
        ])
        if expired:
            protected(expired).write({"state": "expired"})
        return expired

    @api.model
    def _cron_renewal_reminder(self, ref_date=None):
        """Remind members whose membership expires within the club's reminder
        period, once per expiry date, unless the next period is already invoiced."""
        ref = ref_date or fields.Date.context_today(self)
        template = self.env.ref("crm_membership.mail_template_renewal_reminder")
        self.env.cr.execute(_DUE_REMINDERS_SQL, {
            "ref": ref, "booked": BOOKED_PERIOD_STATES})
        reminded = self.browse([row[0] for row in self.env.cr.fetchall()])
        for membership in reminded:
            template.send_mail(membership.id)
        if reminded:
            self.env.cr.execute(
                "UPDATE crm_membership SET reminded_expiry_date = expiry_date"
                " WHERE id = ANY(%s)", (reminded.ids,))
            reminded.invalidate_cache(["reminded_expiry_date"])
        return reminded

    @api.model
    def _cron_auto_enrol(self, ref_date=None):
        """Enrol the customers the automatic clubs' rules select: one statement per
        club, idempotent. Returns the new memberships."""
        ref = ref_date or fields.Date.context_today(self)
        ids = []
        for club in self.env["crm.membership.club"].search([
                ("fee_type", "=", "automatic"), ("auto_rule", "!=", False)]):
            ids += club._auto_enrol(ref)
        if ids:
            self.env["crm.membership.club"].invalidate_cache(["membership_ids"])
            self.env["res.partner"].invalidate_cache(["crm_membership_ids"])
        return self.browse(ids)

    @api.model
    def _cron_review_tiers(self, ref_date=None):
        return self.env["crm.membership.tier.history"]._review(ref_date)
