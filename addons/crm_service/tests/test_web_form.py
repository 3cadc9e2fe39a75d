# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

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
                self.Request.sudo()._create_from_web(post)
        self.assertEqual(self._counts(), before)

    def test_new_and_known_contact(self):
        """A new email creates a contact; a known email is only a candidate
        customer until verified."""
        request = self.Request.sudo()._create_from_web(GOOD)
        self.assertEqual(request.channel, "web")
        self.assertEqual(request.partner_id.email, GOOD["email"])
        self.assertEqual(request.partner_id.name, "Wang Fang")
        known = self.Request.sudo()._create_from_web(
            dict(GOOD, email="A@Customer-A.example.com"))
        self.assertFalse(known.partner_id, "not the customer's until verified")
        self.assertEqual(known.web_partner_id, self.customer_a)
        # LIKE wildcards never match someone else's address
        _values, errors = webform.validate(
            dict(GOOD, email="%@customer-a.example.com"))
        self.assertTrue(errors, "a % in the address is refused")
        other = self.env["res.partner"].create({
            "name": "Ab", "email": "ab@customer-a.example.com"})
        underscore = self.Request.sudo()._create_from_web(
            dict(GOOD, email="a_@customer-a.example.com"))
        self.assertNotEqual(underscore.partner_id, other,
                            "'_' is a literal underscore, not a wildcard")
        self.assertEqual(underscore.partner_id.email, "a_@customer-a.example.com")

    def test_rate_limit(self):
        """Every post of a client address counts, accepted, invalid or refused;
        of an email address only the accepted ones count; past the limit within
        ten minutes a post is refused."""
        Post = self.env["crm.service.web.post"]

        def post(addr, email, invalid=False, limit=3):
            return Post._record_post(addr, email, invalid, limit).outcome

        outcomes = [
            post("198.51.100.1", "Wang.Fang@example.com"),
            post("198.51.100.1", "", invalid=True),
            post("198.51.100.1", "other@example.com"),
            # the fourth post of the client address, whatever its email
            post("198.51.100.1", "third@example.com"),
            # refused posts count too: still refused
            post("198.51.100.1", "third@example.com"),
        ]
        self.assertEqual(outcomes, ["accepted", "invalid", "accepted", "refused",
                                    "refused"])
        # third@'s two refused posts do not count for it: three accepted posts
        # from other client addresses, then the fourth is refused
        self.assertEqual(
            [post("198.51.100.%d" % last, "THIRD@example.com")
             for last in (2, 3, 4, 5)],
            ["accepted", "accepted", "accepted", "refused"],
            "third@'s accepted posts, from any client address")
        self.assertEqual(post("198.51.100.6", "fresh@example.com", invalid=True),
                         "invalid", "a new client and email address")
        self.assertEqual(
            Post.search([("email", "=", "wang.fang@example.com")]).remote_addr,
            "198.51.100.1", "emails are kept in lower case")
        self.assertEqual(post("198.51.100.1", "x@example.com", limit=0), "accepted",
                         "0 disables the limit")
        # posts older than ten minutes no longer count
        self.env.cr.execute(
            "UPDATE crm_service_web_post SET create_date = create_date - "
            "interval '11 minutes' WHERE remote_addr = '198.51.100.1'")
        self.assertEqual(post("198.51.100.1", "again@example.com"), "accepted")

    def test_rate_limit_no_lock_out(self):
        """Someone posting a victim's email address up to the limit (invalid or
        refused posts) blocks only their own client address, not the victim."""
        Post = self.env["crm.service.web.post"]

        def post(addr, email, invalid=False):
            return Post._record_post(addr, email, invalid, 3).outcome

        attacker = [post("203.0.113.66", "Victim@example.com", invalid=True)
                    for _index in range(5)]
        self.assertEqual(attacker, ["invalid"] * 3 + ["refused"] * 2)
        self.assertEqual(post("198.51.100.20", "victim@example.com"), "accepted",
                         "the victim posts from its own address")

    def test_failed_request_not_counted(self):
        """An accepted post whose request then fails is recorded as invalid, in a
        transaction of its own, and no longer counts for its email address."""
        addr = "192.0.2.77"
        self._purge_committed(addr)
        self.addCleanup(self._purge_committed, addr)
        Post = self.env["crm.service.web.post"].sudo()
        post_id, outcome = Post._record_post_own_transaction(
            addr, "late@example.com", False, 1)
        self.assertEqual(outcome, "accepted")
        self.assertEqual(Post._record_post_own_transaction(
            addr + "1", "late@example.com", False, 1)[1], "refused",
            "one accepted post of late@ with a limit of 1")
        # the request of the first post failed after all
        Post._mark_invalid_own_transaction(post_id)
        with self.registry.cursor() as cr:
            cr.execute("SELECT outcome FROM crm_service_web_post WHERE id = %s",
                       (post_id,))
            self.assertEqual(cr.fetchone()[0], "invalid")
        self.assertEqual(Post._record_post_own_transaction(
            addr + "2", "late@example.com", False, 1)[1], "accepted")

    def test_rate_limit_across_workers(self):
        """Posts committed by other workers count at once, also for a worker whose
        transaction began before them (Odoo's REPEATABLE READ snapshot would hide
        them from a count made in it)."""
        addr = "192.0.2.55"
        self._purge_committed(addr)
        self.addCleanup(self._purge_committed, addr)
        Post = self.env["crm.service.web.post"].sudo()
        with self.registry.cursor() as worker_cr:
            # a worker's request transaction: its snapshot is taken now
            worker_cr.execute(
                "SELECT count(*) FROM crm_service_web_post WHERE remote_addr = %s",
                (addr,))
            self.assertEqual(worker_cr.fetchone()[0], 0)
            # meanwhile, other workers accept three posts from the same client
            for index in range(3):
                self.assertEqual(Post._record_post_own_transaction(
                    addr, "w%d@example.com" % index, False, 3)[1], "accepted")
            worker_cr.execute(
                "SELECT count(*) FROM crm_service_web_post WHERE remote_addr = %s",
                (addr,))
            self.assertEqual(worker_cr.fetchone()[0], 0,
                             "the worker's own transaction does not see them")
            worker = Post.with_env(Post.env(cr=worker_cr))
            self.assertEqual(worker._record_post_own_transaction(
                addr, "late@example.com", False, 3)[1], "refused")

    def _purge_committed(self, addr):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM crm_service_web_post WHERE remote_addr LIKE %s",
                       (addr + "%",))
