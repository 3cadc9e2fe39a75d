# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.exceptions import UserError

from .common import ServiceHttpCase
from .test_web_form import GOOD


class TestWebVerifyHttp(ServiceHttpCase):
    """An anonymous visitor types an existing customer's email address into the
    public form: the request is not the customer's until verified."""

    def setUp(self):
        super().setUp()
        env = self.Request.env
        self.customer = env["res.partner"].create({
            "name": "Verified Co", "is_company": True,
            "email": "boss@verified.example.com"})
        self.portal = self._http_user(
            "svc_verify_portal", ["base.group_portal"],
            parent_id=self.customer.id, email="boss@verified.example.com")
        self.agent = self._http_user("svc_verify_agent",
                                     ["crm_service.group_service_agent"])
        self.post = dict(GOOD, email="Boss@Verified.example.com",
                         subject="Please delete my account")
        env.cr.commit()

    def _submit(self, data, client="203.0.113.80", csrf=True):
        if csrf:
            data = dict(data, csrf_token=self._csrf_token("/service/request"))
        return self.opener.post(self._url("/service/request/submit"), data=data,
                                timeout=60, headers=self._forwarded(client))

    def _posted(self):
        return self.Request.search([("name", "=", self.post["subject"])])

    def test_csrf_required(self):
        """A post without the form's CSRF token (from another site) is refused
        and creates nothing."""
        response = self._submit(self.post, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._posted())

    def test_known_address_waits_for_verification(self):
        """The post creates a request without customer: not in the customer's
        portal, followers or figures; the verification link goes to the
        address; once followed and confirmed, the request is the customer's."""
        response = self._submit(self.post)
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn("follow it to confirm", response.text)
        request = self._posted()
        self.assertEqual(len(request), 1)
        self.assertFalse(request.partner_id)
        self.assertFalse(request.commercial_partner_id)
        self.assertEqual(request.web_partner_id, self.customer)
        self.assertNotIn(self.customer, request.message_partner_ids)
        # neither in the customer's portal nor in the figures of their requests
        self.assertNotIn(request, self.Request.sudo(self.portal).search([]))
        self.assertNotIn(request, self.customer.service_request_ids)
        self.authenticate("svc_verify_portal", "svc_verify_portal")
        listing = self.url_open("/my/service-requests", timeout=60)
        self.assertNotIn(request.reference, listing.text)
        self.assertEqual(self.url_open("/my/service-requests/%d" % request.id,
                                       timeout=60).status_code, 404)
        # the agent cannot reply before the customer is confirmed
        request.reply = "<p>Done.</p>"
        with self.assertRaises(UserError) as refused:
            request.sudo(self.agent).action_send_reply()
        self.assertIn("is not verified yet", refused.exception.name)
        # the link emailed to the address
        mail = self.Request.env["mail.mail"].search([
            ("model", "=", "crm.service.request"), ("res_id", "=", request.id),
            ("email_to", "=", self.post["email"])])
        self.assertEqual(len(mail), 1)
        link = re.search(r'href="[^"]*(/service/request/verify/[^"]+)"',
                         mail.body_html).group(1)
        self.assertEqual(self.url_open(
            "/service/request/verify/%d/wrong" % request.id, timeout=60
        ).status_code, 404, "a wrong token verifies nothing")
        page = self.url_open(link, timeout=60)
        self.assertEqual(page.status_code, 200)
        request.invalidate_cache()
        self.assertFalse(request.partner_id, "following the link only asks")
        confirmed = self.opener.post(self._url(link), timeout=60, data={
            "csrf_token": self._csrf_token(link)})
        self.assertEqual(confirmed.status_code, 200)
        self.assertIn("is confirmed", confirmed.text)
        request.invalidate_cache()
        self.assertEqual(request.partner_id, self.customer)
        self.assertFalse(request.web_partner_id)
        self.assertIn(self.customer, request.message_partner_ids)
        listing = self.url_open("/my/service-requests", timeout=60)
        self.assertIn(request.reference, listing.text)
        self.assertEqual(self.url_open(link, timeout=60).status_code, 404,
                         "the link works once")

    def test_agent_confirms(self):
        """An agent who checked with the customer confirms the request."""
        self._submit(self.post)
        request = self._posted()
        self.assertTrue(request.sudo(self.agent).action_confirm_customer())
        self.assertEqual(request.partner_id, self.customer)
        self.assertNotIn(request, self.Request.sudo(self.portal).search([]) - request)
        self.assertIn(request, self.Request.sudo(self.portal).search([]))

    def test_portal_user_own_address(self):
        """The customer's own portal user posting the public form with their own
        address gets the request at once."""
        self.authenticate("svc_verify_portal", "svc_verify_portal")
        self._submit(self.post)
        request = self._posted()
        self.assertEqual(request.partner_id, self.portal.partner_id)
        self.assertFalse(request.web_partner_id)


