"""Many articles, one incident: drafts grouped by incident, and flagged when the dataset
already holds their case.

The rule is the codebook's ``coding_assistant.grouping`` (the window of
``scripts/coding/release2.py``'s ``find_alike``). Two drafts report one incident when

- every field of ``same`` (the province) is known and equal;
- every field of ``same_unless_unknown`` (regency, misconduct type) is equal, or unknown in
  one of them;
- some date of one (incident or publication date, when known to the day or month; a month
  counts as each of its days) lies within ``window_days`` of some date of the other;
- when both name official responders (the first responder and the actors of the steps), they
  share one.

The groups are the connected pairs (union-find): A and B, B and C make one group of three.
Pairs are only formed inside one province and neighbouring windows of dates, so grouping a
few thousand articles stays fast. A draft matches a coded case of the dataset by the same
rule without the responders, the case's dates being its incident date, its surfacing date
and its earliest dated source; with ``flag_undated``, when one of them has no date, place
and type alone flag the case (a flag asks a coder to check: a missing date must not hide a
case coded already).

What it cannot do: one article that reports several incidents (a round-up) has one draft,
so it joins the group of one of them at most; two incidents of one place, type and month
with the same responder become one group. The measured precision and recall on real news
are in ``scripts/assistant/README.md``.

Examples
--------
>>> from asnresearch.extract import extract_case
>>> drafts = {
...     "a": extract_case("Video ASN Pemkab Bangkalan karaoke saat jam kerja viral, "
...                       "Selasa (23/12/2025)."),
...     "b": extract_case("Wabup Bangkalan memanggil ASN yang karaoke di jam kerja, "
...                       "Senin (29/12/2025)."),
...     "c": extract_case("Seorang PNS Kota Medan ditangkap karena sabu, Senin (3/2/2025)."),
... }
>>> group_drafts(drafts)
{'a': 1, 'b': 1, 'c': 2}
>>> merged, origin = merge_drafts({k: drafts[k] for k in ("a", "b")})
>>> merged["regency_code"].value, origin["first_responder"]
('35.26', 'b')
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from asnresearch.extract.cues import NONE, UNKNOWN, Field
from asnresearch.extract.draft import Draft

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GroupRule", "CodedMatch", "load_group_rule", "group_drafts", "merge_drafts",
           "index_coded_cases", "match_coded_cases"]

# The dates that place a coded case or a draft in time.
CODED_DATES = ("incident_date", "surfaced_date", "published_date")
DRAFT_DATES = ("incident_date", "published_date")


@dataclass(frozen=True)
class GroupRule:
    """The codebook's grouping rule (``rules.coding_assistant.grouping``)."""

    window_days: int
    same: tuple[str, ...]
    same_unless_unknown: tuple[str, ...]
    dated_precisions: frozenset[str]
    shared_responder: bool  # two drafts that both name responders must share one
    flag_undated: bool  # an undated draft may match a coded case on place and type alone


@functools.cache
def load_group_rule() -> GroupRule:
    """The grouping rule of the codebook (cached).

    Examples
    --------
    >>> load_group_rule().window_days
    45
    """
    from asnresearch.codebook import load_codebook

    raw = load_codebook().rules["coding_assistant"]["grouping"]
    return GroupRule(int(raw["window_days"]), tuple(raw["same"]),
                     tuple(raw["same_unless_unknown"]), frozenset(raw["dated_precisions"]),
                     bool(raw["shared_responder"]), bool(raw["flag_undated"]))


@dataclass(frozen=True)
class _Facts:
    """What the rule compares of one draft or coded case."""

    key: str
    fields: dict[str, str]
    spans: tuple[tuple[dt.date, dt.date], ...]
    actors: frozenset[str]


@dataclass(frozen=True)
class CodedMatch:
    """A coded case of the dataset that a draft may report: its id, the fields that are
    equal and how many days apart the closest dates are."""

    case_id: str
    fields: tuple[str, ...]
    days_apart: int | None  # None: one of them has no date

    def __str__(self) -> str:
        when = ("no date to compare" if self.days_apart is None
                else f"dates {self.days_apart} days apart")
        return f"{self.case_id}: {', '.join(self.fields)}, {when}"


def _span(value: str, rule: GroupRule) -> tuple[dt.date, dt.date] | None:
    """A date of the codebook's text form as its first and last day, if precise enough."""
    from asnresearch.schemas import parse_partial_date

    parsed = parse_partial_date(str(value))
    if parsed is None or parsed[1] not in rule.dated_precisions:
        return None
    first, _ = parsed
    last = {len("YYYY-MM-DD"): first,  # day, month or year, told by the text's length
            len("YYYY-MM"): first.replace(day=calendar.monthrange(first.year, first.month)[1]),
            }.get(len(str(value)), dt.date(first.year, 12, 31))
    return first, last


