# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Clubs and tiers as audience criteria of campaigns, through the audience
builder's hooks: crm_marketing knows nothing of clubs."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class CrmMarketingCampaign(models.Model):
    _inherit = "crm.marketing.campaign"

    membership_club_ids = fields.Many2many(
        comodel_name="crm.membership.club",
        relation="crm_marketing_campaign_club_rel",
        column1="campaign_id",
        column2="club_id",
        string="Clubs",
        help="Only active members of one of these clubs are in the audience.",
    )
    membership_tier_ids = fields.Many2many(
        comodel_name="crm.membership.tier",
        relation="crm_marketing_campaign_tier_rel",
        column1="campaign_id",
        column2="tier_id",
        string="Club Tiers",
        help="Only active members in one of these tiers are in the audience.",
    )

    @api.constrains("membership_club_ids", "membership_tier_ids")
    def _check_membership_tiers(self):
        for campaign in self:
            clubs = campaign.membership_club_ids
            stray = campaign.membership_tier_ids.filtered(
                lambda t: clubs and t.club_id not in clubs)
            if stray:
                raise ValidationError(_(
                    "Campaign %(name)s: the tier %(tier)s is not a tier of the "
                    "chosen clubs.") % {"name": campaign.name,
                                        "tier": stray[0].display_name})

    @api.multi
    def _audience_criteria_domain(self):
        domain = super()._audience_criteria_domain()
        criteria = []
        if self.membership_club_ids:
            criteria.append([("crm_membership_club_ids", "in",
                              self.membership_club_ids.ids)])
        if self.membership_tier_ids:
            criteria.append([("crm_membership_tier_ids", "in",
                              self.membership_tier_ids.ids)])
        return expression.AND([domain] + criteria)

    @api.model
    def _approval_fields(self):
        return super()._approval_fields() + [
            "membership_club_ids", "membership_tier_ids"]
