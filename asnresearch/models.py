"""Statistical models of enforcement, fitted with statsmodels from named formulas.

Every fit drops rows with missing values explicitly and reports how many it used (``n``) and
how many it left out (``n_dropped``), so a reader always knows the sample behind a figure.

Every ``fit_*`` returns a :class:`Fit` whose ``table`` has one shape: one row per term, with
the columns of ``TABLE_COLUMNS`` (``term``, ``estimate``, ``std_error``, ``ci_lower`` and
``ci_upper`` of the 95% Wald interval, ``p_value``, ``n``) and then the extras of its model
(``irr``, ``odds_ratio``, ``hazard_ratio``). Estimates are on the model's linear scale (log
rate, log odds, log hazard); a grouping's term reads ``channel: viral``, against the group's
baseline in the codebook.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"days": [2, 3, 3, 5, 8], "observed": [True, True, False, True, False]})
>>> km = estimate_survival(t, duration="days", event="observed")
>>> km[["time", "n_at_risk", "n_events", "survival"]]
   time  n_at_risk  n_events  survival
0     2          5         1       0.8
1     3          4         1       0.6
2     5          2         1       0.3
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asnresearch.codebook import load_codebook

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COX_FORMULAS", "SEVERITY_FORMULA", "COUNT_FORMULA", "SANCTION_LOGIT_FORMULA", "GROUPINGS",
    "TABLE_COLUMNS", "Fit", "estimate_survival", "build_case_features", "fit_stage_hazard",
    "fit_ordered_severity", "fit_case_counts", "fit_sanction_reported", "median_time",
]


def _treatment(grouping: str) -> str:
    """A grouping as a formula term, against its baseline group in the codebook."""
    return f"C({grouping}, Treatment('{load_codebook().reference_group(grouping)}'))"


# Cox proportional hazards of the time from surfacing to a stage, by surfacing channel
# (baseline: the codebook's reference group of `channel`, cases found by inspection).
COX_FORMULAS = {stage: f"{stage}_days ~ {_treatment('channel')}"
                for stage in load_codebook().stages()}
_CASE_FEATURES = (f"{_treatment('misconduct_group')} + {_treatment('channel')}"
                  " + national_coverage + C(level_group)")
# Ordered logit of the most severe reported sanction (0 = none reported) on case features.
SEVERITY_FORMULA = f"severity ~ {_CASE_FEATURES}"

# Reported cases per province-year, with the province's headcount as exposure: the log rate
# per civil servant changes linearly with the year (centred on 2020).
COUNT_FORMULA = "n ~ I(year - 2020)"
# Logit of whether any sanction was reported, on the same case features.
SANCTION_LOGIT_FORMULA = f"sanction_reported ~ {_CASE_FEATURES}"

# Grouped codes the models use; what each groups, and how, is in the codebook's groupings.
GROUPINGS = ("channel", "misconduct_group", "level_group")

# The columns every fit's table starts with, in this order; model-specific extras follow.
TABLE_COLUMNS = ("term", "estimate", "std_error", "ci_lower", "ci_upper", "p_value", "n")


@dataclass(frozen=True)
class Fit:
    """A fitted model with the sample it used.

    ``table`` is the tidy table of its terms (columns ``TABLE_COLUMNS``, then the model's
    extras), ``result`` the statsmodels result behind it, ``n`` and ``n_dropped`` the rows
    used and left out.
    """

    formula: str
    n: int
    n_dropped: int
    result: Any
    table: Any

    def __repr__(self) -> str:
        return f"Fit({self.formula!r}, n={self.n}, n_dropped={self.n_dropped})"


def _tidy_term(term: str) -> str:
    """Readable term names: ``C(channel, Treatment('inspection'))[T.viral]`` -> ``channel: viral``.

    Examples
    --------
    >>> _tidy_term("C(channel, Treatment('x'))[T.viral]")
    'channel: viral'
    """
    return re.sub(r"C\((\w+).*?\)\[T\.([^\]]+)\]", r"\1: \2", term)


def _tidy_table(result: Any, n: int) -> pd.DataFrame:
    """The one table shape of every fit (``TABLE_COLUMNS``) from a statsmodels result."""
    import numpy as np
    import pandas as pd

    names = getattr(result.params, "index", None)
    names = list(result.model.exog_names if names is None else names)
    ci = np.asarray(result.conf_int())
    return pd.DataFrame({
        "term": [_tidy_term(str(t)) for t in names],
        "estimate": np.asarray(result.params, dtype=float),
        "std_error": np.asarray(result.bse, dtype=float),
        "ci_lower": ci[:, 0], "ci_upper": ci[:, 1],
        "p_value": np.asarray(result.pvalues, dtype=float),
        "n": n,
    })


def _complete(data: pd.DataFrame, columns: Sequence[str]) -> tuple[pd.DataFrame, int]:
    used = data.dropna(subset=list(columns))
    return used, len(data) - len(used)


def estimate_survival(
    data: pd.DataFrame, *, duration: str, event: str, by: str | None = None
) -> pd.DataFrame:
    """Kaplan-Meier survival table, overall or per group.

    S(t) = product over event times t_i <= t of (1 - d_i / n_i), where d_i events happen at
    t_i and n_i cases are still at risk (duration >= t_i). Censored cases count as at risk up
    to their duration. 95% confidence limits are statsmodels' (log-log transform).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case, e.g. from :func:`asnresearch.enforcement.build_timelines`.
    duration, event : str
        Columns with the time (days, >= 0) and whether the event was observed.
    by : str, optional
        Group column; one curve per group.

    Returns
    -------
    pandas.DataFrame
        ``group`` (if ``by``), ``time``, ``n_at_risk``, ``n_events``, ``survival``,
        ``ci_lower``, ``ci_upper``; rows with missing or negative durations are left out
        and counted in ``.attrs["n_dropped"]``.
    """
    import pandas as pd
    from statsmodels.duration.survfunc import SurvfuncRight

    cols = [duration, event] + ([by] if by else [])
    used, dropped = _complete(data, cols)
    negative = used[duration] < 0
    used, dropped = used[~negative], dropped + int(negative.sum())
    groups = used.groupby(by, observed=True) if by else [(None, used)]
    tables = []
    for name, part in groups:
        sf = SurvfuncRight(part[duration].astype(float).to_numpy(),
                           part[event].astype(int).to_numpy())
        lo, hi = _pointwise_ci(sf)
        table = pd.DataFrame({
            "time": sf.surv_times.astype(int),
            "n_at_risk": sf.n_risk.astype(int),
            "n_events": sf.n_events.astype(int),
            "survival": sf.surv_prob,
            "ci_lower": lo,
            "ci_upper": hi,
        })
        if by:
            table.insert(0, "group", name)
        tables.append(table)
    columns = (["group"] if by else []) + ["time", "n_at_risk", "n_events", "survival",
                                           "ci_lower", "ci_upper"]
    # no usable row: an empty table (with its n) rather than an error
    out = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=columns)
    out.attrs["n"] = len(used)
    out.attrs["n_dropped"] = dropped
    return out


def _pointwise_ci(sf: Any) -> tuple[Any, Any]:
    import numpy as np

    # log-log interval from Greenwood's standard error, as in statsmodels' plots
    with np.errstate(divide="ignore", invalid="ignore"):
        se = sf.surv_prob_se / (sf.surv_prob * np.abs(np.log(sf.surv_prob)))
        lo = sf.surv_prob ** np.exp(1.96 * se)
        hi = sf.surv_prob ** np.exp(-1.96 * se)
    return np.nan_to_num(lo, nan=0.0), np.nan_to_num(hi, nan=1.0)


def build_case_features(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per case with the grouped features the enforcement models use.

    ``channel``, ``misconduct_group`` and ``level_group`` (the codebook's groupings; NA where
    a code maps to no group, e.g. an unknown government level), ``national_coverage``
    (1 when any source is a national outlet: the reach proxy, because view counts are
    reported for only a handful of cases), ``province_code`` (the cluster for robust errors),
    ``severity`` (most severe reported sanction on the ordinal scale, 0 = none reported, NA =
    a sanction whose form is not stated) and ``sanction_reported``.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> ds = load_dataset()
    >>> features = build_case_features(ds)
    >>> len(features) == len(ds["cases"])
    True
    """
    from asnresearch.derive import derive_cases
    from asnresearch.enforcement import rank_imposed_sanctions

    derived = derive_cases(ds)
    out = ds["cases"][["case_id", "province_code"]].astype({"province_code": str})
    for name in GROUPINGS:
        out[name] = derived[name].to_numpy()
    out["national_coverage"] = derived["national_coverage"].astype(int).to_numpy()
    ranks = rank_imposed_sanctions(ds).set_index("case_id")
    out["severity"] = out["case_id"].map(ranks["severity"]).astype("Int64")
    out["sanction_reported"] = out["case_id"].map(ranks["sanction_type"]) != "none"
    return out


