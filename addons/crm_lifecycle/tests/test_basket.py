# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import TestCase

from odoo.exceptions import AccessError, UserError, ValidationError

from ..logic.basket import association_rules
from .analysis_common import AnalysisCase

# Five baskets, products 1 bread, 2 butter, 3 milk, 4 beer, 5 chips.
BASKETS = [{1, 2, 3}, {1, 2}, {3, 4, 5}, {4, 5}, {1, 3}]

# Worked by hand, N = 5. Baskets holding: 1: 3, 2: 2, 3: 3, 4: 2, 5: 2;
# pairs: {1,2}: 2, {1,3}: 2, {2,3}: 1, {3,4}: 1, {3,5}: 1, {4,5}: 2.
# (antecedent, consequent): (support, confidence, lift, baskets with both)
EXPECTED = {
    (4, 5): (2 / 5, 2 / 2, (2 / 2) / (2 / 5), 2),    # lift 2.5
    (5, 4): (2 / 5, 2 / 2, (2 / 2) / (2 / 5), 2),    # lift 2.5
    (2, 1): (2 / 5, 2 / 2, (2 / 2) / (3 / 5), 2),    # lift 1.6667
    (1, 2): (2 / 5, 2 / 3, (2 / 3) / (2 / 5), 2),    # lift 1.6667
    (1, 3): (2 / 5, 2 / 3, (2 / 3) / (3 / 5), 2),    # lift 1.1111
    (3, 1): (2 / 5, 2 / 3, (2 / 3) / (3 / 5), 2),    # lift 1.1111
    (2, 3): (1 / 5, 1 / 2, (1 / 2) / (3 / 5), 1),    # lift 0.8333
    (4, 3): (1 / 5, 1 / 2, (1 / 2) / (3 / 5), 1),
    (5, 3): (1 / 5, 1 / 2, (1 / 2) / (3 / 5), 1),
    (3, 2): (1 / 5, 1 / 3, (1 / 3) / (2 / 5), 1),    # lift 0.8333
    (3, 4): (1 / 5, 1 / 3, (1 / 3) / (2 / 5), 1),
    (3, 5): (1 / 5, 1 / 3, (1 / 3) / (2 / 5), 1),
}


class TestBasketLogic(TestCase):

    def test_rules_by_hand(self):
        """Support, confidence and lift of all twelve rules of five baskets."""
        rules = association_rules(BASKETS)
        got = {(r.antecedent, r.consequent): r for r in rules}
        self.assertEqual(set(got), set(EXPECTED))
        for key, (support, confidence, lift, count) in EXPECTED.items():
            rule = got[key]
            self.assertAlmostEqual(rule.support, support, msg=str(key))
            self.assertAlmostEqual(rule.confidence, confidence, msg=str(key))
            self.assertAlmostEqual(rule.lift, lift, msg=str(key))
            self.assertEqual(rule.basket_count, count, str(key))
        self.assertAlmostEqual(got[(4, 5)].lift, 2.5)
        self.assertAlmostEqual(got[(2, 1)].lift, 5 / 3)

    def test_thresholds_and_order(self):
        """Support >= 0.4 and confidence >= 0.7 keep 4->5, 5->4, 2->1, by lift."""
        rules = association_rules(BASKETS, min_support=0.4, min_confidence=0.7)
        self.assertEqual([(r.antecedent, r.consequent) for r in rules],
                         [(4, 5), (5, 4), (2, 1)])

    def test_bad_thresholds(self):
        """Thresholds outside [0, 1] raise; no basket gives no rule."""
        with self.assertRaises(ValueError):
            association_rules(BASKETS, min_support=1.5)
        with self.assertRaises(ValueError):
            association_rules(BASKETS, min_confidence=-0.1)
        self.assertEqual(association_rules([]), [])


