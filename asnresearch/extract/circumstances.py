"""What happened and how it came out: misconduct type, surfacing and platform, ASN status,
agency, uniform, working hours, government level, and how many ASN.

Coded fields are decided by the cue vote of :func:`asnresearch.extract.text.vote`; an
article that names no channel surfaced through the report itself (the codebook's
``surfaced_without_cue``), and the platform is read only from sentences that are not about
other cases or places (``cues.other_cases``); none named is ``unknown`` when the case went
online (``cues.circulated_online``), else ``not_applicable``. ASN status follows rule A1
(:func:`decide_status`). An article that names several units at once ("tiga SKPD",
``cues.several_units``) gives the agency type ``multiple``; the Satpol PP whose raid surfaced
the case is not the accused's unit (``cues.raiding_unit``). The government level votes the cues of
province, centre and local government with the gazetteer's level of the regency named. Working
hours also count a stated time on a working day (inside the codebook's working hours, or at
night) and the misconduct itself (an absence happens in working time by definition). The
count: "sekitar sepuluh ASN" (10, approximate), "belasan pegawai" (11, at least), "13 ASN"
(exact); an exact count beats a vague one; else one count per distinct initials; else one
accused named in the singular ("oknum ASN", ``cues.lone_accused``) is one.

Examples
--------
>>> extract_count("Sebanyak 13 ASN dan belasan pegawai honorer terjaring razia.")
{'n_asn_involved': Field(value='13', confidence=0.9, span=(9, 15)), \
'n_asn_precision': Field(value='exact', confidence=0.9, span=(9, 15))}
"""

from __future__ import annotations

import datetime as dt
import re

from asnresearch.extract.cues import NOT_APPLICABLE, UNKNOWN, Field, load_cues
from asnresearch.extract.text import HEADLINE_WEIGHT, LEAD_WEIGHT, Layout, vote

__all__ = ["VOTED_FIELDS", "decide_status", "extract_count", "extract_circumstances"]

# The coded fields decided by their cues (ASN status by rule A1 on them), in the draft's order.
VOTED_FIELDS = ("misconduct_type", "surfaced_via", "asn_status", "agency_type", "in_uniform")
_INITIALS = re.compile(r"\b(?:berinisial|inisial)\s+([A-Z]{1,4})\b")
_TIME = re.compile(r"\bpukul\s+(\d{1,2})[.:](\d{2})\b", re.IGNORECASE)


def extract_count(text: str, *, found: dict | None = None) -> dict[str, Field]:
    """How many ASN: ``n_asn_involved`` and ``n_asn_precision`` (``found``: the cue matches
    of the text, when scanned already)."""
    cues = load_cues()
    candidates = []
    for m in cues.count.finditer(text):
        if m["digits"]:
            n = int(m["digits"])
            if 1900 <= n <= 2100:  # a year, not a head count
                continue
        else:
            n = cues.number_words[" ".join(m["word"].lower().split())]
        vague = m["word"] and m["word"].lower() in cues.vague
        precision = ("approximate" if m["approx"] else "at_least" if m["atleast"] or vague
                     else "exact")
        candidates.append((precision != "exact", m.start(), n, precision, m.span()))
    if candidates:  # the first exact count, else the first count
        _, _, n, precision, span = min(candidates)
        confidence = 0.9 if precision == "exact" else 0.7
        return {"n_asn_involved": Field(str(n), confidence, span),
                "n_asn_precision": Field(precision, confidence, span)}
    initials = list(_INITIALS.finditer(text))
    if initials:
        n = len({m[1] for m in initials})
        span = initials[0].span()
        return {"n_asn_involved": Field(str(n), 0.5, span),
                "n_asn_precision": Field("exact", 0.5, span)}
    lone = next((span for _, span in (found or cues.index.scan(text))["lone_accused"]
                 if not cues.plural_before.search(text, max(0, span[0] - 20), span[0])), None)
    if lone:  # "oknum ASN" with no count, not "para oknum ASN": one accused
        return {"n_asn_involved": Field("1", 0.5, lone),
                "n_asn_precision": Field("exact", 0.5, lone)}
    return {"n_asn_involved": Field(UNKNOWN, 0.0, None),
            "n_asn_precision": Field(UNKNOWN, 0.0, None)}


