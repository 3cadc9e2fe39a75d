# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmMembershipPointRule(models.Model):
    _name = "crm.membership.point.rule"
    _inherit = "crm.input.validation.mixin"
    _description = "Club Point Rule"
    _order = "club_id, id"

    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        required=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="club_id.company_id",
        store=True,
        readonly=True,
    )
    categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        required=True,
        help="Applies to the products of this category and its subcategories "
             "(the nearest category's rule wins).",
    )
    points_per_unit = fields.Float(
        string="Points per Currency Unit",
        required=True,
        default=1.0,
    )

    _sql_constraints = [
        ("club_categ_uniq", "unique(club_id, categ_id)",
         "One rule per product category and club."),
    ]

    @api.constrains("points_per_unit")
    def _check_points_per_unit(self):
        if any(rule.points_per_unit < 0 for rule in self):
            raise ValidationError(_("Points per currency unit cannot be negative."))


class CrmMembershipReward(models.Model):
    _name = "crm.membership.reward"
    _inherit = "crm.input.validation.mixin"
    _description = "Club Reward"
    _order = "club_id, points_cost"

    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        required=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="club_id.company_id",
        store=True,
        readonly=True,
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Reward Product",
        required=True,
    )
    points_cost = fields.Integer(
        string="Points",
        required=True,
        help="Points a member spends to receive the product.",
    )

    @api.constrains("points_cost")
    def _check_points_cost(self):
        if any(reward.points_cost <= 0 for reward in self):
            raise ValidationError(_("A reward costs a positive number of points."))
