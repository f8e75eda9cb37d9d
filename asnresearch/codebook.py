"""The codebook: tables, variables and code lists of the dataset, read from ``codebook.yaml``.

Everything else that describes the data (pandera schemas, ``datapackage.json`` fields,
``data/CODEBOOK.md``) is derived from this module, so the YAML stays the single source of truth.

Examples
--------
>>> cb = load_codebook()
>>> cb.codes("tristate")
['yes', 'no', 'unknown']
>>> cb.labels("sanction_level", lang="id")["berat"]
'berat'
>>> cb.provision_for("absence_truancy")
'pasal_4_f'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

LANGS = ("id", "en")


@dataclass(frozen=True)
class Variable:
    """One column of a table, as the codebook defines it."""

    table: str
    name: str
    type: str
    spec: dict[str, Any]

    @property
    def code_list(self) -> str | None:
        """Name of the code list for ``code`` variables, else None."""
        return self.spec.get("codes")

    def description(self, lang: str = "en") -> str:
        """The variable's meaning in ``lang`` ('id' or 'en')."""
        return self.spec["description"][_check_lang(lang)]


class Codebook:
    """Read-only view of ``codebook.yaml``.

    Parameters
    ----------
    raw : dict
        The parsed YAML document.
    """

    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        self.version: str = raw["version"]
        self.unknown: str = raw["unknown"]

    @property
    def table_names(self) -> list[str]:
        """Tables in codebook order: cases, sources, events, reactions."""
        return list(self.raw["tables"])

    def table(self, name: str) -> dict[str, Any]:
        """The raw specification of one table."""
        try:
            return self.raw["tables"][name]
        except KeyError:
            raise KeyError(f"no table {name!r}; the codebook has {self.table_names}") from None

    def variables(self, table: str) -> list[Variable]:
        """The table's variables in column order."""
        spec = self.table(table)["variables"]
        return [Variable(table, name, v["type"], v) for name, v in spec.items()]

    def columns(self, table: str) -> list[str]:
        """Column names of ``table`` in order."""
        return list(self.table(table)["variables"])

    def code_entries(self, code_list: str) -> list[dict[str, Any]]:
        """Entries (``code``, ``id``, ``en`` and extras) of one code list."""
        try:
            return self.raw["code_lists"][code_list]
        except KeyError:
            raise KeyError(f"no code list {code_list!r}") from None

    def codes(self, code_list: str) -> list[str]:
        """Allowed codes of ``code_list``, in their defined order."""
        return [str(e["code"]) for e in self.code_entries(code_list)]

    def labels(self, code_list: str, lang: str = "en") -> dict[str, str]:
        """Mapping code -> human label in ``lang``."""
        lang = _check_lang(lang)
        return {str(e["code"]): str(e[lang]) for e in self.code_entries(code_list)}

    def provision_for(self, misconduct_type: str) -> str:
        """PP 94/2021 provision code that a misconduct type breaches."""
        for e in self.code_entries("misconduct_type"):
            if e["code"] == misconduct_type:
                return e["pp94_provision"]
        raise KeyError(f"unknown misconduct_type {misconduct_type!r}")

    def sanction_level_for(self, sanction_type: str) -> str | None:
        """Level that a sanction type implies, or None when the source must state it."""
        for e in self.code_entries("sanction_type"):
            if e["code"] == sanction_type:
                return e["level"]
        raise KeyError(f"unknown sanction_type {sanction_type!r}")


    def cues(self) -> dict[str, Any]:
        """The coding assistant's cue lists (``cues`` in the YAML; see
        :mod:`asnresearch.extract`)."""
        return self.raw["cues"]

    def grouped_column(self, name: str) -> str:
        """The variable a grouping groups (``channel`` groups ``surfaced_via``)."""
        return self.raw["groupings"][name]["of"]

    def grouping(self, name: str) -> dict[str, str]:
        """Mapping code -> group of one grouping in ``groupings`` (codes left out map to
        nothing, i.e. missing).

        Examples
        --------
        >>> load_codebook().grouping("channel")["satpol_pp_raid"]
        'inspection'
        """
        try:
            spec = self.raw["groupings"][name]
        except KeyError:
            raise KeyError(f"no grouping {name!r}; the codebook has "
                           f"{list(self.raw['groupings'])}") from None
        return {str(code): group for group, codes in spec["groups"].items() for code in codes}


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return lang


@functools.cache
def load_codebook() -> Codebook:
    """Load the packaged ``codebook.yaml`` (cached).

    Returns
    -------
    Codebook
    """
    import yaml

    text = resources.files("asnresearch").joinpath("codebook.yaml").read_text(encoding="utf-8")
    return Codebook(yaml.safe_load(text))


