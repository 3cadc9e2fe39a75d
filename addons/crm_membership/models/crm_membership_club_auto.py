# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

_BUYERS_SQL = """
SELECT DISTINCT p.commercial_partner_id
  FROM sale_order_line l
  JOIN sale_order o ON o.id = l.order_id
  JOIN res_partner p ON p.id = o.partner_id
  JOIN product_product pp ON pp.id = l.product_id
  JOIN product_template pt ON pt.id = pp.product_tmpl_id
 WHERE o.state IN ('sale', 'done')
   AND o.company_id = %(company)s
   AND pt.categ_id = ANY(%(categories)s)
"""
# value tiers from the best down
_TIERS = ["a", "b", "c"]


class CrmMembershipClub(models.Model):
    _inherit = "crm.membership.club"

    @api.multi
    def _auto_partner_ids(self):
        """Commercial partners the club's automatic rule selects."""
        self.ensure_one()
        if self.auto_rule == "buyer" and self.auto_category_id:
            categories = self.env["product.category"].search(
                [("id", "child_of", self.auto_category_id.id)])
            self.env.cr.execute(_BUYERS_SQL, {
                "company": self.company_id.id, "categories": categories.ids})
            return [row[0] for row in self.env.cr.fetchall()]
        if self.auto_rule == "value_tier" and self.auto_value_tier:
            wanted = _TIERS[:_TIERS.index(self.auto_value_tier) + 1]
            self.env.cr.execute("""
                SELECT partner_id FROM crm_lifecycle_profile
                 WHERE company_id = %s AND value_tier = ANY(%s)
            """, (self.company_id.id, wanted))
            return [row[0] for row in self.env.cr.fetchall()]
        return []
