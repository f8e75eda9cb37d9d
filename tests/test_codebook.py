"""The codebook is complete, and everything generated from it is in sync with it."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection
from pathlib import Path

import pandas as pd
import pytest

from asnresearch.codebook import code_table, load_codebook, render_codebook_markdown
from asnresearch.gazetteer import build_regions
from asnresearch.io import DATA_DIR, REGIONS_FILE, build_resources
from asnresearch.schemas import build_schema

CB = load_codebook()
TYPES = {"id", "code", "date", "integer", "url", "text", "region"}
ALL_VARIABLES = [v for t in CB.table_names for v in CB.variables(t)]


@pytest.mark.parametrize("var", ALL_VARIABLES, ids=lambda v: f"{v.table}.{v.name}")
def test_variable_is_fully_documented(var):
    assert var.type in TYPES
    assert var.description("id") and var.description("en")
    assert "example" in var.spec
    if var.type == "code":
        assert var.code_list in CB.raw["code_lists"]
    if var.type == "date" or "precision_column" in var.spec:
        assert var.spec["precision_column"] in CB.columns(var.table)
    if var.type == "text":
        assert var.spec["max_length"] > 0


@pytest.mark.parametrize("name", list(CB.raw["code_lists"]))
def test_code_list_has_unique_codes_and_both_labels(name):
    entries = CB.code_entries(name)
    codes = [str(e["code"]) for e in entries]
    assert len(codes) == len(set(codes))
    assert all(e["id"] and e["en"] for e in entries)


def test_every_misconduct_type_maps_to_a_documented_provision():
    provisions = set(CB.codes("pp94_provision"))
    for entry in CB.code_entries("misconduct_type"):
        assert entry["pp94_provision"] in provisions
    for entry in CB.code_entries("pp94_provision"):
        assert entry["source_url"] == "not_applicable" or entry["source_url"].startswith("http")


def test_sanction_levels_are_codes():
    levels = set(CB.codes("sanction_level"))
    for entry in CB.code_entries("sanction_type"):
        assert entry["level"] is None or entry["level"] in levels


@pytest.mark.parametrize("table", CB.table_names + CB.reference_names)
def test_examples_pass_their_own_schema(table):
    example = {v.name: [str(v.spec["example"])] for v in CB.variables(table)}
    build_schema(table).validate(pd.DataFrame(example))


@pytest.mark.parametrize("table", CB.reference_names)
def test_reference_table_is_fully_documented(table):
    spec = CB.table(table)
    assert spec["description"]["id"] and spec["description"]["en"]
    keys = [spec["primary_key"]] if isinstance(spec["primary_key"], str) else spec["primary_key"]
    assert set(keys) <= set(CB.columns(table))
    for var in CB.variables(table):
        assert var.type in TYPES | {"number", "year"}, var.name
        assert var.description("id") and var.description("en") and "example" in var.spec
        if var.type == "code":
            assert (var.code_list in CB.raw["code_lists"]) != ("rule_keys" in var.spec)


@pytest.mark.parametrize("table", CB.table_names + CB.reference_names)
def test_schema_columns_follow_codebook(table):
    assert list(build_schema(table).columns) == CB.columns(table)


def test_codebook_markdown_in_sync():
    text = (DATA_DIR / "CODEBOOK.md").read_text(encoding="utf-8")
    assert text == render_codebook_markdown() + "\n", "run `make datapackage`"


def test_datapackage_fields_and_hashes_in_sync():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"] == build_resources(DATA_DIR), "run `make datapackage`"


def test_regions_in_sync_with_gazetteer_package():
    shipped = pd.read_csv(DATA_DIR / REGIONS_FILE, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(shipped, build_regions().astype(str))


def test_code_table_labels():
    table = code_table("tristate")
    assert table["code"].tolist() == ["yes", "no", "unknown"]
    assert table["label_id"].tolist() == ["ya", "tidak", "tidak diketahui"]


@pytest.mark.parametrize("name", list(CB.raw["code_lists"]))
def test_code_entries_have_only_known_keys(name):
    # an unquoted comma in a YAML flow mapping silently splits a label into a bogus key
    allowed = {"code", "id", "en", "pp94_provision", "level", "regime", "sanction",
               "confidence", "source_url"}
    for entry in CB.code_entries(name):
        assert set(entry) <= allowed, f"{name}.{entry['code']}: {set(entry) - allowed}"


@pytest.mark.parametrize("name", ["channel", "misconduct_group", "level_group"])
def test_groupings_cover_each_known_code_once(name):
    cb = load_codebook()
    spec = cb.raw["groupings"][name]
    listed = [c for codes in spec["groups"].values() for c in codes]
    assert len(listed) == len(set(listed)), "a code sits in two groups"
    known = set(cb.codes(spec["of"])) - {"unknown"}
    assert known <= set(listed) <= set(cb.codes(spec["of"]))


def test_cue_lists_name_codebook_codes_and_compile():
    import re

    cues = CB.cues()
    code_list_of = {v.name: v.code_list for v in CB.variables("cases")}
    for name, by_code in cues["codes"].items():
        code_list = name if name in CB.raw["code_lists"] else code_list_of.get(name)
        assert code_list in CB.raw["code_lists"], name
        assert set(map(str, by_code)) <= set(CB.codes(code_list)), code_list
        for code, items in by_code.items():
            assert items, (code_list, code)
            for cue in items:
                re.compile(cue)
    assert set(cues["dates"]["months"].values()) == set(range(1, 13))


# ------------------------------------------------------------------ rules built on codes


def test_rules_name_codes_of_their_lists():
    rules, actions = CB.rules, set(CB.codes("action"))
    for stage in CB.stages().values():
        assert set(stage) <= actions
    assert set(rules["severity"]) <= set(CB.codes("sanction_type"))
    for name, order in rules["orders"].items():
        assert sorted(order) == sorted(CB.codes(name)), name
    scorer = rules["comment_scorer"]
    stances = {*scorer["critical"], *scorer["plea"].values(), scorer["when_mocking"],
               scorer["when_negative"], scorer["otherwise"], rules["public_demand"]["stance"]}
    assert stances <= set(CB.codes("stance"))
    assert set(rules["public_demand"]["speakers"]) <= set(CB.codes("speaker_kind"))
    assistant = rules["coding_assistant"]
    assert {*assistant["outcome_actions"], *assistant["ordered_when_announced"],
            assistant["statement_action"]} <= actions
    assert set(assistant["generic_sanctions"]) <= set(CB.codes("sanction_type"))
    assert {*assistant["in_working_hours"], rules["absence_type"]} <= set(
        CB.codes("misconduct_type"))
    for name, spec in CB.raw["groupings"].items():
        assert set(spec["labels"]) == set(spec["groups"]), name
        assert spec.get("reference", next(iter(spec["groups"]))) in spec["groups"]
    for rule in ("online_group", "work_group"):
        assert CB.group_members(rule)
    assert set(CB.langs) == set(CB.raw["title"])


def test_working_hours_follow_perpres_21_2023():
    week = [CB.working_hours(d) for d in range(7)]
    assert [h is not None for h in week] == [True] * 5 + [False] * 2
    for ramadan, weekly, start in ((False, 37.5, dt.time(7, 30)), (True, 32.5, dt.time(8))):
        hours = [CB.working_hours(d, ramadan=ramadan) for d in range(5)]
        assert {h.start for h in hours} == {start}

        def span(a, b):
            return (dt.datetime.combine(dt.date.min, b) - dt.datetime.combine(dt.date.min, a))

        total = sum((span(h.start, h.end) - span(h.rest_start, h.rest_end)).seconds
                    for h in hours)
        assert total / 3600 == weekly


@pytest.fixture
def change_codebook(tmp_path, monkeypatch):
    """Point the package at a copy of codebook.yaml changed by ``edit(raw)``."""
    import yaml

    from asnresearch import codebook

    def change(edit):
        raw = yaml.safe_load(codebook.CODEBOOK_FILE.read_text(encoding="utf-8"))
        edit(raw["rules"])
        path = tmp_path / "codebook.yaml"
        path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
        monkeypatch.setattr(codebook, "CODEBOOK_FILE", path)
        assert load_codebook() is not CB

    return change


@pytest.fixture(scope="module")
def dataset():
    from asnresearch.io import load_dataset

    return load_dataset()


def test_swapping_two_stances_changes_the_scorers_tie_break(change_codebook):
    from asnresearch.comments import score_comments

    texts = pd.Series(["pecat awasi"])  # one cue of each, weight 3 each: a tie
    assert score_comments(texts, method="lexicon")["stance"].tolist() == ["demand_sanction"]

    def swap(rules):
        order = rules["orders"]["stance"]
        i, j = order.index("demand_sanction"), order.index("call_for_oversight")
        order[i], order[j] = order[j], order[i]

    change_codebook(swap)
    out = score_comments(texts, method="lexicon")
    assert out["stance"].tolist() == ["call_for_oversight"]
    assert list(out["stance"].cat.categories)[0] == "call_for_oversight"


def test_lowering_ptdh_changes_the_severity_ranks(change_codebook, dataset):
    from asnresearch.enforcement import rank_imposed_sanctions
    from asnresearch.regulation import sanction_severity

    before = rank_imposed_sanctions(dataset).set_index("case_id")
    ptdh = before.index[before["sanction_type"] == "ptdh"]
    assert sanction_severity("ptdh") == 11 and len(ptdh)
    assert (before.loc[ptdh, "severity"] == 11).all()

    change_codebook(lambda rules: rules["severity"].update(ptdh=1))
    assert sanction_severity("ptdh") == 1
    after = rank_imposed_sanctions(dataset).set_index("case_id")
    assert (after.loc[ptdh, "severity"] < 11).all()


def test_dropping_recommendation_from_examination_changes_the_funnel(change_codebook, dataset):
    from asnresearch.enforcement import build_timelines, count_stages

    before = count_stages(dataset).set_index("stage")["n"]
    timed = build_timelines(dataset)["examination_observed"].sum()
    change_codebook(lambda rules: rules["stages"]["examination"]["actions"].remove(
        "recommendation"))
    after = count_stages(dataset).set_index("stage")["n"]
    assert after["examination"] < before["examination"]
    assert after.drop("examination").to_dict() == before.drop("examination").to_dict()
    assert build_timelines(dataset)["examination_observed"].sum() < timed


def test_moving_working_hours_changes_working_time(change_codebook):
    from asnresearch.extract import extract_case
    from asnresearch.regulation import is_working_time

    early, late = dt.datetime(2025, 12, 22, 7, 45), dt.datetime(2025, 12, 22, 16, 30)  # Monday
    text = "Video ASN Pemkab Bangkalan berkaraoke pukul 07.15, Senin (22/12/2025)."
    assert (is_working_time(early), is_working_time(late)) == (True, False)
    assert extract_case(text)["during_working_hours"].value == "yes"

    def eight_to_five(rules):
        for day in rules["working_hours"]["normal"].values():
            day.update(start="08:00", end="17:00")

    change_codebook(eight_to_five)
    assert (is_working_time(early), is_working_time(late)) == (False, True)
    assert extract_case(text)["during_working_hours"].value != "yes"


def test_dropping_recommendation_from_sanctioning_actions_changes_validation(change_codebook):
    from asnresearch.io import DataError, load_events

    recommended = load_events().query("action == 'recommendation'")
    typed = recommended[recommended["sanction_type"] != "not_applicable"]
    row = int(typed.index[0]) + 2  # the file's row: a header line, then rows from 1
    change_codebook(lambda rules: rules["sanctioning_actions"].remove("recommendation"))
    with pytest.raises(DataError, match=rf"events\.csv, row {row}, column 'sanction_type'.*"
                       r"unless action is sanction_imposed\n"):
        load_events()


def test_languages_come_from_the_codebook(change_codebook):
    from asnresearch.brief import say

    assert say("and", "id") == "dan"
    change_codebook(lambda rules: rules.update(languages=["en"]))
    with pytest.raises(ValueError, match="lang must be one of"):
        say("and", "id")


# ------------------------------------------------------------------ no codes outside the codebook

# Code lists of the data format rather than of the subject: how precisely a date, count or
# place is known, and the yes/no/unknown of the dataset's booleans. The loader and the
# derivations are written against these few fixed codes (``day``, ``yes``), as against the
# column names; no rule of the analysis is built on them.
FORMAT_LISTS = {"date_precision", "count_precision", "geo_precision", "tristate"}
EXEMPT = {
    CB.unknown: "the universal missing value (Codebook.unknown)",
    CB.raw["not_applicable"]: "the universal not-applicable value",
    "other": "an ordinary word (e.g. pandas' `other=`); as a code only in the YAML",
    "x": "a plotting axis (seaborn's `x=`); as a code only the platform X",
    "province": "also a region level of the gazetteer (reference table regions) and a code "
                "of geo_precision, a format list",
    "regency": "as province",
    "national": "also a code of geo_precision, a format list",
    "report": "the command line's report command",
    "pns": "also a column of the reference table asn_headcount",
}


def codebook_vocabulary(cb=CB) -> dict[str, str]:
    """Every code and label (ID and EN) of the closed vocabularies whose rules live in the
    codebook -> where it comes from: the code lists of the dataset's variables (but
    FORMAT_LISTS), the groupings' groups, the stages and the weekdays."""
    lists = {v.code_list for t in cb.table_names for v in cb.variables(t) if v.code_list}
    words: dict[str, str] = {}
    for name in sorted(lists - FORMAT_LISTS):
        for e in cb.code_entries(name):
            for key in ("code", *cb.langs):
                words.setdefault(str(e[key]), f"code list {name}")
    for name, spec in cb.raw["groupings"].items():
        for group, labels in spec["labels"].items():
            for word in (group, *labels.values()):
                words.setdefault(str(word), f"grouping {name}")
    for name, spec in {cb.rules["start"]["code"]: cb.rules["start"], **cb.rules["stages"]}.items():
        for word in (name, *(spec[lang] for lang in cb.langs)):
            words.setdefault(str(word), "stages")
    for day in cb.rules["weekdays"]:
        for word in day.values():
            words.setdefault(str(word), "weekdays")
    columns = {v.name for t in cb.table_names for v in cb.variables(t)}
    return {w: src for w, src in words.items() if w not in EXEMPT and w not in columns}


