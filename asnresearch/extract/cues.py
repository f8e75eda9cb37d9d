"""The extractor's vocabulary: the value of a field, and the codebook's cues compiled once.

Every cue list and rule comes from the ``cues`` section and the ``coding_assistant`` rules of
``codebook.yaml``; :func:`load_cues` compiles them into :class:`Cues`, whose named
attributes the steps read (no string keys).

Examples
--------
>>> cues = load_cues()
>>> cues.months["desember"], cues.statement_action
(12, 'statement')
>>> sorted(cues.index.scan("Video ASN viral di TikTok")["platform"])
[('tiktok', (19, 25))]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["UNKNOWN", "NONE", "NOT_APPLICABLE", "Field", "alternation", "CueIndex", "Cues",
           "load_cues"]

UNKNOWN = "unknown"
NONE = "none"  # the article reports no such thing (no response, no sanction)
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Field:
    """One extracted value with its confidence (0 to 1) and evidence span (start, end)."""

    value: str
    confidence: float
    span: tuple[int, int] | None


def _body(cue: str) -> str:
    """A codebook cue as a regex body: words separated by any whitespace."""
    parts = re.split(r"(\(\?<[!=][^)]*\))", cue)  # a look-behind keeps its single space
    return "".join(p if p.startswith("(?<") else p.replace(" ", r"\s+") for p in parts)


def alternation(cues: list[str]) -> str:
    """Whole-word alternation of cues, longest first (for the short lists; the long ones go
    through :class:`CueIndex`).

    Examples
    --------
    >>> bool(re.fullmatch(alternation(["kab", "pemerintah kabupaten"]), "Pemerintah  Kabupaten",
    ...                   re.IGNORECASE))
    True
    """
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


class CueIndex:
    """Every cue list of the codebook, indexed by the first letters of its cues.

    Python's regex engine tries the alternatives of a pattern one by one, so a scan of a text
    with each of a dozen patterns of a hundred cues is slow. Instead, each word start of the
    text looks up the cues that can begin there (by up to three first letters) and only those
    are tried: one pass over the words serves every cue list.

    Examples
    --------
    >>> index = CueIndex({"noise": {"loud": ["ribut", "(ber)?teriak"]}})
    >>> index.scan("Mereka berteriak, ribut sekali.")
    {'noise': [('loud', (7, 16)), ('loud', (18, 23))]}
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


@dataclass(frozen=True)
class Cues:
    """The codebook's cues and the coding assistant's rules, compiled (:func:`load_cues`)."""

    index: CueIndex  # the coded fields' cues, reaction stances, named laws, speech verbs;
    # structural posts, "oknum ASN" and words of circulating online (status, count, platform)
    months: dict[str, int]  # month name or abbreviation (lower case) -> number
    numeric_date: re.Pattern  # "(Selasa, 23/12/2025)", "(20/3)", "23/12/2025"
    text_date: re.Pattern  # "23 Desember 2025", "Agustus 2025"
    budget_year: re.Pattern  # "tahun anggaran 2023"
    relative_date: re.Pattern  # "kemarin", "pekan lalu"; or a weekday alone ("pada Senin")
    relative: dict[str, tuple[int, str]]  # relative phrase -> (days back, precision)
    weekdays: tuple[str, ...]  # weekday patterns, Monday first
    unknown_when: re.Pattern  # the text says the time is not known
    incident_word: re.Pattern  # a word that dates the incident itself
    report_word: re.Pattern  # a word that dates a report of the case (interview, post, letter)
    caught_in_act: frozenset[str]  # surfaced_via codes that catch the act (an arrest)
    hypothetical: re.Pattern  # a word of condition or intent: a sanction not done
    other_cases: re.Pattern  # a sentence about another case or place
    future: re.Pattern  # a word of intent right before a verb: a promise, not a step
    count: re.Pattern  # "sekitar sepuluh ASN", "belasan pegawai", "13 ASN"
    number_words: dict[str, int]  # number word or vague count (lower case) -> value
    vague: frozenset[str]  # the vague counts ("belasan"): at least
    instrument: re.Pattern  # "PP Nomor 94 Tahun 2021": group i<k> names instrument k
    instrument_names: tuple[str, ...]  # the short name of each instrument
    reaction_verb: re.Pattern  # a verb of demand or criticism
    place_prefixes: dict[str, list[str]]  # kabupaten, kota, province, kecamatan -> cues
    outcome_actions: frozenset[str]  # actions that end a case, not first steps
    statement_action: str  # a mere statement: the weakest first step
    ordered_when_announced: frozenset[str]  # a step even when announced (rule A5)
    generic_sanctions: frozenset[str]  # a sanction whose form is not named
    in_working_hours: frozenset[str]  # misconduct that happens in working time by definition
    reaction_stance: str  # the stance of a reaction without a stance cue
    level_of_kind: dict[str, str]  # kabupaten/kota -> government level
    implied_actor: dict[str, str]  # action -> its actor when a passive names no agent
    surfaced_without_cue: str  # surfaced_via when no channel is named
    several_units: str  # agency_type when the text names several units at once
    raiding_unit: dict[str, str]  # surfaced_via -> the agency type of the unit that raided
    status_generic: re.Pattern  # ends right after a word that makes "PNS" general (rule A1)
    accused_before: re.Pattern  # ends a text that names the post after it as the accused's
    accused_after: re.Pattern  # "berinisial" right after a post: the accused's
    civil_servant: re.Pattern  # "ASN": civil servants of unstated status
    asn_status_rule: dict[str, str]  # post, not_civil_servant, beside_civil_servants -> code
    plural_before: re.Pattern  # ends a text whose next words name several ("para oknum")
    confidence_cap: dict[str, float]  # field -> the highest confidence it may carry


