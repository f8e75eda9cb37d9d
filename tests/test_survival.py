"""RMST, Turnbull and the proportional-hazards check against hand computations and
textbook identities; the Cox model's ties and small-cluster errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asnresearch.models import estimate_survival, fit_stage_hazard
from asnresearch.survival import check_proportional_hazards, estimate_rmst, estimate_turnbull

INF = float("inf")


def test_rmst_by_hand():
    # KM: S = 0.8 from day 2, 0.6 from 3, 0.3 from 5; tau = 6
    data = pd.DataFrame({"d": [2, 3, 3, 5, 8], "e": [True, True, False, True, False]})
    row = estimate_rmst(data, duration="d", event="e", tau=6).iloc[0]
    assert row["rmst"] == pytest.approx(2 * 1 + 1 * 0.8 + 2 * 0.6 + 1 * 0.3)
    # A_i (area from t_i to 6): 2.3, 1.5, 0.3; Var = sum A² d / (n (n - d))
    var = 2.3**2 / (5 * 4) + 1.5**2 / (4 * 3) + 0.3**2 / (2 * 1)
    assert row["std_error"] == pytest.approx(np.sqrt(var))
    assert row["ci_lower"] == pytest.approx(4.3 - 1.959964 * np.sqrt(var), rel=1e-6)
    assert (row["n"], row["n_events"]) == (5, 3)


def test_rmst_without_censoring_is_the_mean_of_the_truncated_times():
    # no censoring: RMST = mean of min(T, tau) and its plug-in variance is the sample
    # variance (denominator n) over n
    rng = np.random.default_rng(3)
    t = rng.integers(0, 60, 200)
    data = pd.DataFrame({"d": t, "e": True})
    row = estimate_rmst(data, duration="d", event="e", tau=30).iloc[0]
    capped = np.minimum(t, 30)
    assert row["rmst"] == pytest.approx(capped.mean())
    assert row["std_error"] == pytest.approx(np.sqrt(capped.var() / len(t)))


def test_rmst_by_group_and_beyond_follow_up():
    data = pd.DataFrame({"d": [1, 2, 5, 1, 40], "e": [True, True, False, True, False],
                         "g": ["a", "a", "a", "b", "b"]})
    table = estimate_rmst(data, duration="d", event="e", tau=10, by="g").set_index("group")
    assert np.isnan(table.loc["a", "rmst"])  # followed 5 days at most, curve above 0
    assert table.loc["a", "note"] == "tau beyond the longest follow-up"
    assert table.loc["b", "rmst"] == pytest.approx(1 + 9 * 0.5)
    # a curve that reached 0 has its area for any horizon
    ended = pd.DataFrame({"d": [1, 2], "e": [True, True]})
    assert estimate_rmst(ended, duration="d", event="e", tau=100)["rmst"].iloc[0] == 1.5


def test_turnbull_by_hand():
    # two exact on day 1, one exact on day 3, one somewhere in days 1..3:
    # p1 = (2 + p1) / 4 -> p1 = 2/3, p3 = 1/3
    data = pd.DataFrame({"lo": [1, 1, 3, 1], "hi": [1, 1, 3, 3]})
    tb = estimate_turnbull(data, lower="lo", upper="hi")
    assert tb[["left", "right"]].values.tolist() == [[1, 1], [3, 3]]
    np.testing.assert_allclose(tb["mass"], [2 / 3, 1 / 3], atol=1e-8)
    assert tb.attrs["converged"] and tb.attrs["incidence"] == pytest.approx(1)


def test_turnbull_spreads_an_interval_over_the_days_it_covers():
    # an event in days 0..10 and a case censored after day 4: the interval's mass stays
    # on one innermost interval, days 0..4, or the one beyond day 4
    data = pd.DataFrame({"lo": [0, 4, 6], "hi": [10, INF, 6]})
    tb = estimate_turnbull(data, lower="lo", upper="hi")
    assert tb["mass"].sum() == pytest.approx(1)
    assert (tb["cumulative_incidence"].diff().dropna() >= -1e-12).all()


def test_turnbull_is_kaplan_meier_for_exact_and_right_censored_times():
    rng = np.random.default_rng(5)
    days = rng.integers(0, 50, 80)
    observed = rng.random(80) < 0.6
    data = pd.DataFrame({"d": days, "e": observed, "lo": days.astype(float),
                         "hi": np.where(observed, days, INF)})
    km = estimate_survival(data, duration="d", event="e")
    tb = estimate_turnbull(data, lower="lo", upper="hi")
    finite = tb[np.isfinite(tb["right"])]
    assert finite["right"].tolist() == km["time"].tolist()
    np.testing.assert_allclose(finite["cumulative_incidence"], 1 - km["survival"], atol=1e-6)


def test_turnbull_bootstrap_is_seeded_and_brackets_the_estimate():
    rng = np.random.default_rng(1)
    lo = rng.integers(0, 20, 60).astype(float)
    hi = np.where(rng.random(60) < 0.3, INF, lo + rng.integers(0, 5, 60))
    data = pd.DataFrame({"lo": lo, "hi": hi})
    one = estimate_turnbull(data, lower="lo", upper="hi", n_boot=50, seed=2)
    two = estimate_turnbull(data, lower="lo", upper="hi", n_boot=50, seed=2)
    pd.testing.assert_frame_equal(one, two)
    lo_ci, hi_ci = one.attrs["incidence_ci"]
    assert lo_ci <= one.attrs["incidence"] <= hi_ci
    assert (one["ci_lower"] <= one["cumulative_incidence"] + 1e-9).all()


def test_turnbull_rejects_an_upper_bound_below_the_lower():
    with pytest.raises(ValueError, match="hi < lo"):
        estimate_turnbull(pd.DataFrame({"lo": [3.0], "hi": [1.0]}), lower="lo", upper="hi")


def _cox_data(n, *, crossing=False, n_clusters=None, seed=0):
    rng = np.random.default_rng(seed)
    cluster = rng.integers(0, n_clusters or n, n)
    # with clusters, the channel and a frailty are shared within a cluster (dependence)
    viral = (rng.random(n_clusters) < 0.5)[cluster] if n_clusters else rng.random(n) < 0.5
    frailty = np.exp(rng.normal(0, 1.0, n_clusters))[cluster] if n_clusters else 1.0
    if crossing:  # viral cases: fast at first, then never: the hazard ratio falls with time
        t = np.where(viral, rng.exponential(0.3, n) + 3 * (rng.random(n) < 0.5) * 10,
                     rng.exponential(2.0, n))
    else:
        t = rng.exponential(1 / (frailty * np.exp(0.5 * viral)))
    timelines = pd.DataFrame({"case_id": range(n), "response_days": t,
                              "response_observed": True})
    features = pd.DataFrame({"case_id": range(n), "cluster": cluster,
                             "channel": np.where(viral, "viral", "official_found")})
    return timelines, features


def test_proportional_hazards_check_finds_crossing_hazards():
    timelines, features = _cox_data(400, crossing=True)
    ph = check_proportional_hazards(fit_stage_hazard(timelines, features, stage="response"))
    assert ph["p_value"].iloc[0] < 0.001 and ph["n_events"].iloc[0] == 400


def test_efron_and_breslow_agree_without_ties_and_part_with_them():
    timelines, features = _cox_data(300)
    efron = fit_stage_hazard(timelines, features, stage="response")
    breslow = fit_stage_hazard(timelines, features, stage="response", ties="breslow")
    np.testing.assert_allclose(efron.table["estimate"], breslow.table["estimate"])
    tied = timelines.assign(response_days=np.floor(timelines["response_days"] * 2))
    efron = fit_stage_hazard(tied, features, stage="response")
    breslow = fit_stage_hazard(tied, features, stage="response", ties="breslow")
    # Breslow's estimate shrinks towards 0 when many times tie
    assert abs(breslow.table["estimate"].iloc[0]) < abs(efron.table["estimate"].iloc[0])


def test_cluster_jackknife_errors():
    # independent cases in 40 clusters: the jackknife is close to the model-based error
    timelines, features = _cox_data(200, seed=4)
    features["cluster"] = features["case_id"] % 40
    fit = fit_stage_hazard(timelines, features, stage="response", cluster="cluster")
    row = fit.table.iloc[0]
    assert 0.7 < row["std_error_jackknife"] / row["std_error_model"] < 1.4
    assert row["std_error"] == row["std_error_jackknife"]
    assert (row["n_clusters"], row["n_singletons"]) == (40, 0)
    # a shared channel and frailty within 20 clusters: the jackknife widens, as the
    # sandwich does
    timelines, features = _cox_data(200, n_clusters=20, seed=4)
    fit = fit_stage_hazard(timelines, features, stage="response", cluster="cluster")
    row = fit.table.iloc[0]
    assert row["std_error_jackknife"] > 1.5 * row["std_error_model"]
    # the interval uses Student's t on G - 1 degrees of freedom
    from scipy.stats import t as student

    q = student.ppf(0.975, row["n_clusters"] - 1)
    assert row["ci_upper"] - row["estimate"] == pytest.approx(q * row["std_error"])
