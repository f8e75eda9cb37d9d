"""Schemas generated from the codebook: one builder for the four tables and the reference tables.

A schema validates a table *as text*, exactly as it is stored in the CSV file, so that nothing
is coerced before it is checked: every cell is a string and every check names what is
allowed. Each check is vectorised (one pass over a column, most of them over its distinct
values only), so validating the whole dataset costs little more than reading it. Rules that
span rows, columns or tables (date precision, regions inside their province, foreign keys of
one table to another, date order) live in :mod:`asnresearch.io`, which runs these schemas and
reports every failure at once as a :class:`Problem` in a :class:`DataError`.

Examples
--------
>>> import pandas as pd
>>> schema = build_schema("sources", case_ids={"ASN-2025-0001"})
>>> list(schema.columns)[:3]
['source_id', 'case_id', 'url']
>>> staff = build_schema("asn_headcount").columns["staff"]
>>> [str(p) for p in staff.find_problems(pd.Series(["pns", "civil"], index=[2, 3]), "x.csv")]
["x.csv, row 3, column 'staff': found 'civil'; allowed: one of pns, pppk, asn, pns_regional"]
>>> parse_partial_date("2025-04")
(datetime.date(2025, 4, 1), 'month')
>>> parse_partial_date("2025-02-30") is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asnresearch.codebook import load_codebook
from asnresearch.privacy import DATASET_KINDS, KINDS, flag_personal_data

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "URL_PATTERN", "EARLIEST_DATE", "SHOWN_PROBLEMS", "Problem", "DataError", "Check",
    "Column", "Schema", "parse_partial_date", "allowed_text", "build_schema", "allowed_codes",
]

_DATE_FORMS = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
}
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
EARLIEST_DATE = dt.date(1990, 1, 1)
SHOWN_PROBLEMS = 50  # a DataError's message lists this many problems, then the total
_INTEGER = re.compile(r"-?(0|[1-9]\d{0,9})")
_NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?")
# the kinds of asnresearch.privacy that free-text cells may not hold
_NO_PERSONAL_DATA = "text without personal data ({})".format(
    ", ".join(KINDS[k].label for k in DATASET_KINDS))
_SURROGATE = re.compile(r"[\udc80-\udcff]")


@dataclass(frozen=True)
class Problem:
    """One validation failure: where it is, what was found, and what was allowed."""

    file: str
    row: int | None
    column: str | None
    value: str
    allowed: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: found {_show(self.value)}; allowed: {self.allowed}"


class DataError(ValueError):
    """Raised when data files fail validation; ``problems`` lists every failure.

    The message shows the first :data:`SHOWN_PROBLEMS` problems and the total, so a file that
    is wrong throughout reads as one screen, not thousands of lines.

    Examples
    --------
    >>> error = DataError([Problem("x.csv", row, "a", "?", "a number") for row in range(62_000)])
    >>> text = str(error)
    >>> len(text.splitlines()), text.splitlines()[-1]
    (52, '  ... and 61,950 more problems (62,000 in all; .problems lists every one)')
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        total = len(self.problems)
        lines = [f"  - {p}" for p in self.problems[:SHOWN_PROBLEMS]]
        if total > SHOWN_PROBLEMS:
            lines.append(f"  ... and {total - SHOWN_PROBLEMS:,} more problems ({total:,} in all; "
                         ".problems lists every one)")
        super().__init__(f"{total:,} problem(s) in the data:\n" + "\n".join(lines))


def _show(value: str, limit: int = 80) -> str:
    text = _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", str(value))
    if len(text) > limit:
        return repr(text[:limit]) + f"... ({len(text)} characters)"
    return repr(text)


@dataclass(frozen=True)
class Check:
    """One rule on a column's cells: ``passes`` maps the distinct values of a column to
    whether each is allowed; ``allowed`` says what is allowed (in every problem it gives)."""

    allowed: str
    passes: Callable[[list[str]], Iterable[bool]]


@dataclass(frozen=True)
class Column:
    """A column of a schema: its name and its checks, each run on every cell."""

    name: str
    checks: tuple[Check, ...]

    def find_problems(self, cells: pd.Series, file: str) -> list[Problem]:
        """One problem per cell and failed check; ``cells`` is indexed by row number."""
        import numpy as np
        import pandas as pd

        codes, uniques = pd.factorize(cells.to_numpy(dtype=object), use_na_sentinel=False)
        values = [str(v) for v in uniques]
        problems = []
        for check in self.checks:
            ok = np.fromiter(check.passes(values), bool, len(values))
            if ok.all():
                continue
            for i in np.flatnonzero(~ok[codes]).tolist():
                problems.append(Problem(file, int(cells.index[i]), self.name,
                                        values[codes[i]], check.allowed))
        return problems


