# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xmlrpc.client

from .common import ServiceHttpCase, signature_png

AGENT = "crm_service.group_service_agent"
MANAGER = "crm_service.group_service_manager"


class TestXmlRpc(ServiceHttpCase):
    """Integrators call the addon's buttons over XML-RPC, as its users."""

    def setUp(self):
        super().setUp()
        env = self.Request.env
        self.agent = self._http_user("svc_rpc_agent", [AGENT])
        self.manager = self._http_user("svc_rpc_manager", [MANAGER])
        self.customer = env["res.partner"].create({
            "name": "RPC Co", "is_company": True, "email": "rpc@example.com"})
        self.request = self.Request.create({
            "name": "Noisy fan", "partner_id": self.customer.id,
            "type_id": env.ref("crm_service.type_complaint").id})
        self.answer = env["crm.service.answer"].create({
            "question": "Fan noise", "answer": "<p>Clean the filter.</p>"})
        technician = env["hr.employee"].create({"name": "Technician Rpc"})
        Visit = env["crm.service.visit"]
        self.visit = Visit.create({
            "request_id": self.request.id, "employee_id": technician.id,
            "date_start": "2026-01-13 01:00:00"})
        self.visit2 = Visit.create({
            "request_id": self.request.id, "employee_id": technician.id,
            "date_start": "2026-01-14 01:00:00"})
        env.cr.commit()

    def test_every_button_returns_a_value(self):
        """Each public action of the addon answers a value over XML-RPC (no
        "cannot marshal None"), and its change is saved."""
        calls = [
            (self.manager, "crm.service.answer", "action_publish",
             [self.answer.id]),
            (self.manager, "crm.service.answer", "action_archive",
             [self.answer.id]),
            (self.manager, "crm.service.answer", "action_draft", [self.answer.id]),
            (self.agent, "crm.service.request", "action_insert_answer",
             [self.request.id], self.answer.id),
            (self.agent, "crm.service.request", "action_send_reply",
             [self.request.id]),
            (self.agent, "crm.service.request", "action_view_visits",
             [self.request.id]),
            (self.agent, "crm.service.visit", "action_done", [self.visit.id]),
            (self.agent, "crm.service.visit", "action_sign", [self.visit.id],
             "Mr. Rpc", signature_png()),
            (self.agent, "crm.service.visit", "action_cancel", [self.visit2.id]),
        ]
        for user, model, method, *args in calls:
            result = self._xmlrpc(user, model, method, *args)
            self.assertIsNotNone(result, method)
            self.assertTrue(result, method)
        self.answer.invalidate_cache()
        self.assertEqual(self.answer.state, "draft")
        self.visit.invalidate_cache()
        self.assertTrue(self.visit.signed)
        self.assertEqual(self.visit2.state, "cancel")

    def test_compensation_buttons(self):
        """Approval and drafting of a compensation answer a value over XML-RPC."""
        self._xmlrpc(self.agent, "crm.service.request", "write", [self.request.id],
                     {"compensation_type": "credit_note",
                      "compensation_proposed": 500.0})
        self.assertIs(self._xmlrpc(self.agent, "crm.service.request",
                                   "action_create_refund", [self.request.id]),
                      True, "above the limit: waits for approval")
        self.assertIs(self._xmlrpc(self.manager, "crm.service.request",
                                   "action_approve_compensation",
                                   [self.request.id]), True)
        self.assertTrue(self._xmlrpc(self.agent, "crm.service.request",
                                     "action_create_refund", [self.request.id]))
        self.request.invalidate_cache()
        self.assertEqual(len(self.request.refund_ids), 1)

    def test_bad_signature_is_a_clear_error(self):
        """A visit signature that is not base64 is refused with a clear message,
        not a binascii error, whether written or signed."""
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(self.agent, "crm.service.visit", "write",
                         [self.visit.id], {"signature": "not base64!"})
        self.assertIn("The signature is not a PNG, JPEG or GIF image.",
                      caught.exception.faultString)
        self.assertNotIn("binascii", caught.exception.faultString)
        self._xmlrpc(self.agent, "crm.service.visit", "action_done",
                     [self.visit.id])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(self.agent, "crm.service.visit", "action_sign",
                         [self.visit.id], "Mr. Rpc", "@@@")
        self.assertIn("The signature is not a PNG, JPEG or GIF image.",
                      caught.exception.faultString)
        self.visit.invalidate_cache()
        self.assertFalse(self.visit.signature)
