"""Many articles, one incident: drafts grouped by the codebook's rule, one merged draft per
group, and the flag of a case the dataset already holds (issue 15, step 7)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
import time

import pandas as pd
import pytest

from asnresearch.codebook import load_codebook
from asnresearch.extract import UNKNOWN, Draft, Field, extract_case
from asnresearch.extract.group import (
    CodedMatch,
    group_drafts,
    index_coded_cases,
    load_group_rule,
    match_coded_cases,
    merge_drafts,
)

RULE = load_group_rule()


def draft(regency="35.26", kind="leisure_during_hours", incident=UNKNOWN, published=UNKNOWN,
          responder=UNKNOWN, confidence=0.5) -> Draft:
    """A synthetic draft with the fields the rule reads."""
    province = regency.split(".")[0] if regency != UNKNOWN else UNKNOWN
    values = {"province_code": province, "regency_code": regency, "misconduct_type": kind,
              "incident_date": incident, "published_date": published,
              "first_responder": responder}
    return Draft({name: Field(value, confidence if value != UNKNOWN else 0.0, None)
                  for name, value in values.items()})


def coded(*rows) -> pd.DataFrame:
    columns = ["case_id", "province_code", "regency_code", "misconduct_type", "incident_date",
               "surfaced_date", "published_date"]
    return pd.DataFrame([dict(zip(columns, r)) for r in rows], columns=columns)


# ------------------------------------------------------------------------------- the rule
def test_the_rule_reads_codes_and_fields_the_codebook_has():
    cb = load_codebook()
    assert RULE.dated_precisions <= set(cb.codes("date_precision"))
    drafted = set(extract_case("Seorang PNS bolos."))
    assert {*RULE.same, *RULE.same_unless_unknown} <= drafted & set(cb.columns("cases"))
    assert RULE.window_days == 45  # the window find_alike uses for the dataset


def test_two_reports_of_one_incident_make_one_group():
    drafts = {"first": draft(incident="2025-12-23", published="2025-12-24"),
              "follow-up": draft(published="2026-01-20", responder="vice_regent")}
    assert group_drafts(drafts) == {"first": 1, "follow-up": 1}


@pytest.mark.parametrize("other, why", [
    (draft(kind="drugs", incident="2025-12-23"), "another misconduct type"),
    (draft(incident="2026-03-01"), "dates 71 days apart"),
    (draft(regency="35.27", incident="2025-12-23"), "another regency"),
    (draft(regency="36.01", incident="2025-12-23"), "another province"),
    (draft(incident="2025-12-23", responder="police_prosecution"), "other responders"),
    (draft(), "no date"),
])
def test_alike_but_different_drafts_stay_apart(other, why):
    drafts = {"a": draft(incident="2025-12-20", responder="vice_regent"), "b": other}
    assert group_drafts(drafts) == {"a": 1, "b": 2}, why


@pytest.mark.parametrize("other", [
    draft(kind=UNKNOWN, incident="2025-12-23"),  # type unknown in one
    draft(regency=UNKNOWN, incident="2025-12-23"),  # regency unknown in one (province kept)
    draft(incident="2025-12"),  # a month counts as each of its days
    draft(published="2026-02-03"),  # the other's publication date, 45 days on
])
def test_unknown_fields_and_months_do_not_split_an_incident(other):
    if other["regency_code"].value == UNKNOWN:  # keep the province the rule requires
        other = Draft({**other.fields, "province_code": Field("35", 1.0, None)})
    drafts = {"a": draft(incident="2025-12-20"), "b": other}
    assert group_drafts(drafts) == {"a": 1, "b": 1}


def test_groups_join_through_pairs_and_number_in_order():
    drafts = {"x": draft(regency="12.71", kind="drugs", incident="2025-01-05"),
              "a": draft(incident="2025-01-01"), "b": draft(incident="2025-02-10"),
              "c": draft(incident="2025-03-20")}  # a~b (40 days), b~c (38), a and c 78 apart
    assert group_drafts(drafts) == {"x": 1, "a": 2, "b": 2, "c": 2}


def test_blocking_finds_every_pair_a_full_comparison_finds():
    from asnresearch.extract.group import _compare, _draft_facts

    rng = random.Random(7)
    regencies = ["35.26", "35.27", "35.78", UNKNOWN]
    kinds = ["drugs", "absence_truancy", UNKNOWN]
    start = dt.date(2024, 1, 1)
    drafts = {}
    for i in range(300):
        day = start + dt.timedelta(days=rng.randrange(400))
        drafts[f"d{i:03}"] = draft(
            regency=rng.choice(regencies), kind=rng.choice(kinds),
            incident=rng.choice([day.isoformat(), day.isoformat()[:7], UNKNOWN]),
            published=rng.choice([(day + dt.timedelta(days=rng.randrange(60))).isoformat(),
                                  UNKNOWN]),
            responder=rng.choice(["regent", "police_prosecution", UNKNOWN]))
        if drafts[f"d{i:03}"]["regency_code"].value == UNKNOWN:
            drafts[f"d{i:03}"] = Draft({**drafts[f"d{i:03}"].fields,
                                        "province_code": Field("35", 1.0, None)})
    facts = {k: _draft_facts(k, d, RULE) for k, d in drafts.items()}
    parent = {k: k for k in drafts}

    def root(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for a, b in itertools.combinations(drafts, 2):  # every pair, no blocking
        if _compare(facts[b], facts[a], RULE):
            parent[root(b)] = root(a)
    expected = {}
    for k in drafts:
        expected.setdefault(root(k), set()).add(k)
    got = {}
    for k, g in group_drafts(drafts).items():
        got.setdefault(g, set()).add(k)
    assert sorted(map(sorted, got.values())) == sorted(map(sorted, expected.values()))
    assert any(len(members) > 1 for members in got.values())  # the check has pairs to find


def test_grouping_thousands_of_drafts_is_not_quadratic():
    rng = random.Random(1)
    regencies = [f"{p}.{r:02}" for p in range(11, 95) for r in range(1, 6)]
    drafts = {f"d{i}": draft(regency=rng.choice(regencies), kind="absence_truancy",
                             incident=(dt.date(2020, 1, 1)
                                       + dt.timedelta(days=rng.randrange(2000))).isoformat())
              for i in range(5000)}
    start = time.perf_counter()
    group_drafts(drafts)
    assert time.perf_counter() - start < 5  # all pairs (12.5 million) would take minutes


# ------------------------------------------------------------------------- merged drafts
def test_a_merged_draft_takes_each_field_from_its_most_confident_article():
    sure = draft(regency="35.26", incident="2025-12-23", confidence=0.9)
    vague = Draft({**draft(regency=UNKNOWN, kind="leisure_during_hours").fields,
                   "misconduct_type": Field("leisure_during_hours", 1.0, (0, 5))})
    merged, origin = merge_drafts({"vague": vague, "sure": sure})
    assert merged["regency_code"].value == "35.26" and origin["regency_code"] == "sure"
    assert origin["misconduct_type"] == "vague" and merged["misconduct_type"].span == (0, 5)
    assert origin["published_date"] == "vague"  # a tie (both unknown): the first article
    with pytest.raises(ValueError, match="no draft"):
        merge_drafts({})


# ----------------------------------------------------------------------- the dataset flag
def test_the_flag_names_the_coded_case_and_the_fields_that_match():
    cases = coded(
        ("ASN-2025-0001", "35", "35.26", "leisure_during_hours", "2025-12", UNKNOWN, UNKNOWN),
        ("ASN-2025-0002", "35", "35.26", "drugs", "2025-12-20", UNKNOWN, UNKNOWN),
        ("ASN-2025-0003", "35", "35.27", "leisure_during_hours", "2025-12-20", UNKNOWN,
         UNKNOWN),
        ("ASN-2024-0004", "35", "35.26", "leisure_during_hours", "2024-01-02", UNKNOWN,
         UNKNOWN),
        ("ASN-2025-0005", "35", UNKNOWN, "leisure_during_hours", UNKNOWN, "2026-01-10",
         UNKNOWN),
    )
    index = index_coded_cases(cases)
    found = match_coded_cases([draft(incident="2025-12-23")], index)
    assert found == [
        CodedMatch("ASN-2025-0001", ("province_code", "regency_code", "misconduct_type"), 0),
        CodedMatch("ASN-2025-0005", ("province_code", "misconduct_type"), 18)]
    assert str(found[0]) == ("ASN-2025-0001: province_code, regency_code, misconduct_type, "
                             "dates 0 days apart")
    # one article of a group is enough; an undated one is flagged on place and type alone
    undated = match_coded_cases([draft(regency="35.27")], index)
    assert [(m.case_id, m.days_apart) for m in undated] == [("ASN-2025-0003", None),
                                                            ("ASN-2025-0005", None)]
    assert "no date to compare" in str(undated[0])
    strict = index_coded_cases(cases, rule=dataclasses.replace(RULE, flag_undated=False))
    assert match_coded_cases([draft(regency="35.27")], strict) == []
    assert match_coded_cases([draft(regency="12.71", incident="2025-12-23")], index) == []


# --------------------------------------------------------------------------- the command
BANGKALAN = ("Video belasan ASN Pemkab Bangkalan bernyanyi karaoke di ruang kantor pada jam "
             "kerja beredar luas di media sosial, Selasa (23/12/2025).")
FOLLOW_UP = ("Wakil Bupati Bangkalan memanggil pegawai yang karaoke saat jam kerja di kantor "
             "dinas, Senin (29/12/2025).")
ELSEWHERE = "Seorang PNS Kota Medan ditangkap polisi karena sabu, Senin (3/2/2025)."


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "articles"
    path.mkdir()
    for name, text in (("a1", BANGKALAN), ("a2", FOLLOW_UP), ("b1", ELSEWHERE)):
        (path / f"{name}.txt").write_text(text, encoding="utf-8")
    return path


def test_the_command_writes_groups_and_flags_a_case_coded_already(folder, tmp_path, capsys):
    from asnresearch.cli import main

    out = tmp_path / "out" / "drafts.csv"
    assert main(["extract", str(folder), "-o", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    drafts = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert drafts["group"].tolist() == ["1", "1", "2"]
    assert drafts.loc[0, "dataset_matches"].startswith(
        "ASN-2025-0030: province_code, regency_code, misconduct_type")
    groups = pd.read_csv(out.with_name("drafts.groups.csv"), dtype=str, keep_default_na=False)
    assert groups["group"].tolist() == ["1", "2"]
    assert groups["sources"].tolist() == ["a1; a2", "b1"]
    assert groups.loc[0, "regency_code"] == "35.26"
    assert "1 incident" not in printed and "and 2 incident(s)" in printed
    assert "group 1 (a1, a2) may already be coded: ASN-2025-0030" in printed


def test_the_command_prints_groups_and_json_records_them(folder, capsys):
    import json

    from asnresearch.cli import main

    assert main(["extract", str(folder), "--quiet"]) == 0
    assert "group 1: one incident in 2 articles: a1, a2" in capsys.readouterr().out
    assert main(["extract", str(folder), "--json", "--quiet"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("article_id", r.get("sources")) for r in records] == [
        "a1", "a2", "b1", ["a1", "a2"]]  # a group of one is its article's draft
    assert records[0]["group"] == records[3]["group"] == 1
    assert records[3]["dataset_matches"][0]["case_id"] == "ASN-2025-0030"
    assert records[3]["regency_code"]["article_id"] in ("a1", "a2")


@pytest.mark.parametrize("make, expected", [
    (lambda d: d / "missing", "no article here"),
    (lambda d: d, "no article here"),  # an empty folder
])
def test_a_bad_or_empty_folder_gives_one_line(tmp_path, capsys, make, expected):
    from asnresearch.cli import main

    path = make(tmp_path)
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(path) in err and expected in err


def test_a_folder_that_is_no_dataset_gives_one_line(folder, tmp_path, capsys):
    from asnresearch.cli import main

    empty = tmp_path / "nodata"
    empty.mkdir()
    assert main(["extract", str(folder), "--data", str(empty)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert f"--data {empty}: cases.csv" in err and "(and 3 more)" in err
