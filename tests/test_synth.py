"""Synthetic studies: valid in the released schema, and the models recover the known truth."""

from __future__ import annotations

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


def covers(row, truth):
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
    assert covers(fit.table.loc["I(year - 2020)"], truth.trend)
    import math

    assert covers(fit.table.loc["Intercept"], math.log(truth.base_rate / 1e5))


def test_logit_recovers_sanction_effects(study):
    truth, ds = study[0].truth, study[1]
    fit = fit_sanction_reported(
        build_case_features(ds),
        formula="sanction_reported ~ C(channel, Treatment('inspection')) + national_coverage")
    assert covers(fit.table.loc["Intercept"], truth.sanction_intercept)
    assert covers(fit.table.loc["channel: viral"], truth.sanction_viral)
    assert covers(fit.table.loc["national_coverage"], truth.sanction_national)


def test_cox_recovers_response_hazard_ratio(study):
    truth, ds = study[0].truth, study[1]
    timelines = build_timelines(ds, cutoff=study[0].cutoff)
    fit = fit_stage_hazard(timelines, build_case_features(ds), stage="response")
    lo, hi = fit.result.conf_int()[0]
    assert lo < truth.response_log_hr < hi


def test_truth_is_a_parameter():
    none = simulate_study(provinces=3, seed=1, truth=Truth(sanction_intercept=-50.0))
    assert not (none.tables["events"]["action"] == "sanction_imposed").any()