def code_table(code_list: str) -> Any:
    """A code list as a tidy DataFrame with columns ``code``, ``label_id``, ``label_en``.

    Examples
    --------
    >>> code_table("date_precision").head(2)
        code label_id label_en
    0    day     hari      day
    1  month    bulan    month
    """
    import pandas as pd

    entries = load_codebook().code_entries(code_list)
    return pd.DataFrame(
        {
            "code": [str(e["code"]) for e in entries],
            "label_id": [e["id"] for e in entries],
            "label_en": [e["en"] for e in entries],
        }
    )


def render_codebook_markdown(codebook: Codebook | None = None) -> str:
    """Render the human-readable ``data/CODEBOOK.md`` from the codebook.

    Examples
    --------
    >>> render_codebook_markdown().splitlines()[0]
    '# Codebook: Reported misconduct cases of Indonesian civil servants (ASN)'
    """
    cb = codebook or load_codebook()
    out = [
        f"# Codebook: {cb.raw['title']['en']}",
        "",
        f"*{cb.raw['title']['id']}* (codebook version {cb.version}).",
        "",
        "Generated from `asnresearch/codebook.yaml` by `make datapackage`; do not edit by hand.",
        f"Unknown values are written `{cb.unknown}`; dates are ISO 8601 cut to their precision.",
        "",
    ]
    for table in cb.table_names:
        spec = cb.table(table)
        out += [
            f"## Table `{table}` (`data/{spec['file']}`)",
            "",
            f"{spec['description']['en']} / *{spec['description']['id']}*",
            f"Primary key: `{spec['primary_key']}`.",
            "",
            "| variable | type | meaning (EN / ID) | rule | example |",
            "|---|---|---|---|---|",
        ]
        for v in cb.variables(table):
            kind = v.type + (f" ([{v.code_list}](#codes-{v.code_list}))" if v.code_list else "")
            if "references" in v.spec:
                kind += f", refers to `{v.spec['references']}`"
            meaning = f"{v.description('en')} / *{v.description('id')}*"
            rule = str(v.spec.get("rule", "")).replace("|", "/").replace("\n", " ")
            out.append(f"| `{v.name}` | {kind} | {meaning} | {rule} | `{v.spec['example']}` |")
        out.append("")
    out += ["## Groupings", "",
            "Coarser groups of some code lists, used by the models and figures.", "",
            "| grouping | of | group | codes |", "|---|---|---|---|"]
    for name, spec in cb.raw.get("groupings", {}).items():
        for group, codes in spec["groups"].items():
            listed = ", ".join(f"`{c}`" for c in codes)
            out.append(f"| `{name}` | `{spec['of']}` | `{group}` | {listed} |")
    out += ["", "## Code lists", ""]
    for name, entries in cb.raw["code_lists"].items():
        extras = [k for k in entries[0] if k not in ("code", "id", "en")]
        out += [
            f'<a id="codes-{name}"></a>',
            f"### `{name}`",
            "",
            "| code | label (ID) | label (EN) |" + "".join(f" {k} |" for k in extras),
            "|---|---|---|" + "---|" * len(extras),
        ]
        for e in entries:
            cells = "".join(f" {_md_cell(e.get(k))} |" for k in extras)
            out.append(f"| `{e['code']}` | {e['id']} | {e['en']} |{cells}")
        out.append("")
    return "\n".join(out + _render_cues(cb.cues()))


def _render_cues(cues: dict[str, Any]) -> list[str]:
    """The cue lists as Markdown: one table per code list, then the other rules."""
    def cell(items):
        return ", ".join("`" + str(i).replace("|", "\\|") + "`" for i in items)

    out = ["## Cue lists of the coding assistant", "",
           "Regular expressions (case-insensitive, whole words) that `asnresearch.extract` "
           "matches in a news article to draft a case; a cue in the headline counts three "
           "times, in the lead twice. See the module's documentation for how they are weighed.",
           ""]
    for name, by_code in cues["codes"].items():
        out += [f"### `{name}`", "", "| code | cues |", "|---|---|"]
        out += [f"| `{code}` | {cell(items)} |" for code, items in by_code.items()]
        out.append("")
    out += ["### Other rules", "", "| rule | cues |", "|---|---|"]
    for name, value in cues.items():
        if name == "codes":
            continue
        parts = value.items() if isinstance(value, dict) else [("", value)]
        for key, items in parts:
            if isinstance(items, dict):  # a word -> number table
                items = [f"{k}={v}" for k, v in items.items()]
            out.append(f"| `{name}{'.' + str(key) if key else ''}` | {cell(items)} |")
    out.append("")
    return out


def _md_cell(value: Any) -> str:
    if value is None:
        return "stated by source"
    return str(value).replace("|", "/")
