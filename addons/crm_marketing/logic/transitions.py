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
manager may change them.
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
    such step).
    """
    if target == current:
        return None
    if target == "approved" and not is_manager:
        return "not_manager"
    if target == "running" and current != "approved":
        return "not_approved"
    if target == "approved" and current != "draft":
        return "not_draft"
    if target not in STATE_TRANSITIONS.get(current, ()):
        return "step"
    return None


def approval_effect(state, changed, approved_fields, is_manager):
    """What changing the fields ``changed`` does to a campaign in ``state``.

    ``None`` when the approval is not concerned, ``"reapprove"`` when the
    campaign goes back to draft, ``"refused"`` when the change is not allowed.
    """
    if not set(changed) & set(approved_fields):
        return None
    if state == "approved":
        return "reapprove"
    if state in ("running", "done") and not is_manager:
        return "refused"
    return None
