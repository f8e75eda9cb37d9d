"""Inter-coder reliability: percent agreement and Cohen's kappa per variable.

Formulas (Cohen 1960), for one variable coded by two coders on the same n items:

    p_o   = (number of items both coders gave the same code) / n
    p_e   = sum over codes k of (share of items coder 1 gave k) * (share coder 2 gave k)
    kappa = (p_o - p_e) / (1 - p_e)

kappa is undefined (NaN) when p_e = 1, i.e. both coders used one and the same code throughout.

Examples
--------
The classic two-by-two example: 50 items, both say yes 20 times, both no 15 times, and they
disagree 15 times (5 + 10), so p_o = 0.7, p_e = 0.5 and kappa = 0.4.

>>> first = ["yes"] * 25 + ["no"] * 25
>>> second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
>>> round(cohens_kappa(first, second), 3)
0.4
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["cohens_kappa", "measure_agreement"]


def cohens_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Cohen's kappa of two codings of the same items (see the module formulas).

    Raises
    ------
    ValueError
        If the codings differ in length or are empty.
    """
    if len(first) != len(second) or not first:
        raise ValueError(f"need two equally long, non-empty codings; got {len(first)} and "
                         f"{len(second)} items")
    n = len(first)
    p_o = sum(a == b for a, b in zip(first, second)) / n
    c1, c2 = Counter(first), Counter(second)
    p_e = sum(c1[k] / n * c2[k] / n for k in c1.keys() | c2.keys())
    if p_e == 1:
        return float("nan")
    return (p_o - p_e) / (1 - p_e)


def measure_agreement(
    first: pd.DataFrame, second: pd.DataFrame, *, key: str, variables: Sequence[str]
) -> pd.DataFrame:
    """Per-variable agreement between two codings of the same items.

    Parameters
    ----------
    first, second : pandas.DataFrame
        One row per item, joined on ``key``; items missing from either side are left out and
        the number compared is reported as ``n``.
    key : str
        Column identifying items.
    variables : sequence of str
        Columns to compare (compared as text).

    Returns
    -------
    pandas.DataFrame
        ``variable``, ``n``, ``agreement`` (p_o), ``kappa``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": [1, 2, 3, 4], "v": ["x", "x", "y", "y"]})
    >>> b = pd.DataFrame({"id": [1, 2, 3, 4], "v": ["x", "y", "y", "y"]})
    >>> measure_agreement(a, b, key="id", variables=["v"])
      variable  n  agreement  kappa
    0        v  4       0.75    0.5
    """
    import pandas as pd

    merged = first[[key, *variables]].merge(
        second[[key, *variables]], on=key, suffixes=("_1", "_2"), validate="one_to_one"
    )
    rows = []
    for var in variables:
        a = merged[f"{var}_1"].astype(str).tolist()
        b = merged[f"{var}_2"].astype(str).tolist()
        agreement = sum(x == y for x, y in zip(a, b)) / len(a) if a else float("nan")
        kappa = cohens_kappa(a, b) if a else float("nan")
        rows.append((var, len(a), agreement, kappa))
    return pd.DataFrame(rows, columns=["variable", "n", "agreement", "kappa"])
