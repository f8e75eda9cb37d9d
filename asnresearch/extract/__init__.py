"""From the text of an Indonesian news article to a draft coded case, each field with evidence.

The coding assistant (issue 7). :func:`extract_case` reads the plain text of one article and
returns a :class:`Draft` in the codebook's vocabulary; every field carries a confidence (0 to
1) and the character span of the text it came from, so a coder can check it at a glance. The
rules and cue lists live in the ``cues`` section and the ``coding_assistant`` rules of
``codebook.yaml``; the modules only say how cues are weighed, one step each:

- :mod:`~asnresearch.extract.cues`: the codebook's cues compiled (:class:`Cues`), and
  :class:`Field`, the value of one field;
- :mod:`~asnresearch.extract.text`: cleaning, paragraphs and sentences, the cue vote;
- :mod:`~asnresearch.extract.places`: regency and province, through the gazetteer;
- :mod:`~asnresearch.extract.dates`: publication and incident dates;
- :mod:`~asnresearch.extract.circumstances`: misconduct type, surfacing, platform, working
  hours (the codebook's hours), status, agency, uniform, level and the count of ASN;
- :mod:`~asnresearch.extract.responses`: official steps, the first response, the sanction
  and the laws cited;
- :mod:`~asnresearch.extract.reactions`: demands and criticism by civil society and others;
- :mod:`~asnresearch.extract.draft`: the draft record and its tables;
- :mod:`~asnresearch.extract.compare`: drafts against coded cases.
- :mod:`~asnresearch.extract.group`: the drafts of articles that report one incident grouped
  and merged, and flagged when a dataset case looks like the same incident.

A coded field (misconduct type, surfacing, platform, working hours, uniform, ASN status,
agency type) goes to the code whose cues score most: a match in the headline counts 3, in the
lead 2, elsewhere 1; confidence = the winner's share of all points. Every field's
confidence is capped by the codebook's ``confidence_cap``: about how often that field's
confident drafts were right on real news, so that 0.9 or more means right nine times in ten.

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

from asnresearch.extract.compare import (
    COMPARED,
    coded_first_steps,
    compare_fields,
    read_coded,
    summarise_agreement,
)
from asnresearch.extract.cues import NONE, NOT_APPLICABLE, UNKNOWN, Field
from asnresearch.extract.draft import (
    CODED_FIELDS,
    STEP_COLUMNS,
    Draft,
    draft_table,
    draft_to_dict,
    evidence_table,
    extract_case,
    read_articles,
)
from asnresearch.extract.group import group_drafts, match_coded_cases, merge_drafts
from asnresearch.extract.places import (
    BARE_POINTS,
    DATELINE_POINTS,
    KECAMATAN_POINTS,
    MAX_NAME_WORDS,
    PREFIX_POINTS,
    extract_place,
)
from asnresearch.extract.reactions import Reaction
from asnresearch.extract.responses import Response
from asnresearch.extract.text import HEADLINE_WEIGHT, LEAD_WEIGHT

__all__ = [
    "UNKNOWN", "NONE", "NOT_APPLICABLE", "PREFIX_POINTS", "DATELINE_POINTS",
    "KECAMATAN_POINTS", "BARE_POINTS", "HEADLINE_WEIGHT", "LEAD_WEIGHT", "CODED_FIELDS",
    "Field", "Response", "Reaction", "Draft", "MAX_NAME_WORDS", "extract_place",
    "extract_case", "STEP_COLUMNS", "COMPARED", "draft_table", "evidence_table",
    "coded_first_steps", "compare_fields", "summarise_agreement", "read_articles",
    "group_drafts", "merge_drafts", "match_coded_cases",
    "draft_to_dict", "read_coded",
]
