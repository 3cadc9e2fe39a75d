# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceCase

FIRST = """Return-Path: <a@customer-a.example.com>
To: service@example.com
From: Customer A <a@customer-a.example.com>
Subject: The heater is still cold
Date: Fri, 09 Jan 2026 07:00:00 +0000
Message-ID: <first-heater-0001@customer-a.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Hello, the heater you installed on Monday does not heat.
"""

REPLY = """Return-Path: <a@customer-a.example.com>
To: service@example.com
From: Customer A <a@customer-a.example.com>
Subject: Re: The heater is still cold
Date: Mon, 12 Jan 2026 07:00:00 +0000
Message-ID: <reply-heater-0002@customer-a.example.com>
In-Reply-To: <first-heater-0001@customer-a.example.com>
References: <first-heater-0001@customer-a.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Here is the photo you asked for: the display shows E4.
"""


class TestMailGateway(ServiceCase):

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("mail.catchall.domain", "example.com")

    def test_email_creates_and_threads(self):
        """An email to the alias creates a request; the reply threads onto it."""
        Thread = self.env["mail.thread"]
        before = self.Request.search_count([])
        request_id = Thread.message_process(None, FIRST)
        request = self.Request.browse(request_id)
        self.assertEqual(self.Request.search_count([]), before + 1)
        self.assertEqual(request.name, "The heater is still cold")
        self.assertEqual(request.channel, "email")
        self.assertEqual(request.partner_id, self.customer_a)
        self.assertIn("does not heat", request.description)
        self.assertTrue(request.reference.startswith("SR"))
        self.assertIn(self.customer_a, request.message_partner_ids)
        request.stage_id = self.stage_waiting
        count = len(request.message_ids)
        reply_id = Thread.message_process(None, REPLY)
        self.assertEqual(reply_id, request.id, "threaded onto the request")
        self.assertEqual(self.Request.search_count([]), before + 1)
        self.assertEqual(len(request.message_ids), count + 1)
        self.assertIn("E4", request.message_ids[0].body)
        self.assertEqual(request.stage_id, self.stage_progress,
                         "the customer's reply ends the waiting")
