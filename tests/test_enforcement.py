"""Timelines and funnel on the two-case fixture, computed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from asnresearch.enforcement import build_timelines, count_stages, rank_imposed_sanctions
from asnresearch.io import load_dataset


def test_timelines_by_hand(mini_data):
    t = build_timelines(load_dataset(mini_data)).set_index("case_id")
    one, two = t.loc["ASN-2025-0001"], t.loc["ASN-2025-0002"]
    # case 1: no surfacing day, incident known to the month -> starts at its first report
    assert one["start_basis"] == "first_report"
    assert one["start_date"] == pd.Timestamp("2025-12-23")
    assert one["response_observed"] and one["response_days"] == 0
    # no sanction: censored at the cut-off, 2025-12-23 -> 2026-11-24
    assert not one["sanction_observed"]
    assert one["sanction_days"] == (dt.date(2026, 11, 24) - dt.date(2025, 12, 23)).days == 336
    # case 2: sanction reported only to the month -> observed, but no duration
    assert two["start_basis"] == "surfaced_date"
    assert two["sanction_observed"] and pd.isna(two["sanction_days"])
    assert two["sanction_note"] == "step date not day-precise"


def test_censoring_date_can_be_set(mini_data):
    t = build_timelines(load_dataset(mini_data), cutoff=dt.date(2026, 1, 1))
    assert t.set_index("case_id").loc["ASN-2025-0001", "sanction_days"] == 9


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


def test_step_before_the_first_dated_report_is_not_timed(mini_data):
    # case 1 has no surfacing day, so its clock starts at its first report; a report dated
    # after the vice-regent's order leaves the lag from surfacing unknown, not negative
    from asnresearch.io import write_datapackage

    path = mini_data / "sources.csv"
    sources = pd.read_csv(path, dtype=str, keep_default_na=False)
    sources.loc[sources["case_id"] == "ASN-2025-0001", "published_date"] = "2025-12-27"
    sources.to_csv(path, index=False, lineterminator="\n")
    write_datapackage(mini_data)
    one = build_timelines(load_dataset(mini_data)).set_index("case_id").loc["ASN-2025-0001"]
    assert one["start_date"] == pd.Timestamp("2025-12-27")
    assert one["response_observed"] and pd.isna(one["response_days"])
    assert one["response_note"] == "step before the first dated report (surfacing date unknown)"


def test_no_negative_lags_in_the_bundled_data():
    t = build_timelines(load_dataset())
    for stage in ("response", "inquiry", "examination", "sanction"):
        assert not (t[f"{stage}_days"] < 0).any(), stage
