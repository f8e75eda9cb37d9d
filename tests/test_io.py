"""Loaders: typed output on valid data, and one exact error per kind of malformed input."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path

import pandas as pd
import pytest

from asnresearch import io
from asnresearch.io import DataError, write_datapackage
from tests.conftest import MINI, write_table

CASES_HEADER_LINE = 1


def rows(table: str) -> list[dict[str, str]]:
    return deepcopy(MINI[table])


def problems(data_dir: Path, loader: Callable = io.load_dataset) -> list[tuple]:
    """(file, row, column) of every problem the loader reports."""
    with pytest.raises(DataError) as info:
        loader(data_dir)
    return [(p.file, p.row, p.column) for p in info.value.problems]


def rewrite(data_dir: Path, table: str, edit: Callable[[list[dict]], None]) -> None:
    """Apply ``edit`` to the table's rows, write it, and refresh the checksums."""
    data = rows(table)
    edit(data)
    write_table(data_dir, table, data)
    write_datapackage(data_dir)


def write_bytes(data_dir: Path, name: str, content: bytes) -> None:
    (data_dir / name).write_bytes(content)
    write_datapackage(data_dir)


def set_cell(table: str, row: int, column: str, value: str) -> Callable:
    def edit(data: list[dict]) -> None:
        data[row][column] = value

    return edit


# ---------------------------------------------------------------- valid data


def test_valid_mini_dataset_loads_typed(mini_data):
    ds = io.load_dataset(mini_data)
    cases = ds["cases"]
    assert list(cases["case_id"]) == ["ASN-2025-0001", "ASN-2025-0002"]
    assert cases["misconduct_type"].dtype.ordered
    assert list(cases["tristate" and "during_working_hours"].cat.categories) == [
        "yes", "no", "unknown"]
    assert cases["incident_date"].iloc[0] == pd.Timestamp("2025-12-01")
    assert cases["incident_date_precision"].iloc[0] == "month"
    assert cases["n_asn_involved"].dtype == "Int64"
    assert cases["n_asn_involved"].isna().tolist() == [False, True]
    assert pd.isna(cases["surfaced_date"].iloc[0])


def test_each_loader_returns_its_table(mini_data):
    assert len(io.load_cases(mini_data)) == 2
    assert len(io.load_sources(mini_data)) == 2
    assert len(io.load_events(mini_data)) == 2
    assert len(io.load_reactions(mini_data)) == 1


def test_loaders_never_mutate_or_drop_rows(mini_data):
    raw = pd.read_csv(mini_data / "events.csv", dtype=str, keep_default_na=False)
    typed = io.load_events(mini_data)
    assert len(raw) == len(typed)
    assert (raw["event_id"].to_numpy() == typed["event_id"].to_numpy()).all()


# ---------------------------------------------------------------- malformed inputs