def fit_stage_hazard(
    timelines: pd.DataFrame,
    features: pd.DataFrame,
    *,
    stage: str | None = None,
    cluster: str | None = None,
) -> Fit:
    """Cox proportional-hazards model of the time to a stage, by surfacing channel.

    Formula: ``COX_FORMULAS[stage]`` (baseline: cases found by inspection); ``stage``
    defaults to the first stage of the codebook, any official response. Censored cases
    enter with ``<stage>_observed`` False; a step dated before surfacing cannot be timed and
    is dropped and counted. With ``cluster`` (e.g. ``"province_code"``) the standard errors
    are robust (sandwich) errors that allow cases in one cluster to be dependent.

    Parameters
    ----------
    timelines : pandas.DataFrame
        From :func:`asnresearch.enforcement.build_timelines`.
    features : pandas.DataFrame
        ``case_id``, ``channel`` and the cluster column, e.g. from
        :func:`build_case_features`.

    Returns
    -------
    Fit
        ``table`` in the shape of every fit (``TABLE_COLUMNS``): estimates are log hazard
        ratios, with the extra column ``hazard_ratio`` = exp(estimate); exp(ci_lower) and
        exp(ci_upper) bound the hazard ratio.

    Examples
    --------
    >>> import pandas as pd
    >>> timelines = pd.DataFrame({"case_id": range(6), "response_days": [1, 2, 3, 4, 5, 6],
    ...                           "response_observed": [True] * 6})
    >>> features = pd.DataFrame({"case_id": range(6),
    ...                          "channel": ["viral", "inspection"] * 3})
    >>> fit = fit_stage_hazard(timelines, features, stage="response")
    >>> list(fit.table.columns)
    ['term', 'estimate', 'std_error', 'ci_lower', 'ci_upper', 'p_value', 'n', 'hazard_ratio']
    >>> fit.table["term"].tolist()
    ['channel: viral']
    """
    import numpy as np
    import statsmodels.formula.api as smf

    stage = next(iter(load_codebook().stages())) if stage is None else stage
    formula = COX_FORMULAS[stage]
    days, observed = f"{stage}_days", f"{stage}_observed"
    keep = ["case_id", "channel"] + ([cluster] if cluster else [])
    data = timelines[["case_id", days, observed]].merge(features[keep], on="case_id",
                                                        validate="1:1")
    used, _ = _complete(data, [days, observed, "channel"])
    used = used[used[days] >= 0]
    dropped = len(data) - len(used)
    used = used.assign(**{days: used[days].astype(float)},
                       status=used[observed].astype(int))
    model = smf.phreg(formula, used, status="status", ties="efron")
    result = model.fit(groups=used[cluster].to_numpy() if cluster else None)
    table = _tidy_table(result, len(used))
    table["hazard_ratio"] = np.exp(table["estimate"])
    return Fit(formula, len(used), dropped, result, table)


