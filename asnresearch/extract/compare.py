"""Drafts against coded cases: the coded fields a draft has, and their agreement field by field.

Examples
--------
>>> import pandas as pd
>>> from asnresearch.extract import draft_table, extract_case
>>> drafts = draft_table({"a1": extract_case("Seorang PNS Kota Medan bolos.")})
>>> coded = pd.DataFrame({"article_id": ["a1"], "misconduct_type": ["absence_truancy"]})
>>> summarise_agreement(compare_fields(drafts, coded))
             field  n  agree  share
0  misconduct_type  1      1    1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from asnresearch.extract.cues import NONE, UNKNOWN

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COMPARED", "coded_first_steps", "compare_fields", "summarise_agreement",
           "read_coded"]

COMPARED = ("published_date", "incident_date", "incident_date_precision", "province_code",
            "regency_code", "government_level", "agency_type", "misconduct_type",
            "during_working_hours", "in_uniform", "n_asn_involved", "n_asn_precision",
            "asn_status", "surfaced_via", "platform", "first_responder", "first_action",
            "sanction_type")


def coded_first_steps(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The coded cases of a dataset with the fields a draft has beyond ``cases``: the first
    response (:func:`asnresearch.derive.find_first_steps`, the coding guide's rule A13), the
    most severe imposed sanction, the earliest source's publication date. Keyed by
    ``case_id``; values as strings.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> coded = coded_first_steps(load_dataset())
    >>> {"first_responder", "sanction_type"} <= set(coded.columns)
    True
    """
    from asnresearch.derive import find_first_steps

    cases = ds["cases"].copy()
    for name, precision in (("incident_date", "incident_date_precision"),
                            ("surfaced_date", "surfaced_date_precision")):
        cases[name] = _cut_dates(cases[name], cases[precision])
    cases = cases.astype(object).where(cases.notna(), UNKNOWN).astype(str).set_index("case_id")
    first = find_first_steps(ds)[["actor_role", "action"]].astype(str)
    cases["first_responder"] = first["actor_role"].reindex(cases.index).fillna(NONE)
    cases["first_action"] = first["action"].reindex(cases.index).fillna(NONE)
    cases["sanction_type"] = _most_severe_sanctions(ds["events"]).reindex(cases.index) \
        .fillna(NONE)
    sources = ds["sources"]
    dated = sources[sources["published_date_precision"].astype(str) == "day"]
    first_report = dated.groupby("case_id")["published_date"].min().dt.strftime("%Y-%m-%d")
    cases["published_date"] = first_report.reindex(cases.index).fillna(UNKNOWN)
    return cases.reset_index()


def _most_severe_sanctions(events: pd.DataFrame) -> pd.Series:
    """case_id -> the sanction of its most severe sanction event (the last stage's actions),
    on the codebook's severity scale; an unranked form only when no ranked one was imposed.
    (The same reading as :func:`asnresearch.enforcement.rank_imposed_sanctions`, kept here
    so the extractor does not depend on the enforcement question.)"""
    from asnresearch.codebook import load_codebook

    cb = load_codebook()
    *_, sanction_actions = cb.stages().values()  # the last stage: a sanction
    imposed = events[events["action"].isin(sanction_actions)].copy()
    imposed["severity"] = imposed["sanction_type"].astype(str).map(cb.severity)
    imposed = imposed.sort_values("severity", ascending=False, na_position="last")
    top = imposed.drop_duplicates("case_id")
    return top.set_index("case_id")["sanction_type"].astype(str)


