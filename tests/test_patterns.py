"""Pattern functions against independent pandas computations and hand-checked values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asnresearch.codebook import load_codebook
from asnresearch.io import load_cases, load_headcount
from asnresearch.patterns import (
    calendar_profile,
    count_cases,
    count_province_years,
    poisson_interval,
    rate_per_asn,
    surfacing_mix,
    tag_calendar,
    wilson_interval,
)


@pytest.fixture(scope="module")
def cases():
    return load_cases()


@pytest.mark.parametrize("by", ["misconduct_type", "surfaced_via", "province_code",
                                "government_level", "agency_type"])
def test_counts_equal_a_groupby(cases, by):
    out = count_cases(cases, by=by).set_index(by)
    expected = cases.groupby(by, observed=False).size()
    expected.index = expected.index.astype(str)
    assert out["n"].to_dict() == expected.to_dict()
    assert out["share"].sum() == pytest.approx(1.0)


def test_mix_over_time_equals_a_groupby_within_year(cases):
    out = count_cases(cases, by=["incident_year", "misconduct_group"], within="incident_year")
    grouping = load_codebook().grouping("misconduct_group")
    year = cases["incident_date"].dt.year.astype("Int64").astype("string").fillna("unknown")
    group = cases["misconduct_type"].astype(str).map(grouping)
    expected = pd.crosstab(year, group)
    for row in out.itertuples():
        assert row.n == expected.loc[row.incident_year, row.misconduct_group]
        assert row.share == pytest.approx(row.n / expected.loc[row.incident_year].sum())


def test_surfacing_mix_grouped_equals_a_groupby(cases):
    out = surfacing_mix(cases, grouped=True).set_index("channel")["n"]
    grouping = load_codebook().grouping("channel")
    expected = cases["surfaced_via"].astype(str).map(grouping).value_counts()
    assert out.to_dict() == expected.reindex(out.index, fill_value=0).to_dict()


def test_wilson_interval_matches_the_textbook_value():
    # Newcombe (1998), example: 81 of 263 -> 0.2553 to 0.3662
    lo, hi = wilson_interval(81, 263)
    assert (round(float(lo), 4), round(float(hi), 4)) == (0.2553, 0.3662)
    assert tuple(map(float, wilson_interval(0, 0))) == (0.0, 1.0)


def test_poisson_interval_matches_tabulated_garwood_limits():
    lo, hi = poisson_interval(np.array([0, 1, 10]))
    np.testing.assert_allclose(lo, [0.0, 0.0253, 4.7954], atol=1e-4)
    np.testing.assert_allclose(hi, [3.6889, 5.5716, 18.3904], atol=1e-4)


def test_calendar_tags_by_hand():
    cases = pd.DataFrame({
        "case_id": ["a", "b", "c", "d", "e"],
        "incident_date": pd.to_datetime(["2025-04-08", "2025-12-19", "2025-03-10",
                                         "2025-04-11", "2025-06-01"]),
        "incident_date_precision": ["day", "day", "day", "day", "month"],
        "incident_time": ["09.00", "12.00", "07.45", "unknown", "unknown"],
    })
    tags = tag_calendar(cases).set_index("case_id")
    assert tags.attrs["n_undated"] == 1
    # 8 April 2025: first working day after the Idul Fitri break (31 Mar - 7 Apr)
    assert tags.loc["a", "after_lebaran"] and tags.loc["a", "after_long_break"]
    assert tags.loc["a", "working_time"] == "yes"
    assert tags.loc["b", "weekday"] == "Friday" and tags.loc["b", "working_time"] == "no"
    assert tags.loc["c", "ramadan"] and tags.loc["c", "working_time"] == "no"  # 08.00 start
    assert not tags.loc["d", "after_long_break"] and tags.loc["d", "working_time"] == "unknown"


def test_calendar_profile_counts_equal_a_groupby(cases):
    out = calendar_profile(cases, by="weekday").set_index("weekday")["n"]
    dated = cases[cases["incident_date_precision"] == "day"]
    expected = dated["incident_date"].dt.day_name().value_counts()
    assert out.to_dict() == expected.reindex(out.index, fill_value=0).to_dict()
    assert out.sum() + calendar_profile(cases, by="weekday").attrs["n_left_out"] == len(cases)


def test_calendar_profile_rejects_an_unknown_facet(cases):
    with pytest.raises(ValueError, match="by must be one of"):
        calendar_profile(cases, by="moon_phase")


def test_rates_only_where_a_headcount_exists_and_the_rest_is_counted(cases):
    headcount = load_headcount()
    rates = rate_per_asn(cases, headcount, series="BKN semester I 2023")
    assert rates.loc[~rates["has_denominator"], "rate"].isna().all()
    assert rates.attrs["cases_without_denominator"] == len(cases) - int(
        rates.loc[rates["has_denominator"], "n"].sum())
    row = rates[rates["province_code"] == "35"].iloc[0]
    pns = headcount.query("area_code == '35' and series == 'BKN semester I 2023'")["count"]
    n = int((cases["province_code"] == "35").sum())
    assert row["rate"] == pytest.approx(n / int(pns.iloc[0]) * 100_000)
    assert row["ci_lower"] < row["rate"] < row["ci_upper"]


def test_province_year_grid_keeps_zero_years():
    cases = pd.DataFrame({"incident_date": pd.to_datetime(["2020-05-01", "2022-01-01", None]),
                          "province_code": ["35", "35", "35"]})
    headcount = pd.DataFrame({"area_code": ["35", "33"], "year": [2023, 2023],
                              "staff": ["pns", "pns"], "series": ["S", "S"],
                              "count": [1000, 2000]})
    grid = count_province_years(cases, headcount, series="S")
    assert len(grid) == 2 * 3 and grid["n"].sum() == 2
    assert grid.attrs == {"n_counted": 2, "n_left_out": 1}
    assert grid.query("province_code == '35' and year == 2021")["n"].item() == 0


def test_count_cases_names_what_it_cannot_count(cases):
    with pytest.raises(KeyError, match="not a column of cases"):
        count_cases(cases, by="shoe_size")
