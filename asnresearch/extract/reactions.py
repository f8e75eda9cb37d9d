"""Public reactions in the article: a speaker kind (``cues.codes.speaker_kind``: civil society,
legislators, academics, associations) in a sentence with a verb of demand or criticism, and
the stance its sentence states (``cues.reaction_stance``; else the codebook's default).

Examples
--------
>>> from asnresearch.extract import extract_case
>>> draft = extract_case("Anggota DPRD meminta pengawasan diperketat.")
>>> [(r.speaker_kind.value, r.stance.value) for r in draft.reactions]
[('legislator', 'call_for_oversight')]
"""

from __future__ import annotations

from dataclasses import dataclass

from asnresearch.extract.cues import Field, load_cues
from asnresearch.extract.text import Layout

__all__ = ["Reaction", "extract_reactions"]


@dataclass(frozen=True)
class Reaction:
    """A demand or criticism by civil society, legislators, academics or associations."""

    speaker_kind: Field
    stance: Field


def extract_reactions(text: str, layout: Layout, found: dict) -> list[Reaction]:
    """One reaction per sentence and speaker kind, in text order. The speaker is who is named
    before the verb of demand ("LBH mendesak DPRD ..." is civil society's demand, not the
    council's), else the first named after it."""
    cues = load_cues()
    out, seen = [], set()
    for kind, span in found["speaker_kind"]:
        s_start, s_end = layout.sentence_of(span[0])
        verb = cues.reaction_verb.search(text, s_start, s_end)
        if (s_start, kind) in seen or not verb:
            continue
        here = [k for k, sp in found["speaker_kind"] if s_start <= sp[0] < s_end]
        before = [k for k, sp in found["speaker_kind"] if s_start <= sp[0] < verb.start()]
        if kind not in (before or here[:1]):
            continue  # the object of the demand, not its speaker
        seen.add((s_start, kind))
        stance = next(((c, s) for c, s in found["reaction_stance"] if s_start <= s[0] < s_end),
                      (cues.reaction_stance, (s_start, s_end)))
        out.append(Reaction(Field(kind, 0.7, span), Field(stance[0], 0.6, stance[1])))
    return out
