# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Standard answers, suggested by trigram similarity (works for Chinese too: a
trigram is three characters, and PostgreSQL has no Chinese text-search
dictionary)."""
from odoo import api, fields, models, tools

ANSWER_LANGS = [
    ("en_US", "English"),
    ("zh_CN", "Chinese (Simplified)"),
    ("zh_TW", "Chinese (Traditional)"),
    ("other", "Other"),
]

ANSWER_STATES = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("archived", "Archived"),
]

# Published answers nearest to a text by trigram similarity (distance ``<->``). The
# GiST index returns them nearest first (a K-nearest-neighbour scan), so only a few
# rows are compared whatever the size of the catalogue; its signature length is
# raised from 12 to 256 bytes because answers are long texts. The nearest
# hundred are then ranked again with the question counting as much as the whole
# text: a request usually restates the question.
_SUGGEST_SQL = """
SELECT id, score
  FROM (SELECT id, usage_count,
               similarity(search_text, %(text)s) AS score,
               similarity(lower(question), %(text)s) AS question_score
          FROM crm_service_answer
         WHERE state = 'published' AND active
           AND (company_id IS NULL OR company_id = ANY(%(companies)s))
         ORDER BY search_text <-> %(text)s
         LIMIT %(pool)s) nearest
 ORDER BY score + question_score DESC, usage_count DESC, id
 LIMIT %(limit)s
"""


class CrmServiceAnswer(models.Model):
    _name = "crm.service.answer"
    _inherit = ["crm.input.validation.mixin", "mail.thread"]
    _description = "Standard Answer"
    _order = "usage_count desc, id desc"
    _rec_name = "question"

    question = fields.Char(
        required=True,
        translate=False,
        track_visibility="onchange",
    )
    answer = fields.Html(
        required=True,
    )
    tag_ids = fields.Many2many(
        comodel_name="crm.service.tag",
        string="Tags",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
    )
    category_id = fields.Many2one(
        comodel_name="crm.service.category",
        string="Category",
    )
    lang = fields.Selection(
        selection=ANSWER_LANGS,
        string="Language",
        default="en_US",
    )
    state = fields.Selection(
        selection=ANSWER_STATES,
        required=True,
        default="draft",
        index=True,
        track_visibility="onchange",
    )
    usage_count = fields.Integer(
        readonly=True,
        default=0,
        copy=False,
        help="How many times the answer was inserted into a reply.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.user.company_id,
    )
    active = fields.Boolean(
        default=True,
    )
    search_text = fields.Text(
        compute="_compute_search_text",
        store=True,
        help="Lower-case question and answer text the suggestions compare with.",
    )

    @api.depends("question", "answer")
    def _compute_search_text(self):
        for answer in self:
            answer.search_text = self._normalize(
                "%s %s" % (answer.question or "",
                           tools.html2plaintext(answer.answer or "")))

    @api.model_cr
    def init(self):
        cr = self.env.cr
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cr.execute("DROP INDEX IF EXISTS crm_service_answer_search_trgm")
        cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_service_answer_search_gist
                ON crm_service_answer
             USING gist (search_text gist_trgm_ops(siglen=256))
        """)

    @api.model
    def _normalize(self, text):
        return " ".join((text or "").lower().split())

    @api.multi
    def action_publish(self):
        self.write({"state": "published"})

    @api.multi
    def action_archive(self):
        self.write({"state": "archived"})

    @api.multi
    def action_draft(self):
        self.write({"state": "draft"})

    @api.multi
    def action_insert(self):
        """Insert this answer into the reply of the request in the context."""
        self.ensure_one()
        request = self.env["crm.service.request"].browse(
            self.env.context.get("crm_service_request_id"))
        return request.action_insert_answer(answer_id=self.id)

    @api.multi
    def _count_use(self):
        # the counter is shared by every agent who inserts the answer: one atomic
        # increment instead of a read-modify-write
        self.env.cr.execute(
            "UPDATE crm_service_answer SET usage_count = COALESCE(usage_count, 0) + 1 "
            "WHERE id = ANY(%s)", (self.ids,))
        self.invalidate_cache(["usage_count"], self.ids)

    @api.model
    def _suggest(self, text, limit=5, threshold=0.05):
        """The published answers best matching ``text``, best first."""
        text = self._normalize(text)[:500]
        if not text:
            return self.browse()
        cr = self.env.cr
        cr.execute(_SUGGEST_SQL, {
            "text": text, "limit": limit, "pool": max(limit * 20, 100),
            "companies": self.env.user.company_ids.ids,
        })
        ids = [row[0] for row in cr.fetchall() if row[1] >= threshold]
        # keep the ranking; drop what the user's rules hide
        visible = set(self.search([("id", "in", ids)]).ids)
        return self.browse([i for i in ids if i in visible])