@pytest.mark.parametrize(("delimiter", "named"), [(";", "';'"), ("\t", "tabs"), ("|", "'|'")])
def test_wrong_delimiter_is_one_problem(mini_data, delimiter, named):
    # what Excel writes in an Indonesian locale: ';' between cells, ',' inside the text
    text = (mini_data / "cases.csv").read_text(encoding="utf-8")
    write_bytes(mini_data, "cases.csv", text.replace(",", delimiter).encode())
    with pytest.raises(DataError) as info:
        io.load_dataset(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("cases.csv", 1, None)
    assert f"separated by {named}" in p.allowed and "CSV UTF-8 (comma delimited)" in p.allowed


def test_byte_order_mark_and_crlf_load(mini_data):
    for table in ("cases", "sources"):
        path = mini_data / f"{table}.csv"
        content = path.read_bytes()
        write_bytes(mini_data, path.name, b"\xef\xbb\xbf" + content.replace(b"\n", b"\r\n"))
    ds = io.load_dataset(mini_data)
    assert list(ds["cases"]["case_id"]) == ["ASN-2025-0001", "ASN-2025-0002"]
    assert ds["cases"]["coding_note"].iloc[1] == MINI["cases"][1]["coding_note"]


def test_latin1_bytes(mini_data):
    content = (mini_data / "cases.csv").read_bytes().replace(
        b"Sub-district office", "Kantor Kecamatan Diw\u00e9k".encode("latin-1"))
    write_bytes(mini_data, "cases.csv", content)
    with pytest.raises(DataError) as info:
        io.load_cases(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("cases.csv", 3, "summary")
    assert "Latin-1" in p.allowed and "\\xe9" in str(p)
    position = content.index(b"\xe9") + 1
    assert f"from byte {position:,} on (1 cell;" in p.allowed


def test_file_in_windows_1252_is_one_problem(mini_data):
    text = (mini_data / "cases.csv").read_text(encoding="utf-8")
    text = text.replace("karaoke", "karaok\u00e9").replace("Friday", "Fr\u00efday")
    write_bytes(mini_data, "cases.csv", text.encode("cp1252"))
    with pytest.raises(DataError) as info:
        io.load_cases(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("cases.csv", 2, "summary")
    assert "(2 cells;" in p.allowed and len(str(p).splitlines()) == 1


def test_missing_key_column_is_one_problem(mini_data):
    lines = (mini_data / "cases.csv").read_text(encoding="utf-8").splitlines()
    trimmed = "\n".join(line.split(",", 1)[1] for line in lines) + "\n"
    write_bytes(mini_data, "cases.csv", trimmed.encode())
    with pytest.raises(DataError) as info:
        io.load_dataset(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column, p.value) == ("cases.csv", 1, "case_id", "(missing)")
    assert "the key column 'case_id'" in p.allowed


def test_header_without_rows_is_one_problem(mini_data):
    header = (mini_data / "cases.csv").read_bytes().split(b"\n")[0] + b"\n"
    write_bytes(mini_data, "cases.csv", header)
    with pytest.raises(DataError) as info:
        io.load_dataset(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("cases.csv", 2, None)
    assert "header but no data rows" in p.allowed


def test_reactions_without_rows_load_as_an_empty_table(mini_data):
    header = (mini_data / "reactions.csv").read_bytes().split(b"\n")[0] + b"\n"
    write_bytes(mini_data, "reactions.csv", header)
    assert len(io.load_dataset(mini_data)["reactions"]) == 0


def test_long_error_list_prints_the_first_50_and_the_total():
    found = [io.Problem("cases.csv", row, "summary", "x", "y") for row in range(2, 62_002)]
    error = DataError(found)
    lines = str(error).splitlines()
    assert len(lines) <= 52 and len(error.problems) == 62_000
    assert lines[0] == "62,000 problem(s) in the data:"
    assert lines[1] == "  - " + str(found[0]) and lines[50] == "  - " + str(found[49])
    assert lines[-1] == "  ... and 61,950 more problems (62,000 in all; .problems lists every one)"


def test_short_error_list_prints_every_problem():
    found = [io.Problem("cases.csv", row, "summary", "x", "y") for row in range(2, 52)]
    assert len(str(DataError(found)).splitlines()) == 51


def test_missing_column(mini_data):
    rewrite(mini_data, "cases", lambda d: [r.pop("coding_note") for r in d])
    # write_table writes the header from the codebook: drop the column by hand instead
    lines = (mini_data / "cases.csv").read_text(encoding="utf-8").splitlines()
    trimmed = "\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n"
    write_bytes(mini_data, "cases.csv", trimmed.encode())
    assert problems(mini_data, io.load_cases) == [("cases.csv", 1, "coding_note")]


def test_extra_column(mini_data):
    lines = (mini_data / "sources.csv").read_text(encoding="utf-8").splitlines()
    extended = "\n".join([lines[0] + ",author"] + [line + ",someone" for line in lines[1:]])
    write_bytes(mini_data, "sources.csv", (extended + "\n").encode())
    assert problems(mini_data, io.load_sources) == [("sources.csv", 1, "author")]


def test_unknown_code(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "misconduct_type", "karaoke"))
    found = problems(mini_data, io.load_cases)
    assert found == [("cases.csv", 2, "misconduct_type")]


def test_bad_month(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 1, "incident_date", "2025-13-01"))
    assert ("cases.csv", 3, "incident_date") in problems(mini_data, io.load_cases)


def test_impossible_date(mini_data):
    rewrite(mini_data, "events", set_cell("events", 0, "event_date", "2025-02-30"))
    assert problems(mini_data, io.load_events) == [("events.csv", 2, "event_date")]


def test_local_date_format_rejected(mini_data):
    rewrite(mini_data, "sources", set_cell("sources", 1, "published_date", "13/04/2025"))
    assert problems(mini_data, io.load_sources) == [("sources.csv", 3, "published_date")]


def test_future_date(mini_data):
    rewrite(mini_data, "reactions", set_cell("reactions", 0, "reaction_date", "2030-01-01"))
    with pytest.raises(DataError) as info:
        io.load_reactions(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("reactions.csv", 2, "reaction_date")
    assert "cut-off 2026-11-24" in p.allowed


def test_duplicate_id(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 1, "case_id", "ASN-2025-0001"))
    found = problems(mini_data, io.load_cases)
    assert ("cases.csv", 3, "case_id") in found
    # the sources of the vanished case now point at nothing
    assert ("sources.csv", 3, "case_id") in problems(mini_data, io.load_sources)


def test_event_pointing_to_missing_case(mini_data):
    rewrite(mini_data, "events", set_cell("events", 1, "case_id", "ASN-2024-0099"))
    found = problems(mini_data, io.load_events)
    assert ("events.csv", 3, "case_id") in found


def test_reaction_pointing_to_missing_source(mini_data):
    rewrite(mini_data, "reactions", set_cell("reactions", 0, "source_id", "SRC-09999"))
    assert problems(mini_data, io.load_reactions) == [("reactions.csv", 2, "source_id")]


def test_event_source_of_another_case(mini_data):
    rewrite(mini_data, "events", set_cell("events", 0, "source_id", "SRC-00002"))
    assert problems(mini_data, io.load_events) == [("events.csv", 2, "source_id")]


def test_negative_count(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "n_asn_involved", "-3"))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 2, "n_asn_involved")]