def _facts(key, values: Mapping[str, str], dates, actors, rule: GroupRule) -> _Facts:
    spans = tuple(s for s in (_span(values[name], rule) for name in dates) if s)
    return _Facts(key, {f: str(values[f]) for f in (*rule.same, *rule.same_unless_unknown)},
                  spans, frozenset(actors) - {NONE, UNKNOWN})


def _draft_facts(key: str, draft: Draft, rule: GroupRule) -> _Facts:
    values = {name: f.value for name, f in draft.items()}
    actors = {draft["first_responder"].value, *(r.actor.value for r in draft.responses)}
    return _facts(key, values, DRAFT_DATES, actors, rule)


def _days_apart(a: _Facts, b: _Facts) -> int | None:
    """The fewest days between a date of one and a date of the other (0 when they overlap);
    None when one has no date."""
    gaps = [max((s2 - e1).days, (s1 - e2).days, 0) for s1, e1 in a.spans for s2, e2 in b.spans]
    return min(gaps) if gaps else None


def _compare(a: _Facts, b: _Facts, rule: GroupRule, *, coded: bool = False
             ) -> tuple[tuple[str, ...], int | None] | None:
    """When the rule holds for ``a`` and ``b``: the fields they agree on and the days between
    their closest dates (None: undated); else None. ``coded``: ``a`` is a coded case, so
    responders are not compared and an undated draft may match (``flag_undated``)."""
    if any(a.fields[f] != b.fields[f] or a.fields[f] == UNKNOWN for f in rule.same):
        return None
    equal = list(rule.same)
    for f in rule.same_unless_unknown:
        if a.fields[f] == b.fields[f] != UNKNOWN:
            equal.append(f)
        elif UNKNOWN not in (a.fields[f], b.fields[f]):
            return None
    gap = _days_apart(a, b)
    if gap is None and not (coded and rule.flag_undated):
        return None
    if gap is not None and gap > rule.window_days:
        return None
    if not coded and rule.shared_responder and a.actors and b.actors and not a.actors & b.actors:
        return None
    return tuple(equal), gap


