"""Pandera schemas generated from the codebook.

The schemas validate the dataset *as text*, exactly as it is stored in the CSV files, so that
nothing is coerced before it is checked: every cell is a string and every check names what is
allowed. Cross-column and cross-table rules (date precision, regions inside their province,
foreign keys) live in :mod:`asnresearch.io`, which runs these schemas lazily and reports every
failure at once.

Examples
--------
>>> import pandas as pd
>>> schema = build_schema("sources", case_ids={"ASN-2025-0001"})
>>> list(schema.columns)[:3]
['source_id', 'case_id', 'url']
>>> parse_partial_date("2025-04")
(datetime.date(2025, 4, 1), 'month')
>>> parse_partial_date("2025-02-30") is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Any

from asnresearch.codebook import load_codebook
from asnresearch.privacy import DATASET_KINDS, KINDS, find_personal_data

_DATE_FORMS = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
}
INTEGER_PATTERN = r"^(unknown|0|[1-9]\d{0,9})$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
EARLIEST_DATE = dt.date(1990, 1, 1)


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
    """Human-readable description of what a variable accepts (used in every error)."""
    cb = load_codebook()
    spec = variable.spec
    kind = variable.type
    if kind == "code":
        return "one of " + ", ".join(cb.codes(variable.code_list))
    if kind == "date":
        return f"a real date YYYY-MM-DD, YYYY-MM or YYYY from {EARLIEST_DATE.year} on, or unknown"
    if kind == "integer":
        return "a whole number >= 0 (digits only) or unknown"
    if kind == "id":
        return f"an identifier matching {spec['pattern']}"
    if kind == "url":
        return "an absolute http(s) URL without spaces"
    if kind == "region":
        level = spec["region_level"]
        return f"a Kemendagri {level} code from data/reference/regions.csv, or unknown"
    return f"text of at most {spec['max_length']} characters without personal data"


def build_schema(
    table: str,
    *,
    cutoff: dt.date | None = None,
    case_ids: Collection[str] | None = None,
    source_ids: Collection[str] | None = None,
    regions: dict[str, Collection[str]] | None = None,
):
    """Build the pandera schema for one table of the dataset, stored as text.

    Parameters
    ----------
    table : str
        ``cases``, ``sources``, ``events`` or ``reactions``.
    cutoff : datetime.date, optional
        Data cut-off date; dates after it are rejected. Default: today.
    case_ids, source_ids : collection of str, optional
        Known keys for foreign-key checks; None skips the check.
    regions : dict, optional
        ``{"province": codes, "regency": codes}``; None skips region checks.

    Returns
    -------
    pandera.pandas.DataFrameSchema
    """
    import pandera.pandas as pa

    cb = load_codebook()
    cutoff = cutoff or dt.date.today()
    spec = cb.table(table)
    columns = {}
    for var in cb.variables(table):
        allowed = allowed_text(var)
        checks = []
        if var.type == "code":
            checks.append(pa.Check.isin(cb.codes(var.code_list), error=allowed))
        elif var.type == "id":
            checks.append(pa.Check.str_matches(var.spec["pattern"], error=allowed))
            refs = var.spec.get("references")
            known = {"cases.case_id": case_ids, "sources.source_id": source_ids}.get(refs)
            if known is not None:
                checks.append(pa.Check.isin(list(known), error=f"an existing {refs}"))
        elif var.type == "integer":
            checks.append(pa.Check.str_matches(INTEGER_PATTERN, error=allowed))
        elif var.type == "url":
            checks.append(pa.Check.str_matches(URL_PATTERN, error=allowed))
            checks.append(pa.Check.str_length(max_value=var.spec["max_length"], error=allowed))
        elif var.type == "date":
            checks.append(pa.Check(_is_valid_date, element_wise=True, error=allowed))
            checks.append(
                pa.Check(
                    _not_after(cutoff),
                    element_wise=True,
                    error=f"a date on or before the data cut-off {cutoff.isoformat()}",
                )
            )
        elif var.type == "region":
            if regions is not None:
                codes = [cb.unknown, *regions[var.spec["region_level"]]]
                checks.append(pa.Check.isin(codes, error=allowed))
        elif var.type == "text":
            min_len = 0 if var.spec.get("allow_empty") else 1
            checks.append(
                pa.Check.str_length(min_len, var.spec["max_length"], error=_text_allowed(var))
            )
            if "pattern" in var.spec:
                checks.append(pa.Check.str_matches(var.spec["pattern"], error=_text_allowed(var)))
            checks.append(
                pa.Check(
                    lambda s: not find_personal_data(s, kinds=DATASET_KINDS),
                    element_wise=True,
                    error=_NO_PERSONAL_DATA,
                )
            )
        else:  # pragma: no cover - guarded by test_codebook
            raise ValueError(f"unknown variable type {var.type!r} for {table}.{var.name}")
        unique = var.name == spec["primary_key"]
        columns[var.name] = pa.Column(str, checks, unique=unique, nullable=False)
    return pa.DataFrameSchema(columns, name=table, strict=True, ordered=False)


# the kinds of asnresearch.privacy that free-text cells may not hold
_NO_PERSONAL_DATA = "text without personal data ({})".format(
    ", ".join(KINDS[k].label for k in DATASET_KINDS))


def _text_allowed(var: Any) -> str:
    lo = "" if var.spec.get("allow_empty") else "1 to "
    pattern = f" matching {var.spec['pattern']}" if "pattern" in var.spec else ""
    return f"text of {lo}{var.spec['max_length']} characters{pattern}"


def _is_valid_date(value: str) -> bool:
    if value == "unknown":
        return True
    parsed = parse_partial_date(value)
    return parsed is not None and parsed[0] >= EARLIEST_DATE


def _not_after(cutoff: dt.date):
    def check(value: str) -> bool:
        parsed = parse_partial_date(value)
        return parsed is None or parsed[0] <= cutoff

    return check
