# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The running expiry (SQL) and the tested pure functions (``logic.fifo``) agree
on the same cases: the Python and the SQL cannot drift apart unnoticed."""
from ..logic import fifo
from .common import MembershipCase

# (grants and debits in date order: (day, points)), the expiry run dates;
# the test club's points are valid 12 months
CASES = [
    ("one grant expires whole",
     [("2025-01-10", 100)], ["2026-01-09", "2026-01-10"]),
    ("a debit across grants, the rest expires in order",
     [("2025-01-10", 100), ("2025-03-01", 80), ("2025-06-01", 60),
      ("2025-04-01", -130)], ["2026-03-01", "2026-06-01"]),
    ("expiries on one day, a late run catches several",
     [("2025-02-01", 40), ("2025-02-01", 25), ("2025-05-01", 10),
      ("2025-05-15", -30)], ["2026-06-30"]),
    ("a debit after an expiry the job had not run",
     [("2025-01-01", 50), ("2025-06-01", 70), ("2026-02-01", -60)],
     ["2026-05-31", "2026-06-01"]),
    ("nothing due", [("2026-01-01", 10)], ["2026-06-01"]),
]


class TestExpirySqlAgainstFifo(MembershipCase):

    def _lots(self, member):
        self.env.cr.execute("""
            SELECT id, date, points_remaining, expiry_date FROM crm_membership_points
             WHERE membership_id = %s AND points > 0 ORDER BY id
        """, (member.id,))
        return [(lot_id, str(day), remaining, expiry and str(expiry))
                for lot_id, day, remaining, expiry in self.env.cr.fetchall()]

    def _entries(self, member):
        self.env.cr.execute("""
            SELECT id, date, points, expiry_date FROM crm_membership_points
             WHERE membership_id = %s AND origin != 'expiry' ORDER BY id
        """, (member.id,))
        return [(line_id, str(day), points, expiry and str(expiry))
                for line_id, day, points, expiry in self.env.cr.fetchall()]

    def test_sql_expiry_equals_fifo(self):
        """For each case, each run of the nightly SQL expires exactly the grants,
        points and dates ``fifo.due_expiries`` names, and what is left of every
        grant equals ``fifo.replay`` of the whole ledger."""
        for index, (label, moves, runs) in enumerate(CASES):
            member = self._member(self._customer("Expiry case %s" % index))
            for day, points in moves:
                member._adjust_points(points, label, day=day)
            for ref in runs:
                expected = fifo.due_expiries(self._lots(member), ref)
                before = set(member.points_line_ids.filtered(
                    lambda l: l.origin == "expiry").ids)
                self.Points._cron_expire_points(ref)
                member.invalidate_cache()
                done = member.points_line_ids.filtered(
                    lambda l: l.origin == "expiry" and l.id not in before)
                self.assertEqual(
                    sorted((line.expired_grant_id.id, -line.points, line.date)
                           for line in done),
                    sorted(expected), "%s: run of %s" % (label, ref))
                remaining, _expired = fifo.replay(self._entries(member), ref)
                self.assertEqual(
                    {lot[0]: lot[2] for lot in self._lots(member)}, remaining,
                    "%s: grants left after %s" % (label, ref))
                self.assertBalanced(member)
