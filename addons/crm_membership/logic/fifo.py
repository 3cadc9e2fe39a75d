# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""First-in first-out points: which grants a debit consumes, which grants expire.

A *lot* is a grant of points still (partly) available: ``(lot_id, date, remaining,
expiry_date)``; dates are ``datetime.date`` (or ISO strings, which compare the same
way), ``expiry_date`` may be None (never expires). Points are usable from their
grant date on and unusable from their expiry date on: a debit dated before a grant
cannot take its points.
"""


def _key(lot):
    lot_id, date, _remaining, _expiry = lot
    return (date, lot_id)


def live_lots(lots, ref_date):
    """The lots with points left that are granted on or before ``ref_date`` and not
    expired at it, oldest first."""
    return sorted(
        (lot for lot in lots
         if lot[2] > 0 and lot[1] <= ref_date
         and (lot[3] is None or lot[3] > ref_date)),
        key=_key)


def allocate(lots, amount, ref_date, preferred=()):
    """Consume ``amount`` points from ``lots`` first-in first-out.

    Lots whose id is in ``preferred`` are consumed first (a refund takes back the
    points of its own invoice before any other). Returns ``[(lot_id, taken)]``.
    Raises ValueError when the live lots hold fewer than ``amount`` points.
    """
    if amount < 0:
        raise ValueError("amount must not be negative")
    live = live_lots(lots, ref_date)
    live = [lot for lot in live if lot[0] in preferred] + \
        [lot for lot in live if lot[0] not in preferred]
    available = sum(lot[2] for lot in live)
    if amount > available:
        raise ValueError("only %s points available, %s requested" % (available, amount))
    taken = []
    left = amount
    for lot_id, _date, remaining, _expiry in live:
        if not left:
            break
        take = min(remaining, left)
        taken.append((lot_id, take))
        left -= take
    return taken


def due_expiries(lots, ref_date):
    """The lots that expire at or before ``ref_date``: ``[(lot_id, points, expiry)]``,
    in expiry order; an expiry takes what is left of the lot, never more."""
    due = [lot for lot in lots
           if lot[2] > 0 and lot[3] is not None and lot[3] <= ref_date]
    due.sort(key=lambda lot: (lot[3], lot[1], lot[0]))
    return [(lot_id, remaining, expiry) for lot_id, _date, remaining, expiry in due]


def replay(entries, ref_date):
    """Replay a whole ledger and return the remaining points per grant.

    ``entries``: ``(entry_id, date, points, expiry_date)`` in any order; positive
    points are grants, negative ones debits taken first-in first-out from the grants
    live on the debit's date (a debit never takes more than is live: the excess is
    ignored, so balances are never negative). Grants expire on their expiry date.
    Returns ``({grant_id: remaining}, [(grant_id, expired_points, expiry_date)])``.
    """
    remaining = {}
    lots = {}
    expired = []
    events = []
    for entry_id, date, points, expiry in entries:
        if points > 0:
            events.append((date, 0, entry_id, points, expiry))
            lots[entry_id] = (entry_id, date, 0, expiry)
            if expiry is not None and expiry <= ref_date:
                events.append((expiry, 1, entry_id, 0, None))
        elif points < 0:
            events.append((date, 2, entry_id, -points, None))
    # on one day: grants first, then expiries, then debits
    events.sort(key=lambda event: (event[0], event[1], event[2]))
    for date, kind, entry_id, points, expiry in events:
        if kind == 0:
            remaining[entry_id] = points
        elif kind == 1:
            if remaining[entry_id]:
                expired.append((entry_id, remaining[entry_id], date))
                remaining[entry_id] = 0
        else:
            current = [(lot_id, lots[lot_id][1], remaining[lot_id], lots[lot_id][3])
                       for lot_id in remaining]
            live = sum(lot[2] for lot in live_lots(current, date))
            for lot_id, take in allocate(current, min(points, live), date):
                remaining[lot_id] -= take
    return remaining, expired
