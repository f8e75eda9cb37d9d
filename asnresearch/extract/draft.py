"""The draft record: :func:`extract_case` runs every step on one article, and the draft goes
out as a row of the cases schema, tidy evidence or plain data for JSON.

Examples
--------
>>> draft = extract_case("Bupati Sleman memanggil dua ASN yang bolos.")
>>> draft["first_action"].value, len(draft.responses), "regency_code" in draft
('summons', 1, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from asnresearch.extract.circumstances import extract_circumstances, extract_count
from asnresearch.extract.cues import UNKNOWN, Field, load_cues
from asnresearch.extract.dates import extract_dates
from asnresearch.extract.places import find_place
from asnresearch.extract.reactions import Reaction, extract_reactions
from asnresearch.extract.responses import (
    Response,
    extract_citations,
    extract_responses,
    extract_sanction,
    first_response,
)
from asnresearch.extract.text import clean_text, layout_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CODED_FIELDS", "STEP_COLUMNS", "Draft", "extract_case", "draft_table",
           "evidence_table", "draft_to_dict", "read_articles"]

# Fields of the draft whose values are codebook codes, and their code lists.
CODED_FIELDS = {
    "incident_date_precision": "date_precision", "government_level": "government_level",
    "agency_type": "agency_type", "n_asn_precision": "count_precision",
    "asn_status": "asn_status", "misconduct_type": "misconduct_type",
    "pp94_provision": "pp94_provision", "during_working_hours": "tristate",
    "in_uniform": "tristate", "surfaced_via": "surfaced_via", "platform": "platform",
    "first_responder": "actor_role", "first_action": "action", "sanction_type": "sanction_type",
}
# Draft columns beyond the cases table: they belong to the events table and the sources.
STEP_COLUMNS = ("published_date", "first_responder", "first_action", "sanction_type")


@dataclass(frozen=True)
class Draft(Mapping):
    """The draft record, read-only: field name -> :class:`Field` (``draft["regency_code"]``),
    plus ``responses`` (:class:`Response`), ``reactions`` (:class:`Reaction`) and
    ``citations`` (:class:`Field`)."""

    fields: Mapping[str, Field]
    responses: tuple[Response, ...] = ()
    reactions: tuple[Reaction, ...] = ()
    citations: tuple[Field, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    def __getitem__(self, name: str) -> Field:
        return self.fields[name]

    def __iter__(self):
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)


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
        ``incident_date_precision``, ``regency_code``, ``province_code``,
        ``n_asn_involved``, ``n_asn_precision``, ``misconduct_type``, ``surfaced_via``,
        ``asn_status``, ``agency_type``, ``in_uniform``, ``pp94_provision``, ``platform``,
        ``incident_time``, ``during_working_hours``, ``government_level``,
        ``first_responder``, ``first_action`` and ``sanction_type`` (``none``: the article
        reports none); plus ``responses``, ``reactions`` and ``citations``.
        A value that was not found is ``unknown`` with confidence 0 and no span.

    Examples
    --------
    >>> draft = extract_case("Seorang PNS Kota Medan dijatuhi teguran tertulis, Senin (3/2/2025).")
    >>> draft["sanction_type"].value, draft["incident_date"].value
    ('teguran_tertulis', '2025-02-03')
    """
    text = clean_text(text)
    layout = layout_text(text)
    found = load_cues().index.scan(text)
    fields, dates = extract_dates(text, layout, published, found)
    fields.update(find_place(text))
    fields.update(extract_count(text, found=found))
    fields.update(extract_circumstances(
        text, layout, found, incident=fields["incident_date"],
        incident_precision=fields["incident_date_precision"], regency=fields["regency_code"]))
    steps = extract_responses(text, layout, dates, found)
    fields["first_responder"], fields["first_action"] = first_response(steps)
    fields["sanction_type"] = extract_sanction(text, layout, found["sanction_type"],
                                               found["speaker_kind"])
    caps = load_cues().confidence_cap  # confidence as it fares on real news
    fields = {name: Field(f.value, min(f.confidence, caps.get(name, 1.0)), f.span)
              for name, f in fields.items()}
    return Draft(fields, responses=tuple(response for _, response in steps),
                 reactions=tuple(extract_reactions(text, layout, found)),
                 citations=tuple(extract_citations(text, found["named_laws"])))


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


def _all_fields(draft: Draft):
    """Every field of a draft with its name, the lists' parts numbered."""
    yield from draft.items()
    for i, r in enumerate(draft.responses, 1):
        yield from ((f"response_{i}_{part}", getattr(r, part))
                    for part in ("actor", "action", "date"))
    for i, r in enumerate(draft.reactions, 1):
        yield from ((f"reaction_{i}_{part}", getattr(r, part))
                    for part in ("speaker_kind", "stance"))
    yield from ((f"citation_{i}", c) for i, c in enumerate(draft.citations, 1))


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
        for name, f in _all_fields(draft):
            start, end = f.span if f.span else (None, None)
            evidence = text[start:end] if text is not None and f.span else None
            rows.append({"article_id": article_id, "field": name, "value": f.value,
                         "confidence": f.confidence, "start": start, "end": end,
                         "evidence": scrub_text(" ".join(evidence.split())) if evidence
                         else None})
    out = pd.DataFrame(rows, columns=["article_id", "field", "value", "confidence", "start",
                                      "end", "evidence"])
    return out.astype({"start": "Int64", "end": "Int64"})


def draft_to_dict(draft: Draft, text: str | None = None) -> dict:
    """A draft as plain data (for JSON): each field as ``{"value", "confidence", "span",
    "evidence"}`` (evidence with personal data scrubbed); ``responses``, ``reactions`` and
    ``citations`` as lists.

    Examples
    --------
    >>> text = "Bupati Sleman memanggil dua ASN yang bolos."
    >>> draft_to_dict(extract_case(text), text)["first_action"]
    {'value': 'summons', 'confidence': 0.5, 'span': [14, 23], 'evidence': 'memanggil'}
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


def read_articles(path) -> dict[str, str]:
    """Article texts from a ``.txt`` file or every ``*.txt`` of a folder: id (file name
    without extension) -> text.

    Raises
    ------
    ValueError
        When the path holds no ``.txt`` file, or a file is not UTF-8, holds no text or holds
        NUL bytes (a binary file named ``.txt``); the error names the file.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Jakarta - Seorang PNS ditangkap.", encoding="utf-8")
    >>> list(read_articles(folder))
    ['a']
    >>> _ = (folder / "b.txt").write_text(" \\n", encoding="utf-8")
    >>> read_articles(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: .../b.txt: no text in this article; allowed: a news article as UTF-8 text
    """
    from pathlib import Path

    path = Path(path)
    if path.is_file() and path.suffix.lower() != ".txt":
        raise ValueError(f"{path}: not a .txt file; allowed: an article as plain UTF-8 text "
                         "(.txt), or a folder of them")
    files = ([path] if path.is_file() else
             sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
             if path.is_dir() else [])
    if not files:
        raise ValueError(f"{path}: no article here (a .txt file, or a folder of .txt files)")
    out = {}
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{file}: not UTF-8 text (byte {exc.start}); save the article "
                             "as UTF-8") from None
        if "\x00" in text:
            raise ValueError(f"{file}: a NUL byte at character {text.index(chr(0)) + 1}, so not "
                             "a text file; allowed: a news article as UTF-8 text")
        if not text.strip():
            raise ValueError(f"{file}: no text in this article; allowed: a news article as "
                             "UTF-8 text")
        out[file.stem] = text
    return out
