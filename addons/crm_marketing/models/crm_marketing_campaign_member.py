# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmMarketingCampaignMember(models.Model):
    """A partner frozen in a campaign's audience when the campaign started."""

    _name = "crm.marketing.campaign.member"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Campaign Member"
    _order = "campaign_id, id"
    _crm_customer_data = True

    campaign_id = fields.Many2one(
        comodel_name="crm.marketing.campaign",
        required=True,
        ondelete="cascade",
        index=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        ondelete="cascade",
        index=True,
    )
    email = fields.Char(
        help="The partner's email when the campaign started.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="campaign_id.company_id",
        store=True,
        readonly=True,
    )
    lifecycle_stage_id = fields.Many2one(
        related="partner_id.lifecycle_stage_id",
        readonly=True,
    )
    rfm_segment = fields.Selection(
        related="partner_id.rfm_segment",
        readonly=True,
    )
    salesperson_id = fields.Many2one(
        comodel_name="res.users",
        related="partner_id.user_id",
        readonly=True,
    )

    _sql_constraints = [
        ("campaign_partner_uniq", "unique(campaign_id, partner_id)",
         "A partner is a member of a campaign once."),
    ]
