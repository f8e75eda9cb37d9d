"""Model wrappers against independent computations and simulated truths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asnresearch.models import estimate_survival, fit_ordered_severity, fit_response_hazard


def km_by_hand(durations, events):
    """Product-limit estimator written out, independent of statsmodels."""
    rows, s = [], 1.0
    for t in sorted(set(d for d, e in zip(durations, events) if e)):
        at_risk = sum(d >= t for d in durations)
        deaths = sum(d == t and e for d, e in zip(durations, events))
        s *= 1 - deaths / at_risk
        rows.append((t, at_risk, deaths, s))
    return rows


def test_kaplan_meier_matches_hand_computation():
    rng = np.random.default_rng(7)
    durations = rng.integers(0, 40, 60).tolist()
    events = (rng.random(60) < 0.7).tolist()
    table = estimate_survival(pd.DataFrame({"d": durations, "e": events}), duration="d",
                              event="e")
    expected = km_by_hand(durations, events)
    assert table["time"].tolist() == [r[0] for r in expected]
    assert table["n_at_risk"].tolist() == [r[1] for r in expected]
    assert table["n_events"].tolist() == [r[2] for r in expected]
    np.testing.assert_allclose(table["survival"], [r[3] for r in expected])
    within = (table["ci_lower"] <= table["survival"]) & (table["survival"] <= table["ci_upper"])
    assert within.all()


def test_kaplan_meier_drops_missing_and_negative_explicitly():
    data = pd.DataFrame({"d": pd.array([1, None, -2, 4], dtype="Int64"),
                         "e": [True, True, True, False], "g": ["a", "a", "b", "b"]})
    table = estimate_survival(data, duration="d", event="e", by="g")
    assert table.attrs == {"n": 2, "n_dropped": 2}
    assert table["group"].tolist() == ["a"]


def test_cox_recovers_simulated_hazard_ratio():
    rng = np.random.default_rng(11)
    n, log_hr = 3000, 0.7
    viral = rng.random(n) < 0.5
    t = rng.exponential(1 / (0.1 * np.exp(log_hr * viral)))
    observed = t < 30
    timelines = pd.DataFrame({"case_id": range(n), "response_days": np.minimum(t, 30),
                              "response_observed": observed})
    cases = pd.DataFrame({"case_id": range(n),
                          "surfaced_via": np.where(viral, "viral_video", "satpol_pp_raid")})
    fit = fit_response_hazard(timelines, cases)
    assert fit.n == n and fit.n_dropped == 0
    lo, hi = fit.result.conf_int()[0]
    assert lo < log_hr < hi


def test_ordered_logit_recovers_simulated_coefficients():
    rng = np.random.default_rng(3)
    n = 4000
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    latent = 1.0 * x1 - 0.5 * x2 + rng.logistic(size=n)
    y = np.digitize(latent, [-1.0, 0.5, 2.0])
    data = pd.DataFrame({"y": y, "x1": x1, "x2": x2})
    data.loc[0, "x2"] = np.nan
    fit = fit_ordered_severity(data, formula="y ~ x1 + x2")
    assert (fit.n, fit.n_dropped) == (n - 1, 1)
    for name, truth in (("x1", 1.0), ("x2", -0.5)):
        row = fit.table.loc[name]
        assert row["ci_lower"] < truth < row["ci_upper"]


def test_ordered_logit_rejects_nothing_silently():
    data = pd.DataFrame({"y": [0, 1, 2, 1, 0, 2, 1, 0] * 10, "x": np.arange(80) % 7})
    fit = fit_ordered_severity(data, formula="y ~ x")
    assert fit.n + fit.n_dropped == len(data)


@pytest.mark.parametrize("column", ["response_days", "sanction_days"])
def test_survival_on_real_timelines(column):
    from asnresearch.enforcement import build_timelines
    from asnresearch.io import load_dataset

    t = build_timelines(load_dataset())
    stage = column.split("_")[0]
    table = estimate_survival(t, duration=column, event=f"{stage}_observed")
    assert table.attrs["n"] + table.attrs["n_dropped"] == len(t)
    assert table["survival"].is_monotonic_decreasing