def fit_ordered_severity(
    data: pd.DataFrame, *, formula: str = SEVERITY_FORMULA, cluster: str | None = None
) -> Fit:
    """Ordered logit of an integer severity outcome (statsmodels ``OrderedModel``).

    The design matrix is built from ``formula`` with treatment coding and its intercept
    column is dropped, because OrderedModel's thresholds play the intercept's part. Rows with
    missing values in the formula's variables (or the cluster column) are dropped and counted.
    With ``cluster`` the covariance is cluster-robust by that column.

    Returns
    -------
    Fit
        ``table`` in the shape of every fit (``TABLE_COLUMNS``): first the coefficients (log
        odds of a more severe outcome), then one row per cut-point, ``cut 0/1`` and so on:
        P(severity <= j) = logistic(cut_j - x·b). statsmodels estimates the first cut-point
        and the logs of the increments between the next ones; the table gives the cut-points
        themselves (the cumulative sums), with standard errors and Wald intervals by the
        delta method and the p-value of the test that a cut-point is 0.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"y": [0, 0, 1, 0, 1, 2, 1, 2, 2, 1], "x": range(10)})
    >>> fit = fit_ordered_severity(data, formula="y ~ x")
    >>> fit.table["term"].tolist()
    ['x', 'cut 0/1', 'cut 1/2']
    >>> bool(fit.table["estimate"].iloc[1] < fit.table["estimate"].iloc[2])
    True
    """
    import numpy as np
    import pandas as pd
    from patsy import ModelDesc, dmatrices
    from scipy.stats import norm
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    desc = ModelDesc.from_formula(formula)
    code = " ".join(f.name() for t in desc.rhs_termlist + desc.lhs_termlist for f in t.factors)
    columns = [c for c in data.columns if c in set(re.findall(r"[A-Za-z_]\w*", code))]
    used, dropped = _complete(data, columns + ([cluster] if cluster else []))
    y, X = dmatrices(formula, used, return_type="dataframe")
    X = X.drop(columns="Intercept", errors="ignore")
    endog = pd.Series(pd.Categorical(y.iloc[:, 0].astype(int), ordered=True), index=y.index)
    robust = ({"cov_type": "cluster", "cov_kwds": {"groups": used[cluster].to_numpy()}}
              if cluster else {})
    result = OrderedModel(endog, X, distr="logit").fit(method="bfgs", disp=False,
                                                       maxiter=2000, **robust)
    table = _tidy_table(result, len(used))
    # the last k parameters are the first cut-point and the log increments to the next ones:
    # cut_i = p_0 + sum of exp(p_j) for 1 <= j <= i, so d cut_i / d p_j = exp(p_j) (1 for j = 0)
    k = result.model.k_levels - 1
    raw = np.asarray(result.params, dtype=float)[-k:]
    slope = np.concatenate(([1.0], np.exp(raw[1:])))
    jacobian = np.tril(np.ones((k, k))) * slope
    cut = result.model.transform_threshold_params(result.params)[1:-1]
    se = np.sqrt(np.diag(jacobian @ np.asarray(result.cov_params())[-k:, -k:] @ jacobian.T))
    z = norm.ppf(0.975)
    rows = table.index[-k:]
    table.loc[rows, "term"] = [f"cut {t}" for t in table.loc[rows, "term"]]
    table.loc[rows, "estimate"], table.loc[rows, "std_error"] = cut, se
    table.loc[rows, "ci_lower"], table.loc[rows, "ci_upper"] = cut - z * se, cut + z * se
    table.loc[rows, "p_value"] = 2 * norm.sf(np.abs(cut / se))
    return Fit(formula, len(used), dropped, result, table)