def decide_status(text: str, found: dict, layout: Layout) -> Field:
    """ASN status (rule A1): the vote of the status cues, leaving out a PNS or PPPK word that
    names the service in general ("disiplin PNS", "seragam PNS"); non-ASN staff named beside
    civil servants is ``mixed``; with no status named, a structural post named as the accused
    ("oknum Camat", "Kabid berinisial AH") is ``pns``.

    Examples
    --------
    >>> from asnresearch.extract.text import layout_text
    >>> def status(text):
    ...     return decide_status(text, load_cues().index.scan(text), layout_text(text)).value
    >>> status("Polisi menangkap seorang lurah. Ia diperiksa sesuai PP tentang disiplin PNS.")
    'pns'
    >>> status("Seorang ASN dan seorang honorer digerebek.")
    'mixed'
    >>> status("Camat mengatakan dua ASN bolos. Sanksi bagi PNS diatur PP 94.")
    'unknown'
    """
    cues = load_cues()
    rule = cues.asn_status_rule
    kept = [(code, span) for code, span in found["asn_status"]
            if not cues.status_generic.search(text, max(0, span[0] - 30), span[0])]
    codes = {code for code, _ in kept}
    if rule["not_civil_servant"] in codes and (len(codes) > 1 or cues.civil_servant.search(text)):
        span = next(span for code, span in kept if code == rule["not_civil_servant"])
        return Field(rule["beside_civil_servants"], 0.6, span)
    status = vote(kept, layout)
    if status is None:
        post = next(((start, end) for _, (start, end) in found["status_post"]
                     if cues.accused_before.search(text, max(0, start - 60), start)
                     or cues.accused_after.match(text, end, end + 80)), None)
        status = Field(rule["post"], 0.6, post) if post else Field(UNKNOWN, 0.0, None)
    return status


def extract_circumstances(text: str, layout: Layout, found: dict, *, incident: Field,
                          incident_precision: Field, regency: Field) -> dict[str, Field]:
    """The coded fields of the incident, given the cue matches (``found``), the incident
    date and its precision, and the regency: :data:`VOTED_FIELDS`, then ``pp94_provision``,
    ``platform``, ``incident_time``, ``during_working_hours`` and ``government_level``."""
    from asnresearch.codebook import load_codebook
    from asnresearch.extract.places import load_gazetteer

    cb = load_codebook()
    cues = load_cues()
    out = {name: decide_status(text, found, layout) if name == "asn_status"
           else vote(found[name], layout) or Field(UNKNOWN, 0.0, None)
           for name in VOTED_FIELDS}
    if out["surfaced_via"].value == UNKNOWN and layout.paragraphs:
        # no channel named: the report itself tells the case; its evidence is the lead
        lead = next((p for p in layout.paragraphs if p[2] == LEAD_WEIGHT), layout.paragraphs[0])
        out["surfaced_via"] = Field(cues.surfaced_without_cue, 0.3,
                                    layout.sentence_of(lead[0]))
    raider = cues.raiding_unit.get(out["surfaced_via"].value)
    if raider and out["agency_type"].value == raider:  # the unit that raided is not the accused's
        out["agency_type"] = vote([m for m in found["agency_type"] if m[0] != raider], layout) \
            or Field(UNKNOWN, 0.0, None)
    several = [span for code, span in found["agency_type"] if code == cues.several_units]
    if several:  # "tiga SKPD", "sejumlah OPD": the accused work in several units
        out["agency_type"] = Field(cues.several_units, 0.5, several[0])
    misconduct = out["misconduct_type"]
    provision = cb.provision_for(misconduct.value) if misconduct.value != UNKNOWN else UNKNOWN
    out["pp94_provision"] = Field(provision, misconduct.confidence, misconduct.span)

    # the platform only from sentences about this case (not "as in other regions, on TikTok")
    platform = vote([(code, span) for code, span in found["platform"]
                     if not cues.other_cases.search(text, *layout.sentence_of(span[0]))], layout)
    if platform is None:  # none named: unknown when the case went online, else not applicable
        online = out["surfaced_via"].value in cb.group_members("online_group") or any(
            not cues.other_cases.search(text, *layout.sentence_of(start))
            for _, (start, _end) in found["circulated_online"])
        platform = Field(UNKNOWN if online else NOT_APPLICABLE, 0.3, None)
    out["platform"] = platform

    # Working hours: the cues, a stated time on a working day (from the hour in which work
    # starts, before the hour in which it ends), and the misconduct itself (an absence or
    # sleeping on duty happens in working time by definition).
    extra = []
    time = _TIME.search(text)
    if time:
        out["incident_time"] = Field(f"{int(time[1]):02d}.{time[2]}", 0.6, time.span())
        if incident_precision.value == "day":
            hours = cb.working_hours(dt.date.fromisoformat(incident.value).weekday())
            hour = int(time[1])
            if hours is not None and hours.start.hour <= hour < hours.end.hour:
                extra.append(("yes", time.span(), LEAD_WEIGHT))
            elif hour >= 19 or hour < 6:
                extra.append(("no", time.span(), LEAD_WEIGHT))
    else:
        out["incident_time"] = Field(UNKNOWN, 0.0, None)
    if misconduct.value in cues.in_working_hours:
        extra.append(("yes", misconduct.span, HEADLINE_WEIGHT))
    out["during_working_hours"] = vote(found["during_working_hours"], layout, extra) \
        or Field(UNKNOWN, 0.0, None)

    # the level: the cues of province, centre and local government, and the gazetteer's
    # level of the regency named ("ASN Pemprov" in a provincial capital is provincial staff)
    kind = load_gazetteer().kind_of.get(regency.value)
    named = [(cues.level_of_kind[kind], regency.span, LEAD_WEIGHT)] if kind else []
    out["government_level"] = vote(found["government_level"], layout, named) \
        or Field(UNKNOWN, 0.0, None)
    return out