class TestPortalHttp(ServiceHttpCase):
    """What a portal customer reads of their request, and opens from the
    portal."""

    def setUp(self):
        super().setUp()
        env = self.Request.env
        self.customer = env["res.partner"].create({
            "name": "Portal Fields Co", "is_company": True})
        self.portal = self._http_user("svc_fields_portal", ["base.group_portal"],
                                      parent_id=self.customer.id)
        self.request = self.Request.create({
            "name": "Cracked tile", "partner_id": self.customer.id,
            "type_id": env.ref("crm_service.type_complaint").id,
            "resolution": "<p>Customer broke it himself</p>",
            "compensation_proposed": 40.0,
            "reply": "<p>We replace the tile.</p>",
        })
        env.cr.commit()

    def _read(self, names):
        return self._json("/web/dataset/call_kw", {
            "model": "crm.service.request", "method": "read",
            "args": [[self.request.id], names], "kwargs": {}})

    def test_internal_fields_closed(self):
        """Over JSON-RPC the customer reads the subject of their request, not the
        agent's draft reply, the internal resolution, root cause, compensation or
        escalation, nor the company's compensation limit; the portal page shows
        neither the draft nor the resolution, the sent reply is in its messages."""
        self.authenticate("svc_fields_portal", "svc_fields_portal")
        status, result = self._read(["name", "sla_resolve_deadline"])
        self.assertEqual(status, 200)
        self.assertEqual(result[0]["name"], "Cracked tile")
        for name in ("reply", "resolution", "root_cause_id", "compensation_proposed",
                     "escalation_level", "compensation_type", "tag_ids",
                     "web_partner_id"):
            status, error = self._read([name])
            self.assertIn("AccessError", error["data"]["name"], name)
            self.assertNotIn("broke it", str(error), name)
            self.assertNotIn("replace the tile", str(error), name)
        status, result = self._read([])
        self.assertEqual(status, 200)
        self.assertNotIn("reply", result[0])
        self.assertNotIn("replace the tile", str(result))
        status, error = self._json("/web/dataset/call_kw", {
            "model": "res.company", "method": "read",
            "args": [[self.company.id], ["crm_service_compensation_limit"]],
            "kwargs": {}})
        self.assertIn("AccessError", error["data"]["name"])
        page = self.url_open("/my/service-requests/%d" % self.request.id,
                             timeout=60)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Cracked tile", page.text)
        self.assertNotIn("replace the tile", page.text)
        self.assertNotIn("broke it", page.text)
        # sent (set-up as superuser: the customer's side is under test here)
        self.request.with_context(mail_notify_force_send=False).action_send_reply()
        # kept when the server thread rolls back its request (as in setUp)
        self.Request.env.cr.commit()
        status, chatter = self._json("/mail/chatter_init", {
            "res_model": "crm.service.request", "res_id": self.request.id})
        self.assertEqual(status, 200)
        self.assertIn("We replace the tile.", str(chatter["messages"]))

    def test_customer_opens_request(self):
        """A customer opens a request from the portal, on a page made for a
        phone; it is theirs, from the web channel, and bad input is refused."""
        self.authenticate("svc_fields_portal", "svc_fields_portal")
        listing = self.url_open("/my/service-requests", timeout=60)
        self.assertIn('href="/my/service-requests/new"', listing.text)
        page = self.url_open("/my/service-requests/new", timeout=60)
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="viewport"', page.text)
        self.assertIn("width=device-width", page.text)
        token = self._csrf_token("/my/service-requests/new")
        refused = self.opener.post(self._url("/my/service-requests/new"),
                                   timeout=60, data={"csrf_token": token,
                                                     "subject": "",
                                                     "description": "x"})
        self.assertEqual(refused.status_code, 200)
        self.assertIn("subject: is required.", refused.text)
        complaint = self.Request.env.ref("crm_service.type_complaint")
        response = self.opener.post(
            self._url("/my/service-requests/new"), timeout=60, data={
                "csrf_token": token, "subject": "Leaking tap",
                "description": "The kitchen tap leaks.",
                "type_id": str(complaint.id)})
        self.assertEqual(response.status_code, 200)
        created = self.Request.search([("name", "=", "Leaking tap")])
        self.assertEqual(created.partner_id, self.customer)
        self.assertEqual(created.contact_id, self.portal.partner_id)
        self.assertEqual(created.type_id, complaint)
        self.assertEqual(created.channel, "web")
        self.assertIn("The kitchen tap leaks.", response.text,
                      "redirected to the new request")
