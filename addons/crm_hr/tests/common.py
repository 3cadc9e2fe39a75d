# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import SavepointCase


def make_user(env, login, groups, **values):
    """A user of one role, with exactly the groups given (xml ids)."""
    return env["res.users"].create(dict({
        "name": login.replace("_", " ").title(),
        "login": login,
        "email": "%s@example.com" % login,
        "groups_id": [(6, 0, [env.ref(group).id for group in groups])],
    }, **values))


class CrmHrCase(SavepointCase):
    """One user per role (HR officer, HR manager, sales manager, a team leader and
    three salespeople), their employees, a sales team, and a portfolio of every
    kind held by salesperson A (the leaver)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_reset_password=True,
            mail_create_nosubscribe=True))
        env = cls.env
        cls.company = env.ref("base.main_company")
        salesman = "sales_team.group_sale_salesman"
        cls.officer = make_user(env, "hr_officer", ["crm_hr.group_hr_officer"])
        cls.hr_manager = make_user(env, "hr_manager", ["crm_hr.group_hr_manager"])
        cls.sales_manager = make_user(env, "sales_mgr",
                                      ["sales_team.group_sale_manager"])
        cls.leader = make_user(env, "team_leader", [salesman])
        agent = "crm_service.group_service_agent"
        cls.sales_a = make_user(env, "sales_a", [salesman, agent])
        cls.sales_b = make_user(env, "sales_b", [salesman, agent])
        cls.sales_c = make_user(env, "sales_c", [salesman, agent])
        cls.team = env["crm.team"].create({
            "name": "HR test team", "user_id": cls.leader.id,
            "member_ids": [(6, 0, [cls.sales_a.id, cls.sales_b.id,
                                   cls.sales_c.id])],
        })
        cls.other_team = env["crm.team"].create({"name": "HR other team"})
        Employee = env["hr.employee"]
        cls.emp_officer = Employee.create({"name": "HR Officer",
                                           "user_id": cls.officer.id})
        cls.emp_leader = Employee.create({
            "name": "Team Leader", "user_id": cls.leader.id, "crm_role": "manager"})
        cls.emp_a = Employee.create({
            "name": "Salesperson A", "user_id": cls.sales_a.id,
            "crm_role": "salesperson", "identification_id": "ID-A-123",
            "crm_commission_rate": 3.5, "crm_hire_date": "2020-03-15",
            "parent_id": cls.emp_leader.id})
        cls.emp_b = Employee.create({
            "name": "Salesperson B", "user_id": cls.sales_b.id,
            "crm_role": "salesperson", "identification_id": "ID-B-456"})
        cls.emp_c = Employee.create({
            "name": "Salesperson C", "user_id": cls.sales_c.id,
            "crm_role": "salesperson"})
        cls._portfolio()

    @classmethod
    def _customer(cls, name, user=None, **values):
        return cls.env["res.partner"].create(dict({
            "name": name, "customer": True, "is_company": True,
            "user_id": user.id if user else False}, **values))

    @classmethod
    def _portfolio(cls):
        """A's work of every kind, closed work that must stay, and others' work."""
        env = cls.env
        a = cls.sales_a
        cls.customers_a = cls.env["res.partner"].browse([
            cls._customer("A customer %s" % i, a).id for i in range(4)])
        cls.customer_c = cls._customer("C customer", cls.sales_c)
        Lead = env["crm.lead"]
        cls.leads_a = Lead.create({
            "name": "A deal", "type": "opportunity", "user_id": a.id,
            "partner_id": cls.customers_a[0].id}) | Lead.create({
                "name": "A lead", "type": "lead", "user_id": a.id})
        cls.won_lead_a = Lead.create({
            "name": "A won deal", "type": "opportunity", "user_id": a.id,
            "probability": 100})
        Request = env["crm.service.request"]
        closed = env["crm.service.stage"].search([("is_closed", "=", True)],
                                                 limit=1)
        cls.request_a = Request.create({
            "name": "A request", "partner_id": cls.customers_a[1].id,
            "user_id": a.id})
        cls.closed_request_a = Request.create({
            "name": "A closed request", "partner_id": cls.customers_a[1].id,
            "user_id": a.id, "stage_id": closed.id})
        Campaign = env["crm.marketing.campaign"]
        cls.campaign_a = Campaign.create({"name": "A campaign", "user_id": a.id})
        cls.done_campaign_a = Campaign.create({
            "name": "A past campaign", "user_id": a.id})
        cls.done_campaign_a.state = "cancelled"
        club = env["crm.membership.club"].create({
            "name": "HR test club", "code": "HRT", "fee_type": "free"})
        cls.membership_a = env["crm.membership"].create({
            "club_id": club.id, "partner_id": cls.customers_a[2].id,
            "user_id": a.id})
        cls.company.crm_customer_visibility = "own"
