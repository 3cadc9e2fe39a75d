# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import TestCase

from ..logic.forecast import (
    holt_backtest_mape, holt_fit, holt_forecast, holt_holdout_mape, holt_states,
)
from ..logic.pg import supports_jit, supports_trigram_siglen

# 24 months of customer counts: a rising trend with noise.
NOISY = [20, 22, 25, 24, 28, 30, 29, 33, 35, 34, 38, 41,
         40, 43, 47, 46, 49, 52, 51, 55, 58, 57, 60, 63]


class TestForecast(TestCase):

    def test_linear_series_continued_exactly(self):
        """A perfectly linear 24-month series is continued exactly, MAPE 0.

        y[t] = 50 + 3t: level[0] = 50, trend[0] = 53 - 50 = 3; each one-step
        forecast level + trend equals the next value, so level and trend never
        move, whatever alpha and beta. Next three: 50 + 3 * 24, 25, 26 = 122, 125,
        128.
        """
        series = [50 + 3 * t for t in range(24)]
        for alpha, beta in ((0.5, 0.5), (0.2, 0.8), (0.9, 0.1)):
            forecast = holt_forecast(series, alpha, beta, 3)
            for got, expected in zip(forecast, [122.0, 125.0, 128.0]):
                self.assertAlmostEqual(got, expected, places=9,
                                       msg="alpha=%s beta=%s" % (alpha, beta))
            self.assertAlmostEqual(holt_backtest_mape(series, alpha, beta), 0.0,
                                   places=9)

    def test_short_series_by_hand(self):
        """Four values with alpha = beta = 0.5, every step computed by hand.

        y = 10, 12, 15, 14. level0 = 10, trend0 = 2.
        t=1: forecast 12; level1 = .5*12 + .5*12 = 12;  trend1 = .5*2 + .5*2 = 2
        t=2: forecast 14; level2 = .5*15 + .5*14 = 14.5;
             trend2 = .5*(14.5-12) + .5*2 = 2.25
        t=3: forecast 16.75; level3 = .5*14 + .5*16.75 = 15.375;
             trend3 = .5*(15.375-14.5) + .5*2.25 = 1.5625
        Next three: 15.375 + 1.5625 h = 16.9375, 18.5, 20.0625.
        MAPE over t=2,3 (t=1 fixes the trend): (1/15 + 2.75/14) / 2 = 13.154762 %.
        """
        series = [10, 12, 15, 14]
        self.assertEqual(holt_states(series, 0.5, 0.5), [
            (10.0, 2.0), (12.0, 2.0), (14.5, 2.25), (15.375, 1.5625)])
        self.assertEqual(holt_forecast(series, 0.5, 0.5, 3),
                         [16.9375, 18.5, 20.0625])
        self.assertAlmostEqual(holt_backtest_mape(series, 0.5, 0.5),
                               100 * (1 / 15 + 2.75 / 14) / 2, places=9)
        self.assertAlmostEqual(holt_backtest_mape(series, 0.5, 0.5), 13.154762,
                               places=6)

    def test_noisy_24_months(self):
        """The noisy 24-month series gives the next three values and MAPE below.

        alpha = beta = 0.5, computed step by step with exact fractions:
          t  y   forecast   level       trend
          1  22  22         22          2
          2  25  24         24.5        2.25
          3  24  26.75      25.375      1.5625
          4  28  26.9375    27.46875    1.828125
          5  30  29.296875  29.6484375  2.00390625
          ...
          22 60  59.860102  59.930051   1.710197
          23 63  61.640248  62.320124   2.050135
        Next three: 62.320124 + 2.050135 h = 64.370259, 66.420394, 68.470529.
        MAPE: mean of |y - forecast| / y over t = 2..23 (22 values) = 4.041360 %.
        """
        states = holt_states(NOISY, 0.5, 0.5)
        self.assertEqual(states[4], (27.46875, 1.828125))
        self.assertEqual(states[5], (29.6484375, 2.00390625))
        forecast = holt_forecast(NOISY, 0.5, 0.5, 3)
        for got, expected in zip(forecast, [64.370259, 66.420394, 68.470529]):
            self.assertAlmostEqual(got, expected, places=6)
        self.assertAlmostEqual(holt_backtest_mape(NOISY, 0.5, 0.5), 4.041360,
                               places=6)

    def test_zero_actuals_skipped(self):
        """A zero actual is left out of the MAPE instead of dividing by zero.

        y = 10, 12, 0, 14, alpha = beta = 0.5: t=2 (actual 0) is skipped;
        level2 = .5*0 + .5*14 = 7, trend2 = .5*(7-12) + .5*2 = -1.5, so the
        forecast of t=3 is 5.5 and the MAPE is |14 - 5.5| / 14 = 60.714286 %.
        """
        self.assertAlmostEqual(holt_backtest_mape([10, 12, 0, 14], 0.5, 0.5),
                               100 * 8.5 / 14, places=9)
        self.assertIsNone(holt_backtest_mape([0, 5, 0], 0.5, 0.5),
                          "only zeros to test: no MAPE")
        self.assertIsNone(holt_backtest_mape([3, 4], 0.5, 0.5),
                          "two values: nothing left to test")

    def test_short_and_bad_input(self):
        """One value forecasts flat; no value or parameters out of [0, 1] raise."""
        self.assertEqual(holt_forecast([7], 0.5, 0.5, 3), [7.0, 7.0, 7.0])
        with self.assertRaises(ValueError):
            holt_forecast([], 0.5, 0.5, 3)
        with self.assertRaises(ValueError):
            holt_forecast([1, 2], 1.5, 0.5, 3)
        with self.assertRaises(ValueError):
            holt_forecast([1, 2], 0.5, 0.5, -1)

    def test_grid_search(self):
        """The grid search returns the pair with the lowest MAPE on the grid.

        A linear series has MAPE 0 for every pair, so the first pair (0.1, 0.1)
        wins the tie; on the noisy series the chosen pair does at least as well
        as (0.5, 0.5) and its reported MAPE is the one of that pair.
        """
        self.assertEqual(holt_fit([1, 2, 3, 4, 5]), (0.1, 0.1, 0.0))
        alpha, beta, mape = holt_fit(NOISY)
        self.assertLessEqual(mape, 4.041360)
        self.assertAlmostEqual(mape, holt_backtest_mape(NOISY, alpha, beta))
        self.assertEqual(holt_fit([4, 5]), (0.5, 0.3, None),
                         "too short to back-test: the default pair")

    def test_error_is_measured_out_of_sample(self):
        """The error reported is the one on months the fit never saw.

        10, 20, 30, 40 is linear: the fit on it is exact (in-sample MAPE 0) and
        forecasts 50 for a month that was 45: an out-of-sample error of
        5 / 45 = 11.11 %. Two months held out, 10, 20, 30 -> 40, 50 against 40,
        45: errors 0 and 5 / 45, MAPE 5.56 %.
        """
        series = [10, 20, 30, 40, 45]
        self.assertEqual(holt_fit(series[:-1]), (0.1, 0.1, 0.0))
        self.assertAlmostEqual(holt_holdout_mape(series, 1), 100.0 * 5 / 45)
        self.assertAlmostEqual(holt_holdout_mape(series, 2), 100.0 * 5 / 45 / 2)
        self.assertLess(holt_fit(series)[2], holt_holdout_mape(series, 1),
                        "the in-sample error flatters the method")
        self.assertIsNone(holt_holdout_mape([1, 2, 3], 2), "one month to fit")
        self.assertIsNone(holt_holdout_mape([1, 2, 0, 0], 2), "held out zeros")
        with self.assertRaises(ValueError):
            holt_holdout_mape(series, 0)


class TestServerVersions(TestCase):

    def test_features_by_postgresql_version(self):
        """JIT from PostgreSQL 11, trigram siglen from 13; 10 has neither."""
        self.assertEqual([supports_jit(v) for v in (100023, 110000, 150004)],
                         [False, True, True])
        self.assertEqual(
            [supports_trigram_siglen(v) for v in (100023, 120010, 130000)],
            [False, False, True])
