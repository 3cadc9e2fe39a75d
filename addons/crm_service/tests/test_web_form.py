# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError

from ..logic import webform
from .common import ServiceCase

GOOD = {
    "contact_name": "Wang Fang",
    "email": "wang.fang@newcustomer.example.com",
    "phone": "+86 21 5555 0101",
    "subject": "Door handle loose",
    "description": "The front door handle came loose after a week.",
}

BAD = {
    "missing email": dict(GOOD, email=""),
    "invalid email": dict(GOOD, email="not-an-address"),
    "email with space": dict(GOOD, email="wang fang@example.com"),
    "long subject": dict(GOOD, subject="x" * 201),
    "long description": dict(GOOD, description="y" * 5001),
    "long name": dict(GOOD, contact_name="z" * 129),
    "missing subject": dict(GOOD, subject="  "),
    "honeypot": dict(GOOD, website_url="http://spam.example.com"),
    "nul byte": dict(GOOD, subject="Door\x00handle"),
}


class TestWebForm(ServiceCase):

    def _counts(self):
        return (self.Request.search_count([]),
                self.env["res.partner"].search_count([]),
                self.env["crm.service.web.post"].search_count([]))

    def test_validation(self):
        """The form's validation accepts the good post and names each bad field."""
        values, errors = webform.validate(GOOD)
        self.assertEqual(errors, [])
        self.assertEqual(values["email"], GOOD["email"])
        expected = {
            "missing email": "email: is required.",
            "invalid email": "email: is not a valid email address.",
            "long subject": "subject: is longer than 200 characters.",
            "honeypot": "The form could not be accepted.",
        }
        for case, post in BAD.items():
            _values, errors = webform.validate(post)
            self.assertTrue(errors, case)
            if case in expected:
                self.assertEqual(errors, [expected[case]], case)

    def test_bad_input_creates_nothing(self):
        """Every kind of bad input is refused without creating anything."""
        before = self._counts()
        for case, post in BAD.items():
            with self.assertRaises(ValidationError, msg=case):
                self.Request.sudo()._create_from_web(post, "203.0.113.7")
        self.assertEqual(self._counts(), before)

    def test_new_and_known_contact(self):
        """A new email creates a contact; a known email reuses the customer."""
        request = self.Request.sudo()._create_from_web(GOOD, "203.0.113.8")
        self.assertEqual(request.channel, "web")
        self.assertEqual(request.partner_id.email, GOOD["email"])
        self.assertEqual(request.partner_id.name, "Wang Fang")
        known = self.Request.sudo()._create_from_web(
            dict(GOOD, email="A@Customer-A.example.com"), "203.0.113.8")
        self.assertEqual(known.partner_id, self.customer_a)
        # LIKE wildcards never match someone else's address
        _values, errors = webform.validate(
            dict(GOOD, email="%@customer-a.example.com"))
        self.assertTrue(errors, "a % in the address is refused")
        other = self.env["res.partner"].create({
            "name": "Ab", "email": "ab@customer-a.example.com"})
        underscore = self.Request.sudo()._create_from_web(
            dict(GOOD, email="a_@customer-a.example.com"), "203.0.113.9")
        self.assertNotEqual(underscore.partner_id, other,
                            "'_' is a literal underscore, not a wildcard")
        self.assertEqual(underscore.partner_id.email, "a_@customer-a.example.com")

    def test_rate_limit(self):
        """Past the limit within ten minutes an address is refused; others are not."""
        self.company.crm_service_web_rate_limit = 3
        Request = self.Request.sudo()
        for _index in range(3):
            Request._create_from_web(GOOD, "198.51.100.1")
        before = self._counts()
        with self.assertRaises(UserError):
            Request._create_from_web(GOOD, "198.51.100.1")
        self.assertEqual(self._counts(), before)
        self.assertTrue(Request._create_from_web(GOOD, "198.51.100.2"))
        # posts older than ten minutes no longer count
        self.env.cr.execute(
            "UPDATE crm_service_web_post SET create_date = create_date - "
            "interval '11 minutes' WHERE remote_addr = '198.51.100.1'")
        self.assertTrue(Request._create_from_web(GOOD, "198.51.100.1"))
