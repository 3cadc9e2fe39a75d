# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceCase


class TestSatisfaction(ServiceCase):

    def test_survey_on_close(self):
        """Closing sends the survey; the submitted answers store CSAT 4, NPS 9."""
        request = self._request()
        request.stage_id = self.stage_resolved
        user_input = request.survey_input_id
        self.assertTrue(user_input)
        self.assertEqual(user_input.survey_id,
                         self.env.ref("crm_service.survey_satisfaction"))
        self.assertEqual(user_input.partner_id, self.customer_a)
        message = request.message_ids.filtered(lambda m: user_input.token in m.body)
        self.assertEqual(len(message), 1, "the link is in the chatter")
        self.assertIn(self.customer_a, message.partner_ids)
        Line = self.env["survey.user_input_line"]
        for xmlid, value in (("survey_question_csat", 4),
                             ("survey_question_nps", 9)):
            question = self.env.ref("crm_service." + xmlid)
            Line.create({
                "user_input_id": user_input.id, "question_id": question.id,
                "answer_type": "number", "value_number": value,
                "page_id": question.page_id.id,
            })
        user_input.write({"state": "done"})
        self.assertEqual(request.csat, 4)
        self.assertEqual(request.nps, 9)
        # closing again sends nothing new
        request.stage_id = self.stage_progress
        request.stage_id = self.stage_resolved
        self.assertEqual(request.survey_input_id, user_input)

    def test_survey_email(self):
        """An agent closing the request queues an email to the customer's address,
        from the survey template, with the customer's personal survey link."""
        request = self._request()
        mails_before = self.env["mail.mail"].search([])
        request.sudo(self.agent).write({"stage_id": self.stage_resolved.id})
        token = request.survey_input_id.token
        self.assertTrue(token)
        link = "%s/%s" % (
            self.env.ref("crm_service.survey_satisfaction").public_url, token)
        self.assertTrue(link.startswith("http"), link)
        self.assertEqual(request.survey_url, link)
        mails = self.env["mail.mail"].search([]) - mails_before
        to_customer = mails.filtered(lambda m: self.customer_a in m.recipient_ids)
        self.assertEqual(len(to_customer), 1, "one email to the customer")
        self.assertEqual(to_customer.recipient_ids.mapped("email"),
                         ["a@customer-a.example.com"])
        # queued, and sent at once by the test mode's mail server
        self.assertIn(to_customer.state, ("outgoing", "sent"))
        self.assertIn(link, to_customer.body_html)
        self.assertIn("%s is closed: how did we do?" % request.reference,
                      to_customer.subject)
        self.assertEqual(to_customer.model, "crm.service.request")
        self.assertEqual(to_customer.res_id, request.id)

    def test_no_email_no_survey(self):
        """A customer without an email address gets no survey."""
        self.customer_b.email = False
        request = self._request(partner_id=self.customer_b.id)
        request.stage_id = self.stage_resolved
        self.assertFalse(request.survey_input_id)
        self.assertFalse(request.survey_url)
