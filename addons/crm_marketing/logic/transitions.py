# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The steps of a campaign and what its approval binds.

======================  ==========================================================
draft                   approved (by a marketing manager), cancelled
approved                running, draft, cancelled
running                 done, cancelled
done                    (final)
cancelled               draft
======================  ==========================================================

What a manager approves is the plan: budget, audience, channels and planned
costs. Changing any of them on an approved campaign sends it back to draft (it
must be approved again); on a running or finished campaign only a marketing
manager may change them. A write that also names the state binds the same way:
staying in a state is no step, so a change of the plan while "approving" or
"starting" again the campaign it already is counts as a plain change of the plan
(only a manager approves, even again); a change of the plan together with a real
change of step is a manager's decision and refused to others.
"""

STATE_TRANSITIONS = {
    "draft": ("approved", "cancelled"),
    "approved": ("running", "draft", "cancelled"),
    "running": ("done", "cancelled"),
    "done": (),
    "cancelled": ("draft",),
}

# fields of the campaign whose values the approval covers (extended by addons
# through the campaign's ``_approval_fields()``)
APPROVED_FIELDS = ("budget", "audience_domain", "channel_ids", "cost_ids")


def transition_problem(current, target, is_manager):
    """Why a campaign in state ``current`` cannot go to ``target``, or None.

    Problems: ``not_manager`` (only a manager approves), ``not_approved`` (running
    needs an approval), ``not_draft`` (only a draft is approved), ``step`` (no
    such step). Staying in the same state is no step, except that only a manager
    approves, even a campaign already approved.
    """
    if target == "approved" and not is_manager:
        return "not_manager"
    if target == current:
        return None
    if target == "running" and current != "approved":
        return "not_approved"
    if target == "approved" and current != "draft":
        return "not_draft"
    if target not in STATE_TRANSITIONS.get(current, ()):
        return "step"
    return None


def approval_effect(state, changed, approved_fields, is_manager, target=None):
    """What changing the fields ``changed`` does to a campaign in ``state``
    (going to the state ``target`` in the same write, if given).

    ``None`` when the approval is not concerned, ``"reapprove"`` when the
    campaign goes back to draft, ``"refused"`` when the change is not allowed,
    ``"with_step"`` when a non-manager changes the plan and the step at once.
    """
    if not set(changed) & set(approved_fields):
        return None
    if target is not None and target != state:
        return None if is_manager else "with_step"
    if state == "approved":
        return "reapprove"
    if state in ("running", "done") and not is_manager:
        return "refused"
    return None
