# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Holt's linear trend method (double exponential smoothing) on a monthly series.

With ``y[0] .. y[n-1]`` the observed values, ``alpha`` the smoothing factor of the
level and ``beta`` the one of the trend (both in [0, 1]):

Initialisation (from the first two values)::

    level[0] = y[0]
    trend[0] = y[1] - y[0]            (0 when the series has a single value)

Update, for t = 1 .. n-1::

    level[t] = alpha * y[t] + (1 - alpha) * (level[t-1] + trend[t-1])
    trend[t] = beta * (level[t] - level[t-1]) + (1 - beta) * trend[t-1]

Forecast ``h`` steps after the last value::

    y_hat[n-1+h] = level[n-1] + h * trend[n-1]

The one-step-ahead forecast of ``y[t]`` made before it was seen is
``level[t-1] + trend[t-1]``. A series that is exactly linear is continued exactly,
whatever ``alpha`` and ``beta``.
"""

# The grid of the parameter search: 0.1, 0.2, ... 0.9 for alpha and for beta.
DEFAULT_GRID = tuple(round(0.1 * i, 1) for i in range(1, 10))


def _check(series, alpha, beta):
    if not series:
        raise ValueError("Holt's method needs at least one value.")
    for name, value in (("alpha", alpha), ("beta", beta)):
        if not 0 <= value <= 1:
            raise ValueError("%s must be between 0 and 1, not %r" % (name, value))


def holt_states(series, alpha, beta):
    """Return the ``(level, trend)`` pairs after each value of ``series``."""
    _check(series, alpha, beta)
    level = float(series[0])
    trend = float(series[1]) - level if len(series) > 1 else 0.0
    states = [(level, trend)]
    for value in series[1:]:
        previous = level
        level = alpha * value + (1 - alpha) * (level + trend)
        trend = beta * (level - previous) + (1 - beta) * trend
        states.append((level, trend))
    return states


def holt_forecast(series, alpha, beta, horizon):
    """Return the ``horizon`` values following ``series`` (a list of floats)."""
    if horizon < 0:
        raise ValueError("The horizon cannot be negative.")
    level, trend = holt_states(series, alpha, beta)[-1]
    return [level + step * trend for step in range(1, horizon + 1)]


def holt_backtest_mape(series, alpha, beta):
    """Mean absolute percentage error of the one-step-ahead forecasts, in percent.

    Each ``y[t]`` for t = 2 .. n-1 is compared with ``level[t-1] + trend[t-1]``,
    the forecast made from the values before it. ``y[1]`` is left out: it fixes the
    initial trend, so its forecast is exact by construction and would flatter the
    error. Actual values equal to 0 are skipped (the percentage error is undefined
    there). Returns ``None`` when no value is left to test (fewer than three
    values, or only zeros).
    """
    states = holt_states(series, alpha, beta)
    errors = []
    for t in range(2, len(series)):
        actual = float(series[t])
        if not actual:
            continue
        level, trend = states[t - 1]
        errors.append(abs(actual - (level + trend)) / abs(actual))
    if not errors:
        return None
    return 100.0 * sum(errors) / len(errors)


def holt_fit(series, grid=DEFAULT_GRID, default=(0.5, 0.3)):
    """Choose ``alpha`` and ``beta`` on ``grid`` minimising the back-tested MAPE.

    Returns ``(alpha, beta, mape)``. Every pair of the grid is tried (81 pairs by
    default); on a tie the smallest alpha, then the smallest beta wins. When the
    MAPE cannot be computed (see :func:`holt_backtest_mape`) ``default`` is
    returned with a MAPE of ``None``.
    """
    best = None
    for alpha in grid:
        for beta in grid:
            mape = holt_backtest_mape(series, alpha, beta)
            if mape is not None and (best is None or mape < best[2] - 1e-12):
                best = (alpha, beta, mape)
    return best or (default[0], default[1], None)


def holt_holdout_mape(series, holdout, grid=DEFAULT_GRID):
    """Out-of-sample error of the method, in percent: the factors are chosen
    (:func:`holt_fit`) on the series without its last ``holdout`` values, which
    are then forecast and compared with what happened (MAPE, zeros skipped).

    The error reported is thus measured on months the fit never saw. Returns
    ``None`` when the months before the held-out ones are fewer than two, or the
    held-out values are all 0.
    """
    if holdout < 1:
        raise ValueError("At least one month must be held out.")
    if len(series) < holdout + 2:
        return None
    train, actuals = series[:-holdout], series[-holdout:]
    alpha, beta, _mape = holt_fit(train, grid=grid)
    forecast = holt_forecast(train, alpha, beta, holdout)
    errors = [abs(float(actual) - value) / abs(float(actual))
              for actual, value in zip(actuals, forecast) if actual]
    if not errors:
        return None
    return 100.0 * sum(errors) / len(errors)
