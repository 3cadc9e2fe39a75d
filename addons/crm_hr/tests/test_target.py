# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import AccessError

from .common import CrmHrCase


class TestTarget(CrmHrCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.month = fields.Date.today()[:8] + "01"
        cls.revenue_account = env["account.account"].search([
            ("user_type_id", "=", env.ref("account.data_account_type_revenue").id),
            ("company_id", "=", cls.company.id)], limit=1)
        customer = cls.customers_a[0]
        # A: 600 + 300 invoiced, 100 refunded, 999 only in draft; B: 500
        cls._invoice(customer, cls.sales_a, 600.0)
        cls._invoice(customer, cls.sales_a, 300.0)
        cls._invoice(customer, cls.sales_a, 100.0, kind="out_refund")
        cls._invoice(customer, cls.sales_a, 999.0, post=False)
        cls._invoice(customer, cls.sales_b, 500.0)
        # won opportunities closed this month: A two, B one
        Lead = env["crm.lead"]
        for user in (cls.sales_a, cls.sales_a, cls.sales_b):
            Lead.create({"name": "Won", "type": "opportunity",
                         "user_id": user.id}).action_set_won()
        Target = env["crm.hr.target"]
        cls.target_a = Target.create({
            "employee_id": cls.emp_a.id, "metric": "revenue",
            "date_start": fields.Date.today(), "target_value": 1000.0})
        cls.target_b = Target.create({
            "employee_id": cls.emp_b.id, "metric": "revenue",
            "date_start": cls.month, "target_value": 1000.0})
        cls.target_team = Target.create({
            "team_id": cls.team.id, "metric": "revenue",
            "date_start": cls.month, "target_value": 2000.0})
        cls.target_won = Target.create({
            "employee_id": cls.emp_a.id, "metric": "won_opportunities",
            "period_type": "quarter", "date_start": cls.month, "target_value": 4})

    @classmethod
    def _invoice(cls, partner, user, amount, kind="out_invoice", post=True):
        invoice = cls.env["account.invoice"].create({
            "partner_id": partner.id, "type": kind, "user_id": user.id,
            "date_invoice": fields.Date.today(),
            "account_id": partner.property_account_receivable_id.id,
            "invoice_line_ids": [(0, 0, {
                "name": "Service", "quantity": 1, "price_unit": amount,
                "account_id": cls.revenue_account.id})],
        })
        if post:
            invoice.action_invoice_open()
        return invoice

    def test_revenue_actual_agrees_with_posted_invoices(self):
        """Revenue actual: posted invoices net of refunds, drafts left out."""
        target = self.target_a.sudo(self.sales_a)
        self.assertEqual(target.date_start, self.month, "moved to the month start")
        self.assertAlmostEqual(target.actual_value, 800.0)
        self.assertAlmostEqual(target.percent, 80.0)
        posted = sum(self.env["account.invoice"].search([
            ("user_id", "=", self.sales_a.id), ("state", "in", ("open", "paid")),
            ("date_invoice", ">=", self.month)]).mapped("amount_untaxed_signed"))
        self.assertAlmostEqual(target.actual_value, posted, msg="finance agrees")
        self.assertAlmostEqual(self.target_b.actual_value, 500.0)
        self.assertAlmostEqual(self.target_team.actual_value, 1300.0,
                               msg="the team's actual is its members'")
        self.assertAlmostEqual(self.target_won.actual_value, 2.0)
        self.assertAlmostEqual(self.target_won.percent, 50.0)

    def test_report_and_visibility(self):
        """An employee sees their own targets, the team leader the team's, HR all;
        the report repeats the boundary."""
        Report = self.env["crm.hr.target.report"]
        own = Report.sudo(self.sales_a).search([])
        self.assertEqual(own.mapped("target_id"), self.target_a | self.target_won)
        leader = Report.sudo(self.leader).search([])
        self.assertEqual(leader.mapped("target_id"),
                         self.target_a | self.target_b | self.target_team
                         | self.target_won)
        grouped = Report.sudo(self.officer).read_group(
            [("metric", "=", "revenue"), ("is_team_target", "=", False),
             ("employee_id", "in", (self.emp_a | self.emp_b).ids)],
            ["employee_id", "actual_value", "target_value"], ["employee_id"])
        by_employee = {g["employee_id"][0]: g["actual_value"] for g in grouped}
        self.assertEqual(by_employee, {self.emp_a.id: 800.0, self.emp_b.id: 500.0})
        with self.assertRaises(AccessError):
            self.target_b.sudo(self.sales_a).read(["target_value"])
        with self.assertRaises(AccessError):
            self.target_a.sudo(self.sales_a).write({"target_value": 1.0})
        self.target_a.sudo(self.sales_manager).write({"target_value": 1600.0})
        self.assertAlmostEqual(self.target_a.percent, 50.0)
