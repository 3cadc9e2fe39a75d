# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import CrmHrCase


class TestPersonnel(CrmHrCase):

    def test_employee_number_from_sequence(self):
        """An HR officer's new employee gets a number; a duplicate is refused."""
        employee = self.env["hr.employee"].sudo(self.hr_manager).create({
            "name": "New Hire"})
        self.assertTrue(employee.crm_employee_number.startswith("EMP"))
        self.assertNotEqual(employee.crm_employee_number,
                            self.emp_b.crm_employee_number)
        with self.assertRaisesRegex(ValidationError, "already used"):
            self.env["hr.employee"].create({
                "name": "Copy", "crm_employee_number": employee.crm_employee_number})

    def test_seniority_computed_and_searchable(self):
        """Seniority in years and months from the hire date, and searchable."""
        today = fields.Date.from_string(fields.Date.today())
        hired = today.replace(year=today.year - 3) - timedelta(days=40)
        self.emp_c.crm_hire_date = fields.Date.to_string(hired)
        employee = self.emp_c.sudo(self.sales_a)
        self.assertEqual(employee.crm_seniority_years, 3)
        self.assertIn(employee.crm_seniority_months, (37, 38))
        Employee = self.env["hr.employee"].sudo(self.sales_a)
        self.assertIn(self.emp_c, Employee.search([("crm_seniority_years", ">=", 3)]))
        self.assertNotIn(self.emp_c,
                         Employee.search([("crm_seniority_years", ">=", 4)]))
        self.assertIn(self.emp_c, Employee.search([("crm_seniority_years", "=", 3)]))

    def test_sales_team_follows_user(self):
        """The employee's sales team is the user's; an officer changing it changes
        the user's, a salesman may not."""
        self.assertEqual(self.emp_a.crm_team_id, self.team)
        self.emp_a.sudo(self.officer).crm_team_id = self.other_team
        self.assertEqual(self.sales_a.sale_team_id, self.other_team)
        with self.assertRaises(AccessError):
            self.emp_b.sudo(self.sales_b).write({"crm_team_id": self.other_team.id})

    def test_certification_reminder_created_once(self):
        """The cron gives one to-do before expiry, never a second one for the same
        expiry date; a renewal gets its own."""
        today = fields.Date.from_string(fields.Date.today())
        cert = self.env["crm.hr.certification"].sudo(self.officer).create({
            "employee_id": self.emp_a.id, "name": "Product expert",
            "date_obtained": "2024-01-01", "reminder_days": 30,
            "date_expiry": fields.Date.to_string(today + timedelta(days=10))})
        later = self.env["crm.hr.certification"].sudo(self.officer).create({
            "employee_id": self.emp_b.id, "name": "Later one",
            "date_expiry": fields.Date.to_string(today + timedelta(days=90))})
        Cert = self.env["crm.hr.certification"]
        # the demo data may hold certifications due as well
        self.assertGreaterEqual(Cert._cron_remind_expiry(), 1)
        self.assertEqual(Cert._cron_remind_expiry(), 0, "the second run does nothing")
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "crm.hr.certification"), ("res_id", "=", cert.id)])
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.sales_a,
                         "the employee renews their certification")
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "crm.hr.certification"), ("res_id", "=", later.id)]))
        cert.date_expiry = fields.Date.to_string(today + timedelta(days=20))
        self.assertEqual(Cert._cron_remind_expiry(), 1, "renewed: a new reminder")

    def test_records_public_but_written_by_hr(self):
        """Colleagues read the career records; only HR officers write them."""
        training = self.env["crm.hr.training"].sudo(self.officer).create({
            "employee_id": self.emp_a.id, "course": "Negotiation", "hours": 8,
            "result": "passed"})
        self.assertEqual(training.sudo(self.sales_b).course, "Negotiation")
        with self.assertRaises(AccessError):
            training.sudo(self.sales_a).write({"result": "failed"})
        with self.assertRaisesRegex(ValidationError, "negative"):
            training.sudo(self.officer).write({"hours": -1})
