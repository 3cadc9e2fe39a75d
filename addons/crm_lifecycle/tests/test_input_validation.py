# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

from .common import LifecycleCase


class TestInputValidation(LifecycleCase):
    """Malformed values get a clear ValidationError, never a database error."""

    def assertRefused(self, message, func, *args):
        with self.assertRaisesRegex(ValidationError, message), \
                self.env.cr.savepoint():
            func(*args)

    def test_stage_values(self):
        """NUL bytes, wrong types and unknown selection keys on a stage."""
        Stage = self.env["crm.lifecycle.stage"]
        self.assertRefused("NUL character", Stage.create,
                           {"name": "Bad\x00name", "code": "loyal"})
        self.assertRefused("must be a whole number", self.stage["loyal"].write,
                           {"sequence": "first"})
        self.assertRefused("must be one of", self.stage["loyal"].write,
                           {"code": "vip"})
        self.assertEqual(self.stage["loyal"].code, "loyal")

    def test_history_unknown_ids_and_dates(self):
        """Unknown ids and impossible dates on a history row."""
        History = self.env["crm.lifecycle.history"]
        partner = self._customer("History Ltd")
        values = {"partner_id": partner.id, "to_stage_id": self.stage["new"].id,
                  "date": "2026-02-30", "origin": "manual"}
        self.assertRefused("not a valid date", History.create, values)
        self.assertRefused("does not exist", History.create,
                           dict(values, date="2026-02-28", to_stage_id=987654))
        self.assertRefused("must be the id", History.create,
                           dict(values, date="2026-02-28", partner_id="x"))
        self.assertFalse(History.search([("partner_id", "=", partner.id)]))

    def test_suite_fields_on_odoo_models(self):
        """The suite's fields on companies and partners are checked too."""
        self.assertRefused("must be a whole number", self.company.write,
                           {"lifecycle_dormant_days": "a year"})
        self.assertRefused("must be one of", self.company.write,
                           {"crm_customer_visibility": "everyone"})
        self.assertRefused("out of range", self.company.write,
                           {"lifecycle_churn_days": 10 ** 12})
        partner = self._customer("Lock Ltd")
        self.assertRefused("not a valid date", partner.write,
                           {"lifecycle_locked_until": "2026-13-01"})
        self.assertFalse(partner.lifecycle_locked_until)
        # Odoo's own fields keep Odoo's behaviour
        partner.write({"name": "Lock Ltd (renamed)"})

    def test_wizard_values(self):
        """The set-stage wizard refuses an impossible lock date."""
        wizard = self.env["crm.lifecycle.set.stage"]
        self.assertRefused("not a valid date", wizard.create, {
            "stage_id": self.stage["loyal"].id, "reason": "x",
            "locked_until": "31/12/2026"})
