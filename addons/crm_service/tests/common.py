# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import json
import re
import xmlrpc.client

from PIL import Image, ImageDraw

import odoo
from odoo.tests import common
from odoo.tests.common import SavepointCase

from odoo.addons.crm_lifecycle.tests.http_server import serve


# Friday 9 January 2026, 15:00 in Shanghai (UTC+8, no daylight saving time).
FRIDAY_15_LOCAL_UTC = "2026-01-09 07:00:00"


def signature_png(drawn=True):
    """A signature as the portal's pad sends it: a base64 PNG, transparent, with
    the pad's light gray base line and, if ``drawn``, a black stroke."""
    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(20, 80), (280, 80)], fill=(209, 208, 206, 255), width=2)
    if drawn:
        draw.line([(30, 60), (90, 20), (150, 70), (240, 30)], fill=(0, 0, 0, 255),
                  width=3)
    data = io.BytesIO()
    image.save(data, format="PNG")
    return base64.b64encode(data.getvalue()).decode("ascii")


class ServiceCase(SavepointCase):
    """A company in Shanghai, a Monday-Friday 8-12 / 13-17 calendar with Monday
    12 January 2026 as public holiday, an SLA of 4 h / 16 h, a team with leader and
    manager, agents, and two customers with portal users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_reset_password=True,
            mail_create_nosubscribe=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Service hours",
            "attendance_ids": [
                (0, 0, {"name": "d%s%s" % (day, h), "dayofweek": str(day),
                        "hour_from": h, "hour_to": h + 4})
                for day in range(5) for h in (8, 13)
            ],
        })
        cls.env["resource.calendar.leaves"].create({
            "name": "Public holiday",
            "calendar_id": cls.calendar.id,
            # the whole of Monday 12 January in Shanghai, in UTC
            "date_from": "2026-01-11 16:00:00",
            "date_to": "2026-01-12 16:00:00",
        })
        cls.type_request = cls.env.ref("crm_service.type_request")
        cls.type_complaint = cls.env.ref("crm_service.type_complaint")
        # only this test's SLA applies
        cls.env["crm.service.sla"].search([]).write({"active": False})
        cls.sla = cls.env["crm.service.sla"].create({
            "name": "Test SLA",
            "calendar_id": cls.calendar.id,
            "response_hours": 4.0,
            "resolve_hours": 16.0,
            "company_id": cls.company.id,
        })
        cls.stage_new = cls.env.ref("crm_service.stage_new")
        cls.stage_progress = cls.env.ref("crm_service.stage_progress")
        cls.stage_waiting = cls.env.ref("crm_service.stage_waiting")
        cls.stage_resolved = cls.env.ref("crm_service.stage_resolved")
        Users = cls.env["res.users"]
        agent_group = cls.env.ref("crm_service.group_service_agent")
        manager_group = cls.env.ref("crm_service.group_service_manager")
        cls.leader = Users.create({
            "name": "Team Leader", "login": "svc_leader", "email": "leader@example.com",
            "groups_id": [(6, 0, [agent_group.id])]})
        cls.manager = Users.create({
            "name": "Service Manager", "login": "svc_manager",
            "email": "manager@example.com",
            "groups_id": [(6, 0, [manager_group.id])]})
        cls.agent = Users.create({
            "name": "Agent One", "login": "svc_agent", "email": "agent@example.com",
            "tz": "America/New_York",
            "groups_id": [(6, 0, [agent_group.id])]})
        cls.agent2 = Users.create({
            "name": "Agent Two", "login": "svc_agent2", "email": "agent2@example.com",
            "tz": "Europe/Paris",
            "groups_id": [(6, 0, [agent_group.id])]})
        cls.team = cls.env["crm.service.team"].create({
            "name": "Team A", "user_id": cls.leader.id, "manager_id": cls.manager.id,
            "member_ids": [(6, 0, [cls.agent.id, cls.agent2.id])],
        })
        cls.other_team = cls.env["crm.service.team"].create({"name": "Team B"})
        Partner = cls.env["res.partner"]
        cls.customer_a = Partner.create({
            "name": "Customer A", "is_company": True, "customer": True,
            "email": "a@customer-a.example.com"})
        cls.customer_b = Partner.create({
            "name": "Customer B", "is_company": True, "customer": True,
            "email": "b@customer-b.example.com"})
        portal = cls.env.ref("base.group_portal")
        cls.portal_a = Users.create({
            "name": "Alice of A", "login": "svc_portal_a",
            "email": "alice@customer-a.example.com",
            "parent_id": cls.customer_a.id,
            "groups_id": [(6, 0, [portal.id])]})
        cls.portal_b = Users.create({
            "name": "Bob of B", "login": "svc_portal_b",
            "email": "bob@customer-b.example.com",
            "parent_id": cls.customer_b.id,
            "groups_id": [(6, 0, [portal.id])]})
        cls.Request = cls.env["crm.service.request"]

    @classmethod
    def _request(cls, **values):
        vals = {
            "name": "Broken heater",
            "partner_id": cls.customer_a.id,
            "type_id": cls.type_request.id,
            "team_id": cls.team.id,
            "date_open": FRIDAY_15_LOCAL_UTC,
        }
        vals.update(values)
        return cls.Request.create(vals)


class ServiceHttpCase(common.HttpCase):
    """Real HTTP requests to a server thread working in the test transaction."""

    def setUp(self):
        port = serve()
        common.PORT = port
        self._config = {key: odoo.tools.config[key]
                        for key in ("dbfilter", "proxy_mode")}
        odoo.tools.config["dbfilter"] = ".*"
        # client addresses come from X-Forwarded-For, as behind a reverse proxy
        odoo.tools.config["proxy_mode"] = True
        super().setUp()
        # the server thread works in the registry's test transaction: set up and
        # check through it (it is rolled back when the test leaves test mode)
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID, {})
        self.company = env.ref("base.main_company")
        self.Request = env["crm.service.request"]
        self.Post = env["crm.service.web.post"]

    def tearDown(self):
        odoo.tools.config.options.update(self._config)
        super().tearDown()

    def _url(self, path):
        return "http://%s:%s%s" % (common.HOST, common.PORT, path)

    @staticmethod
    def _forwarded(client):
        return {"X-Forwarded-Host": "%s:%s" % (common.HOST, common.PORT),
                "X-Forwarded-For": client}

    def _http_user(self, login, groups, **values):
        """A user of ``groups`` (xml ids) created in the server's transaction,
        whose password is its login."""
        env = self.Request.env
        return env["res.users"].with_context(no_reset_password=True).create(dict({
            "name": login.replace("_", " ").title(), "login": login,
            "password": login, "email": "%s@example.com" % login,
            "groups_id": [(6, 0, [env.ref(group).id for group in groups])],
        }, **values))

    def _xmlrpc(self, user, model, method, *args):
        """``model.method(*args)`` over XML-RPC as ``user`` (password: login)."""
        proxy = xmlrpc.client.ServerProxy(self._url("/xmlrpc/2/object"),
                                          allow_none=False)
        return proxy.execute_kw(common.get_db_name(), user.id, user.login, model,
                                method, list(args))

    def _csrf_token(self, path):
        """The CSRF token of the form on the page ``path``, for this session."""
        page = self.opener.get(self._url(path), timeout=60)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        self.assertTrue(match, "no CSRF token on %s" % path)
        return match.group(1)

    def _json(self, path, params):
        """A JSON-RPC call as the portal's widgets make it: ``(HTTP status,
        result or error)``."""
        response = self.opener.post(
            self._url(path), timeout=60,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                             "params": params}),
            headers={"Content-Type": "application/json"})
        body = response.json()
        return response.status_code, body.get("result", body.get("error"))

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
