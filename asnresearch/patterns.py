"""Patterns: what is reported, when, where, in which agencies, and how it surfaces.

Tidy functions: each takes the cases table and returns a tidy DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnresearch.codebook import load_codebook

if TYPE_CHECKING:
    import pandas as pd


def count_cases(cases: pd.DataFrame, *, by: str, lang: str | None = None) -> pd.DataFrame:
    """Number and share of cases for each value of ``by``, in codebook order.

    Parameters
    ----------
    cases : pandas.DataFrame
        The cases table.
    by : str
        A column of ``cases``; ``incident_year`` is derived from ``incident_date``.
    lang : {'id', 'en'}, optional
        Add a ``label`` column with the code's label in that language.

    Returns
    -------
    pandas.DataFrame
        Columns ``by``, ``n`` and ``share`` (n / all cases); zero-count codes are kept.

    Examples
    --------
    >>> import pandas as pd
    >>> cases = pd.DataFrame({"asn_status": pd.Categorical(["pns", "pns", "unknown"],
    ...                       categories=["pns", "pppk", "unknown"], ordered=True)})
    >>> count_cases(cases, by="asn_status")
      asn_status  n     share
    0        pns  2  0.666667
    1       pppk  0  0.000000
    2    unknown  1  0.333333
    """
    import pandas as pd

    if by == "incident_year":
        values = cases["incident_date"].dt.year.astype("Int64").astype("string").fillna("unknown")
    else:
        values = cases[by]
    counts = values.value_counts(sort=False, dropna=False)
    if isinstance(values.dtype, pd.CategoricalDtype):
        counts = counts.reindex(values.cat.categories, fill_value=0)
    else:
        counts = counts.sort_index()
    out = pd.DataFrame({by: counts.index.astype(str), "n": counts.to_numpy(dtype="int64")})
    out["share"] = out["n"] / len(cases) if len(cases) else 0.0
    if lang is not None and isinstance(values.dtype, pd.CategoricalDtype):
        code_list = _code_list_of(by)
        out["label"] = out[by].map(load_codebook().labels(code_list, lang))
    return out


def _code_list_of(column: str) -> str:
    for table in load_codebook().table_names:
        for var in load_codebook().variables(table):
            if var.name == column and var.code_list:
                return var.code_list
    raise KeyError(f"{column!r} is not a coded variable")
