"""Inter-coder reliability: Krippendorff's alpha per variable, with a bootstrap interval.

Alpha compares the disagreement the coders show with the disagreement expected by chance
from all values they assigned (Krippendorff 2011):

    alpha = 1 - D_o / D_e

where D_o sums the difference between the values paired within each unit and D_e sums it
between all pairs of values regardless of unit. The difference function is the *level of
measurement*: ``nominal`` (0 if equal, else 1) for codes; ``ordinal``; ``interval``
((c - k)^2) for quantities whose differences mean the same everywhere, such as days;
``ratio`` (((c - k) / (c + k))^2) for counts from a true zero, where 1 against 2 is a larger
disagreement than 10 against 11. The computation is the ``krippendorff`` package's.

Missing values (``None``, NaN, ``pd.NA`` and the codebook's ``unknown``) are not codes: a
unit counts only when at least two coders gave it a value (it is *pairable*), so "known versus
unknown" shows in the number of pairable units, not in alpha. Alpha is 1 for perfect
agreement, 0 for agreement at chance level, and is undefined (NaN) when the pairable values
hold a single value, as there is then nothing to tell apart.

Assumptions: the coders worked independently, the units are a random sample of the units
the data hold (so that resampling them mimics drawing another sample), and each unit's
values are exchangeable between coders.

Examples
--------
Krippendorff's (2011, section C) reliability data, 4 coders by 12 units with missing values;
the paper gives nominal alpha = 0.743:

>>> a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
>>> b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
>>> c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
>>> d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
>>> round(compute_alpha([a, b, c, d], level="nominal"), 3)
0.743

References
----------
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43

Hayes, A. F. and Krippendorff, K. (2007). Answering the call for a standard reliability
measure for coding data. Communication Methods and Measures 1(1), 77-89.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from asnresearch.codebook import load_codebook

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["LEVELS", "bootstrap_alpha", "compute_alpha", "measure_agreement"]

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _matrix(codings: Sequence[Sequence[Any]], level: str) -> np.ndarray:
    """Coders x units float matrix with NaN for missing; nominal values numbered in order of
    first appearance (their numbers carry no order, which nominal alpha ignores)."""
    import numpy as np
    import pandas as pd

    if level not in LEVELS:
        raise ValueError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    unknown = load_codebook().unknown
    lengths = {len(c) for c in codings}
    if len(codings) < 2 or len(lengths) != 1:
        raise ValueError(f"need two or more equally long codings; got lengths "
                         f"{[len(c) for c in codings]}")
    flat = pd.Series([v for c in codings for v in c], dtype=object)
    flat = flat.where(flat.notna() & (flat.astype(str) != unknown))
    if level == "nominal":
        # 2 and 2.0 are one code (a count column turns float when it holds NaN)
        text = flat.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer()
                        else str(v), na_action="ignore")
        numbers = pd.Series(pd.factorize(text)[0], dtype=float)
        numbers[numbers < 0] = np.nan
    else:
        numbers = pd.to_numeric(flat, errors="coerce")
        bad = flat.notna() & numbers.isna()
        if bad.any():
            raise ValueError(f"{level} alpha needs numbers; got {flat[bad].iloc[0]!r}")
    return numbers.to_numpy(dtype=float).reshape(len(codings), -1)


def _alpha(matrix: np.ndarray, level: str) -> float:
    """Alpha of a coders x units matrix, NaN where it is undefined (one value only)."""
    import krippendorff
    import numpy as np

    values = matrix[:, (~np.isnan(matrix)).sum(axis=0) >= 2]
    if np.unique(values[~np.isnan(values)]).size < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=values, level_of_measurement=level))


def compute_alpha(codings: Sequence[Sequence[Any]], *, level: str) -> float:
    """Krippendorff's alpha of two or more codings of the same units.

    Parameters
    ----------
    codings : sequence of sequences
        One sequence per coder, the units in the same order; missing values are ``None``,
        NaN, ``pd.NA`` or ``unknown``.
    level : {'nominal', 'ordinal', 'interval', 'ratio'}
        Level of measurement (the difference function, see the module docstring).

    Returns
    -------
    float
        Alpha; NaN when the pairable values hold one value only.

    Raises
    ------
    ValueError
        On an unknown level, codings of unequal length, fewer than two coders, or a value
        that is not a number at a numeric level.

    Examples
    --------
    >>> compute_alpha([["x", "x", "y", "y"], ["x", "y", "y", "y"]], level="nominal")
    0.5333333333333333
    >>> compute_alpha([[0, 1, 5], [0, 2, "unknown"]], level="interval")
    0.7272727272727273
    """
    return _alpha(_matrix(codings, level), level)


def bootstrap_alpha(
    codings: Sequence[Sequence[Any]], *, level: str, draws: int = 2000, seed: int = 20261204,
    confidence: float = 0.95,
) -> tuple[float, float, int]:
    """Percentile bootstrap interval of alpha, resampling units (cases) with replacement.

    Each draw takes as many units as there are, with replacement, keeping each unit's values
    from all coders together, and computes alpha; the interval is the ``(1 - confidence) / 2``
    and ``(1 + confidence) / 2`` quantiles of the defined draws. Draws where alpha is
    undefined (the resampled pairable values hold one value only) are left out and counted.

    Returns
    -------
    lower, upper : float
        The interval (NaN when no draw is defined).
    undefined : int
        Draws left out because alpha was undefined in them.

    Examples
    --------
    Perfect agreement gives the degenerate interval [1, 1]:

    >>> bootstrap_alpha([["x", "y", "y"], ["x", "y", "y"]], level="nominal", draws=200)
    (1.0, 1.0, 64)
    """
    import numpy as np

    matrix = _matrix(codings, level)
    rng = np.random.default_rng(seed)
    n_units = matrix.shape[1]
    alphas = np.array([_alpha(matrix[:, rng.integers(0, n_units, n_units)], level)
                       for _ in range(draws)])
    defined = alphas[~np.isnan(alphas)]
    if not defined.size:
        return float("nan"), float("nan"), draws
    tail = (1 - confidence) / 2
    lower, upper = np.quantile(defined, [tail, 1 - tail])
    return float(lower), float(upper), int(draws - defined.size)


def measure_agreement(
    first: pd.DataFrame, second: pd.DataFrame, *, key: str, levels: Mapping[str, str],
    draws: int = 2000, seed: int = 20261204,
) -> pd.DataFrame:
    """Per-variable agreement between two codings of the same units.

    Parameters
    ----------
    first, second : pandas.DataFrame
        One row per unit, joined on ``key`` (one to one); units missing from either side are
        left out.
    key : str
        Column identifying units.
    levels : mapping
        Variable -> level of measurement, in the order of the output.
    draws, seed : int
        Bootstrap draws and seed of :func:`bootstrap_alpha`.

    Returns
    -------
    pandas.DataFrame
        ``variable``, ``level``; ``n`` (pairable units: both coders gave a value);
        ``agreement`` (share of the pairable units given the same value); ``alpha``,
        ``alpha_lower``, ``alpha_upper`` (:func:`compute_alpha`, 95% percentile bootstrap
        interval); ``one_unknown`` (units where exactly one coder gave a value);
        ``undefined_draws`` (bootstrap draws without a defined alpha).

    Examples
    --------
    A missing value (``<NA>``) and ``unknown`` are both missing, never a disagreement:

    >>> import pandas as pd
    >>> a = pd.DataFrame({"id": [1, 2, 3, 4, 5],
    ...                   "k": pd.array([1, 1, 2, 2, None], dtype="Int64")})
    >>> b = pd.DataFrame({"id": [1, 2, 3, 4, 5], "k": ["1", "2", "2", "unknown", "unknown"]})
    >>> measure_agreement(a, b, key="id", levels={"k": "nominal"}, draws=100).iloc[0, :5]
    variable            k
    level         nominal
    n                   3
    agreement    0.666667
    alpha        0.444444
    Name: 0, dtype: object
    """
    import numpy as np
    import pandas as pd

    variables = list(levels)
    merged = first[[key, *variables]].merge(
        second[[key, *variables]], on=key, suffixes=("_1", "_2"), validate="one_to_one")
    rows = []
    for var, level in levels.items():
        codings = [merged[f"{var}_1"].tolist(), merged[f"{var}_2"].tolist()]
        matrix = _matrix(codings, level)
        known = ~np.isnan(matrix)
        pairable = known.all(axis=0)
        same = matrix[0, pairable] == matrix[1, pairable]
        lower, upper, undefined = bootstrap_alpha(codings, level=level, draws=draws, seed=seed)
        rows.append({
            "variable": var, "level": level, "n": int(pairable.sum()),
            "agreement": same.mean() if pairable.any() else float("nan"),
            "alpha": _alpha(matrix, level), "alpha_lower": lower, "alpha_upper": upper,
            "one_unknown": int((known.sum(axis=0) == 1).sum()), "undefined_draws": undefined,
        })
    return pd.DataFrame(rows)
