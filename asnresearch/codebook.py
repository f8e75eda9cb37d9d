"""The codebook: tables, variables and code lists of the dataset, read from ``codebook.yaml``.

Everything else that describes the data (the schemas of the four tables and the reference
tables, ``datapackage.json`` fields, ``data/CODEBOOK.md``) is derived from this module, so the
YAML stays the single source of truth.

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

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "CODEBOOK_FILE", "Variable", "WorkingHours", "Codebook", "load_codebook", "code_table",
    "render_codebook_markdown", "WORDING_FILE", "load_wording",
]

# The packaged codebook; tests point this at a changed copy to see a rule's effect.
CODEBOOK_FILE = resources.files("asnresearch").joinpath("codebook.yaml")
# The brief's and the figures' own words and the brief's wording rules (not codes: prose).
WORDING_FILE = resources.files("asnresearch").joinpath("templates/wording.yaml")


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
        return self.spec["description"][load_codebook().check_lang(lang)]


@dataclass(frozen=True)
class WorkingHours:
    """One day's working hours: from ``start`` to ``end``, less the rest from ``rest_start``
    to ``rest_end`` (local clock times)."""

    start: dt.time
    end: dt.time
    rest_start: dt.time
    rest_end: dt.time

    def covers(self, clock: dt.time) -> bool:
        """Whether a clock time falls in working time (start and rest start included)."""
        return self.start <= clock < self.end and not self.rest_start <= clock < self.rest_end


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
        self.rules: dict[str, Any] = raw["rules"]
        self.langs: tuple[str, ...] = tuple(self.rules["languages"])

    def check_lang(self, lang: str) -> str:
        """``lang`` if it is one of :attr:`langs`, else a ValueError naming them."""
        if lang not in self.langs:
            raise ValueError(f"lang must be one of {self.langs}, got {lang!r}")
        return lang

    @property
    def table_names(self) -> list[str]:
        """Tables in codebook order: cases, sources, events, reactions."""
        return list(self.raw["tables"])

    @property
    def reference_names(self) -> list[str]:
        """Reference tables in codebook order (regions, ladder, headcount, statistics,
        lexicons): described like the four tables and validated by the same schemas."""
        return list(self.raw["reference_tables"])

    def table(self, name: str) -> dict[str, Any]:
        """The raw specification of one table of the dataset or of a reference table."""
        for section in ("tables", "reference_tables"):
            if name in self.raw[section]:
                return self.raw[section][name]
        raise KeyError(f"no table {name!r}; the codebook has "
                       f"{self.table_names + self.reference_names}")

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
        lang = self.check_lang(lang)
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
        'official_found'
        """
        try:
            spec = self.raw["groupings"][name]
        except KeyError:
            raise KeyError(f"no grouping {name!r}; the codebook has "
                           f"{list(self.raw['groupings'])}") from None
        return {str(code): group for group, codes in spec["groups"].items() for code in codes}

    def group_labels(self, name: str, lang: str = "en") -> dict[str, str]:
        """Mapping group -> label in ``lang`` of one grouping.

        Examples
        --------
        >>> load_codebook().group_labels("misconduct_group", "id")["work_discipline"]
        'disiplin kerja'
        """
        lang = self.check_lang(lang)
        return {group: str(labels[lang])
                for group, labels in self.raw["groupings"][name]["labels"].items()}

    def grouping_label(self, name: str, lang: str = "en") -> str:
        """The name of a grouping in ``lang`` (``surfaced via`` for ``channel``)."""
        return str(self.raw["groupings"][name]["label"][self.check_lang(lang)])

    def reference_group(self, name: str) -> str:
        """The baseline group of a grouping in the models' formulas."""
        return self.raw["groupings"][name]["reference"]

    def group_members(self, rule: str) -> list[str]:
        """Codes in the group that a rule names (``online_group``: the codes of surfacing
        channels grouped ``viral``).

        Examples
        --------
        >>> load_codebook().group_members("online_group")
        ['viral_video', 'viral_photo', 'social_media_post']
        """
        spec = self.rules[rule]
        return [code for code, group in self.grouping(spec["grouping"]).items()
                if group == spec["group"]]

    def official_act_channels(self) -> list[str]:
        """Surfacing channels (``surfaced_via`` codes) where the surfacing is itself an
        official act (rule ``official_act_channels``).

        Examples
        --------
        >>> "viral_video" in load_codebook().official_act_channels()
        False
        """
        return list(self.rules["official_act_channels"])

    def stages(self) -> dict[str, tuple[str, ...]]:
        """Stages of the official response in order, each with the actions that reach it.

        Examples
        --------
        >>> load_codebook().stages()["sanction"]
        ('sanction_imposed',)
        """
        return {name: tuple(spec["actions"]) for name, spec in self.rules["stages"].items()}

    def stage_labels(self, lang: str = "en") -> dict[str, str]:
        """Mapping stage -> label in ``lang``, the funnel's start (``surfaced``) first."""
        lang = self.check_lang(lang)
        start = self.rules["start"]
        return {start["code"]: start[lang],
                **{name: spec[lang] for name, spec in self.rules["stages"].items()}}

    def severity(self, sanction_type: str) -> int | None:
        """Rank of a sanction type on the shared ordinal scale, or None when it has none.

        Examples
        --------
        >>> load_codebook().severity("ptdh"), load_codebook().severity("unknown")
        (11, None)
        """
        return self.rules["severity"].get(sanction_type)

    def order(self, code_list: str) -> list[str]:
        """Codes of ``code_list`` in the order a rule gives them (``rules.orders``), else in
        the code list's order.

        Examples
        --------
        >>> load_codebook().order("sentiment")
        ['negative', 'neutral', 'positive']
        """
        return list(self.rules["orders"].get(code_list, self.codes(code_list)))

    def weekdays(self, lang: str | None = None) -> list[str]:
        """Days of the week, Monday first: codes, or labels in ``lang``."""
        key = "code" if lang is None else self.check_lang(lang)
        return [str(day[key]) for day in self.rules["weekdays"]]

    def working_hours(self, weekday: int, *, ramadan: bool = False) -> WorkingHours | None:
        """Working hours of a day of the week (0 = Monday), or None for a day off.

        Examples
        --------
        >>> load_codebook().working_hours(4).end
        datetime.time(16, 30)
        >>> load_codebook().working_hours(5) is None
        True
        """
        day = self.weekdays()[weekday]
        spec = self.rules["working_hours"]["ramadan" if ramadan else "normal"].get(day)
        if spec is None:
            return None
        times = [dt.time.fromisoformat(spec[k]) for k in ("start", "end")]
        rest = [dt.time.fromisoformat(v) for v in spec["rest"]]
        return WorkingHours(*times, *rest)


