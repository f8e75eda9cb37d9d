"""Survival summaries that statsmodels lacks: restricted mean survival time and the Turnbull
estimator for interval-censored times.

Both are small numpy functions, tested against hand computations and textbook identities
(tests/test_survival.py). Times are in days from each case's origin
(:mod:`asnresearch.enforcement`).

Examples
--------
>>> import pandas as pd
>>> data = pd.DataFrame({"days": [2, 3, 3, 5, 8], "observed": [True, True, False, True, False]})
>>> rmst = estimate_rmst(data, duration="days", event="observed", tau=6)
>>> float(rmst["rmst"].iloc[0])  # 2·1 + 1·0.8 + 2·0.6 + 1·0.3
4.3
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_proportional_hazards", "estimate_median_time", "estimate_rmst",
           "estimate_turnbull"]

Z95 = 1.959963984540054


def estimate_rmst(
    data: pd.DataFrame, *, duration: str, event: str, tau: float, by: str | None = None
) -> pd.DataFrame:
    """Restricted mean survival time up to ``tau``: the area under the Kaplan-Meier curve.

    RMST(tau) = integral from 0 to tau of S(t) dt, the mean of min(T, tau): the expected
    number of days, out of the first tau, spent waiting. Its variance is the standard
    plug-in (Klein & Moeschberger 2003, sec. 4.5; the formula of R's survRM2)::

        Var = sum over event times t_i <= tau of A_i² · d_i / (n_i (n_i - d_i)),
        A_i = integral from t_i to tau of S(t) dt,

    with d_i events and n_i at risk at t_i (a term with n_i = d_i adds 0), and a 95% Wald
    interval cut to [0, tau]. It assumes what the Kaplan-Meier curve assumes: censoring
    independent of the waiting time. Unlike the median it exists when the curve stays above
    one half. It is not defined beyond the group's longest follow-up (unless the curve has reached
    0 by then): ``tau`` later than that gives NaN and ``note`` says so.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case; rows with a missing or negative duration are left out (as in
        :func:`asnresearch.models.estimate_survival`).
    duration, event : str
        Time (days) and whether the event was observed.
    tau : float
        The horizon, in the units of ``duration``.
    by : str, optional
        Group column; one row per group.

    Returns
    -------
    pandas.DataFrame
        ``group`` (if ``by``), ``tau``, ``rmst``, ``std_error``, ``ci_lower``, ``ci_upper``,
        ``n``, ``n_events`` (events up to tau), ``note``.
    """
    import numpy as np
    import pandas as pd

    from asnresearch.models import estimate_survival

    cols = [duration, event] + ([by] if by else [])
    used = data.dropna(subset=cols)
    used = used[used[duration] >= 0]
    groups = used.groupby(by, observed=True, sort=True) if by else [(None, used)]
    rows = []
    for name, part in groups:
        km = estimate_survival(part, duration=duration, event=event)
        row = {"group": name, "tau": tau, "n": len(part)}
        if float(part[duration].max()) < tau and (km["survival"].min() if len(km) else 1) > 0:
            rows.append(row | {"rmst": np.nan, "std_error": np.nan, "n_events": 0,
                               "note": "tau beyond the longest follow-up"})
            continue
        km = km[km["time"] <= tau]
        times = km["time"].to_numpy(dtype=float)
        surv = km["survival"].to_numpy(dtype=float)
        # the step curve: 1 before the first event, surv[i] on [times[i], times[i + 1])
        edges = np.append(times, tau)
        pieces = surv * np.diff(edges)
        area = (times[0] if len(times) else tau) + pieces.sum()
        tail = np.cumsum(pieces[::-1])[::-1]  # A_i, area from t_i to tau
        n_risk = km["n_at_risk"].to_numpy(dtype=float)
        d = km["n_events"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            w = np.where(n_risk > d, d / (n_risk * (n_risk - d)), 0.0)
        se = float(np.sqrt(np.sum(tail**2 * w)))
        rows.append(row | {"rmst": float(area), "std_error": se, "n_events": int(d.sum()),
                           "note": ""})
    out = pd.DataFrame(rows, columns=["group", "tau", "rmst", "std_error", "n", "n_events",
                                      "note"])
    # a Wald interval, kept inside the range an RMST can take, [0, tau]
    out["ci_lower"] = (out["rmst"] - Z95 * out["std_error"]).clip(lower=0)
    out["ci_upper"] = (out["rmst"] + Z95 * out["std_error"]).clip(upper=tau)
    out = out[["group", "tau", "rmst", "std_error", "ci_lower", "ci_upper", "n", "n_events",
               "note"]]
    return out if by else out.drop(columns="group")


def estimate_median_time(data: pd.DataFrame, *, duration: str, event: str) -> dict[str, Any]:
    """Kaplan-Meier median time with its 95% interval, as R's ``survfit`` gives them.

    The median is the first time the Kaplan-Meier curve falls to one half or below; the
    interval runs from the first time the curve's lower pointwise 95% limit falls to one half
    to the first time its upper limit does (Brookmeyer and Crowley 1982, by inverting the
    pointwise intervals of :func:`asnresearch.models.estimate_survival`). A bound the curve
    never reaches is None: the data leave it open. Assumes what the curve assumes: censoring
    independent of the waiting time.

    Returns
    -------
    dict
        ``median``, ``ci_lower``, ``ci_upper`` (days, or None) and ``n`` (rows with a
        duration of 0 or more).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"days": [0] * 12 + [3, 5, 8, 20],
    ...                      "observed": [True] * 14 + [False] * 2})
    >>> estimate_median_time(data, duration="days", event="observed")
    {'median': 0.0, 'ci_lower': 0.0, 'ci_upper': 0.0, 'n': 16}
    """
    from asnresearch.models import estimate_survival, median_time

    km = estimate_survival(data, duration=duration, event=event).drop(columns="group",
                                                                       errors="ignore")

    def first(column):  # median_time's rule, applied to the curve or one of its limits
        time = median_time(km.assign(survival=km[column]))["all"]
        return None if time != time else float(time)

    return {"median": first("survival"), "ci_lower": first("ci_lower"),
            "ci_upper": first("ci_upper"), "n": int(km.attrs["n"])}


def _innermost(left, right):
    """Turnbull's innermost intervals (q, p] of half-open intervals (left, right]: a left
    end followed by a right end with no other end point between them."""
    import numpy as np

    points = sorted([(x, 1) for x in left] + [(x, 0) for x in right])  # a right end first on ties
    return np.array([(a, b) for (a, ka), (b, kb) in zip(points, points[1:])
                     if ka == 1 and kb == 0 and a < b], dtype=float).reshape(-1, 2)


def _turnbull_mass(left, right, *, tol: float, max_iter: int):
    import numpy as np

    cells = _innermost(left, right)
    # alpha[i, j]: innermost interval j lies inside observation i's interval
    alpha = ((left[:, None] <= cells[None, :, 0]) & (cells[None, :, 1] <= right[:, None]))
    mass = np.full(len(cells), 1.0 / len(cells))
    for it in range(1, max_iter + 1):
        share = alpha * mass
        new = (share / share.sum(axis=1, keepdims=True)).mean(axis=0)
        change = float(np.abs(new - mass).max())
        mass = new
        if change < tol:
            return cells, mass, it, True
    return cells, mass, max_iter, False


def estimate_turnbull(
    data: pd.DataFrame,
    *,
    lower: str,
    upper: str,
    n_boot: int = 0,
    seed: int = 0,
    tol: float = 1e-10,
    max_iter: int = 20_000,
) -> pd.DataFrame:
    """Turnbull's nonparametric maximum-likelihood estimate of the event-time distribution
    from interval-censored days.

    Each row says the event fell on a day in ``[lower, upper]`` (both included; equal for a
    day-precise date) or, with ``upper`` infinite, that it had not happened by day
    ``lower`` (right-censored: event after ``lower``, as in Kaplan-Meier). On whole days
    these are the half-open intervals (lower - 1, upper] and (lower, inf]. The estimate
    puts probability mass on Turnbull's innermost intervals, found by self-consistency
    (the EM algorithm of Turnbull 1976, J. R. Stat. Soc. B 38: 290-295): p_j <- mean over
    cases i of alpha_ij p_j / sum_k alpha_ik p_k, until no mass moves by more than ``tol``.
    With exact and right-censored times only it is the Kaplan-Meier estimate (Efron 1967).
    It assumes the censoring intervals carry no information about the time (non-informative
    inspection) and, like Kaplan-Meier, independent censoring. Where the mass sits inside an
    innermost interval is not identified; the cumulative incidence is given at their right
    ends.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case; rows with a missing ``lower`` are left out and counted.
    lower, upper : str
        Columns of whole days (float; ``upper`` may be ``inf``).
    n_boot : int
        Cases resampled this many times (seeded by ``seed``) for a 95% percentile interval
        of the cumulative incidence at each right end; 0 for none.

    Returns
    -------
    pandas.DataFrame
        One row per innermost interval with ``left`` and ``right`` (the event fell on a day
        in ``left``..``right``; ``right`` inf for the mass beyond follow-up), ``mass``,
        ``cumulative_incidence`` (probability the event has happened by day ``right``) and,
        with ``n_boot``, ``ci_lower`` and ``ci_upper``. ``.attrs``: ``n``, ``n_dropped``,
        ``iterations``, ``converged`` and ``incidence`` (the probability of an event within
        follow-up, 1 - the mass beyond it) and, with ``n_boot``, ``incidence_ci`` (its 95%
        percentile interval).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"lo": [2, 3, 3, 5, 8], "hi": [2, 3, float("inf"), 5, float("inf")]})
    >>> tb = estimate_turnbull(data, lower="lo", upper="hi")
    >>> tb[["left", "right", "cumulative_incidence"]].round(3)  # Kaplan-Meier: 0.2, 0.4, 0.7
       left  right  cumulative_incidence
    0   2.0    2.0                   0.2
    1   3.0    3.0                   0.4
    2   5.0    5.0                   0.7
    3   9.0    inf                   1.0
    """
    import numpy as np
    import pandas as pd

    used = data.dropna(subset=[lower])
    lo = used[lower].to_numpy(dtype=float)
    hi = used[upper].to_numpy(dtype=float)
    hi = np.where(np.isnan(hi), np.inf, hi)
    if (hi < lo).any():
        raise ValueError(f"estimate_turnbull: {upper} < {lower} in {int((hi < lo).sum())} rows")
    # whole days as half-open intervals: a day d is (d - 1, d]; censored at c is (c, inf]
    left = np.where(np.isinf(hi), lo, lo - 1)
    cells, mass, iterations, converged = _turnbull_mass(left, hi, tol=tol, max_iter=max_iter)
    out = pd.DataFrame({"left": cells[:, 0] + 1, "right": cells[:, 1], "mass": mass})
    out["cumulative_incidence"] = out["mass"].cumsum().clip(upper=1.0)
    if n_boot:
        rng = np.random.default_rng(seed)
        draws, incidence = np.empty((n_boot, len(out))), np.empty(n_boot)
        for b in range(n_boot):
            pick = rng.integers(0, len(left), len(left))
            c_b, m_b, *_ = _turnbull_mass(left[pick], hi[pick], tol=1e-8, max_iter=max_iter)
            cum = np.cumsum(m_b)
            # the bootstrap curve at each original right end (mass wholly at or before it)
            idx = np.searchsorted(c_b[:, 1], out["right"].to_numpy(), side="right") - 1
            draws[b] = np.where(idx >= 0, cum[np.maximum(idx, 0)], 0.0)
            incidence[b] = 1.0 - m_b[np.isinf(c_b[:, 1])].sum()
        out["ci_lower"] = np.quantile(draws, 0.025, axis=0)
        out["ci_upper"] = np.quantile(draws, 0.975, axis=0)
        out.attrs["incidence_ci"] = tuple(float(q) for q in np.quantile(incidence,
                                                                         [0.025, 0.975]))
    beyond = float(out.loc[np.isinf(out["right"]), "mass"].sum())
    out.attrs.update(n=len(used), n_dropped=len(data) - len(used), iterations=iterations,
                     converged=converged, incidence=1.0 - beyond)
    return out


def check_proportional_hazards(fit: Any, *, transform: str = "km") -> pd.DataFrame:
    """Test of proportional hazards per term from scaled Schoenfeld residuals.

    Under proportional hazards the scaled Schoenfeld residuals of a term do not trend with
    time (Grambsch & Therneau 1994, Biometrika 81: 515-526). For each term j the test
    statistic is the one of R's ``cox.zph`` (survival 2.x): with the residuals r_k of the
    D events, V the model-based inverse information and g_k the transformed event time,
    s_k = D · V r_k (the scaled residuals less the coefficient) and::

        T_j = (sum_k (g_k - mean g) s_kj)² / (D · V_jj · sum_k (g_k - mean g)²),

    chi-squared on 1 degree of freedom; ``rho`` is the correlation of g and s_j. statsmodels
    computes the residuals against the risk-set means (Breslow's handling of ties), so with
    many tied times the test is approximate. A small p-value says the hazard ratio changes
    over time; a large one, with few events, is weak evidence that it does not.

    Parameters
    ----------
    fit : asnresearch.models.Fit
        From :func:`asnresearch.models.fit_stage_hazard` (its statsmodels ``result`` and
        the ``term`` names of its table).
    transform : {'km', 'rank', 'identity'}
        g(t): one minus the pooled Kaplan-Meier curve just before t (the default of
        ``cox.zph``, robust to a few long times), the rank of t, or t itself.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``rho``, ``chi2``, ``p_value``, ``n_events``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from asnresearch.models import fit_stage_hazard
    >>> rng = np.random.default_rng(0)
    >>> viral = rng.random(400) < 0.5
    >>> t = pd.DataFrame({"case_id": range(400), "response_observed": True,
    ...                   "response_days": rng.exponential(1 / np.exp(0.7 * viral))})
    >>> f = pd.DataFrame({"case_id": range(400),
    ...                   "channel": np.where(viral, "viral", "official_found")})
    >>> ph = check_proportional_hazards(fit_stage_hazard(t, f, stage="response"))
    >>> ph["term"].tolist(), bool(ph["p_value"].iloc[0] > 0.05)
    (['channel: viral'], True)
    """
    import numpy as np
    import pandas as pd
    from scipy.stats import chi2

    if transform not in ("km", "rank", "identity"):
        raise ValueError(f"transform must be 'km', 'rank' or 'identity', got {transform!r}")
    result = fit.result
    model = result.model
    resid = np.asarray(result.schoenfeld_residuals, dtype=float)
    events = np.asarray(model.status, dtype=bool)
    times = np.asarray(model.endog, dtype=float)
    resid, t_ev = resid[events], times[events]
    cov = np.linalg.inv(-model.hessian(np.asarray(result.params, dtype=float)))
    d = len(t_ev)
    if transform == "identity":
        g = t_ev
    elif transform == "rank":
        g = pd.Series(t_ev).rank().to_numpy()
    else:
        # pooled Kaplan-Meier just before each event time (left-continuous)
        order = np.sort(np.unique(t_ev))
        at_risk = np.array([(times >= u).sum() for u in order])
        dead = np.array([((times == u) & events).sum() for u in order])
        surv = np.cumprod(1 - dead / at_risk)
        before = np.concatenate(([1.0], surv[:-1]))
        g = 1 - before[np.searchsorted(order, t_ev)]
    xx = g - g.mean()
    scaled = d * resid @ cov
    stat = (xx @ scaled) ** 2 / (d * np.diag(cov) * (xx**2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = [float(np.corrcoef(xx, scaled[:, j])[0, 1]) for j in range(scaled.shape[1])]
    return pd.DataFrame({"term": list(fit.table["term"]), "rho": rho,
                         "chi2": stat, "p_value": chi2.sf(stat, 1), "n_events": d})
