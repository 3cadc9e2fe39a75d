# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import models

from .common import LifecycleCase

FIELDS = ["partner_id", "revenue", "order_count", "margin", "recency_score"]


class TestAnalysisReadGroup(LifecycleCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls._customer("Analysis First")
        cls.second = cls._customer("Analysis Second")
        for days, partner in ((30, cls.first), (20, cls.first), (10, cls.second)):
            cls._order(partner, cls.ref_date - timedelta(days=days), amount=70.0)
        cls.env["res.partner"]._cron_update_lifecycle(str(cls.ref_date))

    def test_same_result_as_odoo(self):
        """Grouped by customer, the analysis gives exactly Odoo's generic
        read_group result (labels, counts, aggregates, domains), in both modes."""
        Profile = self.env["crm.lifecycle.profile"]
        domain = [("partner_id", "in", (self.first | self.second).ids)]
        for lazy in (True, False):
            fast = Profile.read_group(domain, FIELDS, ["partner_id"], lazy=lazy)
            generic = models.BaseModel.read_group(
                Profile, domain, FIELDS, ["partner_id"], lazy=lazy)
            self.assertEqual(fast, generic)
        first = [g for g in fast if g["partner_id"][0] == self.first.id][0]
        self.assertEqual(
            (first["partner_id"][1], first["order_count"], first["__count"]),
            ("Analysis First", 2, 1))

    def test_record_rules_apply(self):
        """A salesman in "own" mode gets only his customers' groups."""
        salesman = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Rita", "login": "rita_analysis",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])],
        })
        self.first.user_id = salesman
        self.second.user_id = self.env.ref("base.user_root")
        self.company.crm_customer_visibility = "own"
        groups = self.env["crm.lifecycle.profile"].sudo(salesman).read_group(
            [("partner_id", "in", (self.first | self.second).ids)], FIELDS,
            ["partner_id"])
        self.assertEqual([g["partner_id"][0] for g in groups], [self.first.id])
