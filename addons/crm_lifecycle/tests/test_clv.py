# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .analysis_common import AnalysisCase


class TestClv(AnalysisCase):
    """Customer lifetime value on a hand-computed case.

    In a company of its own, with d = 0.1 (the default discount rate), reference
    date R (today); every order is invoiced on its day (the margin is the
    invoices' less the orders' cost):

    - Alpha: R-500 (price 100, cost 60); then R-100 (300, cost 100) and R-30
      (150, cost 50), both ordered by its contact Jane; margin of the last 12
      months 200 + 100 = 300.
    - Bravo: R-500 (100, cost 60), R-200 (100, cost 60); margin last 12 months 40.
    - Charlie: R-400, R-300. Delta: R-450 only, not back since.
    - Echo: R-50 only (new this year: not in the base of the retention rate).
    - Foxtrot: R-800 only (out of both years).

    Retention r = customers of the year before last (R-730, R-365] who ordered
    again in the last year (R-365, R]: Alpha, Bravo, Charlie of Alpha, Bravo,
    Charlie, Delta: r = 3 / 4 = 0.75. Alpha came back only through its contact:
    orders count for the commercial partner (counted per ordering contact, r
    would be 2 / 4).

    CLV = margin x r / (1 + d - r):
    Alpha 300 x 0.75 / 0.35 = 642.857 -> 642.86; Bravo 40 x 0.75 / 0.35 = 85.71;
    Delta 0 (no margin in the last 12 months).
    """

    company_name = "CLV Co"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._install_chart()
        cls.product = cls._product("CLV widget", 100.0)
        w = cls.product
        cls.alpha = cls._customer("CLV Alpha")
        jane = cls.env["res.partner"].create({
            "name": "Jane at Alpha", "parent_id": cls.alpha.id})
        cls.bravo = cls._customer("CLV Bravo")
        cls.charlie = cls._customer("CLV Charlie")
        cls.delta = cls._customer("CLV Delta")
        echo = cls._customer("CLV Echo")
        foxtrot = cls._customer("CLV Foxtrot")
        cls._order(cls.alpha, 500, [(w, 100.0, 60.0)], state="invoiced")
        cls._order(jane, 100, [(w, 300.0, 100.0)], state="invoiced")
        cls._order(jane, 30, [(w, 150.0, 50.0)], state="invoiced")
        cls._order(cls.bravo, 500, [(w, 100.0, 60.0)], state="invoiced")
        cls._order(cls.bravo, 200, [(w, 100.0, 60.0)], state="invoiced")
        cls._order(cls.charlie, 400, [(w, 100.0, 60.0)], state="invoiced")
        cls._order(cls.charlie, 300, [(w, 100.0, 60.0)], state="invoiced")
        cls._order(cls.delta, 450, [(w, 100.0, 60.0)], state="invoiced")
        cls._order(echo, 50, [(w, 100.0, 60.0)], state="invoiced")
        cls._order(foxtrot, 800, [(w, 100.0, 60.0)], state="invoiced")
        cls.Profile = cls.env["crm.lifecycle.profile"]
        cls.Profile._recompute(cls.company, cls.ref_date)

    def _profile(self, partner):
        return self.Profile.search([("partner_id", "=", partner.id),
                                    ("company_id", "=", self.company.id)])

    def test_retention_rate(self):
        """Three of the four customers of the year before last came back: 0.75."""
        self.assertAlmostEqual(self.company.lifecycle_clv_discount_rate, 0.1)
        self.assertAlmostEqual(
            self.Profile._retention_rate(self.company, self.ref_date), 0.75)

    def test_clv_by_hand(self):
        """CLV = margin of the last 12 months x r / (1 + d - r), to the cent."""
        alpha = self._profile(self.alpha)
        self.assertAlmostEqual(alpha.window_margin, 300.0)
        self.assertAlmostEqual(alpha.clv, 642.86, places=2)
        self.assertAlmostEqual(self._profile(self.bravo).clv, 85.71, places=2)
        self.assertAlmostEqual(self._profile(self.delta).clv, 0.0, places=2)

    def test_discount_rate_changes_clv(self):
        """With d = 0.25: Alpha 300 x 0.75 / 0.5 = 450."""
        self.company.lifecycle_clv_discount_rate = 0.25
        self.Profile._recompute(self.company, self.ref_date)
        self.assertAlmostEqual(self._profile(self.alpha).clv, 450.0, places=2)

    def test_retention_rate_kept_on_company(self):
        """The nightly run keeps r on the company, shown in the settings."""
        self.assertAlmostEqual(self.company.lifecycle_retention_rate, 0.75)
        self.assertEqual(self.company.lifecycle_retention_date,
                         str(self.ref_date))

    def test_partial_run_uses_the_nightly_rate(self):
        """An order confirmation recomputes with the rate of the last night (here
        set to 0.5 by hand: Alpha 300 x 0.5 / 0.6 = 250), the next night with the
        rate of its day again."""
        self.env.cr.execute(
            "UPDATE res_company SET lifecycle_retention_rate = 0.5 WHERE id = %s",
            (self.company.id,))
        self.company.invalidate_cache()
        self.Profile._recompute(self.company, self.ref_date, [self.alpha.id])
        self.assertAlmostEqual(self._profile(self.alpha).clv, 250.0, places=2)
        self.assertAlmostEqual(self._profile(self.bravo).clv, 85.71, places=2)
        self.Profile._recompute(self.company, self.ref_date)
        self.assertAlmostEqual(self._profile(self.alpha).clv, 642.86, places=2)
        self.assertAlmostEqual(self.company.lifecycle_retention_rate, 0.75)

    def test_first_partial_run_computes_the_rate(self):
        """Before any nightly run a partial run computes r and keeps it."""
        self.env.cr.execute(
            """UPDATE res_company SET lifecycle_retention_rate = NULL,
                                      lifecycle_retention_date = NULL
                WHERE id = %s""", (self.company.id,))
        self.company.invalidate_cache()
        self.Profile._recompute(self.company, self.ref_date, [self.bravo.id])
        self.assertAlmostEqual(self._profile(self.bravo).clv, 85.71, places=2)
        self.assertAlmostEqual(self.company.lifecycle_retention_rate, 0.75)
