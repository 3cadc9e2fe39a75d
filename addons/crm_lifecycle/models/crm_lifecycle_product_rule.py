# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Products bought together: association rules ``A -> B`` per company.

A basket is the set of distinct products of one confirmed sale order (state sale
or done) of the company; down payment lines are left out. The figures are those
of :mod:`..logic.basket` (support, confidence, lift), counted in SQL by a self-join
of the baskets on the order. ``basket_count`` is the number of baskets holding
both products.

A weekly cron (``ir_cron_recompute_product_rules``) recomputes every company's
rules with the company's thresholds (minimum support, confidence and lift), which
a manager edits in the settings.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..logic.basket import check_thresholds

_RULES_SQL = """
WITH baskets AS (
    SELECT DISTINCT l.order_id, l.product_id
      FROM sale_order_line l
      JOIN sale_order so ON so.id = l.order_id
     WHERE so.company_id = %(company)s AND so.state IN ('sale', 'done')
       AND l.product_id IS NOT NULL AND NOT coalesce(l.is_downpayment, false)
), total AS (
    SELECT count(DISTINCT order_id)::float AS n FROM baskets
), item AS (
    SELECT product_id, count(*) AS n FROM baskets GROUP BY product_id
), pair AS (
    SELECT a.product_id AS antecedent_id, b.product_id AS consequent_id,
           count(*) AS n
      FROM baskets a
      JOIN baskets b ON b.order_id = a.order_id AND b.product_id <> a.product_id
     GROUP BY a.product_id, b.product_id
)
INSERT INTO crm_lifecycle_product_rule (antecedent_id, consequent_id, company_id,
                                        support, confidence, lift, basket_count,
                                        create_uid, write_uid, create_date,
                                        write_date)
SELECT pair.antecedent_id, pair.consequent_id, %(company)s,
       pair.n / total.n, pair.n::float / ia.n,
       (pair.n::float / ia.n) / (ib.n / total.n), pair.n,
       %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
  FROM pair
  JOIN item ia ON ia.product_id = pair.antecedent_id
  JOIN item ib ON ib.product_id = pair.consequent_id
 CROSS JOIN total
 WHERE pair.n / total.n >= %(min_support)s
   AND pair.n::float / ia.n >= %(min_confidence)s
   AND (pair.n::float / ia.n) / (ib.n / total.n) >= %(min_lift)s
"""


class CrmLifecycleProductRule(models.Model):
    _name = "crm.lifecycle.product.rule"
    _description = "Products Bought Together"
    _order = "company_id, lift desc, confidence desc, id"
    _rec_name = "antecedent_id"

    antecedent_id = fields.Many2one(
        comodel_name="product.product",
        string="Bought",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        help="The product a customer buys (the antecedent of the rule).",
    )
    consequent_id = fields.Many2one(
        comodel_name="product.product",
        string="Also Bought",
        required=True,
        readonly=True,
        ondelete="cascade",
        help="The product bought with it (the consequent of the rule).",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    support = fields.Float(
        digits=(16, 4),
        readonly=True,
        group_operator="avg",
        help="Share of the orders holding both products.",
    )
    confidence = fields.Float(
        digits=(16, 4),
        readonly=True,
        group_operator="avg",
        help="Share of the orders holding the first product that also hold the "
             "second.",
    )
    lift = fields.Float(
        digits=(16, 4),
        readonly=True,
        group_operator="avg",
        help="Confidence divided by the share of orders holding the second "
             "product: above 1, they are bought together more than by chance.",
    )
    basket_count = fields.Integer(
        string="Orders",
        readonly=True,
        help="Number of orders holding both products.",
    )

    @api.model
    def _recompute_rules(self, company, min_support=None, min_confidence=None,
                         min_lift=None):
        """Replace the rules of ``company`` by those of its confirmed orders; the
        thresholds not given are the company's settings."""
        if min_support is None:
            min_support = company.lifecycle_rule_min_support
        if min_confidence is None:
            min_confidence = company.lifecycle_rule_min_confidence
        if min_lift is None:
            min_lift = company.lifecycle_rule_min_lift
        try:
            check_thresholds(min_support, min_confidence)
        except ValueError:
            raise UserError(_(
                "The minimum support and confidence of the product rules must be "
                "between 0 and 1 (got %(support)s and %(confidence)s).") % {
                    "support": min_support, "confidence": min_confidence})
        cr = self.env.cr
        cr.execute("DELETE FROM crm_lifecycle_product_rule WHERE company_id = %s",
                   (company.id,))
        cr.execute(_RULES_SQL, {
            "company": company.id, "uid": self.env.uid,
            "min_support": min_support, "min_confidence": min_confidence,
            "min_lift": min_lift,
        })
        self.invalidate_cache()

    @api.model
    def _cron_recompute_rules(self, min_support=None, min_confidence=None):
        """Every company's rules, with its own thresholds (or those given)."""
        # The rules of every company are rebuilt, whoever runs the cron.
        for company in self.env["res.company"].sudo().search([]):
            self.sudo()._recompute_rules(company, min_support, min_confidence)
