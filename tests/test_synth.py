"""Synthetic studies: valid in the released schema, and the models recover the known truth."""

from __future__ import annotations

import pandas as pd
import pytest

from asnresearch.enforcement import build_timelines
from asnresearch.io import load_dataset, load_headcount
from asnresearch.models import (
    build_case_features,
    fit_case_counts,
    fit_sanction_reported,
    fit_stage_hazard,
)
from asnresearch.patterns import count_province_years
from asnresearch.synth import Truth, simulate_study, write_study


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    study = simulate_study(seed=0)
    folder = write_study(study, tmp_path_factory.mktemp("synthetic"))
    return study, load_dataset(folder), load_headcount(folder)


def covers(fit, term, truth):
    row = fit.table.set_index("term").loc[term]
    return row["ci_lower"] < truth < row["ci_upper"]


def test_same_seed_same_tables():
    a, b = simulate_study(provinces=4, seed=3), simulate_study(provinces=4, seed=3)
    for name in a.tables:
        assert a.tables[name].equals(b.tables[name])
    assert not a.tables["cases"].equals(simulate_study(provinces=4, seed=4).tables["cases"])


def test_synthetic_study_passes_the_released_schema(study):
    truth_study, ds, _ = study
    assert len(ds["cases"]) == truth_study.notes["cases"] > 1000
    assert set(ds["events"]["case_id"]) <= set(ds["cases"]["case_id"])


@pytest.mark.parametrize("family", ["poisson", "negative_binomial"])
def test_count_models_recover_base_rate_and_trend(study, family):
    truth, ds, headcount = study[0].truth, study[1], study[2]
    grid = count_province_years(ds["cases"], headcount, series="synthetic")
    fit = fit_case_counts(grid, family=family)
    assert covers(fit, "I(year - 2020)", truth.trend)
    import math

    assert covers(fit, "Intercept", math.log(truth.base_rate / 1e5))


def test_logit_recovers_sanction_effects(study):
    truth, ds = study[0].truth, study[1]
    fit = fit_sanction_reported(
        build_case_features(ds),
        formula="sanction_reported ~ C(channel, Treatment('official_found')) + national_coverage")
    assert covers(fit, "Intercept", truth.sanction_intercept)
    assert covers(fit, "channel: viral", truth.sanction_viral)
    assert covers(fit, "national_coverage", truth.sanction_national)


def test_cox_recovers_response_hazard_ratio(study):
    truth, ds = study[0].truth, study[1]
    timelines = build_timelines(ds, cutoff=study[0].cutoff)
    fit = fit_stage_hazard(timelines, build_case_features(ds), stage="response")
    assert covers(fit, "channel: viral", truth.response_log_hr)


def test_truth_is_a_parameter():
    none = simulate_study(provinces=3, seed=1, truth=Truth(sanction_intercept=-50.0))
    assert not (none.tables["events"]["action"] == "sanction_imposed").any()


def test_the_generators_codes_come_from_the_codebook(tmp_path, monkeypatch):
    import yaml

    from asnresearch import codebook

    cb = codebook.load_codebook()
    codes = cb.rules["synthetic"]
    assert set(codes["misconduct_types"]) <= set(cb.codes("misconduct_type"))
    # the two surfacings are the two channels the truth's viral effect compares
    channel = cb.grouping("channel")
    assert channel[codes["viral_case"]["surfaced_via"]] == "viral"
    assert channel[codes["other_case"]["surfaced_via"]] == cb.reference_group("channel")
    stages = list(cb.stages().values())
    assert codes["response_event"]["action"] in stages[0]
    assert codes["sanction_event"]["action"] in stages[-1]
    assert cb.severity(codes["sanction_event"]["sanction_type"]) is not None
    lists = {v.name: v.code_list for t in cb.table_names for v in cb.variables(t)}
    for step in ("every_case", "every_source", "response_event", "sanction_event", "viral_case",
                 "other_case"):
        for column, code in codes[step].items():
            assert code in {*cb.codes(lists[column]), cb.raw["not_applicable"]}, (step, column)

    raw = yaml.safe_load(codebook.CODEBOOK_FILE.read_text(encoding="utf-8"))
    raw["rules"]["synthetic"]["misconduct_types"] = ["drugs"]
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(codebook, "CODEBOOK_FILE", path)
    cases = simulate_study(provinces=3, years=range(2020, 2022), seed=1).tables["cases"]
    assert set(cases["misconduct_type"]) == {"drugs"}


# The real design: in-memory replications shaped like the real data (issue 19, part 8).


@pytest.fixture(scope="module")
def shape():
    from asnresearch.synth import load_real_design

    return load_real_design()


def test_design_draws_are_seeded_and_shaped_like_the_real_data(shape):
    from asnresearch.synth import Design, simulate_design

    a, b = (simulate_design(Design(), seed=5, shape=shape) for _ in range(2))
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    samples = [simulate_design(Design(), seed=s, shape=shape) for s in range(20)]
    features = pd.concat([s["features"] for s in samples])
    assert 120 < len(features) / 20 < 160  # about 140 cases, Design's expected_cases
    assert all(s["counts"]["n"].sum() == len(s["features"]) for s in samples)
    # selection is undone by the weights: the reported cases resemble the real ones
    for column in ("official_act", "national_coverage"):
        assert features[column].mean() == pytest.approx(shape["covariates"][column].mean(),
                                                        abs=0.06)
    days = pd.concat([s["timelines"]["response_days"] for s in samples]).dropna()
    assert 0.75 < (days == 0).mean() < 0.92  # most on day 0, as in the real data
    simple = simulate_design(Design.simple(), seed=1, shape=shape)["timelines"]
    # without the day-0 mass a response comes on day 1 at the earliest (a 0 is censored)
    assert not ((simple["response_days"] == 0) & (simple["response_observed"] == 1)).any()