def test_fractional_count(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 1, "reach_views", "3.5"))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 3, "reach_views")]


def test_empty_file(mini_data):
    write_bytes(mini_data, "events.csv", b"")
    assert problems(mini_data, io.load_events) == [("events.csv", None, None)]


def test_huge_field(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "summary", "x" * 1_000_000))
    with pytest.raises(DataError) as info:
        io.load_cases(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("cases.csv", 2, "summary")
    assert "(1000000 characters)" in str(p) and len(str(p)) < 400


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"x\")", "-1+cmd|' /C calc'!A0", "+SUM(1)"])
def test_formula_cell(mini_data, cell):
    rewrite(mini_data, "sources", set_cell("sources", 0, "outlet", cell))
    with pytest.raises(DataError) as info:
        io.load_sources(mini_data)
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "outlet")]
    assert "formula" in info.value.problems[0].allowed


def test_precision_disagrees_with_date(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 1, "incident_date_precision", "month"))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 3, "incident_date_precision")]


def test_count_precision_must_match_count(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "n_asn_precision", "unknown"))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 2, "n_asn_precision")]


def test_regency_outside_its_province(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "regency_code", "32.73"))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 2, "regency_code")]


def test_region_code_not_in_gazetteer(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "regency_code", "35.99"))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 2, "regency_code")]


def test_provision_must_follow_misconduct_type(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "pp94_provision", "pasal_5_n"))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 2, "pp94_provision")]


def test_geo_precision_must_match_codes(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "geo_precision", "province"))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 2, "geo_precision")]


def test_sanction_level_must_match_type(mini_data):
    rewrite(mini_data, "events", set_cell("events", 1, "sanction_level", "berat"))
    assert problems(mini_data, io.load_events) == [("events.csv", 3, "sanction_level")]


def test_sanction_only_with_sanctioning_action(mini_data):
    rewrite(mini_data, "events", set_cell("events", 0, "sanction_type", "teguran_lisan"))
    assert problems(mini_data, io.load_events) == [("events.csv", 2, "sanction_type")]


