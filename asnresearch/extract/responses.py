"""Who responded and how: the official steps, the first response, the sanction imposed and
the laws cited.

- **Responses**: an action verb (``cues.codes.action``) and the official role
  (``cues.codes.actor_role``) acting in the same paragraph: after a passive verb ("dipanggil
  BKPSDM"), else the role named last before the verb, else the speaker named after it. A verb
  after a word of intent ("akan memanggil", "untuk diperiksa") is a promise, not a step; a
  verb in a sentence of demand by civil society or legislators is their reaction. The first
  response is the first paragraph's step, preferring first steps (statements, clarification,
  summons, examination, arrest...) over outcomes (the codebook's ``outcome_actions``), since
  news often leads with the outcome.
- **Sanction**: a sanction named in a sentence that reports it as done (no word of condition
  or intent, ``cues.hypothetical``); a named form beats "hukuman disiplin" or
  "diberhentikan".
- **Citations**: "PP 94/2021", "UU 23/2004 Pasal 44 ayat (1)", "KUHP Pasal 303".

Examples
--------
>>> from asnresearch.extract import extract_case
>>> draft = extract_case("Kepala BKPSDM memanggil ASN itu. Ia dijatuhi teguran tertulis.")
>>> [(r.actor.value, r.action.value) for r in draft.responses]
[('personnel_agency', 'summons')]
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
    """Every official step with the index of its paragraph, in text order."""
    cues = load_cues()
    actors, speakers, actions = found["actor_role"], found["speaker_kind"], found["action"]
    steps = []
    for index, (p_start, p_end, _) in enumerate(layout.paragraphs):
        here = [(code, span) for code, span in actors if p_start <= span[0] < p_end]
        if not here:
            continue
        for action, span in actions:
            if not p_start <= span[0] < p_end:
                continue
            if cues.future.search(text, max(p_start, span[0] - 30), span[0]):
                continue  # "akan memanggil", "untuk diperiksa": a promise, not a step
            s_start, s_end = layout.sentence_of(span[0])
            if any(s_start <= s[0] < s_end for _, s in speakers) and \
                    cues.reaction_verb.search(text, s_start, s_end):
                continue  # a demand by civil society or legislators, not an official step
            actor = _actor_of(text, span, here, p_start, p_end)
            if actor is None:
                continue
            when = [d for d in dates if s_start <= d.span[0] < s_end]
            date = Field(when[0].iso, 0.6, when[0].span) if when else Field(UNKNOWN, 0.0, None)
            steps.append((index, Response(Field(actor[0], 0.7, actor[1]),
                                          Field(action, 0.7, span), date)))
    return steps


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


def first_response(steps: list[tuple[int, Response]]) -> tuple[Field, Field]:
    """The first step's actor and action: first steps before outcomes; in a paragraph, an
    act before a mere statement; ``none`` without a step."""
    if not steps:
        return Field(NONE, 0.5, None), Field(NONE, 0.5, None)
    cues = load_cues()

    def rank(step):
        index, response = step
        action = response.action
        return (action.value in cues.outcome_actions, index,
                action.value == cues.statement_action, action.span[0])
    _, first = min(steps, key=rank)
    return first.actor, first.action


def extract_sanction(text: str, layout: Layout, matches: list) -> Field:
    """The sanction reported as imposed (``sanction_type``), ``none`` without one."""
    cues = load_cues()
    found = []
    for code, span in matches:
        s_start, s_end = layout.sentence_of(span[0])
        if cues.hypothetical.search(text, s_start, s_end):
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
