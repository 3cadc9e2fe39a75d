# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import CrmHrCase, make_user


class TestHandover(CrmHrCase):

    def _wizard(self, user, **values):
        return self.env["crm.hr.handover.wizard"].sudo(user).with_context(
            active_model="hr.employee", active_id=self.emp_a.id).create(dict({
                "reason": "departure", "mode": "employee",
                "receiver_id": self.emp_b.id}, **values))

    def _held_by(self, model, user, domain=None):
        return self.env[model].search((domain or []) + [("user_id", "=", user.id)])

    def test_handover_moves_exactly_the_open_work(self):
        """An HR officer moves every open record of every kind and nothing else."""
        wizard = self._wizard(self.officer)
        self.assertIn(self.emp_b.name, wizard.preview, "the preview names the receiver")
        action = wizard.action_hand_over()
        handover = self.env["crm.hr.handover"].browse(action["res_id"])
        b, a = self.sales_b, self.sales_a
        self.assertEqual(self._held_by("res.partner", b), self.customers_a,
                         "all of A's customers now have B as salesperson")
        self.assertFalse(self._held_by("res.partner", a), "A keeps no customer")
        self.assertEqual(self._held_by("crm.lead", b), self.leads_a,
                         "the open lead and opportunity moved")
        self.assertEqual(self.won_lead_a.user_id, a, "a won deal stays A's")
        self.assertEqual(self.request_a.user_id, b, "the open request moved")
        self.assertEqual(self.closed_request_a.user_id, a,
                         "a closed request stays A's")
        self.assertEqual(self.campaign_a.user_id, b, "the running campaign moved")
        self.assertEqual(self.done_campaign_a.user_id, a, "a past campaign stays")
        self.assertEqual(self.membership_a.user_id, b, "the membership moved")
        self.assertEqual(self.customer_c.user_id, self.sales_c,
                         "C's customer is untouched")
        self.assertEqual(self.emp_a.sudo(self.officer).crm_portfolio_size, 0,
                         "A's portfolio is empty")
        # the record of what moved, by whom
        self.assertEqual(handover.user_id, self.officer, "done by the officer")
        self.assertEqual(handover.employee_id, self.emp_a)
        self.assertEqual(handover.record_count, 4 + 2 + 1 + 1 + 1)
        moved = {line.kind: line.record_count for line in handover.line_ids}
        self.assertEqual(moved, {"customer": 4, "lead": 2, "request": 1,
                                 "campaign": 1, "membership": 1})
        self.assertEqual(set(handover.line_ids.mapped("employee_id")), {self.emp_b})
        log = self.env["crm.access.log"].search([("event_type", "=", "handover")],
                                                limit=1)
        self.assertEqual(log.user_id, self.officer, "the access log names the officer")
        self.assertEqual(log.record_count, 9)
        self.assertEqual(log.company_id, self.officer.company_id)
        note = self.env["mail.message"].search([
            ("model", "=", "res.partner"), ("res_id", "=", self.customers_a[0].id),
            ("body", "ilike", "Portfolio handover")])
        self.assertEqual(len(note), 1, "one chatter note on each moved customer")
        self.assertIn(self.emp_b.name, note.body)

    def test_receiver_sees_customers_leaver_does_not(self):
        """Under the "own customers" setting the receiver sees the moved customers
        at once, the leaver no longer does."""
        Partner = self.env["res.partner"]
        ids = self.customers_a.ids
        self.assertEqual(Partner.sudo(self.sales_a).search([("id", "in", ids)]),
                         self.customers_a, "before: A sees them")
        self.assertFalse(Partner.sudo(self.sales_b).search([("id", "in", ids)]),
                         "before: B does not")
        self._wizard(self.officer).action_hand_over()
        self.assertEqual(Partner.sudo(self.sales_b).search([("id", "in", ids)]),
                         self.customers_a, "after: B sees them")
        self.assertFalse(Partner.sudo(self.sales_a).search([("id", "in", ids)]),
                         "after: A does not")
        with self.assertRaises(AccessError):
            self.customers_a[0].sudo(self.sales_a).read(["name"])

    def test_followers_activities_events_follow_the_work(self):
        """The leaver's subscriptions, activities and future meetings on the moved
        records go to the receiver."""
        customer = self.customers_a[0]
        lead = self.leads_a[0]
        customer.message_subscribe(partner_ids=[self.sales_a.partner_id.id])
        lead.message_subscribe(partner_ids=[self.sales_a.partner_id.id,
                                            self.sales_b.partner_id.id])
        activity = self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get("crm.lead").id,
            "res_id": lead.id, "user_id": self.sales_a.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": "Call back"})
        event = self.env["calendar.event"].create({
            "name": "Demo", "user_id": self.sales_a.id, "opportunity_id": lead.id,
            "start": "2099-01-05 10:00:00", "stop": "2099-01-05 11:00:00",
            "partner_ids": [(6, 0, [self.sales_a.partner_id.id])]})
        self._wizard(self.officer).action_hand_over()
        self.assertNotIn(self.sales_a.partner_id, customer.message_partner_ids)
        self.assertIn(self.sales_b.partner_id, customer.message_partner_ids,
                      "B follows the customer A followed")
        self.assertEqual(lead.message_partner_ids.filtered(
            lambda p: p in (self.sales_a.partner_id | self.sales_b.partner_id)),
            self.sales_b.partner_id, "B follows the lead once, A no longer")
        self.assertEqual(activity.user_id, self.sales_b, "the activity is B's")
        self.assertEqual(event.user_id, self.sales_b, "B organises the meeting")
        self.assertIn(self.sales_b.partner_id, event.partner_ids)
        self.assertNotIn(self.sales_a.partner_id, event.partner_ids)

    def test_distribute_evenly_across_team(self):
        """Across a team the work goes to the least loaded first: C already holds
        a customer, so B gets more."""
        self._wizard(self.officer, mode="team", receiver_id=False,
                     team_id=self.team.id).action_hand_over()
        counts = {emp: emp.sudo(self.officer).crm_portfolio_size
                  for emp in (self.emp_b, self.emp_c, self.emp_leader)}
        # 9 records + C's customer = 10, spread over B, C and the leader
        self.assertEqual(sum(counts.values()), 10)
        self.assertLessEqual(max(counts.values()) - min(counts.values()), 1,
                             "balanced: %s" % counts)
        self.assertFalse(self.emp_a.sudo(self.officer).crm_portfolio_size)

    def test_salesman_cannot_hand_over(self):
        """Wizards have no access rights: the button refuses a non-officer."""
        wizard = self._wizard(self.sales_b)
        self.assertFalse(wizard.preview, "no preview for a salesman")
        with self.assertRaisesRegex(AccessError, "Only HR officers"):
            wizard.action_hand_over()
        self.assertEqual(self.customers_a.mapped("user_id"), self.sales_a)

    def test_handover_to_self_refused(self):
        """The receiver must be someone else."""
        wizard = self._wizard(self.officer, receiver_id=self.emp_a.id)
        with self.assertRaisesRegex(UserError, "someone other than"):
            wizard.action_hand_over()

    def test_officer_cannot_hand_portfolio_to_themselves(self):
        """An HR officer who also sells never receives the portfolio they hand
        over: refused when named, left out when their team receives it."""
        seller = make_user(self.env, "hr_officer_seller", [
            "crm_hr.group_hr_officer", "sales_team.group_sale_salesman"])
        emp_seller = self.env["hr.employee"].create({
            "name": "Officer Seller", "user_id": seller.id,
            "crm_role": "salesperson"})
        with self.assertRaisesRegex(UserError, "someone other than %s and yourself"
                                    % self.emp_a.name):
            self._wizard(seller, receiver_id=emp_seller.id).action_hand_over()
        self.assertEqual(self.customers_a.mapped("user_id"), self.sales_a)
        self.team.member_ids = [(4, seller.id)]
        self._wizard(seller, mode="team", receiver_id=False,
                     team_id=self.team.id).action_hand_over()
        self.assertFalse(self._held_by("res.partner", seller))
        self.assertFalse(self._held_by("res.partner", self.sales_a))

    def test_receiver_must_be_a_salesperson(self):
        """Customer work goes to salespeople only: an internal user who does not
        sell is refused, by name."""
        clerk = make_user(self.env, "hr_clerk", ["base.group_user"])
        emp_clerk = self.env["hr.employee"].create({
            "name": "Back Office Clerk", "user_id": clerk.id})
        with self.assertRaisesRegex(UserError, "not salespeople and cannot hold "
                                    "customer work: %s" % emp_clerk.name):
            self._wizard(self.officer, receiver_id=emp_clerk.id).action_hand_over()
        self.assertEqual(self.customers_a.mapped("user_id"), self.sales_a)

    def test_archive_with_portfolio_refused(self):
        """Archiving an employee who holds customer work is refused and points to
        the wizard; once handed over it is allowed."""
        employee = self.emp_a.sudo(self.hr_manager)
        with self.assertRaisesRegex(UserError, "Hand Over Portfolio"):
            employee.toggle_active()
        self.assertTrue(self.emp_a.active)
        self._wizard(self.officer).action_hand_over()
        employee.toggle_active()
        self.assertFalse(self.emp_a.active)

    def test_contract_end_with_portfolio_refused(self):
        """Ending a contract by hand while holding a portfolio is refused; the
        nightly expiry of contracts is not blocked."""
        contract = self.env["hr.contract"].create({
            "name": "A contract", "employee_id": self.emp_a.id, "wage": 1000.0,
            "state": "open"})
        with self.assertRaisesRegex(UserError, "Hand Over Portfolio"):
            contract.sudo(self.hr_manager).write({"state": "close"})
        contract.date_end = contract.date_start
        self.env["hr.contract"].update_state()
        self.assertEqual(contract.state, "close", "the expiry cron still runs")

    def test_portfolio_counts_and_buttons(self):
        """The smart buttons count and open exactly the employee's open work."""
        employee = self.emp_a.sudo(self.officer)
        self.assertEqual(
            (employee.crm_customer_count, employee.crm_lead_count,
             employee.crm_request_count, employee.crm_campaign_count,
             employee.crm_membership_count), (4, 2, 1, 1, 1))
        action = employee.with_context(
            crm_hr_kind="request").action_crm_hr_open_portfolio()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]),
                         self.request_a)
        action = employee.with_context(
            crm_hr_kind="customer").action_crm_hr_open_portfolio()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]),
                         self.customers_a)