def test_personal_data_in_text(mini_data):
    rewrite(mini_data, "cases",
            set_cell("cases", 1, "coding_note", "Tip from reader, call 0812-3456-7890."))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 3, "coding_note")]


def test_handle_in_organisation(mini_data):
    rewrite(mini_data, "reactions", set_cell("reactions", 0, "organisation", "LBHAM (@lbham_jbg)"))
    assert problems(mini_data, io.load_reactions) == [("reactions.csv", 2, "organisation")]


def test_blank_cell(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "asn_status", ""))
    assert problems(mini_data, io.load_cases) == [("cases.csv", 2, "asn_status")]


def test_padded_code(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "asn_status", " pns"))
    found = problems(mini_data, io.load_cases)
    assert found[0] == ("cases.csv", 2, "asn_status")


def test_ragged_row(mini_data):
    with (mini_data / "events.csv").open("a", encoding="utf-8") as fh:
        fh.write("EVT-00003,ASN-2025-0001,2025-12-24,day\n")
    write_datapackage(mini_data)
    assert problems(mini_data, io.load_events) == [("events.csv", 4, None)]


def test_unterminated_quote(mini_data):
    with (mini_data / "reactions.csv").open("a", encoding="utf-8") as fh:
        fh.write('RXN-00002,"ASN-2025-0002,2025-04-14,day\n')
    write_datapackage(mini_data)
    found = problems(mini_data, io.load_reactions)
    assert found == [("reactions.csv", 3, None)]


def test_checksum_mismatch(mini_data):
    path = mini_data / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Koneksi Media", "Koneksi"),
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        io.load_sources(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column) == ("sources.csv", None, None)
    assert "datapackage.json" in p.allowed


def test_missing_datapackage(mini_data):
    (mini_data / "datapackage.json").unlink()
    found = problems(mini_data, io.load_cases)
    assert ("datapackage.json", None, None) in found


def test_every_problem_is_reported_at_once(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "asn_status", "pegawai"))
    rewrite(mini_data, "events", set_cell("events", 0, "action", "scolded"))
    rewrite(mini_data, "reactions", set_cell("reactions", 0, "stance", "angry"))
    assert problems(mini_data) == [
        ("cases.csv", 2, "asn_status"),
        ("events.csv", 2, "action"),
        ("reactions.csv", 2, "stance"),
    ]


def test_error_message_names_file_row_column_value_and_allowed(mini_data):
    rewrite(mini_data, "cases", set_cell("cases", 0, "in_uniform", "maybe"))
    with pytest.raises(DataError) as info:
        io.load_cases(mini_data)
    assert str(info.value.problems[0]) == (
        "cases.csv, row 2, column 'in_uniform': found 'maybe'; allowed: one of yes, no, unknown"
    )


def test_datapackage_cutoff_is_required(mini_data):
    (mini_data / "datapackage.json").write_text(json.dumps({"resources": []}))
    found = problems(mini_data, io.load_cases)
    assert ("datapackage.json", None, "cutoff_date") in found


# ---------------------------------------------------------------- date order across tables
# MINI: case 1 has incident 2025-12 (month) and no surfacing date; case 2 has incident and
# surfacing 2025-04-11 (day).


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "allowed"),
    [
        ("events", 0, "event_date", "2025-11-30",
         "a date not before case ASN-2025-0001's incident_date '2025-12'"),
        ("events", 0, "event_date", "2025-11",
         "a date not before case ASN-2025-0001's incident_date '2025-12'"),
        ("cases", 1, "surfaced_date", "2025-04-10", "a date not before its incident_date "
         "'2025-04-11'"),
        ("sources", 1, "published_date", "2025-03",
         "a date not before case ASN-2025-0002's incident_date '2025-04-11'"),
        ("events", 1, "event_date", "2025-04-10",
         "a date not before case ASN-2025-0002's surfaced_date '2025-04-11'"),
        ("reactions", 0, "reaction_date", "2024",
         "a date not before case ASN-2025-0002's incident_date '2025-04-11'"),
    ],
)
def test_date_before_a_date_of_its_case(mini_data, table, row, column, value, allowed):
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    rewrite(mini_data, table, lambda d: d[row].update(
        {column: value, f"{column}_precision": precision}))
    with pytest.raises(DataError) as info:
        io.load_dataset(mini_data)
    (p,) = info.value.problems
    assert (p.file, p.row, p.column, p.value) == (f"{table}.csv", row + 2, column, value)
    assert p.allowed == allowed