def fit_case_counts(
    counts: pd.DataFrame,
    *,
    formula: str = COUNT_FORMULA,
    exposure: str = "headcount",
    family: str = "poisson",
) -> Fit:
    """Count model of reported cases with an exposure: Poisson GLM or negative binomial.

    log E[n] = log(exposure) + X·b, so exp(b) is a rate ratio: the table has the shape of
    every fit (``TABLE_COLUMNS``) with the extra column ``irr`` = exp(estimate). The
    negative binomial (NB2, variance mu + alpha·mu², alpha estimated) allows for
    over-dispersion; its ``alpha`` row says how much (``irr`` is NaN there). Rows with a
    missing value or a non-positive exposure are dropped and counted.

    Whether alpha sits on its boundary at 0 is decided from the Poisson fit, not from where
    an optimiser stops: the score of the NB2 log-likelihood for alpha at 0 is
    U = ½ Σ [(y − mu)² − y] with mu the Poisson fitted means (Cameron & Trivedi 1990). When
    U <= 0 the data show no over-dispersion, the maximum is at alpha = 0, and there the NB2
    likelihood is the Poisson one and the information matrix is block-diagonal, so the fit
    *is* the Poisson fit: its coefficients and standard errors are reported, with
    ``alpha`` = 0 and no interval or p-value for alpha, and a ``RuntimeWarning`` says so.
    (Left to the optimiser, alpha ends somewhere near 1e-8 and its Hessian is singular;
    whether the standard errors come out finite then depends on the CPU's BLAS kernel.)

    Parameters
    ----------
    counts : pandas.DataFrame
        E.g. from :func:`asnresearch.patterns.count_province_years`.
    family : {'poisson', 'negative_binomial'}

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"n": [10, 31, 19, 60], "year": [2020, 2021, 2020, 2021],
    ...                        "headcount": [1000, 1000, 2000, 2000]})
    >>> fit = fit_case_counts(counts)
    >>> trend = fit.table.set_index("term").loc["I(year - 2020)"]
    >>> round(float(trend["irr"]), 2)  # (31 + 60) / (10 + 19)
    3.14
    """
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    if family not in ("poisson", "negative_binomial"):
        raise ValueError(f"family must be 'poisson' or 'negative_binomial', got {family!r}")
    names = set(re.findall(r"[A-Za-z_]\w*", formula))
    used, dropped = _complete(counts, [c for c in counts.columns if c in names] + [exposure])
    positive = used[exposure] > 0
    used, dropped = used[positive], dropped + int((~positive).sum())
    offset = np.log(used[exposure].astype(float))
    result = smf.glm(formula, used, family=sm.families.Poisson(), offset=offset).fit()
    table = _tidy_table(result, len(used))
    if family == "negative_binomial":
        y = result.model.endog
        score = 0.5 * float(np.sum((y - result.mu) ** 2 - y))
        if score > 0:
            result = smf.negativebinomial(formula, used, offset=offset).fit(
                start_params=np.append(result.params.to_numpy(), 0.1), disp=False,
                maxiter=500)
            table = _tidy_table(result, len(used))
        else:
            import warnings

            alpha = {"term": "alpha", "estimate": 0.0, "n": len(used)}
            table = pd.concat([table, pd.DataFrame([alpha])], ignore_index=True)
            warnings.warn("negative binomial: the data show no over-dispersion (score for "
                          f"alpha at 0 is {score:.3g} <= 0), so alpha = 0 and the fit is the "
                          "Poisson model", RuntimeWarning, stacklevel=2)
    table["irr"] = np.exp(table["estimate"]).where(table["term"] != "alpha")
    return Fit(formula, len(used), dropped, result, table)


