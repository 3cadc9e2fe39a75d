# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

from odoo.addons.crm_marketing.tests.common import MarketingCase


class TestClubAudience(MarketingCase):
    """A loyalty club with a Blue and a Gold tier: Ann and Bob are active Gold
    members, Cid an active Blue member, Dan's Gold membership has expired, Eve is
    in no club."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.club = cls.env["crm.membership.club"].create({
            "name": "Campaign loyalty", "code": "CLY", "fee_type": "free",
            "points_per_unit": 1.0})
        Tier = cls.env["crm.membership.tier"]
        cls.blue = Tier.create({"club_id": cls.club.id, "name": "Blue",
                                "sequence": 1, "min_points": 0})
        cls.gold = Tier.create({"club_id": cls.club.id, "name": "Gold",
                                "sequence": 2, "min_points": 1000})
        cls.other_club = cls.env["crm.membership.club"].create({
            "name": "Owners", "code": "COW", "fee_type": "free",
            "points_per_unit": 1.0})
        cls.other_tier = Tier.create({"club_id": cls.other_club.id, "name": "Any",
                                      "sequence": 1, "min_points": 0})
        cls.ann, cls.bob, cls.cid, cls.dan, cls.eve = [
            cls._partner(name) for name in ("Ann", "Bob", "Cid", "Dan", "Eve")]
        Membership = cls.env["crm.membership"]
        for partner, tier, state in ((cls.ann, cls.gold, "active"),
                                     (cls.bob, cls.gold, "active"),
                                     (cls.cid, cls.blue, "active"),
                                     (cls.dan, cls.gold, "expired")):
            Membership.create({"club_id": cls.club.id, "partner_id": partner.id,
                               "state": state, "join_date": "2025-01-01",
                               "tier_id": tier.id})

    def test_audience_by_club_and_tier(self):
        """A marketing user targets the club, then its Gold tier: only active
        members are in the audience and in the members frozen at the start."""
        Campaign = self.Campaign.sudo(self.marketer)
        audience = repr([("category_id", "in", [self.tag.id])])
        club = Campaign.create({"name": "Club push", "audience_domain": audience,
                                "membership_club_ids": [(6, 0, self.club.ids)]})
        self.assertEqual(club._audience_partners(), self.ann | self.bob | self.cid)
        gold = Campaign.create({
            "name": "Gold push", "audience_domain": audience,
            "membership_club_ids": [(6, 0, self.club.ids)],
            "membership_tier_ids": [(6, 0, self.gold.ids)]})
        self.assertEqual(gold.audience_count, 2)
        self._run(gold)
        self.assertEqual(gold.member_ids.mapped("partner_id"), self.ann | self.bob)
        self.ann.opt_out = True
        self.assertEqual(club._audience_partners(), self.bob | self.cid,
                         "opt-outs stay out")

    def test_clubs_are_part_of_the_plan(self):
        """Changing the clubs or tiers of an approved campaign sends it back for
        approval; a tier of another club is refused."""
        campaign = self.Campaign.sudo(self.marketer).create({
            "name": "Gold push", "membership_club_ids": [(6, 0, self.club.ids)]})
        campaign.sudo(self.manager).action_approve()
        campaign.write({"membership_tier_ids": [(6, 0, self.gold.ids)]})
        self.assertEqual(campaign.state, "draft")
        self.assertFalse(campaign.approved_by_id)
        with self.assertRaisesRegex(
                ValidationError, "Campaign Gold push: the tier .*Any is not a tier "
                                 "of the chosen clubs."):
            campaign.write({"membership_tier_ids": [(4, self.other_tier.id)]})
