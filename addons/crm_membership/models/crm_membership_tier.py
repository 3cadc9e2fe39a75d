# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmMembershipTier(models.Model):
    _name = "crm.membership.tier"
    _inherit = "crm.input.validation.mixin"
    _description = "Club Tier"
    _order = "club_id, sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
    )
    sequence = fields.Integer(
        default=10,
    )
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
    min_points = fields.Integer(
        string="Points Threshold",
        help="Points earned over the last 12 months to reach this tier (clubs "
             "whose tiers are based on points).",
    )
    min_spend = fields.Float(
        string="Spend Threshold",
        help="Customer revenue over the last 12 months (posted invoices net of "
             "refunds, untaxed, company currency) to reach this tier (clubs whose "
             "tiers are based on spend).",
    )
    points_multiplier = fields.Float(
        default=1.0,
        help="Points earned by members of this tier are multiplied by this factor.",
    )
    discount_percent = fields.Float(
        string="Discount (%)",
    )
    free_services = fields.Text(
        translate=True,
        help="Services members of this tier get for free.",
    )
    free_service_count = fields.Integer(
        string="Free Services per Year",
    )
    event_access = fields.Boolean(
        help="Members of this tier are invited to the club's events.",
    )
    color = fields.Char(
        default="#4c6ef5",
        help="Colour of the member card, as #rrggbb.",
    )

    @api.constrains("min_points", "min_spend", "points_multiplier",
                    "discount_percent", "color")
    def _check_values(self):
        for tier in self:
            if tier.min_points < 0 or tier.min_spend < 0 \
                    or tier.points_multiplier < 0:
                raise ValidationError(_(
                    "Tier %s: thresholds and multiplier cannot be negative.")
                    % tier.name)
            if not 0 <= tier.discount_percent <= 100:
                raise ValidationError(_(
                    "Tier %s: the discount is a percentage between 0 and 100.")
                    % tier.name)
            color = tier.color or ""
            if color and not (len(color) == 7 and color[0] == "#" and all(
                    char in "0123456789abcdefABCDEF" for char in color[1:])):
                raise ValidationError(_(
                    "Tier %s: the card colour is written #rrggbb.") % tier.name)

    @api.multi
    def _threshold(self):
        self.ensure_one()
        return self.min_spend if self.club_id.tier_basis == "spend" \
            else self.min_points

    @api.multi
    def name_get(self):
        """The club with the tier: two clubs' "Silver" tiers stay apart (the
        members kanban groups by tier)."""
        return [(tier.id, "%s: %s" % (tier.club_id.name, tier.name)
                 if tier.club_id else tier.name) for tier in self]
