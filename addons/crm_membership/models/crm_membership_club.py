# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

FEE_TYPES = [
    ("fee", "Paid membership"),
    ("free", "Free"),
    ("automatic", "Automatic"),
]
TIER_BASES = [
    ("points", "Points earned over 12 months"),
    ("spend", "Spend over 12 months"),
]
AUTO_RULES = [
    ("buyer", "Buyers of a product category"),
    ("value_tier", "Customers of a value tier"),
]


class CrmMembershipClub(models.Model):
    _name = "crm.membership.club"
    _inherit = ["mail.thread", "crm.input.validation.mixin"]
    _description = "Customer Club"
    _order = "name"

    name = fields.Char(
        required=True,
        translate=True,
        track_visibility="onchange",
    )
    code = fields.Char(
        required=True,
        help="Short code, the prefix of the member numbers.",
    )
    active = fields.Boolean(
        default=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.user.company_id,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        readonly=True,
    )
    description = fields.Html(
        translate=True,
    )
    rules = fields.Html(
        translate=True,
        help="The club's rules, as shown to members.",
    )
    fee_type = fields.Selection(
        selection=FEE_TYPES,
        required=True,
        default="fee",
        help="Paid: joining and renewing are invoiced with the fee product; the "
             "membership becomes active when the invoice is paid.\n"
             "Free: members are activated by hand.\n"
             "Automatic: a nightly job enrols the customers the rule selects.",
    )
    fee_product_id = fields.Many2one(
        groups="base.group_user",  # a setting, not for members
        comodel_name="product.product",
        string="Fee Product",
        domain=[("membership", "=", True)],
        help="A membership product (Membership app): its sales price is the fee.",
    )
    period_months = fields.Integer(
        string="Period (months)",
        default=12,
        help="Length of one membership period paid by one fee.",
    )
    reminder_days = fields.Integer(
        groups="base.group_user",  # a setting, not for members
        string="Renewal Reminder (days)",
        default=30,
        help="Members are reminded this many days before their membership expires.",
    )
    auto_rule = fields.Selection(
        groups="base.group_user",  # a setting, not for members
        selection=AUTO_RULES,
        string="Automatic Rule",
    )
    auto_category_id = fields.Many2one(
        groups="base.group_user",  # a setting, not for members
        comodel_name="product.category",
        string="Buyers of Category",
        help="Every customer with a confirmed order of a product of this category "
             "(or its subcategories) becomes a member.",
    )
    auto_value_tier = fields.Selection(
        groups="base.group_user",  # a setting, not for members
        selection=[("a", "A"), ("b", "B"), ("c", "C")],
        string="Value Tier at Least",
    )
    sequence_id = fields.Many2one(
        groups="base.group_user",  # a setting, not for members
        comodel_name="ir.sequence",
        string="Member Numbers",
        readonly=True,
        copy=False,
    )
    tier_ids = fields.One2many(
        comodel_name="crm.membership.tier",
        inverse_name="club_id",
        string="Tiers",
        copy=True,
    )
    tier_basis = fields.Selection(
        selection=TIER_BASES,
        required=True,
        default="points",
    )
    point_rule_ids = fields.One2many(
        comodel_name="crm.membership.point.rule",
        inverse_name="club_id",
        string="Point Rules",
        copy=True,
        # the staff who may read the rules: a portal member's read of the club
        # must not fail on them
        groups="crm_membership.group_membership_officer,sales_team.group_sale_salesman",
    )
    points_per_unit = fields.Float(
        string="Points per Currency Unit",
        default=1.0,
        help="Points earned per unit of company currency (untaxed) on paid invoices, "
             "unless a rule of the product's category says otherwise.",
    )
    point_value = fields.Float(
        digits=(16, 4),
        default=0.01,
        help="Value of one point in company currency: the discount a point buys "
             "and the liability it represents.",
    )
    points_validity_months = fields.Integer(
        string="Points Validity (months)",
        default=24,
        help="Points expire this many months after they were earned (0: never).",
    )
    referral_bonus = fields.Integer(
        string="Referral Bonus (points)",
        default=0,
        help="Points given once to a member whose referred customer pays a first "
             "order.",
    )
    discount_product_id = fields.Many2one(
        groups="base.group_user",  # a setting, not for members
        comodel_name="product.product",
        string="Discount Product",
        help="Service product of the discount line a redemption adds to an order.",
    )
    reward_ids = fields.One2many(
        comodel_name="crm.membership.reward",
        inverse_name="club_id",
        string="Rewards",
        copy=True,
    )
    membership_ids = fields.One2many(
        comodel_name="crm.membership",
        inverse_name="club_id",
        string="Memberships",
    )
    member_count = fields.Integer(
        string="Active Members",
        compute="_compute_member_count",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)",
         "The club code must be unique per company."),
    ]

    @api.multi
    def _compute_member_count(self):
        data = self.env["crm.membership"].read_group(
            [("club_id", "in", self.ids), ("state", "=", "active")],
            ["club_id"], ["club_id"])
        counts = {row["club_id"][0]: row["club_id_count"] for row in data}
        for club in self:
            club.member_count = counts.get(club.id, 0)

    @api.constrains("fee_type", "fee_product_id", "period_months", "reminder_days",
                    "points_per_unit", "point_value", "points_validity_months",
                    "referral_bonus")
    def _check_settings(self):
        for club in self:
            if club.fee_type == "fee" and not club.fee_product_id:
                raise ValidationError(_(
                    "Club %s: a paid membership needs a fee product.") % club.name)
            if club.fee_product_id and not club.fee_product_id.membership:
                raise ValidationError(_(
                    "Club %s: the fee product must be a membership product.")
                    % club.name)
            if club.period_months <= 0:
                raise ValidationError(_(
                    "Club %s: the period must be at least one month.") % club.name)
            negative = [value for value in (
                club.reminder_days, club.points_per_unit, club.point_value,
                club.points_validity_months, club.referral_bonus) if value < 0]
            if negative:
                raise ValidationError(_(
                    "Club %s: reminder days, points per unit, point value, validity "
                    "and referral bonus cannot be negative.") % club.name)

    @api.model
    def create(self, vals):
        club = super().create(vals)
        club._create_sequence()
        return club

    @api.multi
    def _create_sequence(self):
        # the sequence is technical data of the club, created for any club creator
        Sequence = self.env["ir.sequence"].sudo()
        for club in self:
            club.sequence_id = Sequence.create({
                "name": _("Members of %s") % club.name,
                "code": "crm.membership.club.%s" % club.id,
                "prefix": "%s-" % club.code,
                "padding": 6,
                "company_id": club.company_id.id,
            })

    @api.multi
    def _next_member_number(self):
        self.ensure_one()
        # sudo: members are numbered by officers who cannot read ir.sequence
        return self.sequence_id.sudo().next_by_id()

    @api.multi
    def _point_rules(self):
        """``{category_id: points per unit}`` of the club's rules."""
        self.ensure_one()
        return {rule.categ_id.id: rule.points_per_unit for rule in self.point_rule_ids}

    @api.multi
    def action_view_members(self):
        self.ensure_one()
        action = self.env.ref("crm_membership.crm_membership_action").read()[0]
        action["domain"] = [("club_id", "=", self.id)]
        action["context"] = {"default_club_id": self.id}
        return action
