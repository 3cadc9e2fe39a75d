# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from .common import LifecycleCase


class TestMultiCompany(LifecycleCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({
            "name": "Second Co", "currency_id": cls.env.ref("base.USD").id})
        cls.shared = cls._customer("Shared Ltd")
        for days in (300, 200, 100, 10):
            cls._order(cls.shared, cls.ref_date - timedelta(days=days))
        cls._order(cls.shared, cls.ref_date - timedelta(days=500),
                   company=cls.company_b)
        cls.seller_b = cls.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Bea", "login": "bea_b",
                "company_id": cls.company_b.id,
                "company_ids": [(6, 0, cls.company_b.ids)],
                "groups_id": [(6, 0, [cls.env.ref(
                    "sales_team.group_sale_manager").id])],
            })

    def test_figures_kept_apart(self):
        """Each company ranks and stages the customer on its own orders, and a
        user of one company never sees the other's profile."""
        self._recompute()
        profile_a = self._profile(self.shared)
        profile_b = self._profile(self.shared, self.company_b)
        self.assertEqual((profile_a.order_count, profile_b.order_count), (4, 1))
        self.assertEqual(profile_a.stage_id.code, "active")
        self.assertEqual(profile_b.stage_id.code, "dormant")
        self.assertEqual(self.shared.lifecycle_stage_id.code, "active",
                         "a shared customer follows the company of its last order")
        Profile = self.env["crm.lifecycle.profile"].sudo(self.seller_b)
        seen = Profile.search([("partner_id", "=", self.shared.id)])
        self.assertEqual(seen, profile_b)