def fit_sanction_reported(
    features: pd.DataFrame,
    *,
    formula: str = SANCTION_LOGIT_FORMULA,
    cluster: str | None = None,
) -> Fit:
    """Logit of whether a sanction was reported, on case features.

    Estimates are log odds ratios: the table has the shape of every fit
    (``TABLE_COLUMNS``) with the extra column ``odds_ratio`` = exp(estimate). With
    ``cluster`` the errors are cluster-robust. Rows with missing values in the formula's
    variables are dropped and counted.

    Parameters
    ----------
    features : pandas.DataFrame
        E.g. from :func:`build_case_features`.

    Examples
    --------
    >>> import pandas as pd
    >>> features = pd.DataFrame({"sanction_reported": [1, 0, 1, 0, 0, 1, 0, 0],
    ...                          "national_coverage": [1, 0, 1, 1, 0, 0, 0, 1]})
    >>> fit = fit_sanction_reported(features, formula="sanction_reported ~ national_coverage")
    >>> fit.table[["term", "n"]].values.tolist()
    [['Intercept', 8], ['national_coverage', 8]]
    """
    import numpy as np
    import statsmodels.formula.api as smf

    names = set(re.findall(r"[A-Za-z_]\w*", formula))
    columns = [c for c in features.columns if c in names] + ([cluster] if cluster else [])
    used, dropped = _complete(features, columns)
    used = used.assign(sanction_reported=used["sanction_reported"].astype(int))
    robust = ({"cov_type": "cluster", "cov_kwds": {"groups": used[cluster].to_numpy()}}
              if cluster else {})
    result = smf.logit(formula, used).fit(disp=False, maxiter=200, **robust)
    table = _tidy_table(result, len(used))
    table["odds_ratio"] = np.exp(table["estimate"])
    return Fit(formula, len(used), dropped, result, table)


def median_time(table: pd.DataFrame) -> pd.Series:
    """Median time from a Kaplan-Meier table: the first time survival falls to 0.5 or below.

    Returns one value per group (``NaN`` where the curve never reaches 0.5: more than half of
    the cases are still waiting at the end of follow-up).

    Examples
    --------
    >>> import pandas as pd
    >>> km = pd.DataFrame({"time": [2, 3, 5], "survival": [0.8, 0.6, 0.3]})
    >>> float(median_time(km)["all"])
    5.0
    """
    import pandas as pd

    groups = table.groupby("group", sort=True) if "group" in table else [("all", table)]
    out = {}
    for name, part in groups:
        reached = part.loc[part["survival"] <= 0.5, "time"]
        out[name] = float(reached.min()) if len(reached) else float("nan")
    return pd.Series(out, name="median_days")
