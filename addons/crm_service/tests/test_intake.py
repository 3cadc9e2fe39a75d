# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from ..logic import phone as phone_logic
from .common import ServiceCase


class TestIntake(ServiceCase):
    """An agent logs a phone call or a walk-in customer in one short form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.phone = "+86 21 5555 0101"
        cls.contact = cls.env["res.partner"].create({
            "name": "Zhang of A", "parent_id": cls.customer_a.id,
            "mobile": "139 1234 5678"})

    def test_phone_numbers(self):
        """Numbers written differently are the same line; short ones match
        nothing."""
        self.assertTrue(phone_logic.same_number("+86 21 5555 0101", "021-5555-0101"))
        self.assertTrue(phone_logic.same_number("(021) 55550101", "55550101"))
        self.assertFalse(phone_logic.same_number("+86 21 5555 0101",
                                                 "+86 21 5555 0102"))
        self.assertFalse(phone_logic.same_number("0101", "0101"))
        self.assertIsNone(phone_logic.key("ext. 12"))

    def test_call_matched_to_customer(self):
        """The agent types the caller's number as the phone shows it: the
        customer is found, and the request is created with the phone channel,
        assigned to the agent, and opened."""
        Intake = self.env["crm.service.intake"].sudo(self.agent)
        self.assertEqual(Intake._match_caller_values("021-5555-0101", None),
                         {"partner_id": self.customer_a.id, "contact_id": False})
        wizard = Intake.create({
            "caller_phone": "021-5555-0101", "name": "Heater makes noise",
            "description": "Since this morning.", "team_id": self.team.id})
        action = wizard.action_create()
        request = self.Request.browse(action["res_id"])
        self.assertEqual(action["res_model"], "crm.service.request")
        self.assertEqual(request.partner_id, self.customer_a)
        self.assertEqual(request.channel, "phone")
        self.assertEqual(request.user_id, self.agent)
        self.assertEqual(request.phone, "021-5555-0101")
        self.assertEqual(request.email_from, "a@customer-a.example.com")
        self.assertIn(self.customer_a, request.message_partner_ids)

    def test_walk_in_contact(self):
        """A walk-in customer given by their mobile is the customer's contact."""
        wizard = self.env["crm.service.intake"].sudo(self.agent).create({
            "channel": "walk_in", "caller_phone": "13912345678",
            "caller_name": "Zhang", "name": "Returns a lamp"})
        request = self.Request.browse(wizard.action_create()["res_id"])
        self.assertEqual(request.channel, "walk_in")
        self.assertEqual(request.partner_id, self.customer_a)
        self.assertEqual(request.contact_id, self.contact)
        self.assertIn("Caller: Zhang", request.description)

    def test_unknown_caller(self):
        """An unknown number leaves the customer empty."""
        wizard = self.env["crm.service.intake"].sudo(self.agent).create({
            "caller_phone": "+1 212 555 0199", "name": "Opening hours?"})
        request = self.Request.browse(wizard.action_create()["res_id"])
        self.assertFalse(request.partner_id)
        self.assertEqual(request.phone, "+1 212 555 0199")

    def test_portal_refused(self):
        """A portal user cannot create requests through the wizard."""
        wizard = self.env["crm.service.intake"].sudo(self.portal_a).create({
            "caller_phone": "021-5555-0101", "name": "Free repair"})
        with self.assertRaises(AccessError) as refused:
            wizard.action_create()
        self.assertEqual(refused.exception.name,
                         "Only service agents log calls and walk-ins.")
