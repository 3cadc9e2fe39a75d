# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceCase
from .test_sla import RESPONSE

# delivered to the request's thread (``thread_id``), as a reply would be
COLLEAGUE = """To: office@customer-a.example.com
From: Colleague of A <colleague@customer-a.example.com>
Subject: Re: Broken heater
Date: Mon, 12 Jan 2026 07:00:00 +0000
Message-ID: <colleague-%d@customer-a.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Any news? The office is cold.
"""


class TestFirstResponse(ServiceCase):
    """The first response is the first message of an internal user that reaches
    the customer (SLA: Friday 15:00 local + 4 working hours = Tuesday 02:00 UTC,
    Monday being a holiday)."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("mail.catchall.domain",
                                                  "example.com")
        self.request = self._request()
        self.assertEqual(self.request.sla_response_deadline, RESPONSE)

    def test_inbound_email_is_not_a_response(self):
        """An email from the customer's side, posted by the mail gateway under an
        agent's or the superuser's account, is not the agent's response."""
        Thread = self.env["mail.thread"]
        for index, thread in enumerate((Thread.sudo(self.agent), Thread)):
            thread.with_context(crm_service_now="2026-01-12 07:00:00")\
                .message_process("crm.service.request", COLLEAGUE % index,
                                 thread_id=self.request.id)
        self.assertEqual(len(self.request.message_ids.filtered(
            lambda m: "office is cold" in (m.body or ""))), 2)
        self.assertFalse(self.request.first_response_date)
        self.assertEqual(self.request.sla_response_status, "ongoing")

    def test_full_composer_reply_counts(self):
        """A reply an agent sends from the full composer at Tuesday 01:30 UTC is
        the first response: met."""
        composer = self.env["mail.compose.message"].sudo(self.agent).with_context(
            default_model="crm.service.request", default_res_id=self.request.id,
            default_composition_mode="comment",
            crm_service_now="2026-01-13 01:30:00").create({
                "body": "<p>A technician comes on Tuesday.</p>",
                "partner_ids": [(6, 0, self.customer_a.ids)]})
        composer.send_mail()
        self.assertEqual(self.request.first_response_date, "2026-01-13 01:30:00")
        self.assertEqual(self.request.sla_response_status, "met")

    def test_note_is_not_a_response(self):
        """An internal note of the agent does not reach the customer."""
        note = "<p>Call the supplier.</p>"
        self.request.sudo(self.agent).message_post(body=note,
                                                   subtype="mail.mt_note")
        self.assertFalse(self.request.first_response_date)

    def test_send_reply_reaches_customer_and_contact(self):
        """"Send Reply" at Tuesday 03:00 UTC emails the customer and the contact,
        even when they do not follow the request: a response, late."""
        contact = self.env["res.partner"].create({
            "name": "Li of A", "parent_id": self.customer_a.id,
            "email": "li@customer-a.example.com"})
        self.request.write({"contact_id": contact.id,
                            "reply": "<p>Fixed on Tuesday.</p>"})
        self.request.message_unsubscribe(partner_ids=self.customer_a.ids)
        self.assertFalse(self.request.message_partner_ids & (
            self.customer_a | contact))
        # the emails are queued (not sent and deleted at once) to be seen here
        as_agent = self.request.sudo(self.agent).with_context(
            crm_service_now="2026-01-13 03:00:00", mail_notify_force_send=False)
        self.assertIs(as_agent.action_send_reply(), True)
        message = self.request.message_ids[0]
        self.assertIn("Fixed on Tuesday.", message.body)
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mails.mapped("recipient_ids"), self.customer_a | contact,
                         "one outgoing email to each of them")
        self.assertEqual(self.request.first_response_date, "2026-01-13 03:00:00")
        self.assertEqual(self.request.sla_response_status, "failed")
