# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 11: the sales performance rule of "own documents only" salespeople is kept
as noupdate data; give databases installed before it the document boundary."""

DOMAIN = ("['|', ('user_id', '=', user.id), ('user_id', '=', False)]"
          " + crm_customer_domain('partner_id')")


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE ir_rule SET domain_force = %s
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'crm_lifecycle' AND model = 'ir.rule'
                         AND name = 'crm_lifecycle_sale_analysis_rule_salesman')
    """, (DOMAIN,))
