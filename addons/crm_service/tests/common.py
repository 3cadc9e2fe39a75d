# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase

# Friday 9 January 2026, 15:00 in Shanghai (UTC+8, no daylight saving time).
FRIDAY_15_LOCAL_UTC = "2026-01-09 07:00:00"


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
