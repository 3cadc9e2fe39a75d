# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmMarketingCampaignCost(models.Model):
    """A planned cost of a campaign (the actual cost comes from accounting)."""

    _name = "crm.marketing.campaign.cost"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Campaign Planned Cost"
    _order = "date, id"

    campaign_id = fields.Many2one(
        comodel_name="crm.marketing.campaign",
        required=True,
        ondelete="cascade",
        index=True,
    )
    name = fields.Char(
        string="Description",
        required=True,
    )
    channel_id = fields.Many2one(
        comodel_name="crm.marketing.channel",
        required=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Vendor",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="campaign_id.company_id",
        store=True,
        readonly=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="campaign_id.currency_id",
        readonly=True,
    )
    amount = fields.Monetary(
        currency_field="currency_id",
        required=True,
        help="Planned amount in company currency.",
    )

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            if cost.amount < 0:
                raise ValidationError(_(
                    "%(name)s: a planned cost cannot be negative.") % {
                        "name": cost.name})
