# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Working time on a weekly calendar with holidays, in one explicit time zone.

Plain data in, plain data out: ``attendances`` is a list of ``(weekday, hour_from,
hour_to)`` (weekday 0 = Monday, hours as floats in local time), ``holidays`` a list
of ``(start, end)`` naive UTC datetimes, every other datetime is naive UTC. Odoo's
``resource.calendar`` computes in the current user's zone; these functions take the
zone as an argument so every caller (users anywhere, the cron) gets one answer.
"""
from datetime import datetime, time, timedelta

import pytz

# A target never needs more than this many days of calendar to be met.
_MAX_DAYS = 3660


def _hour_to_time(hour):
    minutes = int(round(hour * 60))
    if minutes >= 24 * 60:
        return time(23, 59, 59, 999999)
    return time(minutes // 60, minutes % 60)


def _localize(tz, naive_local):
    return tz.localize(naive_local, is_dst=False).astimezone(pytz.UTC).replace(
        tzinfo=None)


def _to_local(tz, naive_utc):
    return pytz.UTC.localize(naive_utc).astimezone(tz).replace(tzinfo=None)


def _subtract(intervals, holes):
    """Remove the ``holes`` from sorted ``intervals`` (both lists of pairs)."""
    result = []
    for start, end in intervals:
        pieces = [(start, end)]
        for h_start, h_end in holes:
            cut = []
            for p_start, p_end in pieces:
                if h_end <= p_start or h_start >= p_end:
                    cut.append((p_start, p_end))
                    continue
                if p_start < h_start:
                    cut.append((p_start, h_start))
                if h_end < p_end:
                    cut.append((h_end, p_end))
            pieces = cut
        result.extend(pieces)
    return result


def work_intervals(day, attendances, holidays, tz_name):
    """Working intervals of one local ``day`` (a date), as naive UTC pairs."""
    tz = pytz.timezone(tz_name or "UTC")
    local = []
    for weekday, hour_from, hour_to in attendances:
        if weekday != day.weekday() or hour_to <= hour_from:
            continue
        local.append((
            _localize(tz, datetime.combine(day, _hour_to_time(hour_from))),
            _localize(tz, datetime.combine(day, _hour_to_time(hour_to))),
        ))
    local.sort()
    return _subtract(local, sorted(holidays))


class WorkCalendar(object):
    """A weekly calendar with holidays in one time zone, remembering the working
    intervals of each day it computed: a batch of requests on one SLA (a mass edit,
    the cron) computes each day once."""

    def __init__(self, attendances, holidays, tz_name):
        if not any(h_to > h_from for _w, h_from, h_to in attendances or []):
            raise ValueError("the calendar has no working hours")
        self.attendances = list(attendances)
        self.holidays = sorted(holidays)
        self.tz_name = tz_name or "UTC"
        self.tz = pytz.timezone(self.tz_name)
        self._days = {}

    def intervals(self, day):
        """Working intervals of one local ``day``, as naive UTC pairs."""
        if day not in self._days:
            self._days[day] = work_intervals(
                day, self.attendances, self.holidays, self.tz_name)
        return self._days[day]

    def add_hours(self, start, hours):
        """The moment (naive UTC) at which ``hours`` working hours after ``start``
        end."""
        remaining = timedelta(hours=hours)
        if remaining <= timedelta(0):
            return start
        day = _to_local(self.tz, start).date() - timedelta(days=1)
        for _index in range(_MAX_DAYS):
            for i_start, i_end in self.intervals(day):
                if i_end <= start:
                    continue
                i_start = max(i_start, start)
                if i_end - i_start >= remaining:
                    return i_start + remaining
                remaining -= i_end - i_start
            day += timedelta(days=1)
        raise ValueError("no working time found within ten years")

    def hours_between(self, start, end):
        """Working hours (float) between two naive UTC moments."""
        if end <= start:
            return 0.0
        day = _to_local(self.tz, start).date() - timedelta(days=1)
        last = _to_local(self.tz, end).date() + timedelta(days=1)
        total = timedelta(0)
        while day <= last:
            for i_start, i_end in self.intervals(day):
                overlap = min(i_end, end) - max(i_start, start)
                if overlap > timedelta(0):
                    total += overlap
            day += timedelta(days=1)
        return total.total_seconds() / 3600.0


def add_working_hours(start, hours, attendances, holidays, tz_name):
    """The moment (naive UTC) at which ``hours`` working hours after ``start`` end."""
    return WorkCalendar(attendances, holidays, tz_name).add_hours(start, hours)


def working_hours_between(start, end, attendances, holidays, tz_name):
    """Working hours (float) between two naive UTC moments."""
    if end <= start:
        return 0.0
    return WorkCalendar(attendances, holidays, tz_name).hours_between(start, end)


def pick_sla(candidates, company_id, type_id, priority, tier):
    """The id of the SLA applying to a request, or None.

    ``candidates`` are ``(id, sequence, company_id, type_id, priority, tier)`` rows,
    an empty criterion (False or None) matching every request. The lowest sequence
    wins, then the most specific SLA (type, priority and tier set), then the oldest.
    """
    best = None
    for row in candidates:
        sla_id, sequence, sla_company, sla_type, sla_priority, sla_tier = row
        if (sla_company and sla_company != company_id) \
                or (sla_type and sla_type != type_id) \
                or (sla_priority and sla_priority != priority) \
                or (sla_tier and sla_tier != tier):
            continue
        key = (sequence, -(bool(sla_type) + bool(sla_priority) + bool(sla_tier)),
               sla_id)
        if best is None or key < best[0]:
            best = (key, sla_id)
    return best[1] if best else None
