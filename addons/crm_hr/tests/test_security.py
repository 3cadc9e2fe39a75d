# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import xmlrpc.client

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.tests import common

from odoo.addons.crm_lifecycle.tests.http_server import serve

from .common import CrmHrCase, make_user

SENSITIVE = ["identification_id", "address_home_id", "bank_account_id",
             "crm_commission_rate", "crm_disciplinary_ids"]


class TestSensitiveData(CrmHrCase):

    def test_sales_user_cannot_read_sensitive_fields(self):
        """A salesman reads a colleague's public profile, not the sensitive fields;
        an HR officer reads them."""
        colleague = self.emp_b.sudo(self.sales_a)
        self.assertEqual(colleague.read(["name", "crm_role"])[0]["crm_role"],
                         "salesperson", "the public profile is readable")
        for field in SENSITIVE:
            with self.assertRaisesRegex(AccessError, "security restrictions",
                                        msg=field):
                colleague.read([field])
        everything = colleague.read()[0]
        self.assertFalse(set(SENSITIVE) & set(everything),
                         "a read of every field leaves the sensitive ones out")
        officer_view = self.emp_b.sudo(self.officer).read(SENSITIVE)[0]
        self.assertEqual(officer_view["identification_id"], "ID-B-456")

    def test_disciplinary_records_officer_only(self):
        """Disciplinary records: created and read by HR officers only."""
        record = self.env["crm.hr.disciplinary"].sudo(self.officer).create({
            "employee_id": self.emp_b.id, "name": "Late twice",
            "record_type": "verbal"})
        self.assertEqual(record.sudo(self.officer).name, "Late twice")
        with self.assertRaises(AccessError):
            record.sudo(self.sales_a).read(["name"])
        with self.assertRaises(AccessError):
            self.env["crm.hr.disciplinary"].sudo(self.leader).search([])

    def test_reward_amount_officer_only(self):
        """Everyone sees a colleague's commendation, only HR its amount."""
        reward = self.env["crm.hr.reward"].sudo(self.officer).create({
            "employee_id": self.emp_b.id, "name": "Best quarter",
            "reward_type": "bonus", "amount": 500.0})
        self.assertEqual(reward.sudo(self.sales_a).read(["name"])[0]["name"],
                         "Best quarter")
        with self.assertRaises(AccessError):
            reward.sudo(self.sales_a).read(["amount"])

    def test_appraisal_visibility(self):
        """The employee reads their own appraisal once done, the reviewer while
        writing it; colleagues never."""
        appraisal = self.env["crm.hr.appraisal"].sudo(self.officer).create({
            "employee_id": self.emp_a.id, "reviewer_id": self.leader.id,
            "date_from": "2026-01-01", "date_to": "2026-06-30"})
        Appraisal = self.env["crm.hr.appraisal"]
        self.assertFalse(Appraisal.sudo(self.sales_a).search([]),
                         "a draft appraisal is hidden from the employee")
        as_leader = appraisal.sudo(self.leader)
        as_leader.line_ids.write({"score": 4})
        as_leader.line_ids[:1].write({"score": 2})
        as_leader.action_submit()
        with self.assertRaisesRegex(AccessError, "Only HR officers"):
            as_leader.action_done()
        appraisal.sudo(self.officer).action_done()
        own = Appraisal.sudo(self.sales_a).search([])
        self.assertEqual(own, appraisal, "the employee sees their done appraisal")
        expected = (2 + 4 * (len(appraisal.line_ids) - 1)) / len(appraisal.line_ids)
        self.assertAlmostEqual(own.overall_score, expected, places=2)
        self.assertFalse(Appraisal.sudo(self.sales_b).search([]),
                         "a colleague sees no appraisal of others")
        with self.assertRaises(AccessError):
            appraisal.sudo(self.sales_b).read(["overall_score"])

    def test_reviewer_cannot_close_own_appraisal(self):
        """A reviewer writes scores and comments of their draft, never its state
        (not even with a made-up context key), its employee or its reviewer; the
        submit button still works for them, closing stays HR's."""
        appraisal = self.env["crm.hr.appraisal"].sudo(self.officer).create({
            "employee_id": self.emp_leader.id, "reviewer_id": self.leader.id,
            "date_from": "2026-01-01", "date_to": "2026-06-30"})
        as_leader = appraisal.sudo(self.leader)
        as_leader.write({"comments": "A good half-year"})
        as_leader.line_ids.write({"score": 5})
        for vals in ({"state": "done"},
                     {"state": "done", "employee_id": self.emp_b.id},
                     {"state": "submitted"}):
            with self.assertRaisesRegex(AccessError, "only HR officers close"):
                as_leader.write(vals)
        with self.assertRaisesRegex(AccessError, "only HR officers close"):
            as_leader.with_context(crm_hr_appraisal_state=True).write(
                {"state": "done"})
        with self.assertRaisesRegex(AccessError, "who is appraised and who reviews"):
            as_leader.write({"employee_id": self.emp_b.id})
        with self.assertRaisesRegex(AccessError, "who is appraised and who reviews"):
            as_leader.write({"reviewer_id": self.sales_b.id})
        self.assertEqual((appraisal.state, appraisal.employee_id, appraisal.reviewer_id,
                          appraisal.comments),
                         ("draft", self.emp_leader, self.leader, "A good half-year"))
        as_leader.action_submit()
        self.assertEqual(appraisal.state, "submitted")
        with self.assertRaisesRegex(AccessError, "Only HR officers"):
            as_leader.action_done()
        as_officer = appraisal.sudo(self.officer)
        as_officer.action_done()
        self.assertEqual(appraisal.state, "done")
        as_officer.write({"state": "draft", "reviewer_id": self.sales_b.id})
        self.assertEqual((appraisal.state, appraisal.reviewer_id),
                         ("draft", self.sales_b), "HR officers still correct it")

    def test_contract_expiry_key_cannot_be_forged(self):
        """The context key of the expiry cron, sent by a caller, does not skip the
        portfolio check; the cron itself still closes expired contracts."""
        contract = self.env["hr.contract"].create({
            "name": "A contract", "employee_id": self.emp_a.id, "wage": 1000.0,
            "state": "open"})
        forged = contract.sudo(self.hr_manager).with_context(
            crm_hr_contract_expiry=True)
        with self.assertRaisesRegex(UserError, "Hand Over Portfolio"):
            forged.write({"state": "close"})
        self.assertEqual(contract.state, "open")
        contract.date_end = contract.date_start
        self.env["hr.contract"].update_state()
        self.assertEqual(contract.state, "close", "the expiry cron still runs")

    def test_membership_manager_hidden_from_portal(self):
        """A portal member reads their membership, not who manages it; staff do."""
        portal = make_user(self.env, "hr_portal_member", ["base.group_portal"],
                           partner_id=self.membership_a.partner_id.id)
        own = self.membership_a.sudo(portal)
        self.assertEqual(own.read(["partner_id"])[0]["partner_id"][0],
                         self.membership_a.partner_id.id)
        with self.assertRaisesRegex(AccessError, "security restrictions"):
            own.read(["user_id"])
        self.assertNotIn("user_id", own.fields_get(), "nor does its form show it")
        self.assertEqual(self.membership_a.sudo(self.sales_a).user_id, self.sales_a)


