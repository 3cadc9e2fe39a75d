# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import fields

from ..models.crm_lifecycle_snapshot import _add_months
from .analysis_common import AnalysisCase


class TestSnapshot(AnalysisCase):
    """Monthly counts per stage and segment, and the Holt forecast after them.

    In a company of its own: four customers with one order 10 days ago (new) and
    one with orders 60, 30 and 5 days ago (active). Snapshot rows of the four
    previous months are written by hand: 0, 1, 2, 3 new customers. This month
    counts 4, so the "new" series is 0, 1, 2, 3, 4: linear, continued exactly as
    5, 6, 7. The "active" series is 0, 0, 0, 0, 1 (months without a row count
    0); every pair of the grid has the same in-sample error, so alpha = beta =
    0.1 wins the tie: forecasts 0.11, 0.12, 0.13 (rounded to 0).

    The error stored is the held-out one: the last three months are forecast
    from the two before them (too few to fit: the default factors). "new": 0, 1
    -> 2, 3, 4, exact, MAPE 0; "active": 0, 0 -> 0, 0, 0 against 0, 0, 1, the
    zeros skipped, one miss of 100 %.
    """

    company_name = "Snapshot Co"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls._product("Snapshot widget", 100.0)
        for number in range(4):
            cls._order(cls._customer("Snapshot new %s" % number), 10,
                       [(product, 100.0)])
        cls.active = cls._customer("Snapshot active")
        for days in (60, 30, 5):
            cls._order(cls.active, days, [(product, 100.0)])
        cls.env["crm.lifecycle.profile"]._recompute(cls.company, cls.ref_date)
        cls.stage = {
            s.code: s for s in cls.env["crm.lifecycle.stage"].search([])}
        cls.month = cls.ref_date.replace(day=1)
        cls.Snapshot = cls.env["crm.lifecycle.snapshot"]
        for back, count in ((4, 0), (3, 1), (2, 2), (1, 3)):
            cls.Snapshot.create({
                "month": str(_add_months(cls.month, -back)),
                "company_id": cls.company.id,
                "stage_id": cls.stage["new"].id,
                "customer_count": count,
            })

    def _rows(self, company_only=True):
        domain = [("company_id", "=", self.company.id)] if company_only else []
        return sorted(
            (r.month, r.company_id.id, r.stage_id.code, r.rfm_segment or "",
             r.customer_count, r.is_forecast, round(r.mape, 6))
            for r in self.Snapshot.search(domain))

    def _counts(self, month, forecast=False):
        result = {}
        for row in self.Snapshot.search([
                ("company_id", "=", self.company.id), ("month", "=", str(month)),
                ("is_forecast", "=", forecast)]):
            code = row.stage_id.code
            result[code] = result.get(code, 0) + row.customer_count
        return result

    def test_counts_and_forecast(self):
        """This month counts 4 new and 1 active; the next three are forecast."""
        self.Snapshot._take_snapshot(str(self.ref_date))
        self.assertEqual(self._counts(self.month), {"new": 4, "active": 1})
        segments = self.Snapshot.search([
            ("company_id", "=", self.company.id), ("month", "=", str(self.month)),
            ("is_forecast", "=", False)]).mapped("rfm_segment")
        self.assertTrue(all(segments), "counted rows carry their RFM segment")
        for step, expected in ((1, 5), (2, 6), (3, 7)):
            month = _add_months(self.month, step)
            self.assertEqual(self._counts(month, forecast=True),
                             {"new": expected, "active": 0}, str(month))
        forecast = self.Snapshot.search([
            ("company_id", "=", self.company.id), ("is_forecast", "=", True)])
        self.assertEqual(len(forecast), 6)
        by_stage = {r.stage_id.code: r.mape for r in forecast}
        self.assertAlmostEqual(by_stage["new"], 0.0, places=6)
        self.assertAlmostEqual(by_stage["active"], 100.0, places=6)

    def test_idempotent(self):
        """Running twice in the same month gives the same rows, not twice as many."""
        self.Snapshot._take_snapshot(str(self.month))
        first = self._rows(company_only=False)
        self.Snapshot._take_snapshot(self.ref_date)  # a date works as well
        self.assertEqual(self._rows(company_only=False), first)
        self.assertEqual(len([r for r in first if r[1] == self.company.id]),
                         len(self._rows()))
        self.assertEqual(self._counts(self.month), {"new": 4, "active": 1})

    def test_nightly_cron_takes_snapshot(self):
        """The nightly lifecycle cron stores this month's counts."""
        self.env["res.partner"]._cron_update_lifecycle(
            ref_date=fields.Date.to_string(self.ref_date))
        self.assertEqual(self._counts(self.month), {"new": 4, "active": 1})


class TestBackfill(AnalysisCase):
    """The months before the first nightly run are rebuilt from the orders.

    With 2026-06-15 as the day of the install, in a company of its own: Alpha
    ordered on 2026-03-10; Bravo on 2026-04-20 and 2026-05-05. At the end of
    March: Alpha new. April: Alpha and Bravo new. May: Alpha new (82 days, one
    order: within 90 x 2), Bravo active (two orders 15 days apart, last 26 days
    ago, within 15 x 2). On 2026-06-15 Bravo is at risk (41 days > 30).
    """

    company_name = "Backfill Co"

    def test_history_from_the_orders(self):
        """Three months of counts exist on day one, before the forecast."""
        product = self._product("Backfill widget", 100.0)
        alpha = self._customer("Backfill Alpha")
        bravo = self._customer("Backfill Bravo")
        ref = date(2026, 6, 15)
        for partner, day in ((alpha, "2026-03-10"), (bravo, "2026-04-20"),
                             (bravo, "2026-05-05")):
            self._order(partner, (self.ref_date - fields.Date.from_string(day)).days,
                        [(product, 100.0)])
        Snapshot = self.env["crm.lifecycle.snapshot"]
        Snapshot._backfill(ref, months=3)
        counts = {}
        for row in Snapshot.search([("company_id", "=", self.company.id),
                                    ("is_forecast", "=", False)]):
            key = (row.month, row.stage_id.code)
            counts[key] = counts.get(key, 0) + row.customer_count
        self.assertEqual(counts, {
            ("2026-03-01", "new"): 1,
            ("2026-04-01", "new"): 2,
            ("2026-05-01", "new"): 1, ("2026-05-01", "active"): 1,
            ("2026-06-01", "new"): 1, ("2026-06-01", "at_risk"): 1,
        })
        forecast = Snapshot.search([("company_id", "=", self.company.id),
                                    ("is_forecast", "=", True)])
        self.assertEqual(sorted(set(forecast.mapped("month"))),
                         ["2026-07-01", "2026-08-01", "2026-09-01"])
