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
        formula="sanction_reported ~ C(channel, Treatment('inspection')) + national_coverage")
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
