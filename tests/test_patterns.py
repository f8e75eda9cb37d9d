"""Pattern functions against independent pandas computations and hand-checked values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asnresearch.codebook import load_codebook
from asnresearch.io import load_cases, load_headcount
from asnresearch.patterns import (
    assess_homogeneity,
    calendar_profile,
    compare_with_calendar,
    compare_with_official,
    compute_funnel_limits,
    count_cases,
    count_province_years,
    estimate_capture,
    poisson_binomial_test,
    poisson_interval,
    rate_per_asn,
    select_found_by,
    select_rate_cases,
    shrink_rates,
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
    profile = calendar_profile(cases, by="weekday")
    out = profile.set_index("weekday")["n"]
    kept = cases["found_by"].isin(load_codebook().rules["default_found_by"])
    dated = cases[kept & (cases["incident_date_precision"] == "day")]
    expected = dated["incident_date"].dt.day_name().value_counts()
    assert out.to_dict() == expected.reindex(out.index, fill_value=0).to_dict()
    assert out.sum() + profile.attrs["n_left_out"] == len(cases)
    assert profile.attrs["n_not_found_by"] == int((~kept).sum()) > 0
    every = calendar_profile(cases, by="weekday", found_by=load_codebook().codes("found_by"))
    assert every.attrs["n_not_found_by"] == 0 and every["n"].sum() > out.sum()


def test_calendar_profile_rejects_an_unknown_facet(cases):
    with pytest.raises(ValueError, match="by must be one of"):
        calendar_profile(cases, by="moon_phase")


def test_rates_only_where_a_headcount_exists_and_the_rest_is_counted(cases):
    headcount = load_headcount()
    rates = rate_per_asn(cases, headcount, series="BKN semester I 2023")
    assert rates.loc[~rates["has_denominator"], "rate"].isna().all()
    counted = select_rate_cases(cases)
    assert rates.attrs["cases_without_denominator"] == len(counted) - int(
        rates.loc[rates["has_denominator"], "n"].sum())
    # person-years: the one 2023 figure for each year from the first to the last incident year
    years = cases["incident_date"].dt.year
    span = int(years.max() - years.min() + 1)
    row = rates[rates["province_code"] == "35"].iloc[0]
    pns = headcount.query("area_code == '35' and series == 'BKN semester I 2023' "
                          "and staff == 'pns'")["count"].item()
    n = int((counted["province_code"] == "35").sum())
    assert row["person_years"] == pns * span
    assert row["rate"] == pytest.approx(n / (pns * span) * 100_000)
    assert row["ci_lower"] < row["rate"] < row["ci_upper"]
    national = rates.attrs["national_rate"]
    assert row["expected"] == pytest.approx(national * pns * span / 100_000)


def test_rates_count_the_staff_of_the_headcount_and_the_systematic_search_by_default(cases):
    cb = load_codebook()
    regional = [s for s in cb.rules["rate_staff"]
                if "central" not in cb.rules["rate_staff"][s]["levels"]][0]
    kept = select_rate_cases(cases, staff=regional)
    assert set(kept["government_level"].astype(str)) <= set(
        cb.rules["rate_staff"][regional]["levels"])
    assert set(kept["found_by"].astype(str)) == set(cb.rules["default_found_by"])
    assert len(kept) + kept.attrs["n_not_found_by"] + kept.attrs["n_other_staff"] == len(cases)
    everything = rate_per_asn(cases, load_headcount(), found_by=cb.codes("found_by"))
    default = rate_per_asn(cases, load_headcount())
    assert everything.attrs["n_not_found_by"] == 0
    assert default.attrs["n_not_found_by"] == int(
        (~cases["found_by"].astype(str).isin(cb.rules["default_found_by"])).sum())
    # every province of the series is listed, those without a counted case with n = 0
    assert default["has_denominator"].sum() == 38 and (default["n"] == 0).any()
    with pytest.raises(ValueError, match="staff must be one of"):
        rate_per_asn(cases, load_headcount(), staff="honorer")


def _rates(n, person_years, per=100_000):
    rates = pd.DataFrame({"province_code": [str(i) for i in range(len(n))], "n": n,
                          "person_years": person_years, "has_denominator": True})
    total = sum(n) / sum(person_years)
    rates["expected"] = [total * e for e in person_years]
    rates["rate"] = [k / e * per for k, e in zip(n, person_years)]
    rates.attrs = {"per": per, "national_rate": total * per}
    return rates


def test_homogeneity_statistic_matches_a_hand_computation():
    rates = _rates([1, 9, 5], [100, 100, 200])
    # national 15/400; expected 3.75, 3.75, 7.5
    hand = (1 - 3.75) ** 2 / 3.75 + (9 - 3.75) ** 2 / 3.75 + (5 - 7.5) ** 2 / 7.5
    result = assess_homogeneity(rates)
    assert result["statistic"] == pytest.approx(hand)
    assert result["df"] == 2 and result["n_cases"] == 15 and result["n_provinces"] == 3
    from scipy.stats import chi2

    assert result["p_value"] == pytest.approx(chi2.sf(hand, 2))
    assert abs(result["p_value_mc"] - result["p_value"]) < 0.03
    assert assess_homogeneity(_rates([5, 5], [100, 100]))["p_value"] == pytest.approx(1.0)


def test_shrunk_rates_follow_the_method_of_moments_and_the_gamma_posterior():
    from scipy.stats import gamma

    rates = _rates([0, 2, 4, 30], [1e5, 1e5, 2e5, 2e5])
    shrunk = shrink_rates(rates)
    exposure = np.array([1.0, 1.0, 2.0, 2.0])
    n = np.array([0, 2, 4, 30])
    m = n.sum() / exposure.sum()
    s2 = np.sum(exposure * (n / exposure - m) ** 2) / exposure.sum()
    v = s2 - m / exposure.mean()
    a, b = m * m / v, m / v
    assert shrunk["shrunk_rate"].to_numpy() == pytest.approx((a + n) / (b + exposure))
    assert shrunk["shrunk_upper"].to_numpy() == pytest.approx(
        gamma.ppf(0.975, a + n, scale=1 / (b + exposure)))
    raw = n / exposure
    assert (np.abs(shrunk["shrunk_rate"] - m) <= np.abs(raw - m) + 1e-12).all()  # towards m
    assert shrunk.attrs["prior_mean"] == pytest.approx(m)
    assert shrunk["rank_lower"].iloc[-1] == 1  # the clear outlier ranks first
    assert (shrunk["rank_lower"] <= shrunk["rank_upper"]).all()
    # no variation beyond Poisson noise: every rate shrinks to the national one
    flat = shrink_rates(_rates([3, 3, 3], [1e5, 1e5, 1e5]))
    assert flat["shrunk_rate"].to_numpy() == pytest.approx([3.0, 3.0, 3.0])
    assert flat.attrs["prior_sd"] == 0


def test_funnel_limits_hold_the_stated_share_of_poisson_counts():
    from scipy.stats import poisson

    limits = compute_funnel_limits(5.0, [1e5, 1e6], per=100_000)
    for i, mu in enumerate([5.0, 50.0]):
        exposure = limits["exposure"].iloc[i] / 100_000
        for side, p in (("high", 0.975), ("low", 0.025)):
            count = limits[f"{side}_0.95"].iloc[i] * exposure  # the limit as a count
            r = poisson.ppf(p, mu)  # the interpolated limit lies in (r - 1, r]
            assert r - 1 < count <= r
        assert limits["low_0.95"].iloc[i] < 5.0 < limits["high_0.95"].iloc[i]
    assert (limits["high_0.998"] > limits["high_0.95"]).all()
    assert (limits["low_0.998"] <= limits["low_0.95"]).all()
    # wider at small exposure (the funnel)
    assert limits["high_0.95"].iloc[0] > limits["high_0.95"].iloc[1]


def test_province_year_grid_keeps_zero_years():
    cb = load_codebook()
    found = cb.rules["default_found_by"][0]
    levels = cb.rules["rate_staff"]["pns"]["levels"]
    status = cb.rules["rate_staff"]["pns"]["statuses"][0]
    cases = pd.DataFrame({"incident_date": pd.to_datetime(["2020-05-01", "2022-01-01", None]),
                          "province_code": ["35", "35", "35"], "found_by": found,
                          "government_level": levels[0], "asn_status": status})
    headcount = pd.DataFrame({"area_code": ["35", "33", "33"], "year": [2023, 2022, 2020],
                              "staff": ["pns"] * 3, "series": ["S"] * 3,
                              "count": [1000, 2000, 1500], "source_url": ["u"] * 3})
    grid = count_province_years(cases, headcount, series="S")
    assert len(grid) == 2 * 3 and grid["n"].sum() == 2
    assert grid.attrs == {"n_counted": 2, "n_left_out": 1, "n_not_found_by": 0,
                          "n_other_staff": 0, "n_no_year_or_headcount": 1}
    assert grid.query("province_code == '35' and year == 2021")["n"].item() == 0
    # each year takes the nearest year's figure, the later one on a tie (2021: 2022)
    fig = grid.set_index(["province_code", "year"])["headcount"]
    assert [fig[("33", y)] for y in (2020, 2021, 2022)] == [1500, 2000, 2000]


def test_count_cases_names_what_it_cannot_count(cases):
    with pytest.raises(KeyError, match="not a column of cases"):
        count_cases(cases, by="shoe_size")


# ------------------------------------------------------------ calendar null and official figures


def test_poisson_binomial_test_equals_the_binomial_test_and_brute_force():
    from itertools import product

    from scipy.stats import binomtest

    for k in (0, 7, 50, 73):
        assert poisson_binomial_test(k, [0.6] * 73) == pytest.approx(
            binomtest(k, 73, 0.6).pvalue, rel=1e-9)
    p = [0.1, 0.3, 0.5, 0.8]
    pmf = np.zeros(5)
    for draw in product([0, 1], repeat=4):
        pmf[sum(draw)] += np.prod([q if d else 1 - q for q, d in zip(p, draw)])
    for k in range(5):
        assert poisson_binomial_test(k, p) == pytest.approx(pmf[pmf <= pmf[k] + 1e-12].sum())
    with pytest.raises(ValueError, match="k must be between 0 and 4"):
        poisson_binomial_test(5, p)


def _dated(dates, channels):
    n = len(dates)
    return pd.DataFrame({
        "case_id": [f"c{i}" for i in range(n)], "incident_date": pd.to_datetime(dates),
        "incident_date_precision": ["day"] * n, "surfaced_via": channels,
        "misconduct_type": ["absence_truancy"] * n, "government_level": ["regency"] * n,
        "found_by": [load_codebook().rules["default_found_by"][0]] * n,
        "incident_time": ["unknown"] * n, "surfaced_date": pd.NaT,
        "surfaced_date_precision": ["unknown"] * n})


def test_calendar_expectation_is_the_share_of_the_years_working_days():
    from asnresearch.regulation import is_working_day

    # 2025-04-08: first working day after Lebaran; 2025-06-01: a Sunday, off; 2023-01-02: Monday
    grouping = load_codebook().grouping("channel")
    sidak = next(c for c, g in grouping.items() if g == "official_found")
    video = next(c for c, g in grouping.items() if g == "viral")
    cases = _dated(["2025-04-08", "2025-06-01", "2023-01-02", "2025-01-07"],
                   [sidak, sidak, video, video])
    out = compare_with_calendar(cases, by="weekday")
    assert out.attrs["n"] == 3 and out.attrs["n_day_off"] == 1 and out.attrs["n_undated"] == 0

    def share_of_mondays(year):
        days = pd.date_range(f"{year}-01-01", f"{year}-12-31")
        work = [d for d in days if is_working_day(d.date())]
        return sum(d.weekday() == 0 for d in work) / len(work)

    monday = out.set_index(["group", "class"]).loc[("all", "Monday")]
    assert monday["observed"] == 1
    assert monday["expected"] == pytest.approx(2 * share_of_mondays(2025) + share_of_mondays(2023))
    assert set(out["group"]) == {"all", "viral", "official_found"}
    assert (out["p_holm"] >= out["p_value"] - 1e-12).all() and out.attrs["n_tests"] == len(out)
    lebaran = compare_with_calendar(cases, by="after_lebaran").set_index("group")
    assert lebaran.loc["official_found", "observed"] == 1 and lebaran.loc["viral", "observed"] == 0


def test_calendar_placebo_uses_the_first_day_precise_report(cases):
    ds_sources = pd.DataFrame({
        "case_id": ["c0", "c0", "c1"],
        "published_date": pd.to_datetime(["2025-04-10", "2025-04-09", "2025-04-14"]),
        "published_date_precision": ["day", "day", "month"]})
    code = next(iter(load_codebook().grouping("channel")))
    placebo = compare_with_calendar(_dated(["2025-04-08", "2025-04-08"], [code, code]),
                                    sources=ds_sources)
    assert placebo.attrs["dates"] == "first_report" and placebo.attrs["n_undated"] == 1
    row = placebo.set_index(["group", "class"]).loc[("all", "Wednesday")]  # 9 April 2025
    assert row["observed"] == 1 and row["n"] == 1


def test_calendar_tests_default_to_systematically_found_cases(cases):
    kept = select_found_by(cases)
    assert set(kept["found_by"].astype(str)) == set(load_codebook().rules["default_found_by"])
    out = compare_with_calendar(cases, by="after_long_break")
    assert out.attrs["n_not_found_by"] == len(cases) - len(kept)
    with pytest.raises(ValueError, match="not in the codebook's found_by codes"):
        select_found_by(cases, found_by="by_luck")
    with pytest.raises(ValueError, match="by must be one of"):
        compare_with_calendar(cases, by="moon_phase")


def test_after_long_break_and_after_lebaran_follow_the_calendar(cases):
    # Tuesday 2 Jan 2024: the first working day after New Year's long weekend, not Lebaran;
    # Tuesday 16 Apr 2024: the first after the Idul Fitri break; 5 Mar 2024: an ordinary day
    dated = cases[cases["incident_date_precision"].astype(str) == "day"].head(3).copy()
    dated["incident_date"] = pd.to_datetime(["2024-01-02", "2024-04-16", "2024-03-05"])
    tags = tag_calendar(dated)
    assert list(tags["after_long_break"]) == [True, True, False]
    assert list(tags["after_lebaran"]) == [False, True, False]


def _statistics(rows):
    columns = ["stat_id", "publisher", "period", "as_of", "area_code", "topic", "measure",
               "category", "misconduct_type", "value", "of_total", "unit", "source_url"]
    return pd.DataFrame(rows, columns=columns)


def test_official_shares_match_years():
    cases = _dated(["2016-03-01", "2016-05-02", "2019-01-07"], ["other"] * 3)
    cases["misconduct_type"] = ["drugs", "absence_truancy", "drugs"]
    cases["province_code"] = cases["regency_code"] = "unknown"
    stats = _statistics([["S1", "bkn", "2016", "2016-12-31", "ID", "drugs", "jailed",
                          "narcotics", "drugs", 10, 100, "persons", "https://x.org"]])
    matched = compare_with_official(cases, stats).iloc[0]
    assert (matched["news_n"], matched["news_total"]) == (1, 2)
    mixed = compare_with_official(cases, stats, match_years=False).iloc[0]
    assert (mixed["news_n"], mixed["news_total"]) == (2, 3)


def test_capture_counts_the_matched_year_with_a_poisson_interval():
    cases = _dated(["2023-03-01", "2023-05-02", "2024-01-08"], ["other"] * 3)
    cases["misconduct_type"] = "political_non_neutrality"
    cases["province_code"] = cases["regency_code"] = "unknown"
    stats = _statistics([
        ["S1", "kasn", "2023", "2024-01-01", "ID", "neutrality", "asn_reported", "all",
         "political_non_neutrality", 200, None, "persons", "https://x.org"],
        ["S2", "kasn", "2023", "2024-01-01", "ID", "neutrality", "share", "all",
         "political_non_neutrality", 52.3, None, "percent", "https://x.org"],
        ["S3", "kasn", "2023-2024", "2024-01-01", "ID", "neutrality", "asn_reported", "all",
         "political_non_neutrality", 400, None, "persons", "https://x.org"]])
    out = estimate_capture(cases, stats)
    assert out["stat_id"].tolist() == ["S1"]  # no percent, no span of years
    row = out.iloc[0]
    lo, hi = poisson_interval(2)
    assert row["news_n"] == 2 and row["capture"] == pytest.approx(0.01)
    assert (row["ci_lower"], row["ci_upper"]) == pytest.approx((lo / 200, hi / 200))
