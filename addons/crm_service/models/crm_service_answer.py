# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Standard answers, suggested by trigram similarity (works for Chinese too: a
trigram is three characters, and PostgreSQL has no Chinese text-search
dictionary)."""
from odoo import api, fields, models, tools

from odoo.addons.crm_lifecycle.logic.pg import has_trigram_siglen

from ..logic import answers as answer_logic

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

# Candidates for a request: the published answers nearest to its text by trigram
# distance (``<->``), which the GiST index returns nearest first (a K-nearest-
# neighbour scan: only a few rows are compared whatever the size of the
# catalogue; its signature length is raised from 12 to 256 bytes because answers
# are long texts), plus, when the request names a product, the nearest of the
# answers for that product (few: the btree index finds them; without a product
# the second part is constant-false and not run). Answers for the product's
# categories are not fetched that way: a category can hold thousands of answers
# (10,000 answers: 4 ms with the product alone, 45 ms with its categories). They
# are favoured when the text brings them among the nearest. logic.answers then
# ranks the candidates with the question, the product and the customer's language.
_CANDIDATES_SQL = """
SELECT a.id, a.usage_count, a.product_id, a.product_categ_id, a.category_id, a.lang,
       similarity(a.search_text, %(text)s) AS score,
       similarity(lower(a.question), %(text)s) AS question_score
  FROM crm_service_answer a
 WHERE a.id IN (
        (SELECT id FROM crm_service_answer
          WHERE state = 'published' AND active
            AND (company_id IS NULL OR company_id = ANY(%(companies)s))
          ORDER BY search_text <-> %(text)s
          LIMIT %(pool)s)
        UNION
        (SELECT id FROM crm_service_answer
          WHERE %(has_product)s AND state = 'published' AND active
            AND (company_id IS NULL OR company_id = ANY(%(companies)s))
            AND product_id = %(product)s
          ORDER BY search_text <-> %(text)s
          LIMIT %(related_pool)s))
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
        index=True,
        help="Suggested first on the requests about this product.",
    )
    product_categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        index=True,
        help="Suggested first on the requests about a product of this category "
             "(or of one of its subcategories).",
    )
    category_id = fields.Many2one(
        comodel_name="crm.service.category",
        string="Category",
        help="Suggested first on the requests of this service category.",
    )
    lang = fields.Selection(
        selection=ANSWER_LANGS,
        string="Language",
        default="en_US",
        help="Answers in the customer's language (of the customer's contact "
             "record) are suggested first; the others come after them.",
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
        # A longer signature (PostgreSQL 13+) keeps the index selective on long
        # answers; older servers take the default one.
        if has_trigram_siglen(cr):
            cr.execute("""
                CREATE INDEX IF NOT EXISTS crm_service_answer_search_gist
                    ON crm_service_answer
                 USING gist (search_text gist_trgm_ops(siglen=256))
            """)
        else:
            cr.execute("""
                CREATE INDEX IF NOT EXISTS crm_service_answer_search_gist
                    ON crm_service_answer
                 USING gist (search_text gist_trgm_ops)
            """)

    @api.model
    def _normalize(self, text):
        return " ".join((text or "").lower().split())

    @api.multi
    def action_publish(self):
        self.write({"state": "published"})
        return True

    @api.multi
    def action_archive(self):
        self.write({"state": "archived"})
        return True

    @api.multi
    def action_draft(self):
        self.write({"state": "draft"})
        return True

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
    def _suggest(self, text, limit=5, threshold=0.05, product=None, category=None,
                 lang=None):
        """The published answers best matching ``text``, best first, favouring the
        answers for ``product`` (product.product) or its categories, in the
        service ``category`` and in the language ``lang`` (a code such as
        ``zh_CN``); see logic.answers."""
        text = self._normalize(text)[:500]
        if not text:
            return self.browse()
        categs = []
        # the category alone, not every field of the product and its template
        categ = product.with_context(prefetch_fields=False).categ_id \
            if product else None
        while categ:
            # the product's category first, then its parents
            categs.append(categ.id)
            categ = categ.parent_id
        cr = self.env.cr
        cr.execute(_CANDIDATES_SQL, {
            "text": text, "pool": max(limit * 20, 100), "related_pool": limit * 4,
            "companies": self.env.user.company_ids.ids,
            "has_product": bool(product), "product": product.id if product else None,
        })
        ids = answer_logic.rank(
            cr.dictfetchall(), limit, threshold,
            product_id=product.id if product else None, categ_ids=categs,
            service_category_id=category.id if category else None, lang=lang)
        # keep the ranking; drop what the user's rules hide
        visible = set(self.search([("id", "in", ids)]).ids)
        return self.browse([i for i in ids if i in visible])
