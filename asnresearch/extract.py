"""From the text of an Indonesian news article to draft codes, each with its evidence.

First step of the coding assistant (issue 7): the place of the incident. Every value comes
with a confidence and the character span of the text it came from, so a coder can check it
at a glance. The other fields of the draft record follow in later steps.

Place rules. Each regency or city of the gazetteer is looked for in the forms news uses:
"Kabupaten X", "Kab. X", "Pemkab X", "Bupati X", "Kota X", "Pemkot X", "Wali Kota X", and
the dateline ("BANGKALAN, Outlet –"). A prefixed form scores 3, the dateline 2, the bare
name 1; a bare name that a kabupaten and a kota share ("Kupang") backs whichever of the two
has more points already, or neither. The regency with the highest total wins (ties: the one
named first); its province follows from the gazetteer, and the evidence is the first of its
strongest mentions. Without a regency, a named province ("Provinsi X", "Pemprov X", the
province name) is taken, with the regency ``unknown``. Confidence = the winner's share of
all place points.

Examples
--------
>>> draft = extract_place("BANGKALAN, KabarMadura.id - Sepuluh ASN Pemkab Bangkalan ...")
>>> draft["regency_code"].value, draft["province_code"].value
('35.26', '35')
>>> text = "BANGKALAN, KabarMadura.id - Sepuluh ASN Pemkab Bangkalan ..."
>>> start, end = draft["regency_code"].span
>>> text[start:end]
'Pemkab Bangkalan'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

UNKNOWN = "unknown"
PREFIX_POINTS, DATELINE_POINTS, BARE_POINTS = 3, 2, 1
_KAB = (r"(?:Kabupaten|Kab\.?|Pemkab|Pemerintah Kabupaten|Bupati|Wakil Bupati|Wabup"
        r"|Sekda Kabupaten)")
_KOTA = r"(?:Kota|Pemkot|Pemko|Pemerintah Kota|Wali ?[Kk]ota|Wakil Wali ?[Kk]ota|Wawali)"
_PROV = r"(?:Provinsi|Prov\.|Pemprov|Pemerintah Provinsi|Gubernur|Wakil Gubernur)"


@dataclass(frozen=True)
class Field:
    """One extracted value with its confidence (0 to 1) and evidence span (start, end)."""

    value: str
    confidence: float
    span: tuple[int, int] | None


@functools.cache
def _patterns():
    """One alternation of every regency/city name, in three settings (prefixed, dateline,
    bare), so an article is scanned three times whatever the size of the gazetteer."""
    from asnresearch.io import load_regions

    regions = load_regions()
    regencies = regions[regions["level"] == "regency"]
    by_kind: dict[tuple[str, str], str] = {}
    by_base: dict[str, list[str]] = {}
    for code, name, kind in zip(regencies["code"], regencies["name"], regencies["kind"]):
        base = re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name).lower()
        by_kind[(base, kind)] = code
        by_base.setdefault(base, []).append(code)
    names = sorted(by_base, key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    prefixed = re.compile(rf"\b(?:(?P<kab>{_KAB})|(?P<kota>{_KOTA}))\s+(?P<name>{alt})\b",
                          re.IGNORECASE)
    dateline = re.compile(rf"^\s*(?:\S+\s+)?(?P<name>{alt})\s*,", re.IGNORECASE | re.M)
    bare = re.compile(rf"\b(?P<name>{alt})\b", re.IGNORECASE)
    provinces = regions[regions["level"] == "province"]
    province_patterns = []
    for code, name in zip(provinces["code"], provinces["name"]):
        forms = {name, re.sub(r"^Daerah Khusus Ibukota ", "DKI ", name),
                 re.sub(r"^Daerah Istimewa ", "DI ", name)}
        alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
        province_patterns.append((code, re.compile(rf"\b(?:{_PROV}\s+)?(?:{alternatives})\b")))
    province_of = dict(zip(regencies["code"], regencies["province_code"]))
    return prefixed, dateline, bare, by_kind, by_base, province_patterns, province_of


def extract_place(text: str | None) -> dict[str, Field]:
    """Province and regency/city of the incident, with confidence and evidence span.

    Returns
    -------
    dict
        ``province_code`` and ``regency_code``: :class:`Field` with a gazetteer code or
        ``unknown`` (confidence 0, no span).
    """
    text = text if isinstance(text, str) else ""
    prefixed, dateline, bare, by_kind, by_base, province_patterns, province_of = _patterns()
    scores: dict[str, float] = {}
    first: dict[str, int] = {}  # where a place is first named: breaks ties
    evidence: dict[str, tuple[int, tuple[int, int]]] = {}  # strongest form, first of it

    def add(code, points, span):
        scores[code] = scores.get(code, 0) + points
        first[code] = min(first.get(code, span[0]), span[0])
        if code not in evidence or points > evidence[code][0]:
            evidence[code] = (points, span)

    def leader(codes):  # an ambiguous bare name backs the strongest place already named
        named = [c for c in codes if c in scores]
        return [max(named, key=scores.get)] if named else []

    for m in prefixed.finditer(text):
        base = " ".join(m["name"].lower().split())
        code = by_kind.get((base, "kabupaten" if m["kab"] else "kota"))
        if code:
            add(code, PREFIX_POINTS, m.span())
    for m in dateline.finditer(text[:300]):
        codes = by_base.get(" ".join(m["name"].lower().split()), [])
        for code in (codes if len(codes) == 1 else leader(codes)):
            add(code, DATELINE_POINTS, m.span("name"))
    for m in bare.finditer(text):
        codes = by_base.get(" ".join(m["name"].lower().split()), [])
        for code in (codes if len(codes) == 1 else leader(codes)):
            add(code, BARE_POINTS, m.span())
    if scores:
        best = max(scores, key=lambda c: (scores[c], -first[c]))
        confidence = round(scores[best] / sum(scores.values()), 2)
        span = evidence[best][1]
        return {"regency_code": Field(best, confidence, span),
                "province_code": Field(province_of[best], confidence, span)}
    for code, pattern in province_patterns:
        m = pattern.search(text)
        if m:
            return {"regency_code": Field(UNKNOWN, 0.0, None),
                    "province_code": Field(code, 0.5, m.span())}
    return {"regency_code": Field(UNKNOWN, 0.0, None),
            "province_code": Field(UNKNOWN, 0.0, None)}