@functools.cache
def _read_codebook(path: Any) -> Codebook:
    import yaml

    # libyaml's parser, where PyYAML has it, reads the codebook ten times faster
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Codebook(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))


def load_codebook(*, path: str | Path | None = None) -> Codebook:
    """Load ``codebook.yaml``: the packaged one (:data:`CODEBOOK_FILE`) or ``path`` (cached).

    Returns
    -------
    Codebook
    """
    return _read_codebook(CODEBOOK_FILE if path is None else Path(path))


@functools.cache
def load_wording() -> dict[str, Any]:
    """The brief's and the figures' words (``brief``, ``figures``: key -> {lang: template}) and
    the brief's wording rules (``thresholds``), from :data:`WORDING_FILE` (cached).

    Examples
    --------
    >>> wording = load_wording()
    >>> sorted(wording)
    ['brief', 'figures', 'thresholds']
    >>> wording["thresholds"]["min_share_base"]
    10
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(WORDING_FILE.read_text(encoding="utf-8"), Loader=loader)


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
    sections = [(t, "Table") for t in cb.table_names]
    sections += [(t, "Reference table") for t in cb.reference_names]
    for table, what in sections:
        spec = cb.table(table)
        key = spec["primary_key"]
        out += [
            f"## {what} `{table}` (`data/{spec['file']}`)",
            "",
            f"{spec['description']['en']} / *{spec['description']['id']}*",
            f"Primary key: `{', '.join(key) if isinstance(key, list) else key}`.",
            "",
            "| variable | type | meaning (EN / ID) | rule | example |",
            "|---|---|---|---|---|",
        ]
        for v in cb.variables(table):
            kind = v.type + (f" ([{v.code_list}](#codes-{v.code_list}))" if v.code_list else "")
            if "rule_keys" in v.spec:
                kind += f" (a key of `rules.{v.spec['rule_keys']}`)"
            if "references" in v.spec:
                kind += f", refers to `{v.spec['references']}`"
            meaning = f"{v.description('en')} / *{v.description('id')}*"
            if what == "Table":
                rule = str(v.spec.get("rule", "")).replace("|", "/").replace("\n", " ")
            else:  # the limits hold regular expressions: escape their bars, keep them
                meaning, rule = meaning.replace("|", "\\|"), _limits(v.spec).replace("|", "\\|")
            example = str(v.spec["example"]).replace("|", "\\|")
            out.append(f"| `{v.name}` | {kind} | {meaning} | {rule} | `{example}` |")
        out.append("")
    out += ["## Groupings", "",
            "Coarser groups of some code lists, used by the models and figures; the models' "
            "baseline group is marked *reference*.", "",
            "| grouping | of | group | label (ID) | label (EN) | codes |",
            "|---|---|---|---|---|---|"]
    for name, spec in cb.raw.get("groupings", {}).items():
        for group, codes in spec["groups"].items():
            listed = ", ".join(f"`{c}`" for c in codes)
            ref = " (*reference*)" if spec.get("reference") == group else ""
            labels = spec["labels"][group]
            out.append(f"| `{name}` | `{spec['of']}` | `{group}`{ref} | {labels['id']} | "
                       f"{labels['en']} | {listed} |")
    out += ["", *_render_rules(cb), "## Code lists", ""]
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


def _render_rules(cb: Codebook) -> list[str]:
    """The rules built on the codes as Markdown: stages, severity, orders, working hours,
    then the other rules as they are written."""
    def codes(items):
        return ", ".join(f"`{i}`" for i in items)

    rules = cb.rules
    out = ["## Rules built on the codes", "",
           "The analysis reads these rules from the codebook (`rules` in the YAML).", "",
           f"Languages: {codes(cb.langs)}.", "",
           "### Stages of the official response", "",
           f"Every case starts at `{rules['start']['code']}`; a case reaches a stage with "
           "any of its actions.", "",
           "| stage | label (ID) | label (EN) | actions |", "|---|---|---|---|"]
    out += [f"| `{name}` | {spec['id']} | {spec['en']} | {codes(spec['actions'])} |"
            for name, spec in rules["stages"].items()]
    ranks: dict[int, list[str]] = {}
    for code, rank in rules["severity"].items():
        ranks.setdefault(rank, []).append(code)
    out += ["", "### Sanction severity", "",
            "One ordinal scale for PP 94/2021 and PP 53/2010; 0 is no sanction, forms not "
            "listed have no rank.", "", "| rank | sanction types |", "|---|---|"]
    out += [f"| {rank} | {codes(items)} |" for rank, items in sorted(ranks.items())]
    out += ["", "### Orders", "", "| code list | order |", "|---|---|"]
    out += [f"| `{name}` | {codes(order)} |" for name, order in rules["orders"].items()]
    out += ["", "### Working hours (local time)", "",
            "| schedule | day | start | end | rest |", "|---|---|---|---|---|"]
    for schedule, days in rules["working_hours"].items():
        out += [f"| {schedule} | {day} | {h['start']} | {h['end']} | {'-'.join(h['rest'])} |"
                for day, h in days.items()]
    out += ["", "### Other rules", "", "| rule | value |", "|---|---|"]
    shown = {"languages", "start", "stages", "severity", "orders", "working_hours"}
    for name, value in rules.items():
        if name in shown:
            continue
        parts = value.items() if isinstance(value, dict) else [("", value)]
        for key, item in parts:
            if isinstance(item, list) and item and isinstance(item[0], dict):
                item = [e.get("code", e) for e in item]
            if isinstance(item, dict):
                cell = ", ".join(f"`{k}` → `{v}`" for k, v in item.items())
            else:
                cell = codes(item) if isinstance(item, list) else f"`{item}`"
            out.append(f"| `{name}{'.' + str(key) if key else ''}` | {cell} |")
    return out + [""]


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


def _limits(spec: dict[str, Any]) -> str:
    """The limits a reference-table variable sets, in words (``data/CODEBOOK.md``)."""
    parts = []
    if "pattern" in spec:
        parts.append(f"matches `{spec['pattern']}`")
    if "minimum" in spec or "maximum" in spec:
        parts.append(f"from {spec.get('minimum', 0)}"
                     + (f" to {spec['maximum']}" if "maximum" in spec else ""))
    parts += [f"not {v}" for v in spec.get("exclude", ())]
    if "also" in spec:
        parts.append("also " + ", ".join(f"`{v}`" for v in spec["also"]))
    if "separator" in spec:
        parts.append(f"several, separated by `{spec['separator']}`")
    if spec.get("allow_empty"):
        parts.append("may be blank")
    if spec.get("allow_unknown"):
        parts.append("may be `unknown`")
    return "; ".join(parts)


def _md_cell(value: Any) -> str:
    if value is None:
        return "stated by source"
    return str(value).replace("|", "/")
