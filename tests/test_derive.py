"""Derived columns against hand-checked values (mini fixture) and independent pandas
computations (bundled data)."""

from __future__ import annotations

import pandas as pd
import pytest

from asnresearch.codebook import load_codebook
from asnresearch.derive import derive_cases, find_start_dates
from asnresearch.io import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_mini_dataset_by_hand(mini_data):
    derived = derive_cases(load_dataset(mini_data)).set_index("case_id")
    one, two = derived.loc["ASN-2025-0001"], derived.loc["ASN-2025-0002"]
    # 0001: month-precise incident, no time; an investigation ordered; clock from the report
    assert (one["incident_year"], one["incident_month"]) == ("2025", "2025-12")
    assert (one["channel"], one["misconduct_group"], one["level_group"]) == (
        "viral", "work_discipline", "local")
    assert one["working_time"] == "unknown" and one["regime"] == "pp94"
    assert one["reached_response"] and not one["reached_sanction"]
    assert one["start_basis"] == "first_report"
    assert one["start_date"] == pd.Timestamp("2025-12-23")
    # 0002: Friday 11 April 2025 at 09.00 is working time; a written reprimand imposed
    assert two["working_time"] == "yes"
    assert two["reached_sanction"] and two["stage_reached"] == "sanction"
    assert two["start_basis"] == "surfaced_date"
    assert not derived["national_coverage"].any()  # both outlets are local


def test_stages_reached_equal_an_independent_computation(dataset):
    cb = load_codebook()
    cases, events = dataset["cases"], dataset["events"]
    derived = derive_cases(dataset)
    assert list(derived["case_id"]) == list(cases["case_id"])
    furthest = pd.Series(cb.rules["start"]["code"], index=cases["case_id"])
    for stage, actions in cb.stages().items():
        ids = set(events.loc[events["action"].isin(actions), "case_id"])
        expected = cases["case_id"].isin(ids).to_numpy()
        assert (derived[f"reached_{stage}"].to_numpy() == expected).all(), stage
        furthest[expected] = stage
    assert list(derived["stage_reached"]) == list(furthest)


def test_groupings_coverage_and_regime_equal_an_independent_computation(dataset):
    cb = load_codebook()
    cases, sources = dataset["cases"], dataset["sources"]
    derived = derive_cases(dataset)
    for name in ("channel", "misconduct_group", "level_group"):
        column = cb.grouped_column(name)
        expected = [next((g for g, codes in cb.raw["groupings"][name]["groups"].items()
                          if str(code) in codes), None) for code in cases[column]]
        got = [None if pd.isna(g) else g for g in derived[name]]
        assert got == expected, name
    national = set(sources.loc[sources["outlet_scale"] == "national", "case_id"])
    assert list(derived["national_coverage"]) == [c in national for c in cases["case_id"]]
    date = cases["incident_date"]
    # PP 53/2010 took effect on 6 June 2010; earlier breaches fall under neither regime coded
    expected = ["unknown" if pd.isna(d) or d < pd.Timestamp("2010-06-06")
                else "pp94" if d >= pd.Timestamp("2021-08-31") else "pp53" for d in date]
    assert list(derived["regime"]) == expected


def test_working_time_follows_the_stated_time(dataset):
    cases = dataset["cases"]
    derived = derive_cases(dataset)
    timed = (cases["incident_date_precision"].astype(str) == "day") & (
        cases["incident_time"].astype(str) != "unknown")
    assert (derived.loc[~timed.to_numpy(), "working_time"] == "unknown").all()
    assert set(derived.loc[timed.to_numpy(), "working_time"]) <= {"yes", "no"}
    # on a weekday, 03.00 is never working time
    night = timed & cases["incident_time"].astype(str).str.startswith("0")
    night &= cases["incident_time"].astype(str) < "07.00"
    assert (derived.loc[night.to_numpy(), "working_time"] == "no").all()


def test_start_dates_fall_back_in_order(dataset):
    cases, sources = dataset["cases"], dataset["sources"]
    starts = find_start_dates(dataset).set_index("case_id")
    day = sources[sources["published_date_precision"] == "day"]
    first_report = day.groupby("case_id")["published_date"].min()
    for case in cases.itertuples(index=False):
        # the incident date is never the origin
        if case.surfaced_date_precision == "day":
            expected, basis = case.surfaced_date, "surfaced_date"
        elif case.case_id in first_report.index:
            expected, basis = first_report[case.case_id], "first_report"
        else:
            expected, basis = pd.NaT, "none"
        got = starts.loc[case.case_id]
        assert got["start_basis"] == basis
        assert (pd.isna(got["start_date"]) and pd.isna(expected)) or got["start_date"] == expected
        report = first_report.get(case.case_id, pd.NaT)
        assert (pd.isna(got["first_report_date"]) and pd.isna(report)) or (
            got["first_report_date"] == report)


def test_final_outcome_follows_the_codebooks_final_actions():
    """A case has a final outcome when one of its events is a final action; recomputed from
    the events, and a case with a sanction always has one."""
    from asnresearch.codebook import load_codebook
    from asnresearch.derive import derive_cases
    from asnresearch.io import load_dataset

    ds = load_dataset()
    final = load_codebook().rules["final_actions"]
    derived = derive_cases(ds)
    expected = set(ds["events"].loc[ds["events"]["action"].isin(final), "case_id"])
    assert set(derived.loc[derived["final_outcome"], "case_id"]) == expected
    assert (derived["final_outcome"] >= derived["reached_sanction"]).all()