@dataclass(frozen=True)
class Schema:
    """A table's columns and key, generated from the codebook by :func:`build_schema`."""

    table: str
    file: str
    columns: dict[str, Column]
    primary_key: tuple[str, ...]

    def find_problems(self, frame: pd.DataFrame, file: str | None = None) -> list[Problem]:
        """Every problem in ``frame`` (cells as text, indexed by row number), in row order.

        Columns missing from ``frame`` are skipped (the reader reports them); a key that
        repeats an earlier row is one problem at the later row.
        """
        name = file or self.file
        problems = []
        for col, column in self.columns.items():
            if col in frame.columns:
                problems += column.find_problems(frame[col], name)
        key = [c for c in self.primary_key if c in frame.columns]
        if len(key) == len(self.primary_key) and len(frame):
            for row in frame.index[frame.duplicated(subset=key, keep="first")]:
                value = " / ".join(frame.loc[row, key])
                what = ("a value no other row uses" if len(key) == 1
                        else "a unique key (it repeats an earlier row)")
                problems.append(Problem(name, int(row), ", ".join(key), value, what))
        return sorted(problems, key=lambda p: (p.row or 0, self._order(p.column)))

    def validate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` when it passes, else a :class:`DataError` listing every problem."""
        problems = self.find_problems(frame)
        if problems:
            raise DataError(problems)
        return frame

    def _order(self, column: str | None) -> int:
        names = list(self.columns)
        return names.index(column) if column in names else len(names)


def parse_partial_date(text: str) -> tuple[dt.date, str] | None:
    """Parse an ISO date cut to its precision.

    Parameters
    ----------
    text : str
        ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

    Returns
    -------
    tuple of (datetime.date, str) or None
        The first day of the period and its precision (``day``, ``month``, ``year``);
        None when the text is not such a date or names an impossible one.

    Examples
    --------
    >>> parse_partial_date("2025-12-23")
    (datetime.date(2025, 12, 23), 'day')
    >>> parse_partial_date("23/12/2025") is None
    True
    """
    for precision, pattern in _DATE_FORMS.items():
        m = pattern.match(text)
        if m:
            parts = [int(p) for p in m.groups()] + [1] * (3 - len(m.groups()))
            try:
                return dt.date(*parts), precision
            except ValueError:
                return None
    return None


def allowed_text(variable: Any) -> str:
    """Human-readable description of what a variable accepts (used in every error).

    Examples
    --------
    >>> cb = load_codebook()
    >>> allowed_text(cb.variables("lexicon_polarity")[1])
    'a whole number from -3 to 3, not 0'
    """
    cb = load_codebook()
    spec = variable.spec
    kind = variable.type
    also = "".join(f", or {v}" for v in spec.get("also", ()))
    if kind == "code":
        return "one of " + ", ".join(_codes(cb, spec)) + also
    if kind == "date":
        return f"a real date YYYY-MM-DD, YYYY-MM or YYYY from {EARLIEST_DATE.year} on, or unknown"
    if kind in ("integer", "number"):
        what = "a whole number" if kind == "integer" else "a number (a dot for decimals)"
        lo, hi = spec.get("minimum", 0), spec.get("maximum")
        text = f"{what} >= {lo:g}" if hi is None else f"{what} from {lo:g} to {hi:g}"
        if kind == "integer" and lo == 0 and hi is None:
            text += " (digits only)"
        text += "".join(f", not {v}" for v in spec.get("exclude", ()))
        if spec.get("allow_unknown", kind == "integer"):
            text += " or unknown"
        return text + (", or blank" if spec.get("allow_empty") else "")
    if kind == "year":
        return f"a year from {spec.get('minimum', EARLIEST_DATE.year)} to the data cut-off's year"
    if kind == "id":
        return f"an identifier matching {spec['pattern']}"
    if kind == "url":
        if "separator" in spec:
            return ("one or more absolute http(s) URLs without spaces, separated by "
                    f"{spec['separator']!r}")
        return "an absolute http(s) URL without spaces"
    if kind == "region":
        level = "region" if spec["region_level"] == "any" else spec["region_level"]
        unknown = ", or unknown" if spec.get("allow_unknown", True) else ""
        return f"a Kemendagri {level} code from data/reference/regions.csv{also}{unknown}"
    return f"text of at most {spec['max_length']} characters without personal data"


def build_schema(
    table: str,
    *,
    cutoff: dt.date | None = None,
    case_ids: Collection[str] | None = None,
    source_ids: Collection[str] | None = None,
    regions: dict[str, Collection[str]] | None = None,
) -> Schema:
    """Build the schema of one table of the dataset or one reference table, stored as text.

    Parameters
    ----------
    table : str
        ``cases``, ``sources``, ``events``, ``reactions`` or a reference table of the
        codebook's ``reference_tables`` (``asn_headcount``, ``lexicon_polarity``...).
    cutoff : datetime.date, optional
        Data cut-off date; dates after it (and years after its year) are rejected.
        Default: today.
    case_ids, source_ids : collection of str, optional
        Known keys for foreign-key checks; None skips the check.
    regions : dict, optional
        ``{"province": codes, "regency": codes}``; None skips region checks.

    Returns
    -------
    Schema

    Examples
    --------
    >>> schema = build_schema("lexicon_modifiers")
    >>> schema.primary_key, [c.allowed for c in schema.columns["factor"].checks]
    (('term',), ['a number (a dot for decimals) from -1 to 2'])
    """
    cb = load_codebook()
    cutoff = cutoff or dt.date.today()
    spec = cb.table(table)
    columns = {}
    for var in cb.variables(table):
        columns[var.name] = Column(var.name, tuple(_checks(cb, var, cutoff, case_ids,
                                                           source_ids, regions)))
    key = spec["primary_key"]
    return Schema(table, spec["file"], columns, tuple([key] if isinstance(key, str) else key))


def _checks(cb, var, cutoff, case_ids, source_ids, regions) -> list[Check]:
    spec = var.spec
    allowed = allowed_text(var)
    also = [str(v) for v in spec.get("also", ())]
    if var.type == "code":
        return [_isin(allowed_codes(var), allowed)]
    if var.type == "id":
        checks = [_matching(spec["pattern"], allowed)]
        refs = spec.get("references")
        known = {"cases.case_id": case_ids, "sources.source_id": source_ids}.get(refs)
        if known is not None:
            checks.append(_isin(known, f"an existing {refs}"))
        return checks
    if var.type in ("integer", "number"):
        return [Check(allowed, _number_test(spec, integer=var.type == "integer"))]
    if var.type == "year":
        lo = spec.get("minimum", EARLIEST_DATE.year)
        return [Check(allowed.replace("the data cut-off's year", str(cutoff.year)),
                      lambda values: (v.isdigit() and len(v) == 4 and lo <= int(v) <= cutoff.year
                                      for v in values))]
    if var.type == "url":
        url = re.compile(URL_PATTERN)
        sep = spec.get("separator", "\0")  # no separator: the whole cell is one URL
        return [Check(allowed, lambda values: (
            len(v) <= spec["max_length"] and all(url.match(u) for u in v.split(sep))
            for v in values))]
    if var.type == "date":
        return [Check(allowed, lambda values: (_is_valid_date(v) for v in values)),
                Check(f"a date on or before the data cut-off {cutoff.isoformat()}",
                      lambda values: (_not_after(v, cutoff) for v in values))]
    if var.type == "region":
        if regions is None:
            return []
        level = spec["region_level"]
        codes = [c for lvl, known in regions.items() if level in ("any", lvl) for c in known]
        unknown = [cb.unknown] if spec.get("allow_unknown", True) else []
        return [_isin([*unknown, *also, *codes], allowed)]
    if var.type == "text":
        empty = bool(spec.get("allow_empty"))
        lo = "" if empty else "1 to "
        pattern = f" matching {spec['pattern']}" if "pattern" in spec else ""
        text_allowed = f"text of {lo}{spec['max_length']} characters{pattern}"
        checks = [Check(text_allowed, lambda values: (
            bool(empty or v) and len(v) <= spec["max_length"] for v in values))]
        if "pattern" in spec:
            rx = re.compile(spec["pattern"])
            # a blank cell is the length check's to judge
            checks.append(Check(text_allowed, lambda values: (
                not v or rx.match(v) is not None for v in values)))
        checks.append(Check(_NO_PERSONAL_DATA, lambda values: (
            not found for found in flag_personal_data(values, kinds=DATASET_KINDS))))
        return checks
    raise ValueError(f"unknown variable type {var.type!r} for {var.table}.{var.name}")


def allowed_codes(variable: Any) -> list[str]:
    """The values a ``code`` variable takes: its code list (or the keys of the rule that
    ``rule_keys`` names), then the values under ``also``.

    Examples
    --------
    >>> allowed_codes(load_codebook().variables("official_statistics")[8])[-2:]
    ['other', 'not_applicable']
    """
    spec = variable.spec
    return [*_codes(load_codebook(), spec), *(str(v) for v in spec.get("also", ()))]


def _codes(cb, spec: dict[str, Any]) -> list[str]:
    if "rule_keys" in spec:
        return [str(k) for k in cb.raw["rules"][spec["rule_keys"]]]
    return cb.codes(spec["codes"])


def _isin(known: Collection[str], allowed: str) -> Check:
    known = frozenset(known)
    return Check(allowed, lambda values: (v in known for v in values))


def _matching(pattern: str, allowed: str) -> Check:
    rx = re.compile(pattern)
    return Check(allowed, lambda values: (rx.match(v) is not None for v in values))


def _number_test(spec: dict[str, Any], *, integer: bool) -> Callable:
    form = _INTEGER if integer else _NUMBER
    lo, hi = spec.get("minimum", 0), spec.get("maximum")
    exclude = {float(v) for v in spec.get("exclude", ())}
    unknown = spec.get("allow_unknown", integer)
    empty = spec.get("allow_empty", False)

    def ok(value: str) -> bool:
        if value == "unknown" and unknown or value == "" and empty:
            return True
        if not form.fullmatch(value):
            return False
        number = float(value)
        return lo <= number and (hi is None or number <= hi) and number not in exclude

    return lambda values: (ok(v) for v in values)


def _is_valid_date(value: str) -> bool:
    if value == "unknown":
        return True
    parsed = parse_partial_date(value)
    return parsed is not None and parsed[0] >= EARLIEST_DATE


def _not_after(value: str, cutoff: dt.date) -> bool:
    parsed = parse_partial_date(value)
    return parsed is None or parsed[0] <= cutoff