def find_codebook_literals(package: Path, vocabulary: dict[str, str], *,
                           skip: Collection[str] = ()) -> list[str]:
    """``file:line: 'literal' (source)`` for every string constant of the package (f-string
    parts and default arguments included, docstrings not) that is a word of ``vocabulary``,
    and every tuple, list or set written out of the codebook's languages alone."""
    import ast

    hits = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "codebook.py" or path.name in skip:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                           ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            where = f"{path.relative_to(package.parent)}:{getattr(node, 'lineno', 0)}"
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings and node.value in vocabulary):
                hits.append(f"{where}: {node.value!r} ({vocabulary[node.value]})")
            if (isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) > 1
                    and all(isinstance(e, ast.Constant) and e.value in CB.langs
                            for e in node.elts)):
                hits.append(f"{where}: a copy of the language list")
    return hits


def test_no_code_or_label_of_the_codebook_outside_it():
    from asnresearch.codebook import CODEBOOK_FILE

    hits = find_codebook_literals(Path(str(CODEBOOK_FILE)).parent, codebook_vocabulary())
    assert not hits, ("codes and labels belong in codebook.yaml (read them through "
                      "asnresearch.codebook):\n" + "\n".join(hits))


def test_the_literal_scan_finds_a_copied_rule(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(
        '"""Docstrings may name ptdh and Senin."""\n'
        'SEVERE = ("ptdh", "pdhtaps")\n'
        'def f(x, stage="inquiry"):\n    return f"{x}{\'Senin\'}"\n'
        'LANGS = ["id", "en"]\n', encoding="utf-8")
    hits = find_codebook_literals(package, codebook_vocabulary())
    assert sorted(h.split(": ", 1)[1] for h in hits) == [
        "'Senin' (weekdays)", "'inquiry' (stages)", "'pdhtaps' (code list sanction_type)",
        "'ptdh' (code list sanction_type)", "a copy of the language list"]


def test_codebook_and_data_package_state_one_release():
    # the brief stamps the codebook's version as the data's release
    package = DATA_DIR / "datapackage.json"
    assert load_codebook().version == json.loads(package.read_text())["version"]


def test_citation_names_the_data_release():
    # CITATION.cff asks users to cite a data release: the one data/datapackage.json states
    import yaml

    citation = yaml.safe_load((DATA_DIR.parent / "CITATION.cff").read_text(encoding="utf-8"))
    package = json.loads((DATA_DIR / "datapackage.json").read_text())
    assert citation["version"] == package["version"]
    assert citation["cff-version"] == "1.2.0" and citation["license"][0] == "CC-BY-4.0"
    # so does data/README's "Cite as" line
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    cite = re.search(r"Cite as:.*?release (\d+\.\d+\.\d+)", readme, re.S)
    assert cite and cite.group(1) == package["version"]


def test_the_official_channel_group_is_the_official_act_channels():
    # timing comparisons by channel group keep the cases an official act surfaced together:
    # the group and the rule must name the same channels
    cb = load_codebook()
    found = cb.raw["groupings"]["channel"]["groups"][cb.rules["scheduled_channel_group"]]
    assert sorted(found) == sorted(cb.official_act_channels())
    assert cb.reference_group("channel") == cb.rules["scheduled_channel_group"]