@pytest.mark.parametrize(
    ("table", "row", "column", "value"),
    [
        ("events", 0, "event_date", "2025-12-01"),  # inside the incident's month
        ("events", 0, "event_date", "2025"),  # a year that holds the incident's month
        ("cases", 1, "surfaced_date", "2025-04"),  # a month that holds the incident day
        ("sources", 1, "published_date", "2025-04"),
        ("events", 1, "event_date", "2025-04"),  # may be on or after the surfacing day
        ("events", 0, "event_date", "unknown"),
    ],
)
def test_dates_in_order_at_their_precision_load(mini_data, table, row, column, value):
    precision = "unknown" if value == "unknown" else {4: "year", 7: "month", 10: "day"}[len(value)]
    rewrite(mini_data, table, lambda d: d[row].update(
        {column: value, f"{column}_precision": precision}))
    assert len(io.load_dataset(mini_data)[table]) == len(MINI[table])


def test_bundled_dataset_loads_cleanly():
    ds = io.load_dataset()
    assert {name: len(frame) > 0 for name, frame in ds.items()} == dict.fromkeys(io.TABLES, True)


# ---------------------------------------------------------------- sourced reference tables

CB = io.load_codebook()
STATS_FILE = CB.table("official_statistics")["file"]
HEADCOUNT_OK = ("35,2023,2023-06-30,pns,BKN semester I 2023,372304,"
                "https://example.org/a | https://example.org/b,news_x1,\n")


@pytest.mark.parametrize(
    ("row", "column", "allowed"),
    [
        ("99,2023,2023,pns,BPS 2023,1000,https://example.org/x,news_x1,", "area_code",
         "a Kemendagri region code from data/reference/regions.csv, or ID"),
        ("35,1889,2023,pns,BPS 2023,1000,https://example.org/x,news_x1,", "year",
         "a year from 1990 to 2026"),
        ("35,2023,2023-02-30,pns,BPS 2023,1000,https://example.org/x,news_x1,", "as_of",
         "a real date"),
        ("35,2023,2023,civil,BPS 2023,1000,https://example.org/x,news_x1,", "staff",
         "one of pns, pppk, asn"),
        ("35,2023,2023,pns,BPS 2023,0,https://example.org/x,news_x1,", "count",
         "a whole number >= 1"),
        ("35,2023,2023,pns,BPS 2023,1.5e5,https://example.org/x,news_x1,", "count",
         "a whole number >= 1"),
        ("35,2023,2023,pns,BPS 2023,1000,example.org/x,news_x1,", "source_url",
         "http(s) URLs"),
        ("35,2023,2023,pns,BPS 2023,1000,https://example.org/x,rumour,", "confidence",
         "matching ^(primary|news_x[1-9]|uncertain)$"),
        ("35,2023,2023,pns,,1000,https://example.org/x,news_x1,", "series",
         "text of 1 to 40 characters"),
    ],
)
def test_headcount_rejects_bad_cells_naming_row_and_column(mini_data, row, column, allowed):
    header = ",".join(CB.columns("asn_headcount")) + "\n"
    write_bytes(mini_data, io.HEADCOUNT_FILE, (header + HEADCOUNT_OK + row + "\n").encode())
    with pytest.raises(DataError) as info:
        io.load_headcount(mini_data)
    [problem] = info.value.problems
    assert (problem.file, problem.row, problem.column) == (io.HEADCOUNT_FILE, 3, column)
    assert allowed in problem.allowed


