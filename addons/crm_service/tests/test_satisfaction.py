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
        self.assertEqual(len(message), 1, "the link was sent")
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
