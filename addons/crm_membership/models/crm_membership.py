# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import psycopg2
from dateutil.relativedelta import relativedelta
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.crm_lifecycle.models.crm_input_validation import check_values

from .access import is_protected

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
        # the referral's bookkeeping, not for portal members
        groups="crm_membership.group_membership_officer,sales_team.group_sale_salesman",
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
        # the staff who may read them: a portal member's read of the membership
        # must not fail on them
        groups="crm_membership.group_membership_officer,sales_team.group_sale_salesman",
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
                            or membership.sudo().points_line_ids):
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
