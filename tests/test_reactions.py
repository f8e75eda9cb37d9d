"""Coded-reaction analysis against independent pandas computations."""

from __future__ import annotations

import pandas as pd
import pytest

from asnresearch.io import load_dataset
from asnresearch.reactions import (
    compare_outcomes,
    count_speakers,
    measure_reaction_lags,
    mix_stances,
)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_speaker_counts_equal_a_groupby(ds):
    out = count_speakers(ds).set_index("speaker_kind")
    r = ds["reactions"]
    expected = r.groupby("speaker_kind", observed=False).size()
    assert out["n"].to_dict() == expected.rename(index=str).to_dict()
    cases = r.groupby("speaker_kind", observed=False)["case_id"].nunique()
    assert out["cases"].to_dict() == cases.rename(index=str).to_dict()


def test_stance_mix_sums_to_one_within_each_group(ds):
    mix = mix_stances(ds)
    sums = mix.groupby("misconduct_group")["share"].sum()
    assert all(s == pytest.approx(1.0) or s == 0 for s in sums)
    assert mix["n"].sum() == len(ds["reactions"])


def test_lags_by_hand(ds):
    lags = measure_reaction_lags(ds)
    assert (lags["n_timed"] + lags["n_untimed"]).sum() == len(ds["reactions"])
    assert (lags["q1_days"] <= lags["median_days"]).all()
    assert (lags["n_same_day"] <= lags["n_timed"]).all()
    assert ((lags["same_day_lower"] <= lags["same_day_share"])
            & (lags["same_day_share"] <= lags["same_day_upper"])).all()


def test_outcomes_without_official_acts_match_a_crosstab(ds):
    # the comparison the brief reads: only cases no official act surfaced
    out = compare_outcomes(ds, exclude_official_act=True).set_index(["outcome", "group"])
    r, e, c = ds["reactions"], ds["events"], ds["cases"]
    c = c[~c["surfaced_via"].astype(str).isin(
        ["sidak_inspection", "satpol_pp_raid", "audit", "police_arrest", "oversight_finding"])]
    demand = set(r.loc[(r["stance"] == "demand_sanction")
                       & r["speaker_kind"].isin(["civil_society", "legislator"]), "case_id"])
    with_ = c["case_id"].isin(demand)
    assert out.loc[("response", "with"), "cases"] == with_.sum()
    assert out.loc[("response", "without"), "cases"] == (~with_).sum()


def test_outcome_comparison_matches_a_crosstab(ds):
    out = compare_outcomes(ds).set_index(["outcome", "group"])
    r, e, c = ds["reactions"], ds["events"], ds["cases"]
    demand = set(r.loc[(r["stance"] == "demand_sanction")
                       & r["speaker_kind"].isin(["civil_society", "legislator"]), "case_id"])
    sanctioned = set(e.loc[e["action"] == "sanction_imposed", "case_id"])
    with_ = c["case_id"].isin(demand)
    assert out.loc[("sanction", "with"), "cases"] == with_.sum()
    assert out.loc[("sanction", "with"), "n"] == c.loc[with_, "case_id"].isin(sanctioned).sum()
    assert out.loc[("sanction", "without"), "n"] == c.loc[~with_, "case_id"].isin(
        sanctioned).sum()
    assert 0 <= out["fisher_p"].min() <= 1
    assert isinstance(out, pd.DataFrame)
