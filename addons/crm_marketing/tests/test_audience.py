# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

from .common import MarketingCase


class TestAudience(MarketingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alpha = cls._partner(
            "Alpha", country_id=cls.be.id, lifecycle_stage_id=cls.stage["loyal"].id,
            rfm_segment="champions", value_tier="a")
        cls.beta = cls._partner(
            "Beta", country_id=cls.fr.id, lifecycle_stage_id=cls.stage["at_risk"].id,
            rfm_segment="at_risk", value_tier="b")
        cls.gamma = cls._partner(
            "Gamma", country_id=cls.be.id, lifecycle_stage_id=cls.stage["at_risk"].id,
            rfm_segment="champions", value_tier="c")
        cls.opted = cls._partner(
            "Opted", country_id=cls.be.id, lifecycle_stage_id=cls.stage["loyal"].id,
            rfm_segment="champions", value_tier="a", opt_out=True)
        cls.contact_out = cls._partner(
            "Contact Out", country_id=cls.be.id,
            lifecycle_stage_id=cls.stage["loyal"].id, rfm_segment="champions",
            value_tier="a", email="Unsub@Example.com")
        cls.env["mail.mass_mailing.contact"].create({
            "name": "Unsub", "email": "unsub@example.com", "opt_out": True})

    def audience(self, domain):
        return self._campaign(domain)._audience_partners()

    def test_criterion_stage(self):
        """The lifecycle stage selects its partners (by stage or by its code)."""
        self.assertEqual(self.audience([]), self.alpha | self.beta | self.gamma,
                         "no criterion: every partner who did not opt out")
        self.assertEqual(
            self.audience([("lifecycle_stage_id.code", "=", "at_risk")]),
            self.beta | self.gamma)
        self.assertEqual(
            self.audience([("lifecycle_stage_id", "=", self.stage["loyal"].id)]),
            self.alpha, "the loyal opted-out partners are left out")

    def test_criterion_rfm_segment(self):
        """The RFM segment selects its partners."""
        self.assertEqual(self.audience([("rfm_segment", "=", "champions")]),
                         self.alpha | self.gamma)
        self.assertEqual(self.audience([("rfm_segment", "=", "at_risk")]), self.beta)
        self.assertFalse(self.audience([("rfm_segment", "=", "lost")]))

    def test_criterion_value_tier(self):
        """The value tier selects its partners."""
        self.assertEqual(self.audience([("value_tier", "in", ["b", "c"])]),
                         self.beta | self.gamma)
        self.assertEqual(self.audience([("value_tier", "=", "a")]), self.alpha)

    def test_criterion_location(self):
        """The country selects its partners; the size shown is the same."""
        self.assertEqual(self.audience([("country_id.code", "=", "BE")]),
                         self.alpha | self.gamma)
        self.assertEqual(self.audience([("country_id", "=", self.fr.id)]), self.beta)
        campaign = self._campaign([("country_id.code", "=", "BE")])
        self.assertEqual(campaign.audience_count, 2)
        combined = self._campaign([("country_id.code", "=", "BE"),
                                   ("rfm_segment", "=", "champions"),
                                   ("value_tier", "=", "c")])
        self.assertEqual(combined._audience_partners(), self.gamma,
                         "criteria combine")

    def test_opt_out_never_included(self):
        """Partners with opt_out, or an email opted out as a mailing contact
        (whatever its case), are not in the audience nor in the snapshot."""
        domain = [("value_tier", "=", "a")]
        self.assertEqual(self.Partner.search(
            [("category_id", "in", [self.tag.id])] + domain),
            self.alpha | self.opted | self.contact_out, "all three match")
        self.assertTrue(self.contact_out.marketing_opted_out)
        self.assertFalse(self.alpha.marketing_opted_out)
        self.assertEqual(self.audience(domain), self.alpha)
        campaign = self._run(self._campaign(domain))
        self.assertEqual(campaign.member_ids.mapped("partner_id"), self.alpha)
        # the contact opts in again: the partner is back in the live audience
        self.env["mail.mass_mailing.contact"].search([
            ("email", "=", "unsub@example.com")]).write({"opt_out": False})
        self.contact_out.invalidate_cache()
        self.assertFalse(self.contact_out.marketing_opted_out)
        self.assertEqual(self.audience(domain), self.alpha | self.contact_out)

    def test_invalid_domain_rejected(self):
        """A malformed audience is refused with a clear message."""
        invalid = "Campaign Spring push: the audience is not a valid filter on contacts"
        with self.assertRaisesRegex(ValidationError, invalid), \
                self.env.cr.savepoint():
            self._campaign([("no_such_field", "=", 1)])
        campaign = self._campaign()
        with self.assertRaisesRegex(ValidationError, invalid), \
                self.env.cr.savepoint():
            campaign.write({"audience_domain": "[('name', '=', "})
        # a value of the wrong type only fails in the database: still a clear error
        with self.assertRaisesRegex(ValidationError, invalid), \
                self.env.cr.savepoint():
            campaign.write({"audience_domain": "[('color', '=', 'red')]"})
        campaign.invalidate_cache()
        self.assertEqual(campaign.audience_count, 3, "the audience is unchanged")

    def test_snapshot_frozen(self):
        """The members are frozen at start: later partner changes leave them."""
        campaign = self._run(self._campaign([("rfm_segment", "=", "champions")]))
        self.assertEqual(campaign.member_count, 2)
        self.assertEqual(campaign.member_ids.mapped("partner_id"),
                         self.alpha | self.gamma)
        self.assertEqual(
            campaign.member_ids.filtered(
                lambda m: m.partner_id == self.alpha).email, "alpha@example.com")
        # later: alpha leaves the segment and changes email, beta joins, a new
        # champion appears
        self.alpha.write({"rfm_segment": "hibernating", "email": "new@example.com"})
        self.beta.write({"rfm_segment": "champions"})
        self._partner("Delta", rfm_segment="champions")
        campaign.invalidate_cache()
        self.assertEqual(campaign.audience_count, 3, "the live audience moves")
        self.assertEqual(campaign.member_ids.mapped("partner_id"),
                         self.alpha | self.gamma, "the snapshot does not")
        self.assertEqual(
            campaign.member_ids.filtered(
                lambda m: m.partner_id == self.alpha).email, "alpha@example.com")


class TestAudienceConfidentiality(MarketingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sams_client = cls._partner("Sams client", user_id=cls.sam.id,
                                       rfm_segment="champions")
        cls.toms_client = cls._partner("Toms client", user_id=cls.tom.id,
                                       rfm_segment="champions")
        cls.prospect = cls._partner("Prospect", rfm_segment="champions")
        cls.company.crm_customer_visibility = "own"

    def test_hidden_customer_never_in_audience(self):
        """A salesman-marketer's live audience leaves out the customers the
        confidentiality setting hides from him; a manager's include them. The
        snapshot is the campaign's: whoever starts it, it holds them all, and
        each reader's member list shows those he may see."""
        self.assertTrue(self.toms_client.crm_is_customer)
        campaign = self._campaign([("rfm_segment", "=", "champions")])
        as_sam = campaign.sudo(self.sam)
        self.assertEqual(as_sam._audience_partners(),
                         self.sams_client | self.prospect)
        self.assertEqual(as_sam.audience_count, 2)
        self.assertEqual(campaign.sudo(self.manager).audience_count, 3,
                         "a marketing manager who is no salesman sees all")
        self._run(campaign, user=self.sam)
        self.assertEqual(campaign.sudo(self.manager).member_ids.mapped("partner_id"),
                         self.sams_client | self.prospect | self.toms_client)
        members = as_sam.member_ids.mapped("partner_id")
        self.assertEqual(members, self.sams_client | self.prospect)
        self.assertEqual(as_sam.member_count, 3, "the campaign's size")
        # tom's client stays out of sam's live view even when it is the only match
        only_tom = self._campaign([("id", "=", self.toms_client.id)])
        self.assertEqual(only_tom.sudo(self.sam).audience_count, 0)
        self.company.crm_customer_visibility = "all"
        only_tom.invalidate_cache()
        self.assertEqual(only_tom.sudo(self.sam).audience_count, 1)
