# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A paid club membership's state and dates from its periods (fee invoices).

Dates are ISO strings (``YYYY-MM-DD``) as Odoo 11 stores them, or None.
"""
import datetime


def _day_before(day):
    return (datetime.datetime.strptime(day, "%Y-%m-%d").date()
            - datetime.timedelta(days=1)).isoformat()


def membership_values(membership, periods, today):
    """The values a membership of a paid club must have, given its periods.

    ``membership``: dict with ``state``, ``join_date``, ``expiry_date`` and
    ``renewal_date``; ``periods``: ``[(date_from, date_to, paid)]`` of every
    invoiced period (paid: its invoice paid and not refunded). Returns the values
    that change (an empty dict when none does).

    - The paid periods decide: the membership runs until the end of the last one,
      joined at the start of the first one, renewed at the start of the last one
      (when it is not the first). It is active while that end is not past (unless
      suspended), expired after it.
    - A member who joined before their first period (taken over with dates, before
      fees were invoiced here) keeps that join date; without a paid period their
      membership runs until the day before their first period.
    - Otherwise, without a paid period, a candidate, active or suspended
      membership is a candidate again, with no dates: a first fee invoice
      re-opened or refunded undoes the joining. An expired one stays expired
      with its dates (a newer membership of the club may be open).
    - Cancelled memberships are left alone.
    """
    state = membership["state"]
    if state == "cancelled" or not periods:
        return {}
    paid = sorted((p for p in periods if p[2]), key=lambda p: p[0])
    first_start = min(p[0] for p in periods)
    join = membership["join_date"]
    legacy = bool(join) and join < first_start
    target = {}
    if paid:
        target["expiry_date"] = max(p[1] for p in paid)
        target["join_date"] = join if legacy else paid[0][0]
        last_start = paid[-1][0]
        target["renewal_date"] = last_start if last_start > target["join_date"] \
            else False
    elif legacy:
        target["expiry_date"] = _day_before(first_start)
        renewal = membership["renewal_date"]
        target["renewal_date"] = renewal if renewal and renewal < first_start \
            else False
    elif state == "expired":
        # an expired membership stays expired with the dates it ran: as a
        # candidate again it would clash with the member's newer membership of
        # the club and block the credit note or cancellation of its old fee
        return {}
    else:
        target.update(expiry_date=False, join_date=False, renewal_date=False,
                      state="candidate")
    expiry = target["expiry_date"]
    if "state" not in target and expiry:
        if expiry >= today and state in ("candidate", "expired"):
            target["state"] = "active"
        elif expiry < today and state in ("candidate", "active", "suspended"):
            target["state"] = "expired"
    return {key: value for key, value in target.items()
            if (membership.get(key) or False) != (value or False)}
