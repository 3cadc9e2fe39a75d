# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.crm_lifecycle.models.crm_input_validation import check_values

BENEFIT_TYPES = [
    ("event", "Event attended"),
    ("service", "Service consumed"),
    ("other", "Other benefit"),
]


class CrmMembershipBenefitUsage(models.Model):
    _name = "crm.membership.benefit.usage"
    _inherit = "crm.input.validation.mixin"
    _description = "Benefit Used by a Member"
    _order = "date desc, id desc"
    _crm_customer_data = True

    membership_id = fields.Many2one(
        comodel_name="crm.membership",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
    )
    club_id = fields.Many2one(
        comodel_name="crm.membership.club",
        readonly=True,
        help="Set from the membership.",
    )
    company_id = fields.Many2one(
        related="membership_id.company_id",
        store=True,
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Member Partner",
        readonly=True,
        index=True,
        help="Set from the membership.",
    )
    tier_id = fields.Many2one(
        comodel_name="crm.membership.tier",
        readonly=True,
        help="The member's tier when the benefit was used.",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    benefit_type = fields.Selection(
        selection=BENEFIT_TYPES,
        required=True,
        default="service",
    )
    name = fields.Char(
        string="Benefit",
        required=True,
        help="The event attended or the service consumed.",
    )
    quantity = fields.Float(
        default=1.0,
    )
    note = fields.Text()

    @api.constrains("quantity", "membership_id")
    def _check_usage(self):
        for usage in self:
            if usage.quantity <= 0:
                raise ValidationError(_("The quantity used must be positive."))
            if usage.membership_id.state not in ("active", "suspended"):
                raise ValidationError(_(
                    "Benefits are recorded for active members only (%s).")
                    % usage.membership_id.name)
            usage._check_free_services()
            if usage.benefit_type == "event" and usage.membership_id.tier_id \
                    and not usage.membership_id.tier_id.event_access:
                raise ValidationError(_(
                    "Tier %s gives no access to the club's events.")
                    % usage.membership_id.tier_id.name)

    @api.multi
    def _check_free_services(self):
        """A tier with free services per year gives that many: the services used
        over the 12 months up to the usage count against them."""
        self.ensure_one()
        tier = self.tier_id
        if self.benefit_type != "service" or not tier.free_service_count:
            return
        since = fields.Date.to_string(
            fields.Date.from_string(self.date) - relativedelta(years=1))
        used = sum(self.search([
            ("membership_id", "=", self.membership_id.id),
            ("benefit_type", "=", "service"), ("tier_id", "=", tier.id),
            ("date", ">", since), ("date", "<=", self.date)]).mapped("quantity"))
        if used > tier.free_service_count:
            raise ValidationError(_(
                "%(member)s has used the %(count)s free services of tier %(tier)s "
                "over the last 12 months.") % {
                    "member": self.membership_id.name,
                    "count": tier.free_service_count, "tier": tier.name})

    @api.model
    def create(self, vals):
        # before the membership is read: an ill-typed id gets a clear error
        check_values(self, vals)
        if vals.get("membership_id"):
            membership = self.env["crm.membership"].browse(
                vals["membership_id"]).exists()
            vals = dict(vals, club_id=membership.club_id.id,
                        partner_id=membership.partner_id.id)
            if not vals.get("tier_id"):
                vals["tier_id"] = membership.tier_id.id
        return super().create(vals)

    @api.multi
    def write(self, vals):
        check_values(self, vals)
        if vals.get("membership_id"):
            membership = self.env["crm.membership"].browse(vals["membership_id"])
            vals = dict(vals, club_id=membership.club_id.id,
                        partner_id=membership.partner_id.id)
        return super().write(vals)
