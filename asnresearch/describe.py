"""What the dataset holds: counts, completeness of each variable, and outcome coverage.

Every function takes the tables from :func:`asnresearch.io.load_dataset` and returns a tidy
DataFrame or a plain dict; none mutates its input.

Examples
--------
>>> from asnresearch.io import load_dataset
>>> ds = load_dataset()
>>> figures = summarise_dataset(ds)
>>> figures["cases"] == len(ds["cases"])
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from asnresearch.codebook import load_codebook

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["measure_completeness", "measure_outcome_coverage", "summarise_dataset"]

def measure_completeness(table: pd.DataFrame, *, name: str) -> pd.DataFrame:
    """Share of rows in which each variable is known (not ``unknown`` and not missing).

    Identifier and free-text columns are left out: they are always filled.

    Returns
    -------
    pandas.DataFrame
        ``variable``, ``known``, ``unknown``, ``share_known``; one row per variable in codebook
        order.
    """
    import pandas as pd

    cb = load_codebook()
    rows = []
    for var in cb.variables(name):
        if var.type in ("id", "text", "url") or var.name.endswith("_precision"):
            continue
        col = table[var.name]
        unknown = col.isna() | (col.astype("string") == cb.unknown)
        rows.append((var.name, int((~unknown).sum()), int(unknown.sum())))
    out = pd.DataFrame(rows, columns=["variable", "known", "unknown"])
    out["share_known"] = out["known"] / len(table) if len(table) else 0.0
    return out


def measure_outcome_coverage(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """How far each case's reported story goes: no official step, a step, or a sanction.

    Returns
    -------
    pandas.DataFrame
        ``stage`` (``no_official_step``, ``official_step_no_sanction``, ``sanction_reported``),
        ``n`` and ``share`` of cases.
    """
    import pandas as pd

    from asnresearch.derive import derive_cases

    cases, events = ds["cases"], ds["events"]
    with_step = cases["case_id"].isin(events["case_id"]).to_numpy()
    *_, sanction = load_codebook().stages()  # the last stage: a sanction
    sanctioned = derive_cases(ds)[f"reached_{sanction}"].to_numpy()
    stage = [
        "sanction_reported" if s else "official_step_no_sanction" if w else "no_official_step"
        for s, w in zip(sanctioned, with_step)
    ]
    order = ["no_official_step", "official_step_no_sanction", "sanction_reported"]
    counts = pd.Series(stage).value_counts().reindex(order, fill_value=0)
    return pd.DataFrame(
        {"stage": order, "n": counts.to_numpy(), "share": counts.to_numpy() / len(cases)}
    )


def summarise_dataset(ds: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """Headline figures of the dataset as plain Python numbers.

    Returns
    -------
    dict
        ``cases``, ``sources``, ``events``, ``reactions``, ``provinces``, ``regencies``,
        ``first_year``, ``last_year``, ``outlets``, ``cases_with_sanction``.
    """
    from asnresearch.derive import derive_cases

    cases, sources, events = ds["cases"], ds["sources"], ds["events"]
    *_, sanction = load_codebook().stages()  # the last stage: a sanction
    years = cases["incident_date"].dt.year.dropna()
    known = cases.loc[cases["province_code"] != "unknown", "province_code"]
    regencies = cases.loc[cases["regency_code"] != "unknown", "regency_code"]
    return {
        "cases": len(cases),
        "sources": len(sources),
        "events": len(events),
        "reactions": len(ds["reactions"]),
        "provinces": int(known.nunique()),
        "regencies": int(regencies.nunique()),
        "first_year": int(years.min()),
        "last_year": int(years.max()),
        "outlets": int(sources["outlet"].nunique()),
        "cases_with_sanction": int(derive_cases(ds)[f"reached_{sanction}"].sum()),
    }
