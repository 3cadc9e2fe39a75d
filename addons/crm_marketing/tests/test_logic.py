# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import TestCase

from ..logic.roi import allocate, roi_figures
from ..logic.transitions import (
    APPROVED_FIELDS, STATE_TRANSITIONS, approval_effect, transition_problem)


class TestTransitions(TestCase):

    def test_steps(self):
        """Each state reaches its listed steps only; approval needs a manager and
        a draft; running needs an approval."""
        self.assertIsNone(transition_problem("draft", "approved", True))
        self.assertEqual(transition_problem("draft", "approved", False),
                         "not_manager")
        self.assertEqual(transition_problem("draft", "running", True),
                         "not_approved")
        self.assertEqual(transition_problem("cancelled", "approved", True),
                         "not_draft")
        self.assertEqual(transition_problem("draft", "done", True), "step")
        self.assertEqual(transition_problem("done", "cancelled", True), "step")
        self.assertIsNone(transition_problem("running", "running", False),
                          "staying is no step")
        self.assertEqual(transition_problem("approved", "approved", False),
                         "not_manager", "only a manager approves, even again")
        self.assertIsNone(transition_problem("approved", "approved", True))
        for state, targets in STATE_TRANSITIONS.items():
            for target in targets:
                self.assertIsNone(transition_problem(state, target, True),
                                  "%s -> %s" % (state, target))

    def test_approval_binds_the_plan(self):
        """A change of the approved plan sends an approved campaign back to draft;
        once running only a manager changes it; other fields are free."""
        plan = APPROVED_FIELDS
        self.assertEqual(approval_effect("approved", ["budget"], plan, True),
                         "reapprove")
        self.assertEqual(approval_effect("approved", ["cost_ids"], plan, False),
                         "reapprove")
        self.assertIsNone(approval_effect("approved", ["name"], plan, False))
        self.assertIsNone(approval_effect("draft", ["budget"], plan, False))
        self.assertEqual(approval_effect("running", ["audience_domain"], plan, False),
                         "refused")
        self.assertEqual(approval_effect("done", ["channel_ids"], plan, False),
                         "refused")
        self.assertIsNone(approval_effect("running", ["budget"], plan, True))
        self.assertIsNone(approval_effect("cancelled", ["budget"], plan, False))
        self.assertEqual(approval_effect("approved", ["club_ids"],
                                         plan + ("club_ids",), True), "reapprove")

    def test_plan_with_the_state(self):
        """Values naming the state bind the plan too: staying in the state is a
        plain change of the plan, a real step with a changed plan is the
        manager's alone."""
        plan = APPROVED_FIELDS
        self.assertEqual(approval_effect("approved", ["state", "budget"], plan,
                                         True, "approved"), "reapprove")
        self.assertEqual(approval_effect("running", ["state", "budget"], plan,
                                         False, "running"), "refused")
        self.assertEqual(approval_effect("approved", ["state", "budget"], plan,
                                         False, "running"), "with_step")
        self.assertEqual(approval_effect("cancelled", ["state", "cost_ids"], plan,
                                         False, "draft"), "with_step")
        self.assertIsNone(approval_effect("approved", ["state", "budget"], plan,
                                          True, "running"))
        self.assertIsNone(approval_effect("approved", ["state", "name"], plan,
                                          False, "running"))


class TestRoi(TestCase):

    def test_by_hand(self):
        """ROI (600 - 180) / 180 = 233.33 %, 180 / 3 leads, 180 / 2 customers."""
        self.assertEqual(roi_figures(180.0, 600.0, 3, 2), {
            "roi": 233.33, "cost_per_lead": 60.0, "cost_per_customer": 90.0})
        self.assertEqual(roi_figures(40.0, 0.0, 0, 0)["roi"], -100.0)

    def test_zero_divisors(self):
        """Nothing spent, no lead or no customer: 0.0, never a division error."""
        self.assertEqual(roi_figures(0.0, 500.0, 4, 2), {
            "roi": 0.0, "cost_per_lead": 0.0, "cost_per_customer": 0.0})
        self.assertEqual(roi_figures(100.0, 50.0, 0, 0), {
            "roi": -50.0, "cost_per_lead": 0.0, "cost_per_customer": 0.0})


class TestAllocate(TestCase):

    def test_shares_add_up(self):
        """100 over 2, 1 and 1 members: 50, 25, 25; 100 over three equal weights:
        33.33, 33.33 and the rest 33.34; zero weights get nothing."""
        self.assertEqual(allocate(100.0, {"a": 2, "b": 1, "c": 1}),
                         {"a": 50.0, "b": 25.0, "c": 25.0})
        parts = allocate(100.0, {"a": 1, "b": 1, "c": 1})
        self.assertEqual(parts, {"a": 33.33, "b": 33.33, "c": 33.34})
        self.assertAlmostEqual(sum(parts.values()), 100.0)
        self.assertEqual(allocate(10.0, {"a": 0, "b": 3}), {"b": 10.0})
        self.assertEqual(allocate(10.0, {"a": 0}), {})
        self.assertEqual(allocate(0.0, {"a": 1}), {"a": 0.0})
