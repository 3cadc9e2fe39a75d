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


class TestAnswerContext(ServiceCase):
    """Answers with the same text: the one for the request's product, category and
    the customer's language comes first; another language comes last but comes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Answer = cls.env["crm.service.answer"]
        Answer.search([]).write({"active": False})
        Category = cls.env["product.category"]
        cls.appliances = Category.create({"name": "Appliances"})
        cls.washers = Category.create({"name": "Washing machines",
                                       "parent_id": cls.appliances.id})
        cls.washer = cls.env["product.product"].create({
            "name": "Washer W7", "categ_id": cls.washers.id})
        cls.other_washer = cls.env["product.product"].create({
            "name": "Washer W5", "categ_id": cls.washers.id})
        cls.noise = cls.env["crm.service.category"].create({"name": "Noise"})

        def answer(question, text, lang, **values):
            return Answer.create(dict(values, question=question, lang=lang,
                                      answer="<p>%s</p>" % text,
                                      state="published"))

        en_q = "The washing machine is loud when it spins"
        en_a = "Level the feet of the machine and remove the transport bolts."
        cls.en_generic = answer(en_q, en_a, "en_US")
        cls.en_product = answer(en_q, en_a, "en_US", product_id=cls.washer.id)
        cls.en_categ = answer(en_q, en_a, "en_US", product_categ_id=cls.washers.id)
        cls.en_parent = answer(en_q, en_a, "en_US",
                               product_categ_id=cls.appliances.id)
        cls.en_service = answer(en_q, en_a, "en_US", category_id=cls.noise.id)
        cls.en_as_other = answer(en_q, en_a, "zh_CN", product_id=cls.washer.id)
        zh_q = "洗衣机脱水时噪音很大"
        zh_a = "请调平洗衣机底脚，并拆除运输螺栓。"
        cls.zh_generic = answer(zh_q, zh_a, "zh_CN")
        cls.zh_product = answer(zh_q, zh_a, "zh_CN", product_id=cls.washer.id)
        cls.zh_as_english = answer(zh_q, zh_a, "en_US", product_id=cls.washer.id)
        cls.only_zh = answer("热水器显示故障代码E4", "请检查燃气阀门是否打开。", "zh_CN")

    def setUp(self):
        super().setUp()
        # Chinese-speaking customers: the language must be installed
        self.env.ref("base.lang_zh_CN").active = True
        # the installed languages are cached outside the transaction
        self.addCleanup(self.env["res.lang"].clear_caches)
        self.customer_a.lang = "en_US"
        self.customer_b.lang = "zh_CN"

    def test_english(self):
        """For an English customer's request about washer W7 in the noise
        category: the answer for W7, then its product category, then the parent
        category, then the noise category, then the general one; the one for W7
        labelled Chinese last."""
        request = self._request(
            name="Washing machine loud", product_id=self.washer.id,
            category_id=self.noise.id,
            description="<p>The washing machine is loud when it spins.</p>")
        self.assertEqual(
            request.suggested_answer_ids.ids,
            (self.en_product | self.en_categ | self.en_parent | self.en_service
             | self.en_generic).ids,
            "product > product category > parent > service category > none")
        found = self.env["crm.service.answer"]._suggest(
            request._suggestion_text(), limit=10, **request._suggestion_hints())
        self.assertEqual(found[-1], self.en_as_other,
                         "another language comes after every English answer")
        # without a product the same text ranks the service category first
        request.product_id = False
        self.assertEqual(request.suggested_answer_ids[0], self.en_service)

    def test_chinese(self):
        """For a Chinese customer's request about washer W7, the Chinese answer for
        W7 comes first, then the general Chinese one, then the one for W7 labelled
        English."""
        request = self._request(
            name="洗衣机噪音", partner_id=self.customer_b.id,
            product_id=self.washer.id,
            description="<p>洗衣机脱水时噪音很大</p>")
        self.assertEqual(request._suggestion_hints()["lang"], "zh_CN")
        self.assertEqual(
            request.suggested_answer_ids[:3].ids,
            (self.zh_product | self.zh_generic | self.zh_as_english).ids)
        # another washer (no answer for its category): the language decides
        request.product_id = self.other_washer
        suggested = request.suggested_answer_ids
        self.assertEqual(set(suggested[:2].ids),
                         {self.zh_generic.id, self.zh_product.id})
        self.assertEqual(suggested[2], self.zh_as_english)

    def test_other_language_not_hidden(self):
        """An English customer asking about what only a Chinese answer covers still
        gets it."""
        request = self._request(name="热水器显示故障代码E4",
                                description="<p>热水器显示E4</p>")
        self.assertEqual(request._suggestion_hints()["lang"], "en_US")
        self.assertEqual(request.suggested_answer_ids[:1], self.only_zh)

    def test_contact_language(self):
        """The language is the contact's when the request names one."""
        contact = self.env["res.partner"].create({
            "name": "Chen Jie", "parent_id": self.customer_a.id, "lang": "zh_CN"})
        request = self._request(contact_id=contact.id)
        self.assertEqual(request._suggestion_hints()["lang"], "zh_CN")

    def test_choosing_from_the_field_counts_use(self):
        """An agent chooses an answer in the field of the form: the form shows it
        in the reply at once, saving counts one use and empties the field for the
        next choice; chosen over XML-RPC (no form) it is appended as well."""
        answer = self.env["crm.service.answer"].create({
            "question": "Showroom hours", "state": "published",
            "answer": "<p>Monday to Saturday from nine to six.</p>"})
        request = self._request(reply="<p>Hello,</p>")
        as_agent = request.sudo(self.agent)
        # the form: the onchange of the field fills the reply, then it is saved
        form = self.Request.sudo(self.agent).new({
            "reply": "<p>Hello,</p>", "answer_id": answer.id})
        form._onchange_answer_id()
        self.assertIn("nine to six", form.reply)
        self.assertEqual(answer.usage_count, 0, "not counted before saving")
        as_agent.write({"answer_id": answer.id, "reply": form.reply})
        answer.invalidate_cache()
        self.assertEqual(answer.usage_count, 1)
        self.assertEqual(request.reply.count("nine to six"), 1)
        self.assertFalse(request.answer_id, "the field is ready for the next one")
        # an integrator writes the field alone
        as_agent.write({"answer_id": answer.id})
        answer.invalidate_cache()
        self.assertEqual(answer.usage_count, 2)
        self.assertEqual(request.reply.count("nine to six"), 2)
