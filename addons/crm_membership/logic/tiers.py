# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which tier a member belongs to, from their points or their rolling spend."""


def select_tier(tiers, value):
    """Return the id of the highest tier whose threshold ``value`` reaches.

    ``tiers``: ``[(tier_id, sequence, threshold)]``; the tier with the highest
    threshold reached wins (ties: the higher sequence). None when no tier applies.
    """
    best = None
    for tier_id, sequence, threshold in tiers:
        if value + 1e-9 >= (threshold or 0.0):
            key = (threshold or 0.0, sequence)
            if best is None or key > best[0]:
                best = (key, tier_id)
    return best[1] if best else None


def review(members, tiers):
    """Tier changes of a review: ``members`` ``[(member_id, current_tier, value)]``.

    Returns ``[(member_id, old_tier, new_tier, value)]`` for the members whose tier
    changes (upgrade or downgrade); members reaching no tier keep none.
    """
    changes = []
    for member_id, current, value in members:
        new = select_tier(tiers, value)
        if new != (current or None):
            changes.append((member_id, current or None, new, value))
    return changes


def direction(tiers, old, new):
    """``"up"`` when tier ``new`` has a higher threshold than tier ``old`` (no tier:
    below every tier), else ``"down"``; ``tiers`` as for ``select_tier``."""
    thresholds = {tier_id: threshold or 0.0 for tier_id, _sequence, threshold in tiers}
    return "up" if thresholds.get(new, -1) > thresholds.get(old, -1) else "down"