class TestProductRules(AnalysisCase):
    """The SQL of ``_recompute_rules`` over real orders gives the hand figures."""

    company_name = "Basket Co"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        names = {1: "bread", 2: "butter", 3: "milk", 4: "beer", 5: "chips"}
        cls.products = {
            key: cls._product("Basket %s" % name) for key, name in names.items()}
        p = cls.products
        customer = cls._customer("Basket buyer")
        for number, basket in enumerate(BASKETS):
            lines = [(p[key], 5.0) for key in sorted(basket)]
            if number == 1:
                lines.append((p[1], 5.0))  # a product twice in one order counts once
            cls._order(customer, 10 + number, lines)
        # neither a quotation nor a cancelled order is a basket
        cls._order(customer, 3, [(p[1], 5.0), (p[4], 5.0)], state="draft")
        cls._order(customer, 2, [(p[2], 5.0), (p[5], 5.0)], state="cancel")
        cls.Rule = cls.env["crm.lifecycle.product.rule"]

    def _rules(self):
        ids = {product.id: key for key, product in self.products.items()}
        return {
            (ids[r.antecedent_id.id], ids[r.consequent_id.id]): r
            for r in self.Rule.search([("company_id", "=", self.company.id)])
        }

    def test_rules_from_orders(self):
        """All twelve rules, with the figures of the hand-worked baskets."""
        self.Rule._recompute_rules(self.company, 0.0, 0.0)
        rules = self._rules()
        self.assertEqual(set(rules), set(EXPECTED))
        for key, (support, confidence, lift, count) in EXPECTED.items():
            rule = rules[key]
            self.assertAlmostEqual(rule.support, support, msg=str(key))
            self.assertAlmostEqual(rule.confidence, confidence, msg=str(key))
            self.assertAlmostEqual(rule.lift, lift, msg=str(key))
            self.assertEqual(rule.basket_count, count, str(key))

    def test_thresholds_replace_rows(self):
        """A second run replaces the company's rules: only the three strong ones."""
        self.Rule._recompute_rules(self.company, 0.0, 0.0)
        self.Rule._recompute_rules(self.company, 0.4, 0.7)
        self.assertEqual(set(self._rules()), {(4, 5), (5, 4), (2, 1)})
        with self.assertRaisesRegex(UserError, "between 0 and 1"):
            self.Rule._recompute_rules(self.company, 2, 0.5)
        self.assertEqual(len(self._rules()), 3, "a rejected run changes nothing")

    def test_cron_all_companies(self):
        """The weekly cron rebuilds this company's rules with its thresholds."""
        self.Rule._cron_recompute_rules(min_support=0.4, min_confidence=0.7)
        self.assertEqual(set(self._rules()), {(4, 5), (5, 4), (2, 1)})

    def test_thresholds_are_the_companys_settings(self):
        """The sales manager sets support, confidence and lift in the settings;
        the weekly cron uses them; a salesman cannot change them."""
        manager = self.env["res.users"].create({
            "name": "Basket Manager", "login": "basket_manager",
            "company_id": self.company.id, "company_ids": [(6, 0, self.company.ids)],
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_manager").id,
                                  self.env.ref("base.group_system").id])]})
        settings = self.env["res.config.settings"].sudo(manager).create({
            "lifecycle_rule_min_support": 0.2,
            "lifecycle_rule_min_confidence": 0.5,
            "lifecycle_rule_min_lift": 1.5,
        })
        settings.execute()
        self.assertEqual(self.company.lifecycle_rule_min_lift, 1.5)
        self.Rule._cron_recompute_rules()
        # confidence >= 0.5 and lift >= 1.5: (4, 5), (5, 4), (2, 1), (1, 2)
        self.assertEqual(set(self._rules()), {(4, 5), (5, 4), (2, 1), (1, 2)})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), \
                self.env.cr.savepoint():
            self.company.sudo(manager).lifecycle_rule_min_lift = -1
        with self.assertRaisesRegex(ValidationError, "between 0 and 1"), \
                self.env.cr.savepoint():
            self.company.sudo(manager).lifecycle_rule_min_support = 1.5
        salesman = self.env["res.users"].create({
            "name": "Basket Salesman", "login": "basket_salesman",
            "company_id": self.company.id, "company_ids": [(6, 0, self.company.ids)],
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])]})
        with self.assertRaises(AccessError):
            self.company.sudo(salesman).write({"lifecycle_rule_min_lift": 0.0})
