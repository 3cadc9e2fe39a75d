# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import socket

import odoo
from odoo.service.server import ThreadedServer
from odoo.service.wsgi_server import application
from odoo.tests import common

from .test_web_form import BAD, GOOD

_SERVER = {}


def _serve():
    """One HTTP server thread for this process, on a free port (pytest-odoo does not
    start Odoo's server as odoo-bin --test-enable does)."""
    if "port" not in _SERVER:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        odoo.tools.config["http_interface"] = "127.0.0.1"
        odoo.tools.config["http_port"] = port
        ThreadedServer(application).http_spawn()
        _SERVER["port"] = port
    return _SERVER["port"]


class TestWebFormHttp(common.HttpCase):
    """The public form through real HTTP requests on the test transaction."""

    def setUp(self):
        port = _serve()
        common.PORT = port
        self._dbfilter = odoo.tools.config["dbfilter"]
        odoo.tools.config["dbfilter"] = ".*"
        super().setUp()
        # the server thread works in the registry's test transaction: set up and
        # check through it (it is rolled back when the test leaves test mode)
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID, {})
        self.limit = env.ref("base.main_company").crm_service_web_rate_limit
        self.Request = env["crm.service.request"]

    def tearDown(self):
        odoo.tools.config["dbfilter"] = self._dbfilter
        super().tearDown()

    def authenticate(self, user, password):
        """HttpCase.authenticate, reading the user through the server's transaction
        (where this test creates it) instead of the test's own cursor."""
        env = self.Request.env
        uid = self.registry["res.users"].authenticate(
            common.get_db_name(), user, password, None)
        session = self.session
        session.db = common.get_db_name()
        session.uid = uid
        session.login = user
        session.session_token = uid and odoo.service.security.compute_session_token(
            session, env(user=uid))
        session.context = env["res.users"].sudo(uid).context_get() or {}
        session.context["uid"] = uid
        session._fix_lang(session.context)
        odoo.http.root.session_store.save(session)

    def _post(self, data):
        return self.url_open("/service/request/submit", data=data, timeout=60)

    def test_http_bad_input_and_rate_limit(self):
        """Bad posts answer 400 and create nothing; good ones create a request until
        the post past the company's limit (5) answers 429."""
        before = self.Request.search_count([])
        for case in ("missing email", "invalid email", "long subject", "honeypot"):
            response = self._post(BAD[case])
            self.assertEqual(response.status_code, 400, case)
            self.assertIn("could not be accepted", response.text, case)
        self.assertEqual(self.Request.search_count([]), before)
        self.assertTrue(self.limit, "the default limit is set")
        for _index in range(self.limit):
            response = self._post(GOOD)
            self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(self.Request.search_count([]), before + self.limit)
        created = self.Request.search([], order="id desc", limit=1)
        self.assertEqual(created.channel, "web")
        self.assertEqual(created.name, GOOD["subject"])
        self.assertIn(created.reference, response.text)
        response = self._post(GOOD)
        self.assertEqual(response.status_code, 429)
        self.assertEqual(self.Request.search_count([]), before + self.limit)

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
