"""Load the released dataset: checksum, validate everything, then type it.

Every loader reads the CSV files as text, verifies their sha256 against
``data/datapackage.json``, validates every cell against the codebook (lazily, so all problems
are collected), checks the rules that span columns and tables, and only then converts the
columns to typed pandas data: codes become ordered categoricals in codebook order, dates become
timestamps at the start of their period (their precision stays in the ``*_precision`` column),
counts become nullable integers with ``<NA>`` for ``unknown``. Any problem raises one
:class:`DataError` listing each as file, row, column, value and what was allowed. Nothing is
dropped, trimmed or coerced silently.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.

Among the rules across tables is date order (the codebook's ``not_before``): nothing about a
case may precede its incident, and no official step may precede the day the case surfaced (the
first day it was known beyond those involved, to the public or to an authority that acted on
it). Each date stands for its whole period, so ``2025-05`` is out of order only when all of May
ends before the other date's period starts; ``unknown`` dates are skipped.

Examples
--------
>>> ds = load_dataset()
>>> sorted(ds)
['cases', 'events', 'reactions', 'sources']
>>> ds["cases"]["misconduct_type"].dtype.ordered
True
"""

from __future__ import annotations

import calendar
import contextlib
import csv
import datetime as dt
import functools
import hashlib
import io as _io
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asnresearch.codebook import load_codebook
from asnresearch.schemas import (
    DataError,
    Problem,
    allowed_codes,
    build_schema,
    parse_partial_date,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DataError", "DATA_DIR", "DATAPACKAGE", "REGIONS_FILE", "HEADCOUNT_FILE", "TABLES",
    "MAX_CELL_BYTES", "load_cases", "load_sources", "load_events", "load_reactions",
    "load_reference", "load_regions", "load_headcount", "load_official_statistics",
    "load_dataset", "read_cutoff_date", "read_csv_text", "write_datapackage",
    "build_resources", "neutralise_formulas", "check_output_path", "create_folder",
    "write_atomically", "write_csv", "name_other_delimiter",
]

