"""Statistical models of enforcement, fitted from named formulas: statsmodels, and our own
Firth logit (:func:`fit_firth_logit`) for the sanction models, which have few events.

Every fit drops rows with missing values explicitly and reports how many it used (``n``) and
how many it left out (``n_dropped``), so a reader always knows the sample behind a figure.

Every ``fit_*`` returns a :class:`Fit` whose ``table`` has one shape: one row per term, with
the columns of ``TABLE_COLUMNS`` (``term``, ``estimate``, ``std_error``, ``ci_lower`` and
``ci_upper`` of the 95% interval, Wald unless the function says otherwise, ``p_value``,
``n``) and then the extras of its model
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
from asnresearch.derive import GROUPINGS

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COX_FORMULAS", "SEVERITY_FORMULA", "COUNT_FORMULA", "SANCTION_LOGIT_FORMULA",
    "TABLE_COLUMNS", "Fit", "FirthResult", "estimate_survival", "build_case_features",
    "fit_stage_hazard", "fit_firth_logit", "estimate_level_thresholds", "fit_case_counts",
    "fit_sanction_reported", "median_time",
]


def _treatment(grouping: str) -> str:
    """A grouping as a formula term, against its baseline group in the codebook."""
    return f"C({grouping}, Treatment('{load_codebook().reference_group(grouping)}'))"


# Cox proportional hazards of the time from surfacing to a stage, by surfacing channel
# (baseline: the codebook's reference group of `channel`, cases an official act surfaced).
COX_FORMULAS = {stage: f"{stage}_days ~ {_treatment('channel')}"
                for stage in load_codebook().stages()}
# The hurdle model of sanctions, two Firth logits (:func:`fit_firth_logit`) whose predictors
# were chosen before fitting, at most one per ten cases of the rarer outcome. Part 1, is any
# sanction reported: whether the case surfaced through an official act (the official who
# found it can sanction at once), whether it breached work discipline (the one breach the
# employer sees and sanctions alone, under PP 94/2021's ladder; the others go through police,
# courts or oversight bodies first) and reach before the sanction (public pressure).
SANCTION_LOGIT_FORMULA = ("sanction_reported ~ official_act + discipline_breach"
                          " + national_before_sanction")
# Part 2, among cases with a stated sanction level: is it the heaviest level (codebook order
# of sanction_level). About two dozen such cases carry one predictor: the breach, because
# PP 94/2021 ties a sanction's level to the breach (dismissal for crimes, a ladder from light
# reprimands for absence).
SEVERITY_FORMULA = "heavy_sanction ~ discipline_breach"

# Reported cases per province-year, with the province's headcount as exposure: the log rate
# per civil servant changes linearly with the year (centred on 2020).
COUNT_FORMULA = "n ~ I(year - 2020)"

# The columns every fit's table starts with, in this order; model-specific extras follow.
TABLE_COLUMNS = ("term", "estimate", "std_error", "ci_lower", "ci_upper", "p_value", "n")


@dataclass(frozen=True)
class Fit:
    """A fitted model with the sample it used.

    ``table`` is the tidy table of its terms (columns ``TABLE_COLUMNS``, then the model's
    extras), ``result`` the result behind it (statsmodels', or a :class:`FirthResult`),
    ``n`` and ``n_dropped`` the rows used and left out.
    """

    formula: str
    n: int
    n_dropped: int
    result: Any
    table: Any

    def __repr__(self) -> str:
        return f"Fit({self.formula!r}, n={self.n}, n_dropped={self.n_dropped})"


def _tidy_term(term: str) -> str:
    """Readable term names: ``C(channel, Treatment('x'))[T.viral]`` -> ``channel: viral``.

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


def _sanction_levels() -> list[str]:
    """The codebook's sanction levels from light to severe: its ``sanction_level`` code list
    in order, without ``unknown`` and ``not_applicable``."""
    cb = load_codebook()
    return [c for c in cb.codes("sanction_level") if c not in (cb.unknown,
                                                               cb.raw["not_applicable"])]


def build_case_features(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per case with the features and outcomes of the enforcement models.

    Features: ``channel``, ``misconduct_group`` and ``level_group`` (the codebook's
    groupings; NA where a code maps to no group, e.g. an unknown government level);
    ``official_act`` (1 when the case surfaced through an official act, the codebook's
    ``official_act_channels``; NA when the channel is unknown); ``discipline_breach`` (1 for
    the codebook's ``work_group`` of misconduct); ``national_coverage`` (1 when any source
    is a national outlet: the reach proxy, because view counts are reported for only a
    handful of cases); ``national_before_sanction`` (the same, counting only the sources
    published strictly before the case's first sanction, see below) and
    ``sources_before_sanction`` (how many such sources, of any outlet); ``province_code``
    (the cluster for robust errors).

    Outcomes: ``sanction_reported``; ``sanction_level``, the most severe level stated for
    the case's sanctions (:func:`_sanction_levels`; NA when none is stated or
    no sanction is reported); ``heavy_sanction`` (1 when that level is the heaviest, NA
    where the level is NA).

    Reach before the sanction: a case without a reported sanction counts all its sources. For
    a sanctioned case, each sanction event is dated by its day-precise date, else by the
    publication day of the item that reports it (the sanction came on or before it: an upper
    bound); the first sanction day is the earliest of these, events with neither are passed
    over, and when no sanction event of the case has either the coverage is NA. A source
    counts only when it is known to precede that day: its date, at its own precision (day,
    month or year), ends before it; a source of unknown date does not count. So a case that
    entered the news through its sanction has no reach before it, and a case without a
    sanction is measured over all its follow-up: read the term with that in mind.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> ds = load_dataset()
    >>> features = build_case_features(ds)
    >>> len(features) == len(ds["cases"])
    True
    >>> bool((features["national_before_sanction"] <= features["national_coverage"]).all())
    True
    """
    import pandas as pd

    from asnresearch.derive import derive_cases

    cb = load_codebook()
    cases, sources, events = ds["cases"], ds["sources"], ds["events"]
    derived = derive_cases(ds)
    out = cases[["case_id", "province_code"]].astype({"province_code": str})
    for name in GROUPINGS:
        out[name] = derived[name].to_numpy()
    via = cases["surfaced_via"].astype(str)
    out["official_act"] = (via.isin(cb.official_act_channels()).astype("Int64")
                           .mask(via == cb.unknown))
    work = cb.rules["work_group"]
    out["discipline_breach"] = (out[work["grouping"]] == work["group"]).astype("Int64").mask(
        out[work["grouping"]].isna())
    national = sources["outlet_scale"].astype(str) == cb.rules["national_outlet"]
    out["national_coverage"] = out["case_id"].isin(sources.loc[national, "case_id"]).astype(int)

    *_, sanction_actions = cb.stages().values()  # the last stage: a sanction
    sanctions = events[events["action"].isin(sanction_actions)]
    out["sanction_reported"] = out["case_id"].isin(sanctions["case_id"])
    dated = sanctions["event_date"].where(sanctions["event_date_precision"] == "day")
    by_id = sources.set_index("source_id")
    day_published = by_id["published_date"].where(by_id["published_date_precision"] == "day")
    bound = dated.fillna(pd.Series(day_published.reindex(sanctions["source_id"]).to_numpy(),
                                   index=sanctions.index))
    first = bound.groupby(sanctions["case_id"]).min()  # NaT: not known to the day
    # the last day a source's date can mean, at its precision
    period = sources["published_date_precision"].astype(str).map({"day": "D", "month": "M",
                                                                  "year": "Y"})
    last_day = pd.Series(pd.NaT, index=sources.index, dtype="datetime64[ns]")
    for freq in ("D", "M", "Y"):
        rows = period == freq
        last_day[rows] = (sources.loc[rows, "published_date"].dt.to_period(freq)
                          .dt.end_time.dt.normalize())
    sanction_day = sources["case_id"].map(first)
    counted = ~sources["case_id"].isin(first.index) | (last_day < sanction_day)
    unknown_day = out["case_id"].isin(first.index[first.isna()])
    before = out["case_id"].isin(sources.loc[counted & national, "case_id"]).astype("Int64")
    out["national_before_sanction"] = before.mask(unknown_day)
    n_before = sources.loc[counted, "case_id"].value_counts()
    out["sources_before_sanction"] = (out["case_id"].map(n_before).fillna(0).astype("Int64")
                                      .mask(unknown_day))

    levels = _sanction_levels()
    rank = sanctions["sanction_level"].astype(str).map({c: i for i, c in enumerate(levels)})
    top = rank.groupby(sanctions["case_id"]).max()
    out["sanction_level"] = out["case_id"].map(top).map(dict(enumerate(levels)))
    out["heavy_sanction"] = (out["sanction_level"] == levels[-1]).astype("Int64").mask(
        out["sanction_level"].isna())
    return out


def fit_stage_hazard(
    timelines: pd.DataFrame,
    features: pd.DataFrame,
    *,
    stage: str | None = None,
    cluster: str | None = None,
    ties: str = "efron",
) -> Fit:
    """Cox proportional-hazards model of the time to a stage, by surfacing channel.

    Formula: ``COX_FORMULAS[stage]`` (baseline: cases found by inspection); ``stage``
    defaults to the first stage of the codebook, any official response. Censored cases
    enter with ``<stage>_observed`` False; rows without a day-precise time are dropped and
    counted. ``ties`` is how tied times enter the partial likelihood: ``efron`` (the main
    fit; it is close to the exact likelihood) or ``breslow`` (cruder when many times tie,
    as on day 0 here: fit both and set them side by side). The model assumes proportional
    hazards (check with :func:`asnresearch.survival.check_proportional_hazards`) and
    censoring independent of the waiting time given the channel.

    With ``cluster`` (e.g. ``"province_code"``) cases in one cluster may be dependent.
    With few clusters, many of them singletons, the sandwich errors are biased down, so
    the table's errors are then the delete-one-cluster jackknife's (each cluster left out
    in turn: SE² = (G - 1)/G · Σ (b_(g) - mean b)², MacKinnon & White 1985; Cameron &
    Miller 2015, sec. VI), with intervals and p-values from Student's t on G - 1 degrees
    of freedom; ``result`` keeps the sandwich fit. Extra columns then give every error
    side by side: ``std_error_model``, ``std_error_sandwich``, ``std_error_jackknife``;
    ``n_clusters`` and ``n_singletons`` count the clusters the fit actually used.

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
    ...                          "channel": ["viral", "official_found"] * 3})
    >>> fit = fit_stage_hazard(timelines, features, stage="response")
    >>> list(fit.table.columns)
    ['term', 'estimate', 'std_error', 'ci_lower', 'ci_upper', 'p_value', 'n', 'hazard_ratio']
    >>> fit.table["term"].tolist()
    ['channel: viral']
    """
    import numpy as np
    import statsmodels.formula.api as smf
    from scipy.stats import t as student

    if ties not in ("efron", "breslow"):
        raise ValueError(f"ties must be 'efron' or 'breslow', got {ties!r}")
    stage = next(iter(load_codebook().stages())) if stage is None else stage
    formula = COX_FORMULAS[stage]
    days, observed = f"{stage}_days", f"{stage}_observed"
    keep = ["case_id", "channel"] + ([cluster] if cluster else [])
    data = timelines[["case_id", days, observed]].merge(features[keep], on="case_id",
                                                        validate="1:1")
    used, _ = _complete(data, [days, observed, "channel"] + ([cluster] if cluster else []))
    used = used[used[days] >= 0]
    dropped = len(data) - len(used)
    used = used.assign(**{days: used[days].astype(float)},
                       status=used[observed].astype(int))
    model = smf.phreg(formula, used, status="status", ties=ties)
    result = model.fit(groups=used[cluster].to_numpy() if cluster else None)
    table = _tidy_table(result, len(used))
    table["hazard_ratio"] = np.exp(table["estimate"])
    if cluster:
        groups = used[cluster].astype(str)
        sizes = groups.value_counts()
        g = len(sizes)
        from statsmodels.duration.hazard_regression import PHReg

        endog, exog, status = model.endog, model.exog, model.status
        left_out = np.array([
            PHReg(endog[keep], exog[keep], status=status[keep], ties=ties)
            .fit(start_params=np.asarray(result.params)).params
            for keep in (groups.to_numpy() != name for name in sizes.index)])
        jack = np.sqrt((g - 1) / g * ((left_out - left_out.mean(axis=0)) ** 2).sum(axis=0))
        q = student.ppf(0.975, g - 1)
        est = table["estimate"].to_numpy()
        table["std_error"] = jack
        table["ci_lower"], table["ci_upper"] = est - q * jack, est + q * jack
        table["p_value"] = 2 * student.sf(np.abs(est / jack), g - 1)
        table["std_error_model"] = np.asarray(model.fit().bse, dtype=float)
        table["std_error_sandwich"] = np.asarray(result.bse, dtype=float)
        table["std_error_jackknife"] = jack
        table["n_clusters"] = g
        table["n_singletons"] = int((sizes == 1).sum())
    return Fit(formula, len(used), dropped, result, table)


@dataclass(frozen=True)
class FirthResult:
    """What a Firth logit leaves beside its table (:func:`fit_firth_logit`).

    ``params`` and ``cov`` (the inverse Fisher information at the estimate), ``loglik`` the
    penalised log-likelihood; the likelihood-ratio test against the intercept-only model,
    ``lr_statistic`` on ``lr_df`` degrees of freedom with ``lr_p_value``; ``events`` and
    ``non_events``, and ``epv``, events per variable: the rarer outcome's count per
    predictor parameter.
    """

    params: Any
    cov: Any
    loglik: float
    lr_statistic: float
    lr_df: int
    lr_p_value: float
    events: int
    non_events: int
    epv: float


def _firth_maximise(X: Any, y: Any, *, fixed: Mapping[int, float] | None = None,
                    start: Any = None) -> tuple[Any, float, Any]:
    """Maximise the penalised log-likelihood l(b) + ½ log det I(b), I = X'WX, over the
    parameters not in ``fixed`` (column index -> value held there).

    Newton steps on the modified score U*(b) = X'(y - p + h(½ - p)), h the diagonal of the
    hat matrix W½X I⁻¹ X'W½ (Firth 1993; Heinze & Schemper 2002), which is the gradient of
    the penalised log-likelihood; a step is capped at 5 (logistf's maxstep) and halved until
    the penalised log-likelihood does not fall. Returns the estimate, the penalised
    log-likelihood and I at the estimate.
    """
    import numpy as np
    from scipy.special import expit

    k = X.shape[1]
    b = np.zeros(k) if start is None else np.array(start, dtype=float)
    free = np.ones(k, dtype=bool)
    for j, value in (fixed or {}).items():
        b[j], free[j] = value, False

    def evaluate(beta: Any) -> tuple[float, Any, Any, Any]:
        eta = X @ beta
        p = expit(eta)
        w = p * (1 - p)
        info = (X * w[:, None]).T @ X
        loglik = float(np.sum(y * eta - np.logaddexp(0, eta)))
        return loglik + 0.5 * float(np.linalg.slogdet(info)[1]), p, w, info

    current = evaluate(b)
    for _ in range(200):
        _, p, w, info = current
        h = w * np.einsum("ij,jk,ik->i", X, np.linalg.inv(info), X)
        score = X.T @ (y - p + h * (0.5 - p))
        step = np.zeros(k)
        if free.any():
            step[free] = np.linalg.solve(info[np.ix_(free, free)], score[free])
        step *= min(1.0, 5 / max(np.abs(step).max(), 1e-300))
        for _ in range(60):
            trial = evaluate(b + step)
            if trial[0] >= current[0] - 1e-12:
                break
            step /= 2
        b, current = b + step, trial
        if np.abs(step).max() < 1e-10:
            return b, current[0], current[3]
    raise RuntimeError("Firth logit: the Newton steps did not converge in 200 iterations")


def fit_firth_logit(
    data: pd.DataFrame, *, formula: str = SANCTION_LOGIT_FORMULA, alpha: float = 0.05
) -> Fit:
    """Firth's penalised logit of a binary outcome, with profile-likelihood intervals.

    Maximises l(b) + ½ log det I(b), the log-likelihood plus the log of Jeffreys' prior
    (Firth 1993). The penalty removes the first-order bias of maximum likelihood and keeps
    estimates finite under separation, which matters when events are few (Heinze & Schemper
    2002, *Statistics in Medicine* 21: 2409-2419). Assumes independent cases and a linear
    log-odds in the predictors; it does not cluster.

    Intervals and tests are those of R's ``logistf`` (its defaults): a coefficient's interval
    holds the values b_j where twice the drop of the profile penalised log-likelihood stays
    below the chi-square(1) quantile, and its p-value is the penalised likelihood-ratio
    test of b_j = 0. ``std_error`` is the Wald one, from the inverse Fisher information at
    the estimate. The likelihood-ratio test against the intercept-only model (every slope 0,
    the penalty kept, as logistf does), the events per variable and the counts are in
    ``Fit.result`` (:class:`FirthResult`). Rows with a missing value in the formula's
    variables are dropped and counted; the formula needs an intercept.

    Returns
    -------
    Fit
        ``table`` in the shape of every fit (``TABLE_COLUMNS``), estimates as log odds
        ratios, with the extra column ``odds_ratio`` = exp(estimate).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"y": [1, 1, 1, 0, 0, 0, 0, 1], "x": [1, 1, 1, 1, 0, 0, 0, 0]})
    >>> fit = fit_firth_logit(data, formula="y ~ x")
    >>> fit.table[["term", "estimate", "ci_lower", "ci_upper"]].round(3)
            term  estimate  ci_lower  ci_upper
    0  Intercept    -0.847    -3.181     0.957
    1          x     1.695    -0.866     4.764
    >>> round(fit.result.lr_statistic, 3), fit.result.lr_df, fit.result.epv
    (1.646, 1, 4.0)

    In a 2x2 table Firth's estimate is the log odds ratio with ½ added to each cell:
    log(3.5/1.5) - log(1.5/3.5) = 1.695. When every case with x = 1 is an event, maximum
    likelihood has no finite estimate; Firth's has one, and a finite interval:

    >>> data.loc[3, "y"] = 1
    >>> fit_firth_logit(data, formula="y ~ x").table[["estimate", "ci_upper"]].round(3).iloc[1]
    estimate    3.045
    ci_upper    8.186
    Name: 1, dtype: float64
    """
    import numpy as np
    import pandas as pd
    from patsy import dmatrices
    from scipy.optimize import brentq
    from scipy.stats import chi2

    names = set(re.findall(r"[A-Za-z_]\w*", formula))
    used, dropped = _complete(data, [c for c in data.columns if c in names])
    outcome = formula.split("~")[0].strip()
    used = used.assign(**{outcome: used[outcome].astype(int)})
    y, X = dmatrices(formula, used, return_type="dataframe")
    if "Intercept" not in X:
        raise ValueError(f"fit_firth_logit needs a formula with an intercept, got {formula!r}")
    terms, y, X = list(X.columns), y.iloc[:, 0].to_numpy(float), X.to_numpy(float)
    b, top, info = _firth_maximise(X, y)
    cov = np.linalg.inv(info)
    se = np.sqrt(np.diag(cov))
    q = chi2.ppf(1 - alpha, 1)

    def drop(j: int, value: float) -> float:
        """Twice the fall of the penalised log-likelihood with b_j held at value."""
        return 2 * (top - _firth_maximise(X, y, fixed={j: value}, start=b)[1])

    def limit(j: int, direction: int) -> float:
        """Where the profile crosses the quantile, searched outwards in growing steps."""
        edge, width = b[j], se[j]
        for _ in range(60):
            further = edge + direction * width
            if drop(j, further) > q:
                return brentq(lambda v: drop(j, v) - q, edge, further, xtol=1e-10)
            edge, width = further, 1.5 * width
        return direction * np.inf

    p_values = [float(chi2.sf(max(drop(j, 0.0), 0.0), 1)) for j in range(len(terms))]
    table = pd.DataFrame({
        "term": [_tidy_term(t) for t in terms], "estimate": b, "std_error": se,
        "ci_lower": [limit(j, -1) for j in range(len(terms))],
        "ci_upper": [limit(j, 1) for j in range(len(terms))],
        "p_value": p_values, "n": len(y),
    })
    table["odds_ratio"] = np.exp(table["estimate"])
    slopes = [j for j, t in enumerate(terms) if t != "Intercept"]
    null = _firth_maximise(X, y, fixed=dict.fromkeys(slopes, 0.0))[1]
    statistic = 2 * (top - null)
    events = int(y.sum())
    result = FirthResult(
        params=pd.Series(b, index=terms), cov=pd.DataFrame(cov, index=terms, columns=terms),
        loglik=top, lr_statistic=statistic, lr_df=len(slopes),
        lr_p_value=float(chi2.sf(statistic, len(slopes))), events=events,
        non_events=len(y) - events,
        epv=min(events, len(y) - events) / len(slopes) if slopes else float("nan"))
    return Fit(formula, len(y), dropped, result, table)


def estimate_level_thresholds(features: pd.DataFrame) -> pd.DataFrame:
    """The distribution of stated sanction levels, with the cut-points between them.

    One row per level of the codebook's ``sanction_level`` (light to severe), among the
    cases with a stated level (``sanction_level`` of :func:`build_case_features`):
    ``cases``, ``share`` with its Wilson 95% interval (``share_lower``, ``share_upper``),
    and ``threshold``, the cut-point on the latent logistic scale between this level and the
    next: logit P(level <= this one). These are the maximum-likelihood thresholds of an
    ordered logit without predictors, exactly; its interval (``threshold_lower``,
    ``threshold_upper``) is the Wilson interval of the cumulative share on the logit scale.
    The last level has no threshold (NaN). Assumes the cases are independent draws; ``n``
    is the number of cases with a stated level.

    Examples
    --------
    >>> import pandas as pd
    >>> features = pd.DataFrame({"sanction_level": ["ringan", "ringan", "berat", None]})
    >>> table = estimate_level_thresholds(features)
    >>> table[["level", "cases", "share", "threshold", "n"]].round(3)
        level  cases  share  threshold  n
    0  ringan      2  0.667      0.693  3
    1  sedang      0  0.000      0.693  3
    2   berat      1  0.333        NaN  3
    """
    import numpy as np
    import pandas as pd
    from scipy.special import logit

    from asnresearch.patterns import wilson_interval

    levels = _sanction_levels()
    stated = features["sanction_level"].dropna()
    out = pd.DataFrame({"level": levels})
    out["cases"] = [int((stated == level).sum()) for level in levels]
    n = int(out["cases"].sum())
    out["share"] = out["cases"] / n
    out["share_lower"], out["share_upper"] = wilson_interval(out["cases"], n)
    cumulative = out["cases"].cumsum().iloc[:-1]
    low, high = wilson_interval(cumulative, n)
    with np.errstate(divide="ignore"):
        out["threshold"] = pd.Series(logit(cumulative / n), dtype=float)
        out["threshold_lower"] = pd.Series(logit(np.asarray(low, dtype=float)), dtype=float)
        out["threshold_upper"] = pd.Series(logit(np.asarray(high, dtype=float)), dtype=float)
    out["n"] = n
    return out


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

    For either family, ``table.attrs["overdispersion"]`` holds the score (Lagrange
    multiplier) test of alpha = 0 against NB2 from the Poisson fit, z = Σ [(y − mu)² − y] /
    √(2 Σ mu²), standard normal under the Poisson model, with its one-sided p-value
    (alpha > 0: the boundary makes the test one-sided, as the 50:50 chi-bar-square mixture
    does for the likelihood ratio); Cameron & Trivedi, *Regression Analysis of Count Data*,
    2nd ed. (2013), section 3.4. Test first, then choose: the negative binomial when p < 0.05.

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
    >>> sorted(fit.table.attrs["overdispersion"])
    ['p_value', 'statistic']
    """
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm
    import statsmodels.formula.api as smf
    from scipy.stats import norm

    if family not in ("poisson", "negative_binomial"):
        raise ValueError(f"family must be 'poisson' or 'negative_binomial', got {family!r}")
    names = set(re.findall(r"[A-Za-z_]\w*", formula))
    used, dropped = _complete(counts, [c for c in counts.columns if c in names] + [exposure])
    positive = used[exposure] > 0
    used, dropped = used[positive], dropped + int((~positive).sum())
    offset = np.log(used[exposure].astype(float))
    result = smf.glm(formula, used, family=sm.families.Poisson(), offset=offset).fit()
    table = _tidy_table(result, len(used))
    y = result.model.endog
    score = 0.5 * float(np.sum((y - result.mu) ** 2 - y))
    z = 2 * score / float(np.sqrt(2 * np.sum(result.mu ** 2)))
    overdispersion = {"statistic": z, "p_value": float(norm.sf(z))}
    if family == "negative_binomial":
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
    table.attrs["overdispersion"] = overdispersion
    return Fit(formula, len(used), dropped, result, table)


def fit_sanction_reported(
    features: pd.DataFrame,
    *,
    formula: str = SANCTION_LOGIT_FORMULA,
    cluster: str | None = None,
) -> Fit:
    """Maximum-likelihood logit of whether a sanction was reported, on case features.

    The notebooks' sanction model is :func:`fit_firth_logit` (few events); this plain logit
    stays for the synthetic study's large simulated samples.

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
