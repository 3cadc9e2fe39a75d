# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Loyalty figures computed from the customer profiles (analysis 2)."""
from odoo import api, models

# Customers with at least one confirmed order, and those among them with two or
# more, from the profiles of one company (as of their last recompute).
_REPEAT_SQL = """
SELECT count(*) FILTER (WHERE order_count >= 2),
       count(*) FILTER (WHERE order_count >= 1)
  FROM crm_lifecycle_profile
 WHERE company_id = %s
"""


class CrmLifecycleProfile(models.Model):
    _inherit = "crm.lifecycle.profile"

    @api.model
    def _repeat_purchase_rate(self, company):
        """Return the share (0 to 1) of ``company``'s customers who ordered twice.

        Among the customers with at least one confirmed order, the share with two
        or more, as of the profiles' last recompute (the nightly cron, or the
        confirmation of an order). 0.0 when the company has no customer yet.
        """
        company.ensure_one()
        self.env.cr.execute(_REPEAT_SQL, (company.id,))
        repeat, buyers = self.env.cr.fetchone()
        return repeat / buyers if buyers else 0.0