DATA_DIR = Path(os.environ.get("ASNRESEARCH_DATA", Path(__file__).resolve().parents[1] / "data"))
DATAPACKAGE = "datapackage.json"
# where the gazetteer and the headcount are written (cli, synth); the codebook's
# reference_tables name every reference file, these included
REGIONS_FILE = "reference/regions.csv"
HEADCOUNT_FILE = "reference/asn_headcount.csv"
TABLES = ("cases", "sources", "events", "reactions")
MAX_CELL_BYTES = 10_000_000  # parse huge cells so the schema can report them, not crash
_DELIMITERS = {";": "';'", "\t": "tabs", "|": "'|'"}  # what spreadsheets write instead of ','
# OWASP's CSV-injection rule: a spreadsheet reads a cell starting with one of these as a
# formula. A cell that is wholly a negative number is read as that number, and left alone.
# The loaders refuse such cells and the writers quote them: one definition for both.
_FORMULA_LEAD = re.compile(r"[=+\-@\t\r]")
_NEGATIVE_NUMBER = re.compile(r"-[0-9]+(?:\.[0-9]+)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EDGE = frozenset("=+-@")  # first characters of cells _check_cell looks at closer
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_parse_date = functools.cache(parse_partial_date)  # a dataset repeats its dates many times


# ----------------------------------------------------------------------------- public loaders


def load_cases(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load and validate ``cases.csv``: one row per reported incident.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the dataset and ``datapackage.json``. Default: the bundled ``data/``.

    Returns
    -------
    pandas.DataFrame
        Typed table; see ``data/CODEBOOK.md``.

    Raises
    ------
    DataError
        Listing every problem found.

    Examples
    --------
    >>> cases = load_cases()
    >>> cases["case_id"].is_unique
    True
    """
    return _Loader(data_dir).table("cases")


def load_sources(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load and validate ``sources.csv`` (news items), checking its links to cases.

    Examples
    --------
    >>> load_sources()["url"].str.startswith("http").all()
    np.True_
    """
    return _Loader(data_dir).table("sources")


def load_events(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load and validate ``events.csv`` (official steps), checking links to cases and sources.

    Examples
    --------
    >>> "sanction_imposed" in load_events()["action"].cat.categories
    True
    """
    return _Loader(data_dir).table("events")


def load_reactions(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load and validate ``reactions.csv`` (coded public reactions).

    Examples
    --------
    >>> list(load_reactions()["sentiment"].cat.categories)
    ['negative', 'neutral', 'positive']
    """
    return _Loader(data_dir).table("reactions")


def load_reference(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load one reference table of the codebook's ``reference_tables``, checksummed and
    validated by the same schemas as the four tables.

    Codes and text stay text; whole numbers become ``int64`` (``Int64`` where a cell may be
    blank or ``unknown``), other numbers ``Float64`` with ``<NA>`` for ``unknown``.

    Parameters
    ----------
    name : str
        ``regions``, ``absence_ladder``, ``asn_headcount``, ``official_statistics`` or a
        word list of the comment scorer (``lexicon_polarity``...).
    data_dir : str or Path, optional
        Folder holding the data and ``datapackage.json``. Default: the bundled ``data/``.

    Raises
    ------
    DataError
        Naming file, row, column, value and what was allowed, for every problem.

    Examples
    --------
    >>> ladder = load_reference("absence_ladder")
    >>> ladder.loc[ladder["rule_id"] == "PP94-ABS-09", ["min_days", "max_days"]].iloc[0].tolist()
    [28, <NA>]
    """
    return _Loader(data_dir).reference(name)


def load_regions(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load the Kemendagri gazetteer ``reference/regions.csv`` (38 provinces, 514 regencies).

    Examples
    --------
    >>> regions = load_regions()
    >>> regions["level"].value_counts().to_dict()
    {'regency': 514, 'province': 38}
    """
    return load_reference("regions", data_dir)


def load_headcount(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load ``reference/asn_headcount.csv``: PNS/PPPK counts by province (partial) and nation.

    ``area_code`` is a province code or ``ID`` (national); ``series`` names the statistic
    (e.g. ``BKN semester I 2023``), so two series for one province-year stay apart.

    Examples
    --------
    >>> hc = load_headcount()
    >>> bool((hc["count"] > 0).all())
    True
    """
    return load_reference("asn_headcount", data_dir)


def load_official_statistics(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load ``reference/official_statistics.csv``: one sourced official figure per row.

    ``value`` is the number as stated; ``of_total`` the total it is part of, when the same
    statement gives one (else missing); ``misconduct_type`` maps the category onto the
    codebook (``not_applicable`` for totals and unmatched categories).

    Examples
    --------
    >>> stats = load_official_statistics()
    >>> stats["stat_id"].is_unique
    True
    """
    return load_reference("official_statistics", data_dir)


def load_dataset(data_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Load the four tables, validated together.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``cases``, ``sources``, ``events`` and ``reactions``.

    Examples
    --------
    >>> ds = load_dataset()
    >>> set(ds["events"]["case_id"]) <= set(ds["cases"]["case_id"])
    True
    """
    loader = _Loader(data_dir)
    loader.validate(TABLES)
    return {name: loader.table(name) for name in TABLES}


def read_cutoff_date(data_dir: str | Path | None = None) -> dt.date:
    """The data cut-off date recorded in ``datapackage.json``.

    Examples
    --------
    >>> read_cutoff_date() <= dt.date.today()
    True
    """
    package = json.loads((Path(data_dir or DATA_DIR) / DATAPACKAGE).read_text(encoding="utf-8"))
    return dt.date.fromisoformat(package["cutoff_date"])


# ----------------------------------------------------------------------------- the loader


class _Loader:
    """Validates requested tables (and the tables they refer to) and types them."""

    def __init__(self, data_dir: str | Path | None):
        self.dir = Path(data_dir) if data_dir is not None else DATA_DIR
        self.cb = load_codebook()
        self.problems: list[Problem] = []
        self.raw: dict[str, pd.DataFrame] = {}
        self._package: dict[str, Any] | None = None
        self._regions: dict[str, list[str]] | None = None

    # -- entry points
    def table(self, name: str) -> pd.DataFrame:
        self.validate([name])
        return _to_typed(self.raw[name], name)

    def reference(self, name: str) -> pd.DataFrame:
        """Read, check and type one reference table of the codebook."""
        if name not in self.cb.reference_names:
            raise KeyError(f"no reference table {name!r}; choose from {self.cb.reference_names}")
        frame = self._read_reference(name)
        self._raise()
        return _to_typed_reference(frame, name)

    def validate(self, names: Iterable[str]) -> None:
        for name in names:
            self._validate_table(name)
        self._raise()

    # -- steps
    def _raise(self) -> None:
        if self.problems:
            raise DataError(self.problems)

    def _package_json(self) -> dict[str, Any]:
        if self._package is None:
            path = self.dir / DATAPACKAGE
            try:
                self._package = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                self.problems.append(
                    Problem(DATAPACKAGE, None, None, str(exc), "a readable datapackage.json")
                )
                self._package = {}
        return self._package

    def _cutoff(self) -> dt.date:
        text = self._package_json().get("cutoff_date")
        parsed = parse_partial_date(text) if isinstance(text, str) else None
        if parsed is None or parsed[1] != "day":
            self.problems.append(
                Problem(DATAPACKAGE, None, "cutoff_date", str(text), "a date YYYY-MM-DD")
            )
            return dt.date.today()
        return parsed[0]

    def _verify_checksum(self, rel: str, content: bytes) -> None:
        resources = {r.get("path"): r for r in self._package_json().get("resources", [])}
        expected = resources.get(rel, {}).get("hash")
        actual = "sha256:" + hashlib.sha256(content).hexdigest()
        if expected is None:
            self.problems.append(
                Problem(DATAPACKAGE, None, None, rel, "a resource entry with a sha256 hash")
            )
        elif expected != actual:
            self.problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    actual,
                    f"the checksum in datapackage.json ({expected}); the file changed after "
                    "the datapackage was written (run `make datapackage` if the edit is meant)",
                )
            )

    def _read(self, rel: str, columns: list[str], key: str | None = None,
              rows_required: bool = True) -> pd.DataFrame | None:
        path = self.dir / rel
        try:
            content = path.read_bytes()
        except OSError as exc:
            self.problems.append(Problem(rel, None, None, str(exc), "an existing readable file"))
            return None
        self._verify_checksum(rel, content)
        frame, problems = read_csv_text(content, rel, columns, key=key,
                                        rows_required=rows_required)
        self.problems.extend(problems)
        return frame

    def _read_reference(self, name: str) -> pd.DataFrame | None:
        """A reference table as text, its cells checked against its schema."""
        if name in self.raw:
            return self.raw[name]
        spec = self.cb.table(name)
        frame = self._read(spec["file"], self.cb.columns(name))
        if frame is not None:
            needs_regions = any(v.type == "region" for v in self.cb.variables(name))
            schema = build_schema(name, cutoff=self._cutoff(),
                                  regions=self._region_codes() if needs_regions else None)
            self.problems.extend(schema.find_problems(frame, spec["file"]))
        self.raw[name] = frame
        return frame

    def _region_codes(self) -> dict[str, list[str]]:
        """Codes of the gazetteer by level (empty when it cannot be read: that is reported)."""
        if self._regions is None:
            import pandas as pd

            frame = self._read_reference("regions")
            if frame is None:
                frame = pd.DataFrame(columns=["code", "level"], dtype=str)
            self._regions = {level: frame.loc[frame["level"] == level, "code"].tolist()
                             for level in self.cb.codes("region_level")}
        return self._regions

    def _validate_table(self, name: str) -> None:
        if name in self.raw:
            return
        if name not in TABLES:
            raise KeyError(f"no table {name!r}; choose from {TABLES}")
        refs = {v.spec["references"].split(".")[0] for v in self.cb.variables(name)
                if "references" in v.spec}
        for ref in sorted(refs, key=TABLES.index):
            self._validate_table(ref)
        spec = self.cb.table(name)
        # a dataset needs cases; the tables hanging off them may rightly be empty
        frame = self._read(spec["file"], self.cb.columns(name), key=spec["primary_key"],
                           rows_required=name == "cases")
        if frame is None:
            self.raw[name] = None  # type: ignore[assignment]
            return
        needs_regions = any(v.type == "region" for v in self.cb.variables(name))
        keys = {
            ref: (None if self.raw.get(ref) is None else self.raw[ref][f"{ref[:-1]}_id"])
            for ref in ("cases", "sources")
        }
        schema = build_schema(
            name,
            cutoff=self._cutoff(),
            case_ids=None if "cases" not in refs else _set_or_none(keys["cases"]),
            source_ids=None if "sources" not in refs else _set_or_none(keys["sources"]),
            regions=self._region_codes() if needs_regions else None,
        )
        self.problems.extend(schema.find_problems(frame, spec["file"]))
        self.problems.extend(_cross_check(name, frame, self.raw, spec["file"]))
        self.raw[name] = frame


def _set_or_none(series: Any) -> set[str] | None:
    return None if series is None else set(series)


# ----------------------------------------------------------------------------- reading text


def read_csv_text(
    content: bytes, name: str, columns: list[str], *, key: str | None = None,
    rows_required: bool = True,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse CSV bytes strictly into a frame of strings indexed by spreadsheet row number.

    A byte-order mark (Excel's "CSV UTF-8") and CRLF line ends are accepted. A file that is
    not comma-separated, lacks its key column or has no data rows gives one problem saying
    so, and no frame, so that no knock-on errors follow; a file that is not UTF-8 gives one
    problem naming the first bad byte.

    Parameters
    ----------
    content : bytes
        The file's bytes (UTF-8, comma-separated, header row first).
    name : str
        File name used in problems.
    columns : list of str
        Expected header.
    key : str, optional
        The key column; without it the rows are not read.
    rows_required : bool
        Whether a header without data rows is a problem (it is not for tables that may
        rightly be empty, such as the reactions of a dataset without any).

    Returns
    -------
    frame : pandas.DataFrame or None
        Well-formed rows (all cells as text); None when nothing could be parsed.
    problems : list of Problem

    Examples
    --------
    >>> frame, problems = read_csv_text(b"a,b\\n1,=2\\n", "x.csv", ["a", "b"])
    >>> [(p.row, p.column, p.value) for p in problems]
    [(2, 'b', '=2')]
    >>> frame, problems = read_csv_text(b"a;b\\n1;2\\n", "x.csv", ["a", "b"])
    >>> frame is None, problems[0].allowed.split("; ")[1]
    (True, "this file is separated by ';': save it as CSV UTF-8 (comma delimited)")
    """
    import pandas as pd

    problems: list[Problem] = []
    if not content.strip():
        return None, [Problem(name, None, None, "", "a header row followed by data rows")]
    # a byte-order mark only announces UTF-8 (Excel writes one); it is not part of the data
    start = 3 if content.startswith(b"\xef\xbb\xbf") else 0
    try:
        text, bad_byte = content[start:].decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = content[start:].decode("utf-8", errors="surrogateescape")
        bad_byte = start + exc.start + 1
    csv.field_size_limit(MAX_CELL_BYTES)
    reader = csv.reader(_io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    broken = False
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        broken = True
        problems.append(
            Problem(name, len(records) + 1, None, str(exc), "well-formed CSV (RFC 4180 quoting)")
        )
    if not records:
        return None, problems or [Problem(name, 1, None, "", "a header row")]
    header, body = records[0], records[1:]
    first_line = text.split("\n", 1)[0].rstrip("\r")
    delimiter = _find_delimiter(first_line, header, columns)
    if delimiter is not None:
        return None, [Problem(name, 1, None, first_line,
                              "comma-separated columns (UTF-8 CSV); this file is separated by "
                              f"{_DELIMITERS[delimiter]}: save it as CSV UTF-8 (comma delimited)")]
    problems.extend(_check_header(header, columns, name, key=key))
    if key is not None and key not in header:
        return None, problems
    if not body and not broken and rows_required:
        return None, problems + [Problem(name, 2, None, "(end of file)", "data rows after the "
                                         "header; the file has a header but no data rows")]
    rows, index = [], []
    undecodable: list[tuple[int, str, str]] = []  # (row, column, cell) holding non-UTF-8 bytes
    undecodable += [(1, cell, cell) for cell in header if _SURROGATE.search(cell)]
    for i, record in enumerate(body, start=2):
        if len(record) != len(header):
            problems.append(
                Problem(name, i, None, f"{len(record)} fields",
                        f"{len(header)} fields, as many as the header")
            )
            continue
        if bad_byte is not None:
            for j, (col, cell) in enumerate(zip(header, record)):
                if _SURROGATE.search(cell):
                    undecodable.append((i, col, cell))
                    # reported once below; read the bytes as Latin-1 so that the rest of the
                    # checks (and pandas' Arrow strings, which refuse undecodable bytes) go on
                    record[j] = cell.encode("utf-8", "surrogateescape").decode("latin-1")
        rows.append(record)
        index.append(i)
    # object columns of Python strings: the checks walk them far faster than Arrow strings
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(index, name="row"), dtype=object)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    problems += _check_cells(frame, name)
    if bad_byte is not None:
        row, col, cell = undecodable[0] if undecodable else (None, None, "")
        cells = f"{len(undecodable)} cell" + ("s" if len(undecodable) != 1 else "")
        problems.append(Problem(
            name, row, None if row == 1 else col, cell,
            f"UTF-8 text; the file is not UTF-8 from byte {bad_byte:,} on ({cells}; this "
            "looks like Latin-1 or Windows-1252): save it as CSV UTF-8"))
    return frame, problems


def name_other_delimiter(header: Iterable[str], wanted: Iterable[str]) -> str | None:
    """How a CSV read with commas was really separated (``"';'"``, ``"tabs"``...), when
    splitting its header by that delimiter gives every wanted column; else None.

    Examples
    --------
    >>> name_other_delimiter(["article_id;province_code"], ["article_id"])
    "';'"
    >>> name_other_delimiter(["article_id", "x"], ["text"]) is None
    True
    """
    wanted = set(wanted)
    for delimiter, called in _DELIMITERS.items():
        cells = {cell.strip() for name in header for cell in str(name).split(delimiter)}
        if wanted and wanted <= cells:
            return called
    return None


def _find_delimiter(line: str, header: list[str], columns: list[str]) -> str | None:
    """The delimiter a header line uses instead of a comma, if it names more columns so."""
    found = sum(col in columns for col in header)
    for delimiter in _DELIMITERS:
        cells = next(csv.reader([line], delimiter=delimiter))
        if sum(cell in columns for cell in cells) > max(found, 1):
            return delimiter
    return None


def _check_header(
    header: list[str], columns: list[str], name: str, *, key: str | None = None
) -> list[Problem]:
    problems = []
    expected = ", ".join(columns)
    for col in sorted({c for c in header if header.count(c) > 1}):
        problems.append(Problem(name, 1, col, col, "each column once"))
    for col in header:
        if col not in columns:
            problems.append(Problem(name, 1, col, col, f"only the columns {expected}"))
    for col in columns:
        if col == key and col not in header:
            problems.append(Problem(name, 1, col, "(missing)",
                                    f"the key column {col!r}; without it no row can be read"))
        elif col not in header:
            problems.append(Problem(name, 1, col, "(missing)", f"a column {col!r} in the header"))
    return problems


def _is_formula(cell: str) -> bool:
    return bool(_FORMULA_LEAD.match(cell)) and not _NEGATIVE_NUMBER.fullmatch(cell)


def _check_cells(frame: pd.DataFrame, name: str) -> list[Problem]:
    """:func:`_check_cell` on every distinct value of each column, in row order."""
    import pandas as pd

    problems = []
    for position, col in enumerate(frame.columns):
        codes, uniques = pd.factorize(frame[col].to_numpy(), use_na_sentinel=False)
        for k, cell in enumerate(uniques):
            if cell[:1] in _EDGE or cell != cell.strip() or _CONTROL.search(cell):
                for i in (codes == k).nonzero()[0].tolist():
                    problems += [(frame.index[i], position, p)
                                 for p in _check_cell(cell, name, int(frame.index[i]), col)]
    return [p for *_, p in sorted(problems, key=lambda item: item[:2])]


def _check_cell(cell: str, name: str, row: int, col: str) -> list[Problem]:
    if _is_formula(cell):
        return [Problem(name, row, col, cell, "a value that does not start with =, +, -, @ "
                        "or a control character (spreadsheet formula)")]
    if _CONTROL.search(cell):
        return [Problem(name, row, col, cell, "a single line without control characters")]
    if cell != cell.strip():
        return [Problem(name, row, col, cell, "a value without leading or trailing spaces")]
    return []



# ----------------------------------------------------------------------------- cross checks


def _cross_check(
    table: str, frame: pd.DataFrame, loaded: dict[str, pd.DataFrame], name: str
) -> list[Problem]:
    cb = load_codebook()
    problems: list[Problem] = []
    cols = set(frame.columns)
    for var in cb.variables(table):
        prec = var.spec.get("precision_column")
        if prec is None or not {var.name, prec} <= cols:
            continue
        if var.type == "integer":
            for row, value, given in zip(frame.index, frame[var.name], frame[prec]):
                if (value == "unknown") != (given == "unknown"):
                    want = "'unknown'" if value == "unknown" else "a precision other than unknown"
                    problems.append(Problem(name, row, prec, given,
                                            f"{want}, as {var.name} is {value!r}"))
            continue
        for row, value, given in zip(frame.index, frame[var.name], frame[prec]):
            parsed = _parse_date(value)
            want = "unknown" if value == "unknown" else parsed[1] if parsed else None
            if want is not None and given != want:
                problems.append(Problem(name, row, prec, given,
                                        f"{want!r}, the precision of {var.name} {value!r}"))
    if table == "cases":
        problems += _check_cases(frame, name)
    if table in ("events", "reactions"):
        sources = loaded.get("sources")
        if sources is not None and {"source_id", "case_id"} <= cols:
            owner = dict(zip(sources["source_id"], sources["case_id"]))
            for row, sid, cid in zip(frame.index, frame["source_id"], frame["case_id"]):
                if sid in owner and owner[sid] != cid:
                    problems.append(Problem(
                        name, row, "source_id", sid,
                        f"a source of case {cid} (it belongs to {owner[sid]})"))
    if table == "events" and {"action", "sanction_type", "sanction_level"} <= cols:
        problems += _check_sanctions(frame, name)
    cases = frame if table == "cases" else loaded.get("cases")
    if cases is not None and "case_id" in cols:
        problems += _check_date_order(table, frame, cases, name)
    return problems


def _check_cases(frame: pd.DataFrame, name: str) -> list[Problem]:
    cb = load_codebook()
    problems = []
    cols = set(frame.columns)
    if {"province_code", "regency_code"} <= cols:
        geos = frame["geo_precision"] if "geo_precision" in cols else [None] * len(frame)
        for row, prov, reg, geo in zip(frame.index, frame["province_code"],
                                       frame["regency_code"], geos):
            if reg != "unknown" and not reg.startswith(f"{prov}."):
                problems.append(Problem(name, row, "regency_code", reg,
                                        f"a regency inside province_code {prov!r}"))
            if geo is None:
                continue
            if (geo == "regency") != (reg != "unknown"):
                problems.append(Problem(name, row, "geo_precision", geo,
                                        "'regency' exactly when regency_code is known"))
            if geo == "province" and prov == "unknown":
                problems.append(Problem(name, row, "province_code", prov,
                                        "a province code when geo_precision is 'province'"))
    if {"misconduct_type", "pp94_provision"} <= cols:
        provision = {str(e["code"]): e["pp94_provision"]
                     for e in cb.code_entries("misconduct_type")}
        for row, kind, given in zip(frame.index, frame["misconduct_type"],
                                    frame["pp94_provision"]):
            want = provision.get(kind)  # an unknown type is already reported
            if want is not None and given != want:
                problems.append(Problem(name, row, "pp94_provision", given,
                                        f"{want!r}, the provision of {kind!r}"))
    return sorted(problems, key=lambda p: p.row or 0)


def _check_date_order(
    table: str, frame: pd.DataFrame, cases: pd.DataFrame, name: str
) -> list[Problem]:
    """Dates earlier than a date of their case that they may not precede (``not_before``).

    Each date stands for its whole period (a month, a year): it is out of order only when that
    period ends before the other date's period starts. ``unknown`` dates are skipped. A date
    that precedes several is reported once, against the latest.
    """
    problems = []
    by_case = cases.drop_duplicates("case_id", keep="last").set_index("case_id")
    for var in load_codebook().variables(table):
        others = [c for c in var.spec.get("not_before", ()) if c in by_case.columns]
        if var.name not in frame.columns or not others:
            continue
        dates = {c: dict(zip(by_case.index, by_case[c])) for c in others}
        for row, case_id, value in zip(frame.index, frame["case_id"], frame[var.name]):
            span = _date_span(value)
            if span is None or case_id not in dates[others[0]]:
                continue
            broken = [(limit[0], c) for c in others
                      if (limit := _date_span(dates[c][case_id])) and span[1] < limit[0]]
            if broken:
                other = max(broken)[1]
                whose = "its" if table == "cases" else f"case {case_id}'s"
                problems.append(Problem(name, row, var.name, value, f"a date not before "
                                        f"{whose} {other} {dates[other][case_id]!r}"))
    return problems


@functools.cache
def _date_span(text: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period a partial date names; None when it names none."""
    parsed = _parse_date(text)
    if parsed is None:
        return None
    start, precision = parsed
    if precision == "year":
        return start, dt.date(start.year, 12, 31)
    if precision == "month":
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start, start


def _join_or(items: list[str]) -> str:
    """``a, b or c``: the allowed values of a message.

    Examples
    --------
    >>> _join_or(["ringan", "sedang", "berat"])
    'ringan, sedang or berat'
    """
    return " or ".join(filter(None, [", ".join(items[:-1]), items[-1]]))


def _check_sanctions(frame: pd.DataFrame, name: str) -> list[Problem]:
    cb = load_codebook()
    problems = []
    sanctioning = cb.rules["sanctioning_actions"]
    na = cb.raw["not_applicable"]
    levels = [code for code in cb.codes("sanction_level") if code != na]
    level_of = {str(e["code"]): e["level"] for e in cb.code_entries("sanction_type")}
    for row, action, stype, level in zip(
        frame.index, frame["action"], frame["sanction_type"], frame["sanction_level"]
    ):
        if (action in sanctioning) == (stype == na):
            allowed = ("a sanction type (or unknown) for action " + repr(action)
                       if action in sanctioning else
                       f"{na!r} unless action is {_join_or(sanctioning)}")
            problems.append(Problem(name, row, "sanction_type", stype, allowed))
            continue
        if stype not in level_of:
            continue
        want = level_of[stype]
        if want is not None and level != want:
            problems.append(Problem(name, row, "sanction_level", level,
                                    f"{want!r}, the level of {stype!r}"))
        if want is None and level == na:
            problems.append(Problem(name, row, "sanction_level", level,
                                    f"{_join_or(levels)} for a sanction"))
    return problems


# ----------------------------------------------------------------------------- typing


def _to_typed(raw: pd.DataFrame, table: str) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    cb = load_codebook()
    out = {}
    for var in cb.variables(table):
        values = raw[var.name].to_numpy()
        if var.type == "code":
            dtype = _category_type(tuple(cb.codes(var.code_list)))
            position = {code: i for i, code in enumerate(dtype.categories)}
            codes = np.fromiter((position[v] for v in values), np.int16, len(values))
            out[var.name] = pd.Categorical.from_codes(codes, dtype=dtype)
        elif var.type == "date":
            codes, uniques = pd.factorize(values)
            starts = np.array([np.datetime64("NaT") if v == "unknown" else
                               np.datetime64(_parse_date(v)[0]) for v in uniques],
                              dtype="datetime64[s]")
            out[var.name] = starts[codes] if len(codes) else starts
        elif var.type == "integer":
            codes, uniques = pd.factorize(values)
            numbers = pd.array([pd.NA if v == "unknown" else int(v) for v in uniques],
                               dtype="Int64")
            out[var.name] = numbers.take(codes)
        else:
            out[var.name] = pd.array(values, dtype="str")
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


@functools.cache
def _category_type(codes: tuple[str, ...]) -> Any:
    """The ordered categorical type of a code list (built once: pandas checks it at length)."""
    import pandas as pd

    return pd.CategoricalDtype(list(codes), ordered=True)


def _to_typed_reference(raw: pd.DataFrame, name: str) -> pd.DataFrame:
    """A reference table typed: numbers become numbers, codes and text stay text."""
    import pandas as pd

    out = raw.reset_index(drop=True).astype("str")
    for var in load_codebook().variables(name):
        if var.type not in ("integer", "number", "year"):
            continue
        values = pd.to_numeric(out[var.name].replace({"unknown": None, "": None}))
        if var.type == "number":
            out[var.name] = values.astype("Float64")
        else:
            nullable = var.spec.get("allow_empty") or var.spec.get("allow_unknown", False)
            out[var.name] = values.astype("Int64" if nullable else "int64")
    return out


# ----------------------------------------------------------------------------- datapackage


def write_datapackage(data_dir: str | Path | None = None) -> dict[str, Any]:
    """Regenerate the fields, sizes and sha256 hashes of ``datapackage.json``.

    The descriptive metadata already in the file (title, version, cut-off date, licences,
    contributors) is kept; the ``resources`` are rebuilt from the codebook and the files.

    Returns
    -------
    dict
        The written descriptor.
    """
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    path = base / DATAPACKAGE
    package = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    package["resources"] = build_resources(base)
    with write_atomically(path, overwrite=True) as tmp:
        tmp.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    return package


def build_resources(data_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """Frictionless resource descriptors for the four tables and the reference tables."""
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    cb = load_codebook()
    resources = []
    for table in TABLES:
        spec = cb.table(table)
        fields = [_field(v) for v in cb.variables(table)]
        foreign = [
            {"fields": v.name, "reference": {"resource": v.spec["references"].split(".")[0],
                                             "fields": v.spec["references"].split(".")[1]}}
            for v in cb.variables(table) if "references" in v.spec
        ]
        schema = {"fields": fields, "primaryKey": spec["primary_key"],
                  "missingValues": [cb.unknown]}
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(_resource(base, table, spec["file"], spec["description"]["en"], schema))
    for name in cb.reference_names:
        spec = cb.table(name)
        schema = {"fields": [_field(v) for v in cb.variables(name)],
                  "primaryKey": spec["primary_key"], "missingValues": ["", cb.unknown]}
        resources.append(_resource(base, name, spec["file"], spec["description"]["en"], schema))
    return resources


def _resource(base: Path, name: str, rel: str, description: str, schema: dict) -> dict:
    content = (base / rel).read_bytes()
    return {
        "name": name,
        "path": rel,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "schema": schema,
    }


def _field(var: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": var.name, "type": "string",
                             "description": var.description("en"),
                             "x-asn-type": var.type}
    constraints: dict[str, Any] = {"required": not var.spec.get("allow_empty", False)}
    if var.type in ("integer", "year", "number"):
        field["type"] = "number" if var.type == "number" else "integer"
        constraints["minimum"] = var.spec.get("minimum", 0)
        if "maximum" in var.spec:
            constraints["maximum"] = var.spec["maximum"]
    elif var.type == "code":
        constraints["enum"] = allowed_codes(var)
    elif "pattern" in var.spec:
        constraints["pattern"] = var.spec["pattern"]
    if "max_length" in var.spec:
        constraints["maxLength"] = var.spec["max_length"]
    field["constraints"] = constraints
    return field


# ----------------------------------------------------------------------------- writing exports


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as spreadsheet formulas.

    A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
    a single quote in front (OWASP's rule against CSV injection), unless it is wholly a
    negative number. Numeric, boolean and date columns are returned as they are.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["=1+1 Aktivis", "@akun", "-5", "-2+3", "biasa"],
    ...                       "n": [-1, 2, 3, 4, 5]})
    >>> neutralise_formulas(frame).to_dict("list")
    {'text': ["'=1+1 Aktivis", "'@akun", '-5', "'-2+3", 'biasa'], 'n': [-1, 2, 3, 4, 5]}
    """
    import pandas as pd

    def quote(value: Any) -> Any:
        if isinstance(value, str) and _is_formula(value):
            return "'" + value
        return value

    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        quoted = values.astype(object).map(quote)
        if not quoted.equals(values.astype(object)):
            out[col] = quoted
    return out


def check_output_path(path: str | Path, *, overwrite: bool = False,
                      inputs: Iterable[str | Path] = ()) -> Path:
    """Refuse an output path that would lose data: a folder, an input, or an existing file.

    Parameters
    ----------
    path : str or Path
        The file about to be written.
    overwrite : bool
        Allow replacing an existing file (never an input).
    inputs : iterable of str or Path
        Files the output is made from; the output may not be any of them, whatever the
        spelling of the path (links and symbolic links are followed).

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        One line naming the path and what is wrong.

    Examples
    --------
    >>> cases = DATA_DIR / "cases.csv"
    >>> check_output_path(cases)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: .../cases.csv: already exists; pass --overwrite (overwrite=True) to replace it
    >>> check_output_path(cases, overwrite=True, inputs=[cases])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: .../cases.csv: is the input .../cases.csv; write the output to another file
    """
    target = Path(path)
    if target.is_dir():
        raise ValueError(f"{target}: is a folder; give the name of a file to write")
    if target.exists():
        for source in inputs:
            if Path(source).exists() and os.path.samefile(target, source):
                raise ValueError(f"{target}: is the input {source}; write the output to "
                                 "another file")
    if (target.exists() or target.is_symlink()) and not overwrite:
        raise ValueError(f"{target}: already exists; pass --overwrite (overwrite=True) to "
                         "replace it")
    return target


def create_folder(path: str | Path) -> Path:
    """Create a folder and its missing parents (every command does so for its outputs).

    Raises
    ------
    ValueError
        When the path, or a folder above it, is a file.
    OSError
        When the folder cannot be created (read-only place, ``/proc``...); ``filename`` is
        the folder that could not be made.

    Examples
    --------
    >>> create_folder(DATA_DIR / "cases.csv" / "out")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: .../cases.csv/out: .../cases.csv is a file, not a folder
    """
    folder = Path(path)
    for existing in (folder, *folder.parents):
        if existing.exists():
            if not existing.is_dir():
                what = "" if existing == folder else f"{existing} "
                raise ValueError(f"{folder}: {what}is a file, not a folder")
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot create this folder ({exc.strerror})",
                      str(exc.filename or folder)) from None
    return folder


@contextlib.contextmanager
def write_atomically(path: str | Path, *, overwrite: bool = False,
                     inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Write a file all at once or not at all.

    Checks the path (:func:`check_output_path`), creates missing folders
    (:func:`create_folder`), and yields
    a temporary path in the target's folder; when the block ends without an exception the
    temporary file replaces the target in one step (``os.replace``), otherwise it is deleted
    and the target is left as it was.

    Raises
    ------
    ValueError
        From :func:`check_output_path` and :func:`create_folder`.
    OSError
        When the folder cannot be created or written in; ``filename`` is that folder.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with write_atomically(folder / "new" / "a.txt") as tmp:
    ...     _ = tmp.write_text("done", encoding="utf-8")
    >>> sorted(p.name for p in (folder / "new").iterdir())
    ['a.txt']
    """
    import tempfile

    target = check_output_path(path, overwrite=overwrite, inputs=inputs)
    create_folder(target.parent)
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".tmp")
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write a file in this folder ({exc.strerror})",
                      str(target.parent)) from None
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; give it the usual mode
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_csv(frame: pd.DataFrame, path: str | Path, *, overwrite: bool = False,
              inputs: Iterable[str | Path] = ()) -> Path:
    """Write a table for people to open: formula-safe CSV, UTF-8, ``\\n`` line ends, atomic.

    Text cells pass through :func:`neutralise_formulas`; the file is written with
    :func:`write_atomically`, so it appears complete or not at all. For files the loaders
    read back (the dataset itself) write plain CSV instead: the loaders refuse formula cells.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError or OSError
        As :func:`write_atomically`.

    Examples
    --------
    >>> import pandas as pd, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "drafts.csv"
    >>> _ = write_csv(pd.DataFrame({"id": ["=cmd"], "n": [-2]}), path)
    >>> path.read_text(encoding="utf-8")
    "id,n\\n'=cmd,-2\\n"
    """
    with write_atomically(path, overwrite=overwrite, inputs=inputs) as tmp:
        neutralise_formulas(frame).to_csv(tmp, index=False, lineterminator="\n",
                                          encoding="utf-8")
    return Path(path)
