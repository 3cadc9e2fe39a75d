# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import LifecycleCase


class TestRecompute(LifecycleCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.ref_date
        cls.loyal = cls._customer("Loyal Ltd")
        for days in (500, 300, 200, 100, 10):
            cls._order(cls.loyal, ref - timedelta(days=days))
        cls.risky = cls._customer("Risky Ltd")
        for days in (130, 100, 70):
            cls._order(cls.risky, ref - timedelta(days=days))
        cls.dormant = cls._customer("Dormant Ltd")
        cls._order(cls.dormant, ref - timedelta(days=400))
        cls.churned = cls._customer("Churned Ltd")
        cls._order(cls.churned, ref - timedelta(days=800))
        cls.prospect = cls._customer("Prospect Ltd")
        cls.env["crm.lead"].create({"name": "Interest", "partner_id": cls.prospect.id})
        cls.suspect = cls._customer("Suspect Ltd")
        cls.contact = cls.Partner.create({
            "name": "Jane at Loyal", "parent_id": cls.loyal.id})

    def test_stages_by_rule(self):
        """The nightly run gives each customer the stage of its sales facts."""
        self._recompute()
        expected = {
            self.loyal: "loyal", self.risky: "at_risk", self.dormant: "dormant",
            self.churned: "churned", self.prospect: "prospect",
            self.suspect: "suspect",
        }
        for partner, code in expected.items():
            self.assertEqual(partner.lifecycle_stage_id.code, code, partner.name)
        self.assertEqual(self.contact.lifecycle_stage_id.code, "loyal",
                         "contacts show their company's stage")

    def test_history_and_chatter_idempotent(self):
        """Each change is logged once with a chatter note; a second run adds none."""
        History = self.env["crm.lifecycle.history"]
        self._recompute()
        rows = History.search([("partner_id", "=", self.dormant.id)])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows.to_stage_id.code, "dormant")
        self.assertEqual(rows.origin, "rule")
        self.assertEqual(rows.rule, "gap_dormant")
        self.assertEqual(str(rows.date), str(self.ref_date))
        notes = self.env["mail.message"].search([
            ("model", "=", "res.partner"), ("res_id", "=", self.dormant.id),
            ("body", "ilike", "Dormant")])
        self.assertEqual(len(notes), 1, "one chatter note")
        count = History.search_count([])
        self._recompute()
        self.assertEqual(History.search_count([]), count, "second run changes nothing")

    def test_won_back_after_new_order(self):
        """A churned customer who orders again is won back at once, and stays so."""
        self._recompute()
        self.assertEqual(self.churned.lifecycle_stage_id.code, "churned")
        self._order(self.churned, self.ref_date)
        self.assertEqual(self.churned.lifecycle_stage_id.code, "won_back")
        steps = self.churned.lifecycle_history_ids.sorted("id").mapped(
            "to_stage_id.code")
        self.assertEqual(steps[-2:], ["churned", "won_back"])
        self._recompute(self.ref_date + timedelta(days=30))
        self.assertEqual(self.churned.lifecycle_stage_id.code, "won_back")
        self._recompute(self.ref_date + timedelta(days=95))
        self.assertEqual(self.churned.lifecycle_stage_id.code, "active",
                         "after the won-back period: the ordinary rules")

    def test_confirmation_moves_stage_at_once(self):
        """Confirming a first order makes a new customer without the cron;
        cancelling it sends the customer back."""
        partner = self._customer("Fresh Ltd")
        order = self._order(partner, fields.Date.today())
        self.assertEqual(partner.lifecycle_stage_id.code, "new")
        order.action_cancel()
        self.assertEqual(partner.lifecycle_stage_id.code, "suspect")

    def test_manual_stage_locked(self):
        """A manager's stage with a lock survives the rules until the lock date."""
        self._recompute()
        lock = str(self.ref_date + timedelta(days=30))
        self.dormant._lifecycle_set_stage(self.stage["loyal"], "Key account", lock)
        self.assertEqual(self.dormant.lifecycle_stage_id.code, "loyal")
        last = self.dormant.lifecycle_history_ids.sorted("id")[-1]
        self.assertEqual((last.origin, last.reason), ("manual", "Key account"))
        self._recompute(self.ref_date + timedelta(days=1))
        self.assertEqual(self.dormant.lifecycle_stage_id.code, "loyal", "locked")
        self._recompute(self.ref_date + timedelta(days=31))
        self.assertEqual(self.dormant.lifecycle_stage_id.code, "dormant", "lock over")

    def test_manual_stage_needs_reason_and_manager(self):
        """No reason, or a salesman, gets a clear error and nothing changes."""
        with self.assertRaisesRegex(UserError, "reason"):
            self.suspect._lifecycle_set_stage(self.stage["loyal"], "  ")
        salesman = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Sam", "login": "sam_lifecycle",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])],
        })
        with self.assertRaisesRegex(UserError, "managers"):
            self.suspect.sudo(salesman)._lifecycle_set_stage(self.stage["loyal"], "x")
        self.assertFalse(self.suspect.lifecycle_history_ids)

    def test_inconsistent_thresholds_rejected(self):
        """Negative values and windows out of order raise a ValidationError."""
        with self.assertRaisesRegex(
                ValidationError, r"Dormant After \(days\) must be positive"), \
                self.env.cr.savepoint():
            self.company.write({"lifecycle_dormant_days": -5})
        self.company.invalidate_cache()
        with self.assertRaisesRegex(
                ValidationError,
                r"Churned After \(days\) must be longer than Dormant After"), \
                self.env.cr.savepoint():
            self.company.write({"lifecycle_churn_days": 100})
        self.company.invalidate_cache()
        self.assertEqual(self.company.lifecycle_churn_days, 730)
