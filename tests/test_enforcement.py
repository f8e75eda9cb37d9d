"""Timelines and funnel on the two-case fixture, computed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from asnresearch.enforcement import build_timelines, count_stages, rank_imposed_sanctions
from asnresearch.io import load_dataset


def test_timelines_by_hand(mini_data):
    t = build_timelines(load_dataset(mini_data)).set_index("case_id")
    one, two = t.loc["ASN-2025-0001"], t.loc["ASN-2025-0002"]
    # case 1: no surfacing day -> the origin is its first report, 2025-12-23
    assert one["start_basis"] == "first_report"
    assert one["start_date"] == pd.Timestamp("2025-12-23")
    assert one["response_observed"] and one["response_days"] == 0
    assert not one["response_before_origin"]
    # no sanction: censored at its last follow-up, the same day (its one report and step)
    assert one["follow_up_date"] == pd.Timestamp("2025-12-23")
    assert not one["sanction_observed"] and one["sanction_days"] == 0
    assert (one["sanction_lower"], one["sanction_upper"]) == (0, float("inf"))
    # case 2: surfaced 2025-04-11; sanction known only to May 2025 -> observed, no
    # day-precise duration, but it lies in days 20..50 (its source, dated 13 April,
    # contradicts the month and bounds nothing); follow-up runs to 1 May
    assert two["start_basis"] == "surfaced_date"
    assert two["sanction_observed"] and pd.isna(two["sanction_days"])
    assert two["sanction_note"] == "step date not day-precise"
    assert (two["sanction_lower"], two["sanction_upper"]) == (20, 50)
    assert two["follow_up_days"] == 20
    assert not two["entered_by_sanction"]
    assert list(t["official_act"]) == [False, False]  # both viral videos


def test_censoring_at_the_cutoff_on_request(mini_data):
    ds = load_dataset(mini_data)
    t = build_timelines(ds, censor="cutoff").set_index("case_id")
    # 2025-12-23 -> by default the cut-off of the bundled data package
    from asnresearch.io import read_cutoff_date

    assert t.loc["ASN-2025-0001", "sanction_days"] == (
        read_cutoff_date() - dt.date(2025, 12, 23)).days
    early = build_timelines(ds, cutoff=dt.date(2026, 1, 1), censor="cutoff")
    assert early.set_index("case_id").loc["ASN-2025-0001", "sanction_days"] == 9
    # a cut-off before the last follow-up ends the follow-up there
    capped = build_timelines(ds, cutoff=dt.date(2025, 4, 20)).set_index("case_id")
    assert capped.loc["ASN-2025-0002", "follow_up_days"] == 9


def test_censoring_rule_is_checked(mini_data):
    with pytest.raises(ValueError, match="censor must be"):
        build_timelines(load_dataset(mini_data), censor="never")


def test_funnel_by_hand(mini_data):
    funnel = count_stages(load_dataset(mini_data)).set_index("stage")["n"]
    assert funnel.to_dict() == {"surfaced": 2, "response": 2, "inquiry": 2,
                                "examination": 1, "sanction": 1}


def test_imposed_severity(mini_data):
    ranks = rank_imposed_sanctions(load_dataset(mini_data)).set_index("case_id")
    assert ranks.loc["ASN-2025-0001", "severity"] == 0
    assert ranks.loc["ASN-2025-0002", "sanction_type"] == "teguran_tertulis"
    assert ranks.loc["ASN-2025-0002", "severity"] == 2


def test_prescribed_against_imposed_by_hand(mini_data):
    from asnresearch.enforcement import compare_prescribed_imposed

    table = compare_prescribed_imposed(load_dataset(mini_data))
    # only case 2 reports absence days: 12 days in April 2025 -> PP 94/2021 band 11-13,
    # a 25% tukin cut for 6 months (severity 4); imposed: written reprimand (severity 2)
    assert table["case_id"].tolist() == ["ASN-2025-0002"]
    row = table.iloc[0]
    assert (row["regime"], row["prescribed_type"], row["prescribed_level"]) == (
        "pp94", "potong_tukin_6", "sedang")
    assert (row["prescribed_severity"], row["imposed_severity"], row["gap"]) == (4, 2, -2)
    assert row["note"] == ""


def test_step_before_the_origin_counts_as_day_0(mini_data):
    # case 1 has no surfacing day, so its clock starts at its first report; a report dated
    # after the vice-regent's order puts the order before the origin: day 0, flagged
    from asnresearch.io import write_datapackage

    path = mini_data / "sources.csv"
    sources = pd.read_csv(path, dtype=str, keep_default_na=False)
    sources.loc[sources["case_id"] == "ASN-2025-0001", "published_date"] = "2025-12-27"
    sources.to_csv(path, index=False, lineterminator="\n")
    write_datapackage(mini_data)
    one = build_timelines(load_dataset(mini_data)).set_index("case_id").loc["ASN-2025-0001"]
    assert one["start_date"] == pd.Timestamp("2025-12-27")
    assert one["response_observed"] and one["response_days"] == 0
    assert one["response_before_origin"]
    assert one["response_note"] == "step before the origin: counted as day 0"
    assert one["follow_up_days"] == 0


@pytest.fixture(scope="module")
def timelines():
    return build_timelines(load_dataset())


def test_timelines_hold_together_on_the_bundled_data(timelines):
    t = timelines
    for stage in ("response", "inquiry", "examination", "sanction"):
        assert not (t[f"{stage}_days"] < 0).any(), stage
        timed = t.dropna(subset=[f"{stage}_lower"])
        assert (timed[f"{stage}_lower"] <= timed[f"{stage}_upper"]).all(), stage
        # a day-precise step sits inside its own interval
        exact = timed[timed[f"{stage}_observed"] & timed[f"{stage}_days"].notna()]
        assert (exact[f"{stage}_lower"] <= exact[f"{stage}_days"]).all(), stage
        # no origin, no duration; and censored cases run to their follow-up
        assert t.loc[t["start_date"].isna(), f"{stage}_days"].isna().all(), stage
        open_ = t[~t[f"{stage}_observed"] & t["start_date"].notna()]
        assert (open_[f"{stage}_days"] == open_["follow_up_days"]).all(), stage
    assert (t["follow_up_date"].dropna() >= t["start_date"].dropna()).all()
    # the origin is never the incident date
    assert set(t["start_basis"]) <= {"surfaced_date", "first_report", "none"}


def test_official_act_channels_come_from_the_codebook(timelines):
    from asnresearch.codebook import load_codebook

    cb = load_codebook()
    channels = cb.official_act_channels()
    assert channels and set(channels) <= set(cb.codes("surfaced_via"))
    assert list(timelines["official_act"]) == [v in channels
                                               for v in timelines["surfaced_via"]]


def test_same_day_shares_equal_an_independent_count(timelines):
    from asnresearch.enforcement import share_same_day

    table = share_same_day(timelines, by="official_act").set_index("official_act")
    timed = timelines[timelines["response_observed"] & timelines["response_days"].notna()]
    for key, part in [*timed.groupby(timed["official_act"].astype(str)), ("all", timed)]:
        row = table.loc[key]
        assert row["n"] == len(part)
        assert row["n_day0"] == int((part["response_days"] == 0).sum())
        assert row["ci_lower"] <= row["share"] <= row["ci_upper"]


def test_in_first_report_marks_steps_told_on_the_first_report_day():
    """Recomputed from the tables: a case's response is 'in the first report' when one of its
    response steps comes from a source published, to the day, on its first report day."""
    from asnresearch.codebook import load_codebook
    from asnresearch.enforcement import build_timelines, share_same_day
    from asnresearch.io import load_dataset

    ds = load_dataset()
    response = next(iter(load_codebook().stages().items()))
    sources = ds["sources"][ds["sources"]["published_date_precision"] == "day"]
    first_day = sources.groupby("case_id")["published_date"].min()
    steps = ds["events"][ds["events"]["action"].isin(response[1])].merge(
        sources[["source_id", "published_date"]], on="source_id")
    told = steps[steps["published_date"] == steps["case_id"].map(first_day)]
    timelines = build_timelines(ds)
    flagged = set(timelines.loc[timelines[f"{response[0]}_in_first_report"], "case_id"])
    assert flagged == set(told["case_id"]) and flagged
    table = share_same_day(timelines, by="official_act").set_index("official_act")
    assert (table["n_day0_in_first_report"] <= table["n_day0"]).all()
