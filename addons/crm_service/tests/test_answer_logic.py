# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from ..logic import answers


def _row(answer_id, score, **values):
    row = {"id": answer_id, "score": score, "question_score": score,
           "product_id": None, "product_categ_id": None, "category_id": None,
           "lang": "en_US", "usage_count": 0}
    row.update(values)
    return row


class TestAnswerLogic(unittest.TestCase):

    def test_language_factor(self):
        """Same language 1, a variant or an unlabelled answer less, another
        language least; no customer language prefers none."""
        self.assertEqual(answers.language_factor("zh_CN", "zh_CN"), 1.0)
        self.assertEqual(answers.language_factor("en_US", "en_GB"),
                         answers.LANGUAGE_VARIANT)
        self.assertEqual(answers.language_factor("other", "en_US"),
                         answers.UNKNOWN_LANGUAGE)
        self.assertEqual(answers.language_factor("en_US", "zh_CN"),
                         answers.OTHER_LANGUAGE)
        self.assertEqual(answers.language_factor("en_US", None), 1.0)
        self.assertLess(answers.OTHER_LANGUAGE, answers.LANGUAGE_VARIANT)

    def test_rank(self):
        """Equal texts rank by product, category, language; the text still counts
        more than a small boost, and too weak a text is dropped."""
        rows = [
            _row(1, 0.5),
            _row(2, 0.5, product_id=7),
            _row(3, 0.5, product_categ_id=30),
            _row(4, 0.5, product_categ_id=3),
            _row(5, 0.5, lang="zh_CN", product_id=7),
            _row(6, 0.9, lang="zh_CN"),
            _row(7, 0.04, product_id=7),
        ]
        ranked = answers.rank(rows, 10, 0.05, product_id=7, categ_ids=[30, 3],
                              lang="en_US")
        self.assertEqual(ranked, [2, 3, 4, 6, 1, 5])
        self.assertEqual(answers.rank(rows, 2, 0.05), [6, 1])

    def test_usage_breaks_ties(self):
        """Between equal answers the most used comes first, then the oldest."""
        rows = [_row(3, 0.5), _row(2, 0.5, usage_count=4), _row(1, 0.5)]
        self.assertEqual(answers.rank(rows, 3, 0.05), [2, 1, 3])
