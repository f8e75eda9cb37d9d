"""Who responded and how: the official steps, the first response, the sanction imposed and
the laws cited.

- **Responses**: the step the text reports as done, by whom. An action verb
  (``cues.codes.action``) or a verb of speech (``cues.speech_verbs``: a statement) is the
  step of the person who takes it: the agent after a passive verb ("dipanggil BKPSDM",
  "ditahan oleh Kejaksaan"), else the actor the codebook implies for it (police for "MR
  diamankan"); the speaker of a quote; the person named last before the verb in its
  sentence, a speaker named after it, or the person named last in the paragraphs before
  ("Ia memeriksa ..."). A step of civil society or legislators is their reaction, never an
  official step (rule A4), as is a verb in their sentence of demand. A verb after a word of
  intent ("akan memanggil") is a promise, which rule A4 codes a statement; a verb after a
  word of condition or a quoted rule ("terancam dipecat", "sesuai aturan") is no step. The
  first response prefers acts to mere statements, then first steps (clarification, summons,
  examination, arrest...) to outcomes (the codebook's ``outcome_actions``), then the first
  paragraph's step.
- **Sanction**: a sanction named in a sentence that reports it as done (no word of condition
  or intent, ``cues.hypothetical``); a named form beats "hukuman disiplin" or
  "diberhentikan".
- **Citations**: "PP 94/2021", "UU 23/2004 Pasal 44 ayat (1)", "KUHP Pasal 303".

Examples
--------
>>> from asnresearch.extract import extract_case
>>> draft = extract_case("Kepala BKPSDM memanggil ASN itu. Ia dijatuhi teguran tertulis.")
>>> [(r.actor.value, r.action.value) for r in draft.responses]
[('personnel_agency', 'summons'), ('personnel_agency', 'sanction_imposed')]
>>> draft["sanction_type"].value
'teguran_tertulis'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from asnresearch.extract.cues import NONE, UNKNOWN, Field, load_cues
from asnresearch.extract.dates import Date
from asnresearch.extract.text import Layout

__all__ = ["Response", "extract_responses", "first_response", "extract_sanction",
           "extract_citations"]

_QUOTES = re.compile(r'["“”]')
_SPEECH_TAG = re.compile(
    r"\b(?:kata|ujar|tutur|jelas|tegas|ucap|imbuh|menurut|sebut)\w*\s+\S*\s*$", re.IGNORECASE)
_ARTICLE = re.compile(r"\bPasal\s+(\d{1,4}[A-Z]?)(?:\s+ayat\s*\(?(\d{1,2})\)?)?"
                      r"(?:\s+huruf\s+([a-z]))?", re.IGNORECASE)


@dataclass(frozen=True)
class Response:
    """One official step named in the article: who (actor role), what (action), when."""

    actor: Field
    action: Field
    date: Field


def extract_responses(text: str, layout: Layout, dates: list[Date],
                      found: dict) -> list[tuple[int, Response]]:
    """Every official step with the index of its paragraph, in text order.

    An action verb (or a verb of speech: a statement) is the step of the person who takes it
    (:func:`_actor_of`); a step of a civil-society or legislator speaker is their reaction,
    not an official step. A verb after a word of intent is a promise: a statement (rule A4).
    """
    cues = load_cues()
    # every person the text names: an official role, or a speaker outside enforcement
    persons = sorted([(code, span, True) for code, span in found["actor_role"]]
                     + [(kind, span, False) for kind, span in found["speaker_kind"]],
                     key=lambda p: p[1][0])
    verbs = sorted([(a, span, False) for a, span in found["action"]]
                   + [(a, span, True) for a, span in found["speech"]], key=lambda v: v[1][0])
    steps = []
    for action, span, speech in verbs:
        index = next((i for i, (p_start, p_end, _) in enumerate(layout.paragraphs)
                      if p_start <= span[0] < p_end), None)
        if index is None:
            continue
        p_start, p_end, _ = layout.paragraphs[index]
        s_start, s_end = layout.sentence_of(span[0])
        if cues.future.search(text, max(p_start, span[0] - 30), span[0]):
            if action not in cues.ordered_when_announced:  # A5: "TPP akan dipotong"
                action = cues.statement_action  # "akan memanggil": a promise (A4)
        elif cues.hypothetical.search(text, s_start, span[0]):
            continue  # "terancam dipecat", "jika terbukti diberhentikan": not a step
        if any(s_start <= p[1][0] < s_end and not p[2] for p in persons) and \
                cues.reaction_verb.search(text, s_start, s_end):
            continue  # a demand by civil society or legislators, not an official step
        person = _actor_of(text, span, action, speech, persons, layout, index)
        if person is None or not person[2]:
            continue  # nobody named, or a speaker outside enforcement: a reaction
        when = [d for d in dates if s_start <= d.span[0] < s_end]
        date = Field(when[0].iso, 0.6, when[0].span) if when else Field(UNKNOWN, 0.0, None)
        steps.append((index, Response(Field(person[0], 0.7, person[1]),
                                      Field(action, 0.7, span), date)))
    return steps


def _actor_of(text, span, action, speech, persons, layout, index):
    """The person (code, span, official) who took the step at ``span``.

    A verb of speech: the person named right after it ("kata Bupati"), else before it in
    its sentence, else the person last named in the two paragraphs before ("Ia
    mengatakan"). A passive verb ("dipanggil BKPSDM", "ditahan oleh Kejaksaan"): the agent
    after it; without one, the actor the codebook implies for the action (police for an
    arrest), else the person last named in the paragraphs before. In a quote: its speaker.
    Else the person named last before the verb in its sentence, a speaker named after it in
    its paragraph, or the person last named in the two paragraphs before."""
    p_start, p_end, _ = layout.paragraphs[index]
    s_start, s_end = layout.sentence_of(span[0])
    earlier = [p for p in persons if layout.paragraphs[max(0, index - 2)][0] <= p[1][0] < p_start]
    if speech:
        after = [p for p in persons if span[1] <= p[1][0] <= span[1] + 40]
        before = [p for p in persons if s_start <= p[1][0] and p[1][1] <= span[0]]
        return after[0] if after else before[-1] if before else \
            (earlier[-1] if earlier else None)
    if text[span[0]:span[1]].lower().startswith(("di", "ter")):
        after = [p for p in persons if span[1] <= p[1][0] <= span[1] + 60
                 and p[1][0] < s_end]
        if after:
            return after[0]
        implied = load_cues().implied_actor.get(action)
        if implied:
            return implied, span, True
        # the role before a passive verb in its sentence is its patient; the person named in
        # the sentences before ("Kepala BKPSDM menjelaskan ... tiga ASN telah diberhentikan")
        told = [p for p in persons if p_start <= p[1][0] and p[1][1] <= s_start]
        return told[-1] if told else earlier[-1] if earlier else None
    marks = [m.start() for m in _QUOTES.finditer(text, p_start, p_end)]
    opened = [q for q in marks if q < span[0]]
    if len(opened) % 2 == 1:  # inside a quotation: the speaker is named around it
        closing = next((q for q in marks if q > span[0]), p_end)
        speaker = [p for p in persons if closing < p[1][0] <= closing + 80]
        before_quote = [p for p in persons if p_start <= p[1][0] and p[1][1] <= opened[-1]]
        if speaker or before_quote:
            return speaker[0] if speaker else before_quote[-1]
    before = [p for p in persons if s_start <= p[1][0] and p[1][1] <= span[0]]
    if before:
        return before[-1]
    later = [p for p in persons if span[1] <= p[1][0] < p_end
             and _SPEECH_TAG.search(text, max(p_start, p[1][0] - 25), p[1][0])]
    if later:
        return later[0]
    before = [p for p in persons if p_start <= p[1][0] and p[1][1] <= span[0]]
    return before[-1] if before else earlier[-1] if earlier else None


def first_response(steps: list[tuple[int, Response]]) -> tuple[Field, Field]:
    """The first step's actor and action: acts before mere statements (on real news an
    arrest or a summons is reported after the statements about it more often than not; an
    outcome reported beside statements only is usually the case's first step too), then
    first steps before outcomes, then the first in the text; ``none`` without a step."""
    if not steps:
        return Field(NONE, 0.5, None), Field(NONE, 0.5, None)
    cues = load_cues()

    def rank(step):
        index, response = step
        action = response.action
        return (action.value == cues.statement_action, action.value in cues.outcome_actions,
                index, action.span[0])
    _, first = min(steps, key=rank)
    return first.actor, first.action


def extract_sanction(text: str, layout: Layout, matches: list, speakers=()) -> Field:
    """The sanction reported as imposed (``sanction_type``), ``none`` without one: not in a
    sentence of condition, intent or a quoted rule, nor in a demand by a speaker outside
    enforcement (``speakers``: civil society, legislators)."""
    cues = load_cues()
    found = []
    for code, span in matches:
        s_start, s_end = layout.sentence_of(span[0])
        if cues.hypothetical.search(text, s_start, s_end) or (
                any(s_start <= s[0] < s_end for _, s in speakers)
                and cues.reaction_verb.search(text, s_start, s_end)):
            continue
        found.append((code in cues.generic_sanctions, -layout.weight(span[0]), span[0], code,
                      span))
    if not found:
        return Field(NONE, 0.5, None)
    generic, _, _, code, span = min(found)
    return Field(code, 0.6 if generic else 0.8, span)


def extract_citations(text: str, named_laws: list) -> list[Field]:
    """Legal citations normalised: "PP 94/2021", "UU 23/2004 Pasal 44 ayat (1)", "KUHP Pasal
    303"; an article ("Pasal ...") joins the instrument named right after it."""
    cues = load_cues()
    laws = []
    for m in cues.instrument.finditer(text):
        kind = cues.instrument_names[int(next(k for k, v in m.groupdict().items()
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
    for m in _ARTICLE.finditer(text):
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