def _cut_dates(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """Loaded dates back to the codebook's text form: cut to their precision, or unknown."""
    import pandas as pd

    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    out = pd.Series(UNKNOWN, index=dates.index, dtype=object)
    for level, fmt in formats.items():
        hit = (precision.astype(str) == level) & dates.notna()
        out[hit] = dates[hit].dt.strftime(fmt)
    return out


def compare_fields(drafts: pd.DataFrame, coded: pd.DataFrame, *, on: str = "article_id",
                   fields=COMPARED) -> pd.DataFrame:
    """Field agreement between drafts and coded cases, matched on ``on``.

    Coded place names ("Jawa Timur", "Kabupaten Bangkalan") are turned into codes first.

    Returns
    -------
    pandas.DataFrame
        One row per article and field (tidy): ``on``, ``field``, ``draft``, ``coded``,
        ``agree``. Fields missing from ``coded``, or empty there, are left out.
        :func:`summarise_agreement` gives the share per field.

    Examples
    --------
    >>> import pandas as pd
    >>> from asnresearch.extract import draft_table, extract_case
    >>> drafts = draft_table({"a1": extract_case("Pemkot Medan: seorang PNS bolos.")})
    >>> coded = pd.DataFrame({"article_id": ["a1"], "misconduct_type": ["absence_truancy"],
    ...                       "regency_code": ["Kota Medan"], "province_code": ["Sumatera Utara"]})
    >>> compare_fields(drafts, coded)["agree"].tolist()
    [True, True, True]
    """
    import pandas as pd

    coded = _coded_codes(coded.fillna("").astype(str))
    merged = drafts.astype(str).merge(coded, on=on, suffixes=("_draft", "_coded"))
    rows = []
    for name in fields:
        if name not in coded.columns or name == on:
            continue
        for key, draft, truth in zip(merged[on], merged[f"{name}_draft"],
                                     merged[f"{name}_coded"]):
            if truth == "":  # not coded for this article
                continue
            rows.append({on: key, "field": name, "draft": draft, "coded": truth,
                         "agree": draft == truth})
    return pd.DataFrame(rows, columns=[on, "field", "draft", "coded", "agree"])


def summarise_agreement(comparison: pd.DataFrame) -> pd.DataFrame:
    """Share of agreeing drafts per field, in field order: ``field``, ``n``, ``agree``,
    ``share``."""
    out = comparison.groupby("field", sort=False)["agree"].agg(n="size", agree="sum")
    out["share"] = (out["agree"] / out["n"]).round(3)
    return out.reset_index()


def _coded_codes(coded: pd.DataFrame) -> pd.DataFrame:
    """Province and regency names (in ``province``/``regency`` or the ``_code`` columns)
    turned into gazetteer codes; codes stay as they are."""
    from asnresearch.gazetteer import find_region_code

    coded = coded.rename(columns={name: f"{name}_code" for name in ("province", "regency")
                                  if name in coded and f"{name}_code" not in coded})
    if "province_code" in coded:
        coded["province_code"] = [p if p in (UNKNOWN, "") or p[:1].isdigit()
                                  else find_region_code(p, level="province")
                                  for p in coded["province_code"]]
    if "regency_code" in coded:
        provinces = coded["province_code"] if "province_code" in coded else [None] * len(coded)
        coded["regency_code"] = [
            r if r in (UNKNOWN, "") or r[:1].isdigit()
            else find_region_code(r, province_code=p if p not in (UNKNOWN, "") else None,
                                  level="regency")
            for r, p in zip(coded["regency_code"], provinces)]
    return coded


def read_coded(path) -> pd.DataFrame:
    """Coded cases to compare drafts with, from a CSV keyed by ``article_id`` (the article's
    file name without extension) with columns named as the draft's fields.

    Raises
    ------
    ValueError
        Naming the file when it has no ``article_id`` column, a duplicate id, or no field a
        draft has.
    """
    import pandas as pd

    from asnresearch.io import name_other_delimiter

    coded = pd.read_csv(path, dtype=str, keep_default_na=False)
    called = name_other_delimiter(coded.columns, ["article_id"])
    if "article_id" not in coded.columns and called:
        raise ValueError(f"{path}, row 1: the columns are separated by {called}; allowed: "
                         "comma-separated columns (save it as CSV UTF-8, comma delimited)")
    if "article_id" not in coded.columns:
        raise ValueError(f"{path}: no column 'article_id' (the article's file name without "
                         f".txt); columns are {list(coded.columns)}")
    dupes = coded["article_id"][coded["article_id"].duplicated()]
    if len(dupes):
        row = int(dupes.index[0]) + 2
        raise ValueError(f"{path}, row {row}, column article_id: duplicate id "
                         f"{dupes.iloc[0]!r}; each article is coded once")
    if not set(COMPARED) & set(coded.columns):
        raise ValueError(f"{path}: no column to compare; expected some of {list(COMPARED)}")
    return coded
