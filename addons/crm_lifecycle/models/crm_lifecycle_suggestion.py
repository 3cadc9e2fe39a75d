# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cross-sell and up-sell suggestions for one customer, built on demand.

A transient model: the "Suggestions" button of the partner form fills it for the
customer and the user's company (each user sees only the rows made for them) and
shows it. What a customer bought is the products of its confirmed orders (state
sale or done) in that company, all its contacts included.

- Cross-sell: the consequents of the company's product rules
  (``crm.lifecycle.product.rule``) whose antecedent the customer bought and that
  the customer never bought; score = lift x confidence of the best such rule.
- Up-sell: products of a category the customer bought in, with a list price above
  the dearest product the customer bought in that category, bought by other
  customers of the same value tier (customers without a tier compare with the
  others without one), never bought by the customer; score = share of those
  customers (with a confirmed order in the company) who bought it.

Only active products that can be sold are suggested, at most ``SUGGESTION_LIMIT``
of each kind, best score first.
"""
from odoo import _, api, fields, models

from .crm_lifecycle_profile import VALUE_TIERS

KINDS = [
    ("cross_sell", "Cross-sell"),
    ("up_sell", "Up-sell"),
]
SUGGESTION_LIMIT = 10

_BOUGHT_CTE = """
bought AS (
    SELECT DISTINCT l.product_id
      FROM sale_order_line l
      JOIN sale_order so ON so.id = l.order_id
      JOIN res_partner p ON p.id = so.partner_id
     WHERE p.commercial_partner_id = %(partner)s AND so.company_id = %(company)s
       AND so.state IN ('sale', 'done') AND l.product_id IS NOT NULL
)"""

_CROSS_SELL_SQL = "WITH" + _BOUGHT_CTE + """
SELECT DISTINCT ON (r.consequent_id) r.consequent_id, r.lift * r.confidence,
       r.antecedent_id, r.confidence, r.lift
  FROM crm_lifecycle_product_rule r
  JOIN product_product pp ON pp.id = r.consequent_id AND pp.active
  JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.sale_ok
 WHERE r.company_id = %(company)s
   AND r.antecedent_id IN (SELECT product_id FROM bought)
   AND r.consequent_id NOT IN (SELECT product_id FROM bought)
 ORDER BY r.consequent_id, r.lift * r.confidence DESC, r.antecedent_id
"""

_UP_SELL_SQL = "WITH" + _BOUGHT_CTE + """,
mine AS (
    SELECT DISTINCT ON (pt.categ_id) pt.categ_id, pt.list_price,
           b.product_id AS reference_id
      FROM bought b
      JOIN product_product pp ON pp.id = b.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
     ORDER BY pt.categ_id, pt.list_price DESC, b.product_id
), peers AS (
    SELECT DISTINCT cp.id AS partner_id, l.product_id
      FROM sale_order_line l
      JOIN sale_order so ON so.id = l.order_id
      JOIN res_partner p ON p.id = so.partner_id
      JOIN res_partner cp ON cp.id = p.commercial_partner_id
     WHERE so.company_id = %(company)s AND so.state IN ('sale', 'done')
       AND cp.id <> %(partner)s AND cp.value_tier IS NOT DISTINCT FROM %(tier)s
)
SELECT pp.id, count(DISTINCT peers.partner_id)::float
              / (SELECT count(DISTINCT partner_id) FROM peers),
       mine.reference_id, count(DISTINCT peers.partner_id)
  FROM peers
  JOIN product_product pp ON pp.id = peers.product_id AND pp.active
  JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.sale_ok
  JOIN mine ON mine.categ_id = pt.categ_id AND pt.list_price > mine.list_price
 WHERE pp.id NOT IN (SELECT product_id FROM bought)
 GROUP BY pp.id, mine.reference_id
