# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields

from odoo.addons.crm_lifecycle.tests.common import LifecycleCase


class TestRisk(LifecycleCase):

    def test_complaints_raise_risk(self):
        """Three complaints this year add the full complaint weight to the risk."""
        customer = self._customer("Complaining Ltd")
        self._order(customer, self.ref_date, 100.0)
        self._recompute()
        profile = self._profile(customer)
        self.assertEqual(profile.risk_score, 0, "ordered today, nothing overdue")
        Profile = self.env["crm.lifecycle.profile"]
        total = sum(w for w, _v in Profile._risk_components(
            self.company, self.ref_date, {}))
        complaint = self.env.ref("crm_service.type_complaint")
        today = fields.Datetime.now()
        for index in range(3):
            self.env["crm.service.request"].create({
                "name": "Complaint %s" % index, "partner_id": customer.id,
                "type_id": complaint.id, "date_open": today})
        self._recompute()
        self.assertEqual(profile.risk_score, int(round(100.0 * 20 / total)))
        # one complaint is a third of it
        self.env["crm.service.request"].search(
            [("partner_id", "=", customer.id)], limit=2).write({"active": False})
        self._recompute()
        self.assertEqual(profile.risk_score, int(round(100.0 * 20 / 3 / total)))
