"""The article as text: HTML remnants blanked, paragraphs weighted, sentences cut, and the vote
of cue matches that decides a coded field.

A match in the headline counts 3 (:data:`HEADLINE_WEIGHT`), in the lead 2
(:data:`LEAD_WEIGHT`), elsewhere 1.

Examples
--------
>>> text = clean_text("Bupati Marah\\n<p>Dua ASN bolos. Warga kesal.</p>")
>>> layout = layout_text(text)
>>> [text[s:e] for s, e in layout.sentences]
['Bupati Marah', '   Dua ASN bolos.', 'Warga kesal.    ']
>>> layout.weight(0), layout.weight(20)
(3, 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from asnresearch.extract.cues import UNKNOWN, Field

__all__ = ["HEADLINE_WEIGHT", "LEAD_WEIGHT", "Layout", "clean_text", "layout_text", "vote"]

HEADLINE_WEIGHT, LEAD_WEIGHT = 3, 2
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[\"“']?[A-Z])")
_ABBREVIATION = re.compile(r"(?:\b(?:Kab|Prov|No|jo|Jl|Dr|dr|H|Hj|St|Kec|Kel|Ir|Drs|"
                           r"Kom|Pol|Sdr|Bpk|Tbk|dkk|dll|Rp|M|S|[A-Z])\.)$")
_TAGS = re.compile(r"<[^<>]{0,200}>")


@dataclass(frozen=True)
class Layout:
    """The article's paragraphs (start, end, weight) and sentences (start, end)."""

    paragraphs: tuple[tuple[int, int, int], ...]
    sentences: tuple[tuple[int, int], ...]

    def weight(self, pos: int) -> int:
        """The weight of the paragraph at ``pos`` (1 outside every paragraph)."""
        for start, end, weight in self.paragraphs:
            if start <= pos < end:
                return weight
        return 1

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence at ``pos`` (an empty span outside every sentence)."""
        for start, end in self.sentences:
            if start <= pos < end:
                return start, end
        return pos, pos


def layout_text(text: str) -> Layout:
    """Paragraphs (one a line) and their sentences. The first line is the headline when it is
    short and ends without a full stop; the paragraph after it (or the first one) is the lead.
    """
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
        for m in _SENTENCE_END.finditer(text, start, end):
            if _ABBREVIATION.search(text, max(start, m.start() - 6), m.start()):
                continue
            sentences.append((cut, m.start()))
            cut = m.end()
        sentences.append((cut, end))
    return Layout(tuple(weighted), tuple(sentences))


def clean_text(text) -> str:
    """The text with HTML tags blanked out (same length, so spans stay valid); anything but a
    string is read as the empty text."""
    if not isinstance(text, str):
        return ""
    return _TAGS.sub(lambda m: " " * len(m.group()), text)


def vote(matches: list, layout: Layout, extra=()) -> Field | None:
    """The code with most weighted cue points, or None when no cue matched.

    ``matches`` are (code, span) weighed by their paragraph, ``extra`` (code, span, weight).
    Ties go to the code matched first; as many points for ``yes`` as for ``no`` is
    ``unknown``. The confidence is the winner's share of all points; the evidence is the
    first of its strongest matches.

    Examples
    --------
    >>> vote([("a", (0, 1)), ("b", (5, 6)), ("b", (9, 10))], layout_text("x" * 20))
    Field(value='b', confidence=0.67, span=(5, 6))
    """
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