class TestSensitiveDataRpc(common.HttpCase):
    """The same boundary over XML-RPC and JSON-RPC, through a real server."""

    def setUp(self):
        self.port = serve()
        self._dbfilter = odoo.tools.config["dbfilter"]
        odoo.tools.config["dbfilter"] = ".*"
        super().setUp()
        # the server thread works in the registry's test transaction
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   {"no_reset_password": True})
        groups = ["base.group_user", "sales_team.group_sale_salesman"]
        self.user = make_user(env, "rpc_sales", groups, password="rpc-sales-pw")
        self.employee = env["hr.employee"].create({
            "name": "Private Person", "identification_id": "SECRET-42"})
        self.db = common.get_db_name()

    def tearDown(self):
        odoo.tools.config["dbfilter"] = self._dbfilter
        super().tearDown()

    def test_xmlrpc_and_jsonrpc_refuse_sensitive_fields(self):
        """Over XML-RPC a sales user's read of the identification number is a
        security fault and a read of all fields leaves it out; JSON-RPC alike."""
        models = xmlrpc.client.ServerProxy(
            "http://127.0.0.1:%s/xmlrpc/2/object" % self.port, allow_none=True)
        # as an external client does: log in, then call with the uid received
        uid = xmlrpc.client.ServerProxy(
            "http://127.0.0.1:%s/xmlrpc/2/common" % self.port).authenticate(
                self.db, "rpc_sales", "rpc-sales-pw", {})
        self.assertEqual(uid, self.user.id)
        args = (self.db, uid, "rpc-sales-pw", "hr.employee", "read",
                [[self.employee.id]])
        record = models.execute_kw(*args)[0]
        self.assertEqual(record["name"], "Private Person")
        self.assertNotIn("identification_id", record)
        self.assertNotIn("SECRET-42", json.dumps(record))
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            models.execute_kw(*args, {"fields": ["identification_id"]})
        self.assertEqual(refused.exception.faultCode, 4, "an access error")
        self.assertIn("security restrictions", refused.exception.faultString)
        self.assertNotIn("SECRET-42", refused.exception.faultString)
        response = self.opener.post(
            "http://127.0.0.1:%s/jsonrpc" % self.port, timeout=60,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "service": "object", "method": "execute_kw",
                "args": args + ({"fields": ["identification_id"]},)}}),
            headers={"Content-Type": "application/json"})
        body = response.json()
        self.assertIn("error", body, "the JSON-RPC read is refused")
        self.assertEqual(body["error"]["data"]["name"],
                         "odoo.exceptions.AccessError")
        self.assertNotIn("SECRET-42", json.dumps(body))
