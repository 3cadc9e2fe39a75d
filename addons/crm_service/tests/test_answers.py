# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import ServiceCase

ANSWERS = [
    ("How do I reset the password of my router?",
     "<p>Hold the reset button for ten seconds, then log in with the default "
     "password printed under the router.</p>", "en_US"),
    ("My delivery arrived damaged, what can I do?",
     "<p>Send us photos of the damage and we replace the item.</p>", "en_US"),
    ("When is the showroom open?",
     "<p>Monday to Saturday from nine to six.</p>", "en_US"),
    ("洗衣机不能脱水怎么办？",
     "<p>请检查排水管是否堵塞，衣物是否放置均匀。</p>", "zh_CN"),
    ("如何申请发票？",
     "<p>请在订单页面点击申请发票，填写抬头和税号。</p>", "zh_CN"),
    ("空调遥控器失灵",
     "<p>请更换遥控器电池，或对准空调接收窗重新配对。</p>", "zh_CN"),
]


class TestAnswers(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Answer = cls.env["crm.service.answer"]
        Answer.search([]).write({"active": False})
        cls.answers = {}
        for question, answer, lang in ANSWERS:
            cls.answers[question] = Answer.create({
                "question": question, "answer": answer, "lang": lang,
                "state": "published"})
        cls.draft = Answer.create({
            "question": "Router password reset (draft)",
            "answer": "<p>Reset the router password.</p>"})

    def test_english(self):
        """An English request about a router password ranks that answer first."""
        request = self._request(
            name="Forgot router password",
            description="<p>I cannot log in, how do I reset the router password?</p>")
        suggested = request.suggested_answer_ids
        self.assertTrue(suggested)
        self.assertEqual(suggested[0],
                         self.answers["How do I reset the password of my router?"])
        self.assertNotIn(self.draft, suggested, "drafts are never suggested")

    def test_chinese(self):
        """A Chinese request about a washing machine ranks that answer first."""
        request = self._request(name="洗衣机脱水故障",
                                description="<p>我家的洗衣机不能脱水了</p>")
        self.assertEqual(request.suggested_answer_ids[0],
                         self.answers["洗衣机不能脱水怎么办？"])
        invoice = self.env["crm.service.answer"]._suggest("怎么申请发票")
        self.assertEqual(invoice[0], self.answers["如何申请发票？"])

    def test_insert_counts_use(self):
        """Inserting an answer appends it to the reply and counts one use."""
        request = self._request(reply="<p>Hello,</p>")
        answer = self.answers["When is the showroom open?"]
        answer.with_context(crm_service_request_id=request.id).action_insert()
        self.assertEqual(request.reply,
                         "<p>Hello,</p><p>Monday to Saturday from nine to six.</p>")
        self.assertEqual(answer.usage_count, 1)
        request.action_insert_answer(answer_id=answer.id)
        self.assertEqual(answer.usage_count, 2)
