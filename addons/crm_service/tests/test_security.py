# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tools import config

from .common import ServiceCase


class TestSecurity(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.req_a = cls._request(name="A's request")
        cls.req_b = cls._request(name="B's request", partner_id=cls.customer_b.id)
        cls.req_other_team = cls._request(name="Team B's", team_id=cls.other_team.id)

    def test_portal_own_only(self):
        """A portal customer reads its own request and not another customer's."""
        as_a = self.Request.sudo(self.portal_a)
        self.assertEqual(as_a.search([]), self.req_a | self.req_other_team)
        self.assertEqual(as_a.browse(self.req_a.id).name, "A's request")
        with self.assertRaises(AccessError):
            as_a.browse(self.req_b.id).read(["name"])
        self.assertEqual(self.Request.sudo(self.portal_b).search([]), self.req_b)
        with self.assertRaises(AccessError):
            as_a.browse(self.req_a.id).write({"name": "changed"})

    def test_agent_own_team(self):
        """An agent sees their team's requests, a manager all of them."""
        mine = self.Request.sudo(self.agent).search([])
        self.assertIn(self.req_a, mine)
        self.assertNotIn(self.req_other_team, mine)
        with self.assertRaises(AccessError):
            self.Request.sudo(self.agent).browse(self.req_other_team.id).read(["name"])
        everything = self.Request.sudo(self.manager).search([])
        self.assertTrue((self.req_a | self.req_b | self.req_other_team) <= everything)

    def test_confidentiality(self):
        """In "own customers" mode a salesperson agent no longer sees another
        salesperson's customer's requests."""
        self.company.crm_customer_visibility = "own"
        salesman = self.env.ref("sales_team.group_sale_salesman")
        self.agent.groups_id = [(4, salesman.id)]
        other = self.env["res.users"].create({
            "name": "Other salesperson", "login": "svc_other_sales",
            "groups_id": [(6, 0, [salesman.id])]})
        self.customer_b.user_id = other
        self.customer_a.user_id = self.agent
        self.env["ir.rule"].clear_caches()
        mine = self.Request.sudo(self.agent).search([])
        self.assertIn(self.req_a, mine)
        self.assertNotIn(self.req_b, mine)

    def test_kanban_avatar_only_when_assigned(self):
        """The kanban card asks for the assignee's avatar only when there is one
        (an unassigned request would request /web/image?model=res.users&id=, a
        404 and a console error)."""
        arch = etree.fromstring(self.Request.sudo(self.agent).fields_view_get(
            view_type="kanban")["arch"])
        images = arch.xpath("//img[contains(@t-att-src, \"'res.users'\")]")
        self.assertTrue(images)
        for image in images:
            self.assertEqual(image.get("t-if"), "record.user_id.raw_value")

    def test_figures_not_written_by_users(self):
        """Neither an agent nor a manager writes the SLA verdict, the first
        response, the escalation or the customer's survey answers themselves
        (over RPC the read-only form fields are writable): refused with the
        fields named."""
        for user in (self.agent, self.manager):
            for vals in ({"csat": 5, "nps": 10},
                         {"sla_resolve_status": "met"},
                         {"first_response_date": "2026-01-09 07:05:00"},
                         {"escalation_level": 0}):
                with self.assertRaises(AccessError, msg=str(vals)) as refused:
                    self.req_a.sudo(user).write(vals)
                self.assertIn("kept by the service's own logic",
                              refused.exception.name)
        with self.assertRaises(AccessError) as refused:
            self.Request.sudo(self.agent).create({
                "name": "Happy", "team_id": self.team.id, "csat": 5, "nps": 10})
        self.assertIn("CSAT", refused.exception.name)
        self.req_a.sudo(self.agent).write({"name": "Still editable"})
        self.assertEqual(self.req_a.name, "Still editable")

    def test_moment_not_chosen_outside_tests(self):
        """Any RPC caller sets the context: outside tests an agent who passes
        ``crm_service_now`` gets the real time, and a request answered and
        solved months after its deadlines is not recorded as met."""
        # pytest-odoo (like odoo --test-enable) runs the tests with test_enable
        self.assertTrue(config["test_enable"])
        request = self._request(reply="<p>Fixed on Friday.</p>")
        as_agent = request.sudo(self.agent).with_context(
            crm_service_now="2026-01-09 07:30:00", mail_notify_force_send=False)
        config["test_enable"] = False
        try:
            as_agent.action_send_reply()
            as_agent.write({"stage_id": self.stage_resolved.id})
        finally:
            config["test_enable"] = True
        self.assertNotEqual(request.first_response_date, "2026-01-09 07:30:00")
        self.assertNotEqual(request.close_date, "2026-01-09 07:30:00")
        self.assertGreater(request.close_date, request.sla_resolve_deadline)
        self.assertEqual(request.sla_response_status, "failed")
        self.assertEqual(request.sla_resolve_status, "failed")
        # while tests run the moment in the context is honoured
        other = self._request(reply="<p>Fixed on Friday.</p>")
        other.sudo(self.agent).with_context(
            crm_service_now="2026-01-09 07:30:00",
            mail_notify_force_send=False).action_send_reply()
        self.assertEqual(other.first_response_date, "2026-01-09 07:30:00")
        self.assertEqual(other.sla_response_status, "met")

    def test_portal_internal_fields_hidden(self):
        """A portal customer reads neither the agent's draft reply of their own
        request nor the compensation limit of agents (every user reads the
        company); an agent reads both."""
        self.req_a.reply = "<p>Draft: we may refund you.</p>"
        as_portal = self.req_a.sudo(self.portal_a)
        self.assertEqual(as_portal.read(["name"])[0]["name"], "A's request")
        with self.assertRaises(AccessError):
            as_portal.read(["reply"])
        self.assertNotIn("reply", as_portal.read()[0])
        company = self.company.sudo(self.portal_a)
        self.assertEqual(company.read(["name"])[0]["name"], self.company.name)
        with self.assertRaises(AccessError):
            company.read(["crm_service_compensation_limit"])
        # the web client asks fields_get what to read (a read of all the
        # company's fields is refused to portal users for its bank accounts)
        company_fields = company.fields_get()
        self.assertIn("crm_service_web_rate_limit", company_fields)
        self.assertNotIn("crm_service_compensation_limit", company_fields)
        self.assertEqual(self.req_a.sudo(self.agent).read(["reply"])[0]["reply"],
                         "<p>Draft: we may refund you.</p>")
        self.assertEqual(self.company.sudo(self.agent).read(
            ["crm_service_compensation_limit"])[0]["crm_service_compensation_limit"],
            100.0)