def test_headcount_rejects_a_repeated_key(mini_data):
    header = ",".join(CB.columns("asn_headcount")) + "\n"
    write_bytes(mini_data, io.HEADCOUNT_FILE, (header + HEADCOUNT_OK * 2).encode())
    assert problems(mini_data, io.load_headcount) == [
        (io.HEADCOUNT_FILE, 3, "area_code, year, staff, series")]


def set_reference_cell(data_dir: Path, name: str, row: int, column: str, value: str) -> str:
    """Put ``value`` in one cell of a reference file (row as a spreadsheet counts), refresh
    the checksums, and return the file's path in the data folder."""
    rel = CB.table(name)["file"]
    frame = pd.read_csv(data_dir / rel, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(data_dir / rel, index=False, lineterminator="\n")
    write_datapackage(data_dir)
    return rel


@pytest.mark.parametrize(
    ("name", "column", "value", "allowed"),
    [
        ("official_statistics", "misconduct_type", "laziness",
         "one of " + ", ".join(CB.codes("misconduct_type")) + ", or not_applicable"),
        ("official_statistics", "unit", "tonnes", "one of " + ", ".join(CB.codes("stat_unit"))),
        ("absence_ladder", "sanction_type", "caning",
         "one of " + ", ".join(CB.codes("sanction_type"))),
        ("absence_ladder", "min_days", "0", "a whole number >= 1"),
        ("asn_headcount", "staff", "honorer", "one of " + ", ".join(CB.codes("staff"))),
        ("lexicon_modifiers", "kind", "booster", "one of negation, intensifier, diminisher"),
        ("lexicon_polarity", "polarity", "0", "a whole number from -3 to 3, not 0"),
        ("lexicon_stance_cues", "stance", "angry", "one of " + ", ".join(CB.codes("stance"))),
        ("regions", "level", "village", "one of province, regency"),
    ],
)
def test_reference_cell_refused_through_the_codebook(mini_data, name, column, value, allowed):
    rel = set_reference_cell(mini_data, name, 3, column, value)
    with pytest.raises(DataError) as info:
        io.load_reference(name, mini_data)
    [p] = info.value.problems
    assert (p.file, p.row, p.column, p.value, p.allowed) == (rel, 3, column, value, allowed)


def test_the_ladder_reaches_regulation_through_the_checked_loader(mini_data, monkeypatch):
    from asnresearch import regulation

    set_reference_cell(mini_data, "absence_ladder", 2, "min_days", "three")
    monkeypatch.setattr(io, "DATA_DIR", mini_data)
    regulation._ladder.cache_clear()
    try:
        with pytest.raises(DataError) as info:
            regulation.prescribed_sanction(absence_days=5, on=dt.date(2024, 3, 1))
        [p] = info.value.problems
        assert (p.file, p.row, p.column) == ("reference/absence_ladder.csv", 2, "min_days")
        # an edit that the datapackage does not know of is refused by its checksum
        path = mini_data / "reference" / "absence_ladder.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("three", "3"), encoding="utf-8")
        regulation._ladder.cache_clear()
        with pytest.raises(DataError, match="the checksum in datapackage.json"):
            regulation.prescribed_sanction(absence_days=5, on=dt.date(2024, 3, 1))
    finally:
        regulation._ladder.cache_clear()


def test_a_changed_code_list_changes_what_the_loader_accepts(tmp_path, monkeypatch):
    import yaml

    from asnresearch import codebook

    raw = yaml.safe_load(codebook.CODEBOOK_FILE.read_text(encoding="utf-8"))
    raw["code_lists"]["staff"] = [e for e in raw["code_lists"]["staff"] if e["code"] != "pppk"]
    copy = tmp_path / "codebook.yaml"
    copy.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert "pppk" in set(io.load_headcount()["staff"])
    monkeypatch.setattr(codebook, "CODEBOOK_FILE", copy)
    with pytest.raises(DataError) as info:
        io.load_headcount()
    found = {(p.column, p.value, p.allowed) for p in info.value.problems}
    assert found == {("staff", "pppk", "one of " + ", ".join(
        c for c in CB.codes("staff") if c != "pppk"))}


def test_reference_tables_load_typed():
    hc, stats = io.load_headcount(), io.load_official_statistics()
    assert hc["count"].dtype == "int64" and (hc["count"] > 0).all()
    assert str(stats["of_total"].dtype) == "Float64"
    shares = stats.dropna(subset=["of_total"])
    assert (shares["value"] <= shares["of_total"]).all()
    ladder = io.load_reference("absence_ladder")
    assert str(ladder["max_days"].dtype) == "Int64" and ladder["max_days"].isna().sum() == 3


def test_province_tiles_place_every_province_once_on_its_own_tile():
    tiles = io.load_reference("province_tiles")
    regions = io.load_regions()
    provinces = regions.loc[regions["level"] == "province", "code"]
    assert len(tiles) == 38
    assert sorted(tiles["province_code"]) == sorted(provinces)
    assert not tiles.duplicated(["row", "col"]).any()
    assert tiles["abbrev"].is_unique


def test_unknown_reference_table_is_named():
    with pytest.raises(KeyError, match="no reference table 'ladder'"):
        io.load_reference("ladder")


# ----------------------------------------------------------------------------- writing exports


def test_neutralise_formulas_quotes_every_formula_start_and_leaves_numbers():
    frame = pd.DataFrame({
        "text": ["=cmd|' /C calc'!A0", "+62 812", "-2+3", "@SUM(A1)", "\tx", "\rx", "-7",
                 "-0.5", "biasa", "a=b", None],
        "n": [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        "share": [-0.5] * 11,
    })
    out = io.neutralise_formulas(frame)
    assert out["text"].tolist()[:-1] == ["'=cmd|' /C calc'!A0", "'+62 812", "'-2+3",
                                         "'@SUM(A1)", "'\tx", "'\rx", "-7", "-0.5", "biasa",
                                         "a=b"]
    assert pd.isna(out["text"].iloc[-1])
    assert out["n"].tolist() == frame["n"].tolist() and out["n"].dtype == frame["n"].dtype
    assert out["share"].dtype == frame["share"].dtype
    assert frame.loc[0, "text"] == "=cmd|' /C calc'!A0"  # the input is not changed


def test_write_csv_round_trips_with_the_quote_prefix(tmp_path):
    frame = pd.DataFrame({"id": ["=1+1 Aktivis", "ok"], "note": ["x\ny", "@a"], "n": [-3, 4]})
    path = io.write_csv(frame, tmp_path / "sub" / "t.csv")
    assert path.read_bytes() == b"id,note,n\n'=1+1 Aktivis,\"x\ny\",-3\nok,'@a,4\n"
    back = pd.read_csv(path)
    assert back["id"].tolist() == ["'=1+1 Aktivis", "ok"] and back["n"].tolist() == [-3, 4]


def test_write_csv_refuses_a_folder_an_input_and_an_existing_file(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("a\n1\n", encoding="utf-8")
    frame = pd.DataFrame({"a": [2]})
    with pytest.raises(ValueError, match="is a folder"):
        io.write_csv(frame, tmp_path)
    with pytest.raises(ValueError, match="already exists; pass --overwrite"):
        io.write_csv(frame, source)
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    with pytest.raises(ValueError, match="is the input"):
        io.write_csv(frame, link, overwrite=True, inputs=[source])
    with pytest.raises(ValueError, match="in.csv: is a file, not a folder"):
        io.write_csv(frame, source / "out.csv")
    assert source.read_text(encoding="utf-8") == "a\n1\n"
    io.write_csv(frame, source, overwrite=True)
    assert source.read_text(encoding="utf-8") == "a\n2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "link.csv"]


def test_write_atomically_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), io.write_atomically(target, overwrite=True) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]
    with io.write_atomically(target, overwrite=True) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new"
    assert (target.stat().st_mode & 0o777) == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")
def test_write_atomically_names_a_folder_it_cannot_use():
    with pytest.raises(OSError) as info, io.write_atomically("/proc/asnresearch/t.csv"):
        pass
    assert info.value.filename == "/proc/asnresearch"
    assert "cannot create this folder" in info.value.strerror
