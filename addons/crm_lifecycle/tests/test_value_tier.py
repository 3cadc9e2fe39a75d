# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import TransactionCase

from ..models.crm_lifecycle_profile_sql import _tier

# The ranking of the nightly recompute's ``tiers`` step, over hand-made revenues.
_TIERS_SQL = """
SELECT partner_id, """ + _tier("before", "total", "revenue") + """
  FROM (SELECT partner_id, revenue,
               coalesce(sum(revenue) OVER (ORDER BY revenue DESC, partner_id
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
               sum(greatest(revenue, 0)) OVER () AS total
          FROM unnest(%s::int[], %s::numeric[]) AS v(partner_id, revenue)) t
"""


class TestValueTier(TransactionCase):
    """Value tiers (Pareto) on hand-computed cases."""

    def _tiers(self, revenues):
        ids = list(range(1, len(revenues) + 1))
        self.env.cr.execute(_TIERS_SQL, (ids, revenues))
        return [tier for _id, tier in sorted(self.env.cr.fetchall())]

    def test_first_80_percent_a_next_15_b_rest_c(self):
        """Revenues 500, 300, 100, 60, 40 (total 1,000): the customers before whom
        less than 800 was made are A (500, 300), less than 950 B (100: 800 before;
        60: 900 before), the rest C (40: 960 before); a customer with refunds only
        (-20) or no revenue is C."""
        self.assertEqual(
            self._tiers([500, 300, 100, 60, 40, -20, 0]),
            ["a", "a", "b", "b", "c", "c", "c"])

    def test_equal_revenues_ranked_by_customer(self):
        """Four customers of 250 each: each starts below 800 (0, 250, 500, 750), all
        A. 400, 400, 150, 50: 150 starts at 800 (B), 50 at 950 (C): ties are ranked
        by customer, never at random."""
        self.assertEqual(self._tiers([250, 250, 250, 250]), ["a", "a", "a", "a"])
        self.assertEqual(self._tiers([400, 400, 150, 50]), ["a", "a", "b", "c"])

    def test_no_revenue_at_all(self):
        self.assertEqual(self._tiers([0, -50]), ["c", "c"])
