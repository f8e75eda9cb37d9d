"""The bundled dataset meets the release requirements."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from asnresearch.derive import derive_cases
from asnresearch.io import DATA_DIR, load_dataset, load_regions


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_size_and_spread(ds):
    cases = ds["cases"]
    assert len(cases) >= 120
    assert cases.loc[cases["province_code"] != "unknown", "province_code"].nunique() >= 20


def test_every_case_has_exactly_one_primary_source(ds):
    sources = ds["sources"]
    per_case = sources.groupby("case_id")["source_id"].size()
    assert set(per_case.index) == set(ds["cases"]["case_id"])
    primaries = sources[sources["source_role"] == "primary"].groupby("case_id").size()
    assert (primaries.reindex(ds["cases"]["case_id"], fill_value=0) == 1).all()


def test_source_urls_are_unique_per_case(ds):
    assert not ds["sources"].duplicated(["case_id", "url"]).any()


def test_seed_case_bangkalan_karaoke(ds):
    cases = ds["cases"]
    hit = cases[(cases["regency_code"] == "35.26")
                & (cases["incident_date"].dt.to_period("M") == pd.Period("2025-12", "M"))
                & (cases["misconduct_type"] == "leisure_during_hours")]
    assert len(hit) == 1
    case = hit.iloc[0]
    assert case["in_uniform"] == "yes" and case["during_working_hours"] == "yes"
    assert case["surfaced_via"] == "viral_video"
    events = ds["events"][ds["events"]["case_id"] == case["case_id"]]
    first = events.sort_values("event_date").iloc[0]
    assert first["event_date"] == pd.Timestamp("2025-12-23")
    assert first["actor_role"] == "vice_regent"
    assert first["action"] == "investigation_ordered"


def test_seed_case_jombang_diwek(ds):
    cases = ds["cases"]
    hit = cases[(cases["regency_code"] == "35.17")
                & (cases["incident_date"] == pd.Timestamp("2025-04-11"))]
    assert len(hit) == 1
    case = hit.iloc[0]
    assert case["incident_date_precision"] == "day"
    assert case["misconduct_type"] == "absence_truancy"
    reactions = ds["reactions"][ds["reactions"]["case_id"] == case["case_id"]]
    demand = reactions[(reactions["speaker_kind"] == "civil_society")
                       & (reactions["stance"] == "demand_sanction")]
    assert (demand["reaction_date"] == pd.Timestamp("2025-04-13")).any()


def test_region_names_resolve(ds):
    codes = set(load_regions()["code"]) | {"unknown"}
    assert set(ds["cases"]["province_code"]) <= codes
    assert set(ds["cases"]["regency_code"]) <= codes


def test_final_outcome_count_in_data_readme_matches_the_data(ds):
    """data/README's limits section quotes how many cases have a known final outcome."""
    derived = derive_cases(ds)
    readme = " ".join((DATA_DIR / "README.md").read_text(encoding="utf-8").split())
    quoted = re.search(r"A final outcome is known for (\d+) of the (\d+) cases", readme)
    assert quoted, "data/README.md no longer quotes the final-outcome count"
    assert (int(quoted[1]), int(quoted[2])) == (int(derived["final_outcome"].sum()),
                                                len(derived))
