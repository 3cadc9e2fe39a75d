# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceHttpCase
from .test_web_form import BAD, GOOD


class TestWebFormHttp(ServiceHttpCase):
    """The public form through real HTTP requests on the test transaction."""

    def _post(self, data, client="203.0.113.10", csrf=True):
        """Post the form as a browser does: with the CSRF token of the form page
        (of this client's session) unless ``csrf`` is False."""
        if csrf:
            data = dict(data, csrf_token=self._csrf_token("/service/request"))
        return self.opener.post(
            self._url("/service/request/submit"),
            data=data, timeout=60,
            headers=self._forwarded(client))

    def _counts(self):
        return (self.Request.search_count([]),
                self.Request.env["res.partner"].search_count([]))

    def test_http_bad_input(self):
        """Bad posts answer 400 with the reason and create nothing; a good one
        creates the request and answers its reference."""
        before = self._counts()
        reasons = {
            "missing email": "email: is required.",
            "invalid email": "email: is not a valid email address.",
            "long subject": "subject: is longer than 200 characters.",
            "honeypot": "The form could not be accepted.",
        }
        for index, (case, reason) in enumerate(sorted(reasons.items())):
            response = self._post(BAD[case], client="203.0.113.%d" % (20 + index))
            self.assertEqual(response.status_code, 400, case)
            self.assertIn("could not be accepted", response.text, case)
            self.assertIn(reason, response.text, case)
        self.assertEqual(self._counts(), before)
        response = self._post(GOOD)
        self.assertEqual(response.status_code, 200, response.text[:500])
        created = self.Request.search([], order="id desc", limit=1)
        self.assertEqual(self.Request.search_count([]), before[0] + 1)
        self.assertEqual(created.channel, "web")
        self.assertEqual(created.name, GOOD["subject"])
        self.assertIn(created.reference, response.text)

    def test_http_rate_limit(self):
        """With a limit of 3, the fourth post of a client address within ten
        minutes, invalid posts included, answers 429 and creates nothing; so does
        the fourth post of an email address from any client addresses."""
        self.company.crm_service_web_rate_limit = 3
        # the server rolls the test cursor back to its last "commit" (a savepoint)
        self.company.env.cr.commit()
        before = self._counts()
        other = dict(GOOD, email="li.lei@newcustomer.example.com")
        answers = [
            self._post(BAD["missing email"], client="198.51.100.7").status_code,
            self._post(GOOD, client="198.51.100.7").status_code,
            self._post(other, client="198.51.100.7").status_code,
        ]
        self.assertEqual(answers, [400, 200, 200])
        self.assertEqual(self._counts()[0], before[0] + 2)
        middle = self._counts()
        refused = self._post(dict(GOOD, email="new@example.com"),
                             client="198.51.100.7")
        self.assertEqual(refused.status_code, 429)
        self.assertIn("Too many requests", refused.text)
        self.assertEqual(refused.headers.get("Retry-After"), "600")
        self.assertEqual(self._counts(), middle, "the refused post created nothing")
        # li.lei posted once from .7: twice more from other client addresses,
        # then a fourth time is refused
        answers = [self._post(other, client="198.51.100.%d" % last).status_code
                   for last in (8, 9, 10)]
        self.assertEqual(answers, [200, 200, 429],
                         "li.lei's posts from three other client addresses")
        posts = self.Post.search([("remote_addr", "like", "198.51.100.")],
                                 order="id")
        self.assertEqual(posts.mapped("outcome"), [
            "invalid", "accepted", "accepted", "refused", "accepted", "accepted",
            "refused"])
        self.assertEqual(posts[3].remote_addr, "198.51.100.7")
        self.assertEqual(posts[6].email, "li.lei@newcustomer.example.com")

    def test_http_no_lock_out(self):
        """Posts of a victim's email address from another client address, invalid
        then refused, do not keep the victim from posting."""
        self.company.crm_service_web_rate_limit = 3
        self.company.env.cr.commit()
        victim = dict(GOOD, email="victim@newcustomer.example.com")
        attack = dict(victim, subject="")
        answers = [self._post(attack, client="203.0.113.66").status_code
                   for _index in range(4)]
        self.assertEqual(answers, [400, 400, 400, 429])
        response = self._post(victim, client="198.51.100.40")
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(
            self.Post.search([("email", "=", victim["email"])],
                             order="id").mapped("outcome"),
            ["invalid", "invalid", "invalid", "refused", "accepted"])

    def test_http_failed_request_recorded_invalid(self):
        """A valid post whose request cannot be created (an SLA without working
        hours) answers 400 with the reason, creates nothing and is recorded as
        invalid."""
        env = self.Request.env
        env["crm.service.sla"].search([]).write({"active": False})
        calendar = env["resource.calendar"].create({
            "name": "No hours", "attendance_ids": [(5, 0, 0)]})
        self.assertFalse(calendar.attendance_ids)
        env["crm.service.sla"].create({
            "name": "Broken SLA", "calendar_id": calendar.id,
            "response_hours": 4.0, "resolve_hours": 16.0,
            "company_id": self.company.id})
        env.cr.commit()
        before = self._counts()
        response = self._post(GOOD, client="198.51.100.50")
        self.assertEqual(response.status_code, 400)
        self.assertIn("could not be accepted", response.text)
        self.assertIn('The working hours "No hours" of the SLA "Broken SLA" have '
                      'no working time', response.text)
        self.assertEqual(self._counts(), before, "nothing created")
        post = self.Post.search([("remote_addr", "=", "198.51.100.50")])
        post.invalidate_cache()
        self.assertEqual(post.outcome, "invalid")

    def test_http_form_page(self):
        """The public form page renders with its honeypot field."""
        response = self.url_open("/service/request", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="website_url"', response.text)
        self.assertIn('action="/service/request/submit"', response.text)

    def test_http_portal(self):
        """A portal customer lists and opens its own request, and gets 404 for
        another customer's."""
        env = self.Request.env
        portal = env.ref("base.group_portal")
        customer_a = env["res.partner"].create({"name": "Portal Co A",
                                                "is_company": True})
        customer_b = env["res.partner"].create({"name": "Portal Co B",
                                                "is_company": True})
        env["res.users"].with_context(no_reset_password=True).create({
            "name": "Portal Alice", "login": "svc_http_portal",
            "password": "svc_http_portal", "parent_id": customer_a.id,
            "groups_id": [(6, 0, [portal.id])]})
        own = self.Request.create({"name": "Own heater", "partner_id": customer_a.id})
        other = self.Request.create({"name": "Other heater",
                                     "partner_id": customer_b.id})
        self.authenticate("svc_http_portal", "svc_http_portal")
        listing = self.url_open("/my/service-requests", timeout=60)
        self.assertEqual(listing.status_code, 200)
        self.assertIn(own.reference, listing.text)
        self.assertNotIn(other.reference, listing.text)
        page = self.url_open("/my/service-requests/%d" % own.id, timeout=60)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Own heater", page.text)
        denied = self.url_open("/my/service-requests/%d" % other.id, timeout=60)
        self.assertEqual(denied.status_code, 404)
        self.assertNotIn("Other heater", denied.text)
