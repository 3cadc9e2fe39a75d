# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from .common import LifecycleCase


class TestQueryCount(LifecycleCase):

    def _queries_of_update(self, order):
        cr = self.env.cr
        before = cr.sql_log_count
        order._lifecycle_update_partners()
        return cr.sql_log_count - before

    def _order_with_lines(self, partner, lines):
        order = self._order(partner, self.ref_date, confirm=False)
        for _index in range(lines - 1):
            order.order_line[0].copy({"order_id": order.id})
        order.action_confirm()
        return order

    def test_bounded_queries_on_confirmation(self):
        """Moving the customers of a confirmed order costs the same number of
        queries whatever the number of lines and of the customer's past orders."""
        small = self._order_with_lines(self._customer("Small Ltd"), 1)
        big_customer = self._customer("Big Ltd")
        for days in range(10, 400, 20):
            self._order(big_customer, self.ref_date - timedelta(days=days))
        big = self._order_with_lines(big_customer, 40)
        self.assertEqual(len(big.order_line), 40)
        count_small = self._queries_of_update(small)
        count_big = self._queries_of_update(big)
        self.assertEqual(count_small, count_big)
        companies = self.env["res.company"].search_count([])
        self.assertLessEqual(count_big, 20 + 6 * companies,
                             "a bounded number of extra queries per confirmation")