"""


class CrmLifecycleSuggestion(models.TransientModel):
    _name = "crm.lifecycle.suggestion"
    _description = "Product Suggestion"
    _order = "kind, score desc, id"
    _rec_name = "product_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    kind = fields.Selection(
        selection=KINDS,
        required=True,
        readonly=True,
    )
    score = fields.Float(
        digits=(16, 4),
        readonly=True,
        help="Cross-sell: lift x confidence of the rule. Up-sell: share of the "
             "customers of the same value tier who bought the product.",
    )
    reason = fields.Char(
        readonly=True,
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Opportunity",
        readonly=True,
        ondelete="set null",
    )

    @api.multi
    def action_create_opportunity(self):
        """Create an opportunity for the customer to sell it the product."""
        self.ensure_one()
        lead = self.env["crm.lead"].create(self._prepare_lead_values())
        self.lead_id = lead
        return {
            "type": "ir.actions.act_window",
            "name": _("Opportunity"),
            "res_model": "crm.lead",
            "res_id": lead.id,
            "view_mode": "form",
            "views": [(self.env.ref("crm.crm_case_form_view_oppor").id, "form")],
            "target": "current",
        }

    @api.multi
    def _prepare_lead_values(self):
        self.ensure_one()
        Lead = self.env["crm.lead"]
        partner = self.partner_id
        user_id = partner.user_id.id or self.env.uid
        if self.kind == "cross_sell":
            name = _("Cross-sell: %(product)s")
        else:
            name = _("Up-sell: %(product)s")
        values = Lead._onchange_partner_id_values(partner.id)
        team = Lead._onchange_user_values(user_id).get("team_id")
        values.update({
            "name": name % {"product": self.product_id.display_name},
            "type": "opportunity",
            "partner_id": partner.id,
            "user_id": user_id,
            "company_id": self.company_id.id,
            "description": self.reason,
        })
        if team:
            values["team_id"] = team.id
        return values

    @api.model
    def _generate(self, partner, company=None):
        """Replace this user's suggestions for ``partner`` and return the new ones."""
        partner = partner.commercial_partner_id
        company = company or self.env.user.company_id
        self.search([("partner_id", "=", partner.id),
                     ("create_uid", "=", self.env.uid)]).unlink()
        records = self.browse()
        for values in self._prepare_suggestions(partner, company):
            records |= self.create(values)
        return records

    @api.model
    def _prepare_suggestions(self, partner, company):
        cr = self.env.cr
        params = {"partner": partner.id, "company": company.id,
                  "tier": partner.value_tier or None}
        Product = self.env["product.product"]
        base = {"partner_id": partner.id, "company_id": company.id}
        cr.execute(_CROSS_SELL_SQL, params)
        cross = sorted(cr.fetchall(), key=lambda row: (-row[1], row[0]))
        result = []
        for product_id, score, antecedent_id, confidence, lift in \
                cross[:SUGGESTION_LIMIT]:
            reason = _("Bought with %(product)s in %(confidence).0f%% of its "
                       "orders (lift %(lift).2f).") % {
                "product": Product.browse(antecedent_id).display_name,
                "confidence": 100 * confidence,
                "lift": lift,
            }
            result.append(dict(base, product_id=product_id, kind="cross_sell",
                               score=score, reason=reason))
        cr.execute(_UP_SELL_SQL, params)
        up = sorted(cr.fetchall(), key=lambda row: (-row[1], row[0]))
        tiers = dict(VALUE_TIERS)
        tier = tiers.get(partner.value_tier) or _("none")
        for product_id, score, reference_id, buyers in up[:SUGGESTION_LIMIT]:
            reason = _("Customers of value tier %(tier)s who bought it: "
                       "%(buyers)s; dearer than %(product)s.") % {
                "tier": tier,
                "buyers": buyers,
                "product": Product.browse(reference_id).display_name,
            }
            result.append(dict(base, product_id=product_id, kind="up_sell",
                               score=score, reason=reason))
        return result
