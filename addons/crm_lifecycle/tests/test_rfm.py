# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import TestCase

from ..logic.rfm import SEGMENTS, quintile_scores, segment


class TestRfm(TestCase):

    def test_quintiles_by_hand(self):
        """Ten distinct values: two per quintile; ties share the lower score."""
        self.assertEqual(quintile_scores(list(range(10))),
                         [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        # values 1,1,1,5,9: the three ties have 0 worse -> 1; 5 has 3 worse -> 4
        self.assertEqual(quintile_scores([1, 5, 1, 9, 1]), [1, 4, 1, 5, 1])

    def test_segments_cover_the_grid(self):
        """Every score pair has a segment and all eleven segments are used."""
        used = {segment(r, f) for r in range(1, 6) for f in range(1, 6)}
        self.assertEqual(used, {key for key, _label in SEGMENTS})
        self.assertEqual(segment(5, 5), "champions")
        self.assertEqual(segment(5, 1), "new")
        self.assertEqual(segment(1, 1), "lost")
        self.assertEqual(segment(1, 5), "cant_lose")