@functools.cache
def load_cues() -> Cues:
    """The codebook's cues compiled once (cached)."""
    from asnresearch.codebook import load_codebook

    codebook = load_codebook()
    cues = codebook.cues()
    rule = codebook.rules["coding_assistant"]
    dates = cues["dates"]
    months = dates["months"]
    month_re = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    weekday_re = "|".join(dates["weekdays"])
    counts = cues["counts"]
    status, lone = cues["status_context"], cues["lone_accused"]
    number_words = {**counts["numbers"], **counts["vague"]}
    instruments = "|".join(f"(?P<i{i}>{alternation(forms)})"
                           for i, forms in enumerate(cues["legal_instruments"].values()))
    return Cues(
        index=CueIndex({**cues["codes"], "reaction_stance": cues["reaction_stance"],
                        "named_laws": cues["named_laws"],
                        "speech": {rule["statement_action"]: cues["speech_verbs"]},
                        "status_post": {rule["asn_status_rule"]["post"]:
                                        cues["status_context"]["posts"]},
                        "lone_accused": {"one": [f"{w} ({'|'.join(counts['nouns'])})"
                                                for w in cues["lone_accused"]["words"]]},
                        "circulated_online": {"online": cues["circulated_online"]}}),
        months=months,
        numeric_date=re.compile(
            rf"\(\s*(?:(?:{weekday_re})\s*,?\s*)?(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}|\d{{2}}))?\s*\)"
            rf"|(?<![\d/])(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})(?![\d/])", re.IGNORECASE),
        text_date=re.compile(
            rf"(?<!\w)(?:(\d{{1,2}})\s+)?({month_re})\.?(?:\s+(?:hingga|sampai|s\.d\.?|-|–)\s+"
            rf"(?:\d{{1,2}}\s+)?(?:{month_re}))?\s+(\d{{4}})(?!\d)", re.IGNORECASE),
        budget_year=re.compile(rf"(?:{alternation(dates['year_contexts'])})\s+(\d{{4}})(?!\d)",
                               re.IGNORECASE),
        relative_date=re.compile(
            rf"(?<!\w)(?:(?P<rel>{alternation(list(dates['relative']))})"
            rf"|(?:pada|hari|sejak)\s+(?P<day>{weekday_re}))(?!\w)(?!\s*[(,]?\s*\d)",
            re.IGNORECASE),
        relative={" ".join(k.lower().split()): (v["days"], v["precision"])
                  for k, v in dates["relative"].items()},
        weekdays=tuple(dates["weekdays"]),
        unknown_when=re.compile(alternation(dates["unknown_when"]), re.IGNORECASE),
        incident_word=re.compile(alternation(dates["incident_words"]), re.IGNORECASE),
        report_word=re.compile(alternation(dates["report_words"]), re.IGNORECASE),
        caught_in_act=frozenset(dates["caught_in_act"]),
        hypothetical=re.compile(alternation(cues["hypothetical"]), re.IGNORECASE),
        other_cases=re.compile(alternation(cues["other_cases"]), re.IGNORECASE),
        future=re.compile(rf"(?:{alternation(cues['future'])})(?:\s+\S+)?\s*$", re.IGNORECASE),
        count=re.compile(
            rf"(?<!\w)(?:(?P<approx>{alternation(counts['approximate'])})|"
            rf"(?P<atleast>{alternation(counts['at_least'])}))?\s*"
            rf"(?:(?P<digits>\d{{1,5}})|(?P<word>{alternation(list(number_words))}))\s+"
            rf"(?:orang\s+)?(?P<noun>{alternation(counts['nouns'])})", re.IGNORECASE),
        number_words={k.lower(): v for k, v in number_words.items()},
        vague=frozenset(k.lower() for k in counts["vague"]),
        instrument=re.compile(
            rf"(?<!\w)(?P<kind>{instruments})"
            r"\s*(?:RI\s+)?(?:(?:Nomor|No\.?)\s*)?(?P<num>\d{1,4})"
            r"(?:\s*(?:Tahun|/|Th\.?)\s*(?P<year>\d{4}))?", re.IGNORECASE),
        instrument_names=tuple(cues["legal_instruments"]),
        reaction_verb=re.compile(alternation(cues["reaction_verbs"]), re.IGNORECASE),
        place_prefixes=cues["place_prefixes"],
        outcome_actions=frozenset(rule["outcome_actions"]),
        statement_action=rule["statement_action"],
        ordered_when_announced=frozenset(rule["ordered_when_announced"]),
        generic_sanctions=frozenset(rule["generic_sanctions"]),
        in_working_hours=frozenset(rule["in_working_hours"]),
        reaction_stance=rule["reaction_stance"],
        level_of_kind=rule["level_of_kind"],
        implied_actor=rule["implied_actor"],
        surfaced_without_cue=rule["surfaced_without_cue"],
        several_units=rule["several_units"],
        raiding_unit=rule["raiding_unit"],
        status_generic=re.compile(rf"{alternation(status['generic'])}\s*\(?\s*$", re.IGNORECASE),
        accused_before=re.compile(
            rf"(?:{alternation(status['accused'])}\s+(?:\S+\s+){{0,2}}|(?-i:\b[A-Z]{{2,4}}),\s+)$",
            re.IGNORECASE),
        accused_after=re.compile(r"(?:\s+\S+){0,4}\s+(?:berinisial|inisial)(?!\w)", re.IGNORECASE),
        civil_servant=re.compile(alternation(status["civil_servant"]), re.IGNORECASE),
        asn_status_rule=rule["asn_status_rule"],
        plural_before=re.compile(rf"{alternation(lone['plural'])}\s+$", re.IGNORECASE),
        confidence_cap=rule["confidence_cap"],
    )