def test_selection_on_the_sanction_raises_its_reported_share(shape):
    from asnresearch.synth import Design, simulate_design

    def share(design):
        return pd.concat([simulate_design(design, seed=s, shape=shape)["features"]
                          for s in range(10)])["sanction_reported"].mean()

    assert share(Design(report_sanction=2.0)) > share(Design(report_sanction=0.0)) + 0.05


def test_overdispersion_test_matches_its_formula_and_picks_the_model(shape):
    import numpy as np
    from scipy.stats import norm

    from asnresearch.synth import Design, simulate_design

    counts = simulate_design(Design(province_sd=1.5), seed=2, shape=shape)["counts"]
    fit = fit_case_counts(counts)
    y, mu = counts["n"].to_numpy(float), fit.result.mu
    z = np.sum((y - mu) ** 2 - y) / np.sqrt(2 * np.sum(mu ** 2))
    test = fit.table.attrs["overdispersion"]
    assert test["statistic"] == pytest.approx(z)
    assert test["p_value"] == pytest.approx(norm.sf(z)) and test["p_value"] < 0.05
    poisson = simulate_design(Design.simple(), seed=2, shape=shape)["counts"]
    assert fit_case_counts(poisson).table.attrs["overdispersion"]["p_value"] > 0.05


def test_fit_design_rows_and_the_counts_rule(shape):
    from asnresearch.synth import Design, fit_design, simulate_design

    design = Design()
    rows = fit_design(simulate_design(design, seed=3, shape=shape), design)
    assert set(rows["model"]) == {"counts (Poisson)", "counts (test, then choose)",
                                  "sanction logit", "response Cox", "response Cox after day 0"}
    # the truth is set for each predictor of the real sanction model
    from patsy import ModelDesc

    from asnresearch.models import SANCTION_LOGIT_FORMULA

    rhs = ModelDesc.from_formula(SANCTION_LOGIT_FORMULA).rhs_termlist
    predictors = {t.name() for t in rhs} - {"Intercept"}
    assert set(rows.loc[rows["model"] == "sanction logit", "parameter"]) == predictors
    rule = rows[rows["model"] == "counts (test, then choose)"].iloc[0]
    expected = "negative_binomial" if rule["overdispersion_p"] < 0.05 else "poisson"
    assert rule["picked"] == expected
    ok = rows[~rows["failed"]]
    inside = (ok["ci_lower"] < ok["truth"]) & (ok["truth"] < ok["ci_upper"])
    assert (ok["covered"] == inside).all()
    assert (ok["rejected"] == (ok["p_value"] < 0.05)).all()


def test_a_failed_fit_is_a_miss_not_a_gap(shape):
    from asnresearch.synth import Design, fit_design, simulate_design, summarise_replications

    design = Design()
    sample = simulate_design(design, seed=4, shape=shape)
    sample["features"]["sanction_reported"] = False  # no sanction: the logit cannot fit
    rows = fit_design(sample, design)
    logit = rows[rows["model"] == "sanction logit"]
    assert len(logit) == 3 and logit["failed"].all()
    assert not logit["covered"].any() and not logit["rejected"].any()
    summary = summarise_replications(rows)
    assert (summary.loc["sanction logit", "coverage"] == 0).all()
    assert (summary.loc["sanction logit", "reps"] == 1).all()


def test_day0_mass_biases_the_cox_model_and_the_fit_after_day_0_recovers_the_truth(shape):
    from asnresearch.synth import Design, fit_design, simulate_design

    # many cases, no frailty (a frailty makes the marginal hazard ratio smaller than the truth)
    # and no viral responses on day 0: the official-act channels' day-0 mass alone
    design = Design(expected_cases=4000, response_province_sd=0.0, day0_viral=0.0)
    rows = fit_design(simulate_design(design, seed=6, shape=shape), design).set_index("model")
    assert not rows.loc["response Cox", "covered"]
    assert rows.loc["response Cox after day 0", "covered"]


def test_summary_has_monte_carlo_errors():
    from asnresearch.synth import summarise_replications

    runs = pd.DataFrame({"model": "m", "parameter": "b", "truth": 0.0,
                         "estimate": [0.1, -0.1, 0.2, 0.0], "failed": False,
                         "covered": [True, True, True, False],
                         "rejected": [False, False, True, False], "design": "d"})
    row = summarise_replications(runs, by=["design"]).iloc[0]
    assert row["coverage"] == 0.75
    assert row["coverage_mcse"] == pytest.approx((0.75 * 0.25 / 4) ** 0.5)
    assert row["power_mcse"] == pytest.approx((0.25 * 0.75 / 4) ** 0.5)
    assert row["bias"] == pytest.approx(0.05)
