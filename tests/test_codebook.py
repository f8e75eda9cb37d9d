"""The codebook is complete, and everything generated from it is in sync with it."""

from __future__ import annotations

import json

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


@pytest.mark.parametrize("table", CB.table_names)
def test_examples_pass_their_own_schema(table):
    example = {v.name: [str(v.spec["example"])] for v in CB.variables(table)}
    build_schema(table).validate(pd.DataFrame(example))


@pytest.mark.parametrize("table", CB.table_names)
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