class _Blocks:
    """Facts filed by the fields of ``same`` and windows of dates, so that only neighbours
    are compared (never all pairs)."""

    def __init__(self, rule: GroupRule):
        self.rule = rule
        self.blocks: dict[tuple, list[_Facts]] = defaultdict(list)  # (place, window) -> facts
        self.places: dict[tuple, list[_Facts]] = defaultdict(list)  # place -> facts

    def _place(self, facts: _Facts) -> tuple:
        return tuple(facts.fields[f] for f in self.rule.same)

    def _windows(self, facts: _Facts) -> set[int | None]:
        w = self.rule.window_days
        return {n for start, end in facts.spans
                for n in range(start.toordinal() // w, end.toordinal() // w + 1)} or {None}

    def add(self, facts: _Facts) -> None:
        if all(facts.fields[f] != UNKNOWN for f in self.rule.same):
            place = self._place(facts)
            self.places[place].append(facts)
            for n in self._windows(facts):
                self.blocks[place, n].append(facts)

    def near(self, facts: _Facts, *, undated: bool = False) -> list[_Facts]:
        """Filed facts of the place whose dates may lie within the window of ``facts``'
        dates, each once; with ``undated``, also those without a date (all of the place
        when ``facts`` has none)."""
        place = self._place(facts)
        windows = self._windows(facts)
        if undated and windows == {None}:
            return list(self.places.get(place, ()))
        seen: dict[str, _Facts] = {}
        near = {m for n in windows - {None} for m in (n - 1, n, n + 1)}
        for m in near | ({None} if undated else set()):
            for other in self.blocks.get((place, m), ()):
                seen.setdefault(other.key, other)
        return list(seen.values())


def group_drafts(drafts: Mapping[str, Draft], *, rule: GroupRule | None = None
                 ) -> dict[str, int]:
    """Group the drafts that report one incident (the module's rule).

    Parameters
    ----------
    drafts : mapping of str to Draft
        Article id -> draft.
    rule : GroupRule, optional
        The rule (default: the codebook's, :func:`load_group_rule`).

    Returns
    -------
    dict of str to int
        Article id -> group number, numbered 1, 2, ... in the order of each group's first
        article in ``drafts``. A draft without a province or a date is a group of its own.
    """
    rule = rule or load_group_rule()
    keys = list(drafts)
    order = {k: i for i, k in enumerate(keys)}
    parent = {k: k for k in keys}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    blocks = _Blocks(rule)
    for key in keys:
        facts = _draft_facts(key, drafts[key], rule)
        for other in blocks.near(facts):
            if _compare(facts, other, rule):
                a, b = root(key), root(other.key)
                if a != b:  # the earlier article's root stays the root
                    parent[max(a, b, key=order.get)] = min(a, b, key=order.get)
        blocks.add(facts)
    numbers: dict[str, int] = {}
    return {k: numbers.setdefault(root(k), len(numbers) + 1) for k in keys}


def merge_drafts(drafts: Mapping[str, Draft]) -> tuple[Draft, dict[str, str]]:
    """One draft of a group: each field from the article whose draft is most confident of
    it (the first such article on a tie), the steps, reactions and citations of all.

    Returns
    -------
    tuple of (Draft, dict of str to str)
        The merged draft, and field name -> the article id it came from (spans point into
        that article's text).

    Examples
    --------
    >>> from asnresearch.extract import extract_case
    >>> one = extract_case("Seorang PNS bolos.")
    >>> two = extract_case("Seorang PNS Kota Medan bolos.")
    >>> merged, origin = merge_drafts({"one": one, "two": two})
    >>> merged["regency_code"].value, origin["regency_code"], origin["misconduct_type"]
    ('12.71', 'two', 'one')
    """
    if not drafts:
        raise ValueError("no draft to merge")
    fields: dict[str, Field] = {}
    origin: dict[str, str] = {}
    for key, draft in drafts.items():
        for name, f in draft.items():
            if name not in fields or f.confidence > fields[name].confidence:
                fields[name], origin[name] = f, key
    parts = list(drafts.values())
    return Draft(fields, responses=tuple(r for d in parts for r in d.responses),
                 reactions=tuple(r for d in parts for r in d.reactions),
                 citations=tuple(c for d in parts for c in d.citations)), origin


def index_coded_cases(coded: pd.DataFrame, *, rule: GroupRule | None = None) -> _Blocks:
    """Coded cases filed for :func:`match_coded_cases`.

    Parameters
    ----------
    coded : pandas.DataFrame
        Coded cases as :func:`~asnresearch.extract.coded_first_steps` gives them (``case_id``,
        the rule's fields, ``incident_date``, ``surfaced_date``, ``published_date`` as text).
    rule : GroupRule, optional
        The rule (default: the codebook's, :func:`load_group_rule`).
    """
    rule = rule or load_group_rule()
    blocks = _Blocks(rule)
    for row in coded.to_dict("records"):
        blocks.add(_facts(str(row["case_id"]), row, CODED_DATES, (), rule))
    return blocks


def match_coded_cases(drafts, index: _Blocks) -> list[CodedMatch]:
    """The coded cases that one of ``drafts`` (a group) may report, by the module's rule
    without the responders: most agreeing fields first, then the closest dates.

    Examples
    --------
    >>> import pandas as pd
    >>> from asnresearch.extract import extract_case
    >>> coded = pd.DataFrame({"case_id": ["ASN-2025-0099"], "province_code": ["12"],
    ...     "regency_code": ["12.71"], "misconduct_type": ["absence_truancy"],
    ...     "incident_date": ["2025-02"], "surfaced_date": ["unknown"],
    ...     "published_date": ["unknown"]})
    >>> draft = extract_case("Seorang PNS Kota Medan bolos kerja, Senin (3/2/2025).")
    >>> [str(m) for m in match_coded_cases([draft], index_coded_cases(coded))]
    ['ASN-2025-0099: province_code, regency_code, misconduct_type, dates 0 days apart']
    """
    found: dict[str, CodedMatch] = {}
    for i, draft in enumerate(drafts):
        facts = _draft_facts(f"draft {i}", draft, index.rule)
        for case in index.near(facts, undated=index.rule.flag_undated):
            agreed = _compare(case, facts, index.rule, coded=True)
            match = agreed and CodedMatch(case.key, *agreed)
            if match and (case.key not in found or _rank(match) < _rank(found[case.key])):
                found[case.key] = match
    return sorted(found.values(), key=_rank)


def _rank(match: CodedMatch):
    undated = match.days_apart is None
    return -len(match.fields), undated, match.days_apart or 0, match.case_id
