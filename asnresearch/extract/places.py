"""Where the incident happened: the regency or city of the gazetteer, and its province.

Each regency or city of :mod:`asnresearch.gazetteer` is found in the forms news uses
("Kabupaten X", "Kab. X", "Pemkab X", "Bupati X", "Kota X", "Pemkot X", "Wali Kota X": 3
points; the dateline "BANGKALAN, Outlet -": 2; the bare name: 1). A name that a kabupaten and
a kota share ("Kupang") backs whichever already has more points. "Kecamatan X" (a kecamatan
of the gazetteer) gives 2 points to its regency, or to the strongest regency named when
several have a kecamatan X. The province follows from the regency; without one, a named
province is taken. The prefixes are the codebook's ``cues.place_prefixes``.

Examples
--------
>>> extract_place("KUPANG, Pos Kupang - Pemkot Kupang ...")["regency_code"].value
'53.71'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from asnresearch.extract.cues import UNKNOWN, Field, alternation, load_cues
from asnresearch.extract.text import clean_text

__all__ = ["PREFIX_POINTS", "DATELINE_POINTS", "KECAMATAN_POINTS", "BARE_POINTS",
           "MAX_NAME_WORDS", "Gazetteer", "load_gazetteer", "extract_place", "find_place"]

PREFIX_POINTS, DATELINE_POINTS, KECAMATAN_POINTS, BARE_POINTS = 3, 2, 2, 1
MAX_NAME_WORDS = 4  # the longest regency name has four words ("Kepulauan Siau Tagulandang Biaro")
_WORD = re.compile(r"[^\W\d_]+")
_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-Z][^\W\d_]*")
_NAME_RUN = re.compile(rf"[^\W\d_]+(?:(?:-|[^\S\n]+)[^\W\d_]+){{0,{MAX_NAME_WORDS - 1}}}")


@dataclass(frozen=True)
class Gazetteer:
    """The place rules compiled: prefix patterns, names by key, provinces, kecamatan."""

    kab: re.Pattern  # a kabupaten prefix ending right before a name
    kota: re.Pattern
    by_kind: dict  # (name key, kind) -> regency code
    by_base: dict  # name key -> regency codes sharing it
    province_patterns: list  # (province code, pattern)
    province_of: dict  # regency code -> province code
    kind_of: dict  # regency code -> kabupaten, kota or administrasi (Jakarta's)
    starts: set  # every prefix of a name key: words that may begin a name
    kecamatan: re.Pattern  # a kecamatan prefix ending right before a name
    districts: dict  # kecamatan name key -> regency codes


def _key(name: str) -> str:
    """A name's letters without spaces, lower case ("palangkaraya" for "Palangka Raya")."""
    return "".join(_WORD.findall(name)).lower()


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Gazetteer lookups keyed by a name's letters without spaces ("palangkaraya" for
    "Palangka Raya" and "Palangkaraya"), the prefix patterns and the province patterns
    (cached)."""
    from asnresearch.gazetteer import build_districts, build_regions

    prefixes = load_cues().place_prefixes
    regions = build_regions()
    regencies = regions[regions["level"] == "regency"]
    by_kind: dict[tuple[str, str], str] = {}
    by_base: dict[str, list[str]] = {}
    for code, name, kind in zip(regencies["code"], regencies["name"], regencies["kind"]):
        base = _key(re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name))
        by_kind[(base, kind)] = code
        by_base.setdefault(base, []).append(code)
    kab = re.compile(rf"{alternation(prefixes['kabupaten'])}\s+$", re.IGNORECASE)
    kota = re.compile(rf"{alternation(prefixes['kota'])}\s+$", re.IGNORECASE)
    provinces = regions[regions["level"] == "province"]
    province_patterns = []
    for code, name in zip(provinces["code"], provinces["name"]):
        forms = {name, re.sub(r"^Daerah Khusus Ibukota ", "DKI ", name),
                 re.sub(r"^Daerah Istimewa ", "DI ", name)}
        alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
        province_patterns.append(
            (code, re.compile(rf"\b(?:{alternation(prefixes['province'])}\s+)?"
                              rf"(?:{alternatives})\b")))
    province_of = dict(zip(regencies["code"], regencies["province_code"]))
    # Jakarta's administrative cities and regency have no government of their own
    kind_of = {code: "administrasi" if " Administrasi " in name else kind
               for code, name, kind in zip(regencies["code"], regencies["name"],
                                           regencies["kind"])}
    starts = {key[:i] for key in by_base for i in range(1, len(key) + 1)}
    kecamatan = re.compile(rf"{alternation(prefixes['kecamatan'])}\s+(?=[A-Z])", re.IGNORECASE)
    districts: dict[str, list[str]] = {}
    table = build_districts()
    for name, regency in zip(table["name"], table["regency_code"]):
        districts.setdefault(_key(name), []).append(regency)
    return Gazetteer(kab, kota, by_kind, by_base, province_patterns, province_of, kind_of,
                     starts, kecamatan, districts)


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
        ``regency_code`` and ``province_code``: :class:`Field` with a gazetteer code or
        ``unknown`` (confidence 0, no span).

    Examples
    --------
    >>> extract_place("Dua PNS Pemkab Sleman bolos.")["province_code"].value
    '34'
    """
    return find_place(clean_text(text))


def find_place(text: str) -> dict[str, Field]:
    """:func:`extract_place` on text already cleaned of HTML tags."""
    g = load_gazetteer()
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
