"""Model wrappers against independent computations and simulated truths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asnresearch.models import (
    TABLE_COLUMNS,
    build_case_features,
    estimate_survival,
    fit_case_counts,
    fit_firth_logit,
    fit_sanction_reported,
    fit_stage_hazard,
)


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


def simulate_cox(n=3000, log_hr=0.7, n_clusters=None, seed=11):
    """Exponential times with a known log hazard ratio for viral cases; optionally a shared
    frailty and a shared channel per cluster, so that cases in one cluster are dependent."""
    rng = np.random.default_rng(seed)
    if n_clusters:
        cluster = rng.integers(0, n_clusters, n)
        viral = (rng.random(n_clusters) < 0.5)[cluster]
        frailty = np.exp(rng.normal(0, 1.0, n_clusters))[cluster]
    else:
        cluster, viral, frailty = np.zeros(n, int), rng.random(n) < 0.5, 1.0
    t = rng.exponential(1 / (0.1 * frailty * np.exp(log_hr * viral)))
    timelines = pd.DataFrame({"case_id": range(n), "sanction_days": np.minimum(t, 30),
                              "sanction_observed": t < 30})
    features = pd.DataFrame({"case_id": range(n), "cluster": cluster,
                             "channel": np.where(viral, "viral", "official_found")})
    return timelines, features


def test_cox_recovers_simulated_hazard_ratio():
    timelines, features = simulate_cox()
    fit = fit_stage_hazard(timelines, features, stage="sanction")
    assert fit.n == 3000 and fit.n_dropped == 0
    lo, hi = fit.result.conf_int()[0]
    assert lo < 0.7 < hi


def test_cox_cluster_robust_errors_widen_under_dependence():
    timelines, features = simulate_cox(n=2000, n_clusters=30)
    naive = fit_stage_hazard(timelines, features, stage="sanction")
    robust = fit_stage_hazard(timelines, features, stage="sanction", cluster="cluster")
    np.testing.assert_allclose(robust.result.params, naive.result.params)
    assert robust.result.bse[0] > 2 * naive.result.bse[0]


def test_cox_table_is_the_tidy_shape_on_the_log_scale():
    timelines, features = simulate_cox(n=500)
    fit = fit_stage_hazard(timelines, features, stage="sanction")
    row = fit.table.set_index("term").loc["channel: viral"]
    hr = fit.result.summary().tables[1].iloc[0]  # statsmodels' own table: HR and its interval
    assert row["n"] == 500 and row["p_value"] == pytest.approx(hr["P>|t|"])
    assert (row["estimate"], row["std_error"]) == (hr["log HR"], hr["log HR SE"])
    assert np.exp([row["ci_lower"], row["ci_upper"]]) == pytest.approx(
        [hr["[0.025"], hr["0.975]"]])
    assert row["hazard_ratio"] == pytest.approx(hr["HR"])


def test_case_features_match_an_independent_computation():
    from asnresearch.io import load_dataset

    ds = load_dataset()
    features = build_case_features(ds).set_index("case_id")
    cases, sources, events = ds["cases"], ds["sources"], ds["events"]
    national = sources.groupby("case_id")["outlet_scale"].apply(
        lambda s: int((s.astype(str) == "national").any()))
    assert features["national_coverage"].equals(national.reindex(features.index))
    sanctioned = set(events.loc[events["action"] == "sanction_imposed", "case_id"])
    assert features["sanction_reported"].to_dict() == {c: c in sanctioned for c in features.index}
    assert features["channel"].notna().all() and features["misconduct_group"].notna().all()
    unknown_level = cases.set_index("case_id")["government_level"].astype(str) == "unknown"
    assert features["level_group"].isna().equals(unknown_level)


@pytest.mark.parametrize("column", ["response_days", "sanction_days"])
def test_survival_on_real_timelines(column):
    from asnresearch.enforcement import build_timelines
    from asnresearch.io import load_dataset

    t = build_timelines(load_dataset())
    stage = column.split("_")[0]
    table = estimate_survival(t, duration=column, event=f"{stage}_observed")
    assert table.attrs["n"] + table.attrs["n_dropped"] == len(t)
    assert table["survival"].is_monotonic_decreasing


def _counts(n):
    years = np.tile([2019, 2020, 2021, 2022], len(n) // 4)
    return pd.DataFrame({"n": n, "year": years, "headcount": 10_000})


def test_negative_binomial_without_overdispersion_is_the_poisson_fit():
    # counts closer together than Poisson: the NB2 score for alpha at 0, ½Σ[(y-mu)²-y], is
    # negative, so alpha = 0 and the rows are the Poisson fit's, with finite errors
    from asnresearch.models import fit_case_counts

    counts = _counts([10, 11, 12, 13, 11, 12, 13, 14, 9, 10, 11, 12])
    poisson = fit_case_counts(counts, family="poisson")
    with pytest.warns(RuntimeWarning, match="no over-dispersion"):
        negbin = fit_case_counts(counts, family="negative_binomial")
    alpha = negbin.table.set_index("term").loc["alpha"]
    assert alpha["estimate"] == 0
    assert alpha[["std_error", "ci_lower", "ci_upper", "p_value", "irr"]].isna().all()
    rates = negbin.table[negbin.table["term"] != "alpha"]
    pd.testing.assert_frame_equal(rates, poisson.table)
    assert rates["std_error"].notna().all()


def test_negative_binomial_with_overdispersion_estimates_alpha():
    from asnresearch.models import fit_case_counts

    counts = _counts([1, 30, 4, 60, 2, 45, 3, 80, 0, 25, 9, 70])
    negbin = fit_case_counts(counts, family="negative_binomial")
    alpha = negbin.table.set_index("term").loc["alpha"]
    assert alpha["estimate"] > 0.1
    assert alpha["ci_lower"] < alpha["estimate"] < alpha["ci_upper"]
    assert negbin.table["std_error"].notna().all()


def test_every_fit_returns_the_same_tidy_table():
    rng = np.random.default_rng(2)
    timelines, features = simulate_cox(n=300)
    features = features.assign(
        sanction_reported=rng.random(300) < 0.4, national_coverage=rng.integers(0, 2, 300))
    fits = [
        ("hazard_ratio", fit_stage_hazard(timelines, features, stage="sanction")),
        ("odds_ratio", fit_sanction_reported(
            features, formula="sanction_reported ~ national_coverage")),
        ("irr", fit_case_counts(_counts([1, 30, 4, 60, 2, 45, 3, 80, 0, 25, 9, 70]),
                                family="negative_binomial")),
        ("odds_ratio", fit_firth_logit(features,
                                       formula="sanction_reported ~ national_coverage")),
    ]
    for extra, fit in fits:
        table = fit.table
        assert list(table.columns) == list(TABLE_COLUMNS) + ([extra] if extra else [])
        assert table["term"].is_unique and (table["n"] == fit.n).all()
        assert (table["ci_lower"] < table["estimate"]).all()
        assert (table["estimate"] < table["ci_upper"]).all()
        assert table["p_value"].between(0, 1).all()
        if extra:
            rows = table["term"] != "alpha"
            assert np.allclose(table.loc[rows, extra], np.exp(table.loc[rows, "estimate"]))


@pytest.mark.parametrize("by", [None, "g"])
def test_kaplan_meier_without_usable_rows_is_an_empty_table(by):
    data = pd.DataFrame({"d": [np.nan, -1.0], "e": [True, True], "g": ["a", "b"]})
    table = estimate_survival(data, duration="d", event="e", by=by)
    assert len(table) == 0 and "survival" in table
    assert (table.attrs["n"], table.attrs["n_dropped"]) == (0, 2)
