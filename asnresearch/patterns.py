"""Patterns: what is reported, when, where, in which agencies, and how it surfaces.

Tidy functions: each takes the cases table (and, for rates, the headcount table) and returns a
tidy DataFrame with counts, shares and 95% confidence intervals. Shares use the Wilson score
interval and rates the exact (Garwood) Poisson interval; both are written out below.

Examples
--------
>>> from asnresearch.io import load_cases
>>> mix = surfacing_mix(load_cases())
>>> bool(mix["n"].sum() == len(load_cases()))
True
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from asnresearch.codebook import load_codebook

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Z95", "AFTER_LEBARAN_WORKING_DAYS", "LONG_BREAK_DAYS", "DERIVED", "wilson_interval",
    "poisson_interval", "add_derived_columns", "count_cases", "surfacing_mix", "select_found_by",
    "tag_calendar", "calendar_profile", "poisson_binomial_test", "compare_with_calendar",
    "select_rate_cases", "rate_per_asn", "assess_homogeneity", "shrink_rates",
    "compute_funnel_limits", "count_province_years", "compare_with_official",
    "estimate_capture",
]

Z95 = 1.959963984540054  # standard normal quantile for 95% intervals
# Days counted as "after Lebaran": the first working days after the Idul Fitri break.
AFTER_LEBARAN_WORKING_DAYS = 5
# A "long holiday" is a run of at least this many consecutive days off (weekend included).
LONG_BREAK_DAYS = 3
# Derived columns that count_cases accepts besides the table's own columns.
DERIVED = {"incident_year", "incident_month", "channel", "misconduct_group", "level_group"}


def wilson_interval(k, n, *, z: float = Z95):
    """Wilson score interval for a share k/n.

    centre = (k + z²/2) / (n + z²), half-width = z·√(k(n−k)/n + z²/4) / (n + z²).
    Better than the normal approximation for small n and shares near 0 or 1; n = 0 gives
    (0, 1).

    Examples
    --------
    >>> [round(float(x), 4) for x in wilson_interval(3, 10)]
    [0.1078, 0.6032]
    """
    import numpy as np

    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = (k + z**2 / 2) / (n + z**2)
        half = z * np.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    lo = np.where(n > 0, centre - half, 0.0)
    hi = np.where(n > 0, centre + half, 1.0)
    return np.clip(lo, 0, 1), np.clip(hi, 0, 1)


def poisson_interval(k, *, level: float = 0.95):
    """Exact (Garwood) interval for a Poisson count k.

    lower = χ²(α/2; 2k) / 2 (0 when k = 0), upper = χ²(1 − α/2; 2k + 2) / 2.

    Examples
    --------
    >>> [round(float(x), 3) for x in poisson_interval(4)]
    [1.09, 10.242]
    """
    # chdtri(v, p) is the χ² quantile with upper-tail probability p; scipy.special spares the
    # second it takes to import scipy.stats (the explorer's first render waits for it)
    import numpy as np
    from scipy.special import chdtri

    k = np.asarray(k, dtype=float)
    alpha = 1 - level
    lo = np.where(k > 0, chdtri(np.maximum(2 * k, 1), 1 - alpha / 2) / 2, 0.0)
    hi = chdtri(2 * k + 2, alpha / 2) / 2
    return lo, hi


def add_derived_columns(cases: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``cases`` with the derived columns of :data:`DERIVED`.

    ``incident_year`` and ``incident_month`` (as text, ``unknown`` where the date is not that
    precise) and the codebook's groupings ``channel``, ``misconduct_group``, ``level_group``
    (``unknown`` where a code maps to no group), from
    :func:`asnresearch.derive.derive_case_columns`.
    """
    from asnresearch.derive import derive_case_columns

    derived = derive_case_columns(cases)
    out = cases.copy()
    for name in ("incident_year", "incident_month"):
        out[name] = derived[name]
    for name in ("channel", "misconduct_group", "level_group"):
        out[name] = derived[name].fillna(load_codebook().unknown)
    return out


def count_cases(
    cases: pd.DataFrame,
    *,
    by: str | Sequence[str],
    within: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Number and share of cases for each value (or combination) of ``by``.

    Parameters
    ----------
    cases : pandas.DataFrame
        The cases table.
    by : str or list of str
        Columns of ``cases``, or derived ones (:data:`DERIVED`, e.g. ``incident_year``).
    within : str, optional
        One of ``by``: shares are then computed within each value of it (e.g. the misconduct
        mix within each year) instead of over all cases.
    lang : {'id', 'en'}, optional
        Add a ``label`` column with the code's label in that language (single coded ``by``).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``n``, ``share`` (of all cases, or of the ``within`` group),
        ``ci_lower`` and ``ci_upper`` (Wilson 95%). Codes with no case are kept, in codebook
        order; derived and free columns are sorted.

    Examples
    --------
    >>> import pandas as pd
    >>> cases = pd.DataFrame({"asn_status": pd.Categorical(["pns", "pns", "unknown"],
    ...                       categories=["pns", "pppk", "unknown"], ordered=True)})
    >>> count_cases(cases, by="asn_status")[["asn_status", "n", "share"]]
      asn_status  n     share
    0        pns  2  0.666667
    1       pppk  0  0.000000
    2    unknown  1  0.333333
    """
    import pandas as pd

    keys = [by] if isinstance(by, str) else list(by)
    if within is not None and within not in keys:
        raise ValueError(f"within={within!r} must be one of by={keys}")
    missing = [k for k in keys if k not in cases.columns and k not in DERIVED]
    if missing:
        raise KeyError(f"cannot count by {missing}: not a column of cases nor one of "
                       f"{sorted(DERIVED)}")
    data = add_derived_columns(cases) if any(k not in cases.columns for k in keys) else cases
    levels = []
    for key in keys:
        values = data[key]
        if isinstance(values.dtype, pd.CategoricalDtype):
            levels.append([str(c) for c in values.cat.categories])
        else:
            levels.append(sorted(values.astype(str).unique()))
    counts = data[keys].astype(str).value_counts(sort=False)
    if len(keys) == 1:
        counts.index = pd.Index([i[0] if isinstance(i, tuple) else i for i in counts.index],
                                name=keys[0])
        full = pd.Index(levels[0], name=keys[0])
    else:
        full = pd.MultiIndex.from_product(levels, names=keys)
    counts = counts.reindex(full, fill_value=0)
    out = counts.rename("n").reset_index()
    out["n"] = out["n"].astype("int64")
    total = (out.groupby(within)["n"].transform("sum") if within
             else pd.Series(len(cases), index=out.index))
    out["share"] = (out["n"] / total.where(total > 0)).fillna(0.0)
    out["ci_lower"], out["ci_upper"] = wilson_interval(out["n"], total)
    if lang is not None and len(keys) == 1 and isinstance(data[keys[0]].dtype,
                                                            pd.CategoricalDtype):
        out["label"] = out[keys[0]].map(load_codebook().labels(_code_list_of(keys[0]), lang))
    return out


def _code_list_of(column: str) -> str:
    for table in load_codebook().table_names:
        for var in load_codebook().variables(table):
            if var.name == column and var.code_list:
                return var.code_list
    raise KeyError(f"{column!r} is not a coded variable")


def surfacing_mix(
    cases: pd.DataFrame, *, by: str | None = None, grouped: bool = False
) -> pd.DataFrame:
    """How cases surfaced: counts and shares of ``surfaced_via`` (or the grouped channel).

    Parameters
    ----------
    by : str, optional
        A column (or derived column) to split by; shares are within each of its values.
    grouped : bool
        Use the codebook's ``channel`` grouping (viral, official act, citizen report, other).
    """
    column = "channel" if grouped else "surfaced_via"
    if by is None:
        return count_cases(cases, by=column)
    return count_cases(cases, by=[by, column], within=by)


def select_found_by(
    cases: pd.DataFrame, *, found_by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """The cases found the way ``found_by`` says, the others counted.

    Parameters
    ----------
    found_by : str or list of str, optional
        Codes of the codebook's ``found_by`` list. Default: its rule ``default_found_by``
        (the systematic search: a targeted search fills a province, year or type on purpose).

    Returns
    -------
    pandas.DataFrame
        The rows of ``cases`` kept. ``.attrs``: ``found_by`` (the codes used) and
        ``n_not_found_by`` (cases left out).

    Examples
    --------
    >>> from asnresearch.io import load_cases
    >>> cases = load_cases()
    >>> kept = select_found_by(cases)
    >>> len(kept) + kept.attrs["n_not_found_by"] == len(cases)
    True
    """
    cb = load_codebook()
    codes = list(cb.rules["default_found_by"] if found_by is None
                 else [found_by] if isinstance(found_by, str) else found_by)
    unknown = sorted(set(codes) - set(cb.codes("found_by")))
    if unknown:
        raise ValueError(f"found_by: {unknown} not in the codebook's found_by codes "
                         f"{cb.codes('found_by')}")
    keep = cases["found_by"].astype(str).isin(codes)
    out = cases[keep]
    out.attrs = {"found_by": codes, "n_not_found_by": int((~keep).sum())}
    return out


def _tag_day(day: dt.date) -> dict:
    """The calendar facts of one day (see :func:`tag_calendar`)."""
    from asnresearch.regulation import is_working_day, ramadan_days

    first, last = ramadan_days(day.year)
    return {"weekday": load_codebook().weekdays("en")[day.weekday()],
            "working_day": is_working_day(day), "ramadan": first <= day <= last,
            "after_lebaran": _after_lebaran(day), "after_long_break": _after_long_break(day)}


def tag_calendar(cases: pd.DataFrame) -> pd.DataFrame:
    """Calendar facts of each case with a day-precise incident date.

    Returns
    -------
    pandas.DataFrame
        ``case_id``, ``date``, ``weekday`` (Monday ... Sunday), ``hour`` (from
        ``incident_time``; NA when not stated), ``working_day`` (Perpres 21/2023 calendar with
        national holidays and cuti bersama), ``working_time`` (``yes``/``no`` from the stated
        time, ``unknown`` without one), ``ramadan`` (inside the Ramadan window of
        :func:`asnresearch.regulation.ramadan_days`), ``after_lebaran`` (one of the first
        :data:`AFTER_LEBARAN_WORKING_DAYS` working days after the Idul Fitri break) and
        ``after_long_break`` (the first working day after at least :data:`LONG_BREAK_DAYS`
        consecutive days off). Cases dated less precisely are left out and counted in
        ``.attrs["n_undated"]``.
    """
    import pandas as pd

    from asnresearch.derive import derive_working_time

    weekdays = load_codebook().weekdays("en")
    dated = cases[cases["incident_date_precision"].astype(str) == "day"]
    working = derive_working_time(dated)
    rows = []
    for case, working_time in zip(dated.itertuples(index=False), working):
        day = case.incident_date.date()
        time = str(case.incident_time)
        hour = pd.NA if time == load_codebook().unknown else int(time.split(".")[0])
        rows.append({"case_id": case.case_id, "date": pd.Timestamp(day), "hour": hour,
                     "working_time": working_time, **_tag_day(day)})
    out = pd.DataFrame(rows, columns=["case_id", "date", "weekday", "hour", "working_day",
                                      "working_time", "ramadan", "after_lebaran",
                                      "after_long_break"])
    out["hour"] = out["hour"].astype("Int64")
    out["weekday"] = pd.Categorical(out["weekday"], categories=weekdays, ordered=True)
    out.attrs["n_undated"] = len(cases) - len(dated)
    return out


def _after_lebaran(day: dt.date) -> bool:
    from asnresearch.regulation import is_working_day, ramadan_days

    lebaran = ramadan_days(day.year)[1] + dt.timedelta(days=1)
    if not lebaran <= day <= lebaran + dt.timedelta(days=30) or not is_working_day(day):
        return False
    working = [lebaran + dt.timedelta(days=i) for i in range((day - lebaran).days + 1)]
    return sum(is_working_day(d) for d in working) <= AFTER_LEBARAN_WORKING_DAYS


def _after_long_break(day: dt.date) -> bool:
    from asnresearch.regulation import is_working_day

    if not is_working_day(day):
        return False
    off = 0
    while not is_working_day(day - dt.timedelta(days=off + 1)):
        off += 1
    return off >= LONG_BREAK_DAYS


def calendar_profile(
    cases: pd.DataFrame, *, by: str = "weekday", found_by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """When incidents happen: counts and shares over one calendar facet.

    Counts only, with no null: :func:`compare_with_calendar` sets them against the working-day
    calendar.

    Parameters
    ----------
    by : {'weekday', 'hour', 'weekday_hour', 'working_day', 'working_time', 'ramadan',
          'after_lebaran', 'after_long_break'}
        The facet of :func:`tag_calendar`; ``weekday_hour`` crosses the two for a heat map.
    found_by : str or list of str, optional
        Which cases count (:func:`select_found_by`; default: the systematically found ones).

    Returns
    -------
    pandas.DataFrame
        The facet's column(s), ``n``, ``share`` and Wilson 95% ``ci_lower``/``ci_upper``,
        over cases with a day-precise date (``hour`` facets: over cases with a stated time).
        ``.attrs`` holds ``n`` (cases counted), ``n_left_out`` (cases without the needed
        date or time, or not found as ``found_by`` says) and ``n_not_found_by`` (the latter).

    Examples
    --------
    >>> from asnresearch.io import load_cases
    >>> profile = calendar_profile(load_cases(), by="weekday")
    >>> list(profile["weekday"][:2])
    ['Monday', 'Tuesday']
    """
    import pandas as pd

    facets = {"weekday", "hour", "weekday_hour", "working_day", "working_time", "ramadan",
              "after_lebaran", "after_long_break"}
    if by not in facets:
        raise ValueError(f"by must be one of {sorted(facets)}, got {by!r}")
    chosen = select_found_by(cases, found_by=found_by)
    tags = tag_calendar(chosen)
    keys = ["weekday", "hour"] if by == "weekday_hour" else [by]
    if "hour" in keys:
        tags = tags[tags["hour"].notna()]
    grid = {
        "weekday": load_codebook().weekdays("en"), "hour": list(range(24)),
        "working_time": ["yes", "no", "unknown"],
    }
    levels = [grid.get(k, [True, False]) for k in keys]
    full = (pd.MultiIndex.from_product(levels, names=keys) if len(keys) > 1
            else pd.Index(levels[0], name=keys[0]))
    counts = tags.groupby(keys, observed=False).size().reindex(full, fill_value=0)
    out = counts.rename("n").reset_index()
    if "hour" in out:
        out["hour"] = out["hour"].astype("int64")
    out["share"] = out["n"] / len(tags) if len(tags) else 0.0
    out["ci_lower"], out["ci_upper"] = wilson_interval(out["n"], len(tags))
    out.attrs = {"n": len(tags), "n_left_out": len(cases) - len(tags),
                 "n_not_found_by": chosen.attrs["n_not_found_by"]}
    return out


def poisson_binomial_test(k: int, p) -> float:
    """Two-sided exact test of k successes in independent trials with probabilities ``p``.

    Under the null the count is Poisson-binomial (a sum of Bernoulli(pᵢ) with unequal pᵢ);
    its distribution is computed exactly by convolving the trials one by one. The p-value
    sums the probabilities of every count no more likely than k (the "minlike" rule of
    :func:`scipy.stats.binomtest`, which this equals when all pᵢ are the same; Hong 2013,
    Comput. Stat. Data Anal. 59:41-51, for the distribution).

    Examples
    --------
    >>> round(poisson_binomial_test(50, [0.6] * 73), 4)  # = binomtest(50, 73, 0.6)
    0.1524
    >>> round(poisson_binomial_test(2, [0.1, 0.5, 0.9]), 3)
    1.0
    """
    import numpy as np

    pmf = np.ones(1)
    for q in np.asarray(p, dtype=float):
        pmf = np.convolve(pmf, [1 - q, q])
    if not 0 <= k < len(pmf):
        raise ValueError(f"k must be between 0 and {len(pmf) - 1} (the trials), got {k}")
    return float(min(1.0, pmf[pmf <= pmf[k] * (1 + 1e-7)].sum()))


@functools.cache
def _working_days_of(year: int) -> pd.DataFrame:
    """The calendar facts of every working day of one year (cached; never mutate)."""
    import pandas as pd

    days = (dt.date(year, 1, 1) + dt.timedelta(days=i)
            for i in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days))
    tags = pd.DataFrame([{"date": d, **_tag_day(d)} for d in days])
    return tags[tags["working_day"]].reset_index(drop=True)


def _calendar_classes(tags: pd.DataFrame, by: str) -> dict[str, pd.Series]:
    """The classes a calendar test counts, as masks over tagged working days: each working
    weekday and the first three together (the claim "Monday to Wednesday"), or one facet."""
    if by != "weekday":
        return {by: tags[by].astype(bool)}
    cb = load_codebook()
    working = [w for i, w in enumerate(cb.weekdays("en")) if cb.working_hours(i) is not None]
    out = {w: tags["weekday"] == w for w in working}
    out[f"{working[0]}–{working[2]}"] = tags["weekday"].isin(working[:3])
    return out


def compare_with_calendar(
    cases: pd.DataFrame,
    *,
    by: str = "weekday",
    sources: pd.DataFrame | None = None,
    found_by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Observed against expected calendar counts, with exact tests by surfacing channel.

    Null hypothesis: an incident that falls on a working day is equally likely to fall on any
    working day of its year (Perpres 21/2023 five-day week, national holidays and cuti bersama
    of :mod:`asnresearch.regulation`). A case's chance to fall in a class (a weekday; after
    Lebaran; the first working day after a long break; Ramadan) is then the class's share of
    its year's working days; the expected count is the sum of these chances, and the
    observed count is tested against its exact Poisson-binomial distribution
    (:func:`poisson_binomial_test`). The tests run for all cases and within each surfacing
    channel group of the codebook (official acts follow officials' schedules, viral posts do
    not), and Holm's correction runs over every test of the call.

    Assumes cases are independent and their dates right to the day; a year counts whole,
    so for the last year of the data the expected counts also cover days after the cut-off.
    Cases on a day off have no place under this null and are counted apart.

    Parameters
    ----------
    by : {'weekday', 'after_lebaran', 'after_long_break', 'ramadan'}
        The classes: each working weekday plus Monday to Wednesday together, or one facet
        of :func:`tag_calendar`.
    sources : pandas.DataFrame, optional
        The sources table. When given, the test runs on each case's first report (the
        earliest day-precise ``published_date``) instead of the incident date: a placebo,
        since publishing follows no inspection calendar.
    found_by : str or list of str, optional
        Which cases count (:func:`select_found_by`; default: the systematically found ones).

    Returns
    -------
    pandas.DataFrame
        ``group`` (``all``, then each channel group with a case), ``class``, ``n`` (cases of
        the group dated on a working day), ``observed``, ``expected``, ``ratio``
        (observed / expected), ``p_value`` (exact, two-sided) and ``p_holm``. ``.attrs``:
        ``by``, ``dates`` (``incident`` or ``first_report``), ``found_by``,
        ``n_not_found_by``, ``n_undated`` (no day-precise date), ``n_day_off`` (dated on a
        day off, left out), ``n`` (cases tested) and ``n_tests``.

    Examples
    --------
    >>> from asnresearch.io import load_cases
    >>> table = compare_with_calendar(load_cases(), by="after_lebaran")
    >>> table.loc[0, ["group", "class"]].tolist()
    ['all', 'after_lebaran']
    >>> bool((table["p_holm"] >= table["p_value"]).all())
    True
    """
    import numpy as np
    import pandas as pd
    from statsmodels.stats.multitest import multipletests

    tests = {"weekday", "after_lebaran", "after_long_break", "ramadan"}
    if by not in tests:
        raise ValueError(f"by must be one of {sorted(tests)}, got {by!r}")
    chosen = select_found_by(cases, found_by=found_by)
    if sources is None:
        days = chosen["incident_date"].where(
            chosen["incident_date_precision"].astype(str) == "day")
    else:
        from asnresearch.derive import find_start_dates

        days = find_start_dates({"cases": chosen, "sources": sources})["first_report_date"]
    days = days.dropna()
    channel = add_derived_columns(chosen)["channel"].loc[days.index]
    tags = pd.DataFrame([_tag_day(d.date()) for d in days], index=days.index,
                        columns=["weekday", "working_day", "ramadan", "after_lebaran",
                                 "after_long_break"])
    on_work = tags["working_day"].astype(bool)
    tags, channel, years = tags[on_work], channel[on_work], days[on_work].dt.year
    observed = _calendar_classes(tags, by)
    chance = {name: pd.Series(0.0, index=tags.index) for name in observed}
    for year in years.unique():
        calendar = _calendar_classes(_working_days_of(int(year)), by)
        for name, mask in calendar.items():
            chance[name][years == year] = float(mask.mean())
    groups = ["all", *(g for g in load_codebook().group_labels("channel")
                       if (channel == g).any())]
    rows = []
    for group in groups:
        members = channel.index if group == "all" else channel.index[channel == group]
        for name, mask in observed.items():
            k, p = int(mask[members].sum()), chance[name][members].to_numpy()
            rows.append({"group": group, "class": name, "n": len(members), "observed": k,
                         "expected": float(p.sum()), "p_value": poisson_binomial_test(k, p)})
    out = pd.DataFrame(rows, columns=["group", "class", "n", "observed", "expected",
                                      "p_value"])
    out.insert(5, "ratio", out["observed"] / out["expected"].where(out["expected"] > 0))
    out["p_holm"] = (multipletests(out["p_value"], method="holm")[1] if len(out)
                     else np.array([]))
    out.attrs = {
        "by": by, "dates": "incident" if sources is None else "first_report",
        "found_by": chosen.attrs["found_by"], "n_not_found_by": chosen.attrs["n_not_found_by"],
        "n_undated": len(chosen) - len(days), "n_day_off": int((~on_work).sum()),
        "n": len(tags), "n_tests": len(out),
    }
    return out


def select_rate_cases(
    cases: pd.DataFrame, *, staff: str = "pns", found_by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """The cases counted against a headcount of ``staff``: same staff above and below.

    The codebook's rule ``rate_staff`` says, for each headcount ``staff`` code, which
    government levels and ``asn_status`` codes count (e.g. a headcount of regional PNS
    counts provincial, regency and city staff, not central agencies); cases are first
    chosen by how they were found (:func:`select_found_by`; default the systematic search).

    Returns
    -------
    pandas.DataFrame
        The rows of ``cases`` kept. ``.attrs``: ``staff``, ``found_by``, ``n_not_found_by``
        (left out by how they were found) and ``n_other_staff`` (found so, but of a level or
        status the headcount does not count).

    Examples
    --------
    >>> from asnresearch.io import load_cases
    >>> cases = load_cases()
    >>> kept = select_rate_cases(cases)
    >>> len(kept) + kept.attrs["n_not_found_by"] + kept.attrs["n_other_staff"] == len(cases)
    True
    """
    rules = load_codebook().rules["rate_staff"]
    if staff not in rules:
        raise ValueError(f"staff must be one of {sorted(rules)} (codebook rule rate_staff), "
                         f"got {staff!r}")
    chosen = select_found_by(cases, found_by=found_by)
    keep = (chosen["government_level"].astype(str).isin(rules[staff]["levels"])
            & chosen["asn_status"].astype(str).isin(rules[staff]["statuses"]))
    out = chosen[keep]
    out.attrs = {"staff": staff, **chosen.attrs, "n_other_staff": int((~keep).sum())}
    return out


def _headcount_by_year(
    headcount: pd.DataFrame, *, staff: str, series: str | Sequence[str], years: Sequence[int]
) -> pd.DataFrame:
    """One headcount per province and year: the figure of that year in ``series``, else of the
    nearest year (the later one on a tie), with the year and source it came from."""
    import pandas as pd

    names = [series] if isinstance(series, str) else list(series)
    rows = headcount[(headcount["staff"] == staff) & (headcount["area_code"] != "ID")
                     & headcount["series"].isin(names)]
    # every figure against every year at once (the explorer recomputes this on each filter)
    pairs = rows.merge(pd.DataFrame({"target": list(years)}), how="cross")
    pairs["gap"] = (pairs["year"] - pairs["target"]).abs()
    best = (pairs.sort_values(["area_code", "target", "gap", "year"],
                              ascending=[True, True, True, False], kind="stable")
            .drop_duplicates(["area_code", "target"]))
    return pd.DataFrame({
        "province_code": best["area_code"].to_numpy(), "year": best["target"].to_numpy(),
        "headcount": best["count"].astype("int64").to_numpy(),
        "headcount_year": best["year"].astype("int64").to_numpy(),
        "headcount_source": best["source_url"].to_numpy(),
    })


def _case_years(cases: pd.DataFrame, years: Sequence[int] | None) -> list[int]:
    year = cases["incident_date"].dt.year.dropna()
    if years is not None:
        return list(years)
    if year.empty:
        raise ValueError("no dated case to set the years of the exposure: pass years=")
    return list(range(int(year.min()), int(year.max()) + 1))


def rate_per_asn(
    cases: pd.DataFrame,
    headcount: pd.DataFrame,
    *,
    staff: str = "pns",
    series: str | Sequence[str] = "BPS 2023",
    per: int = 100_000,
    found_by: str | Sequence[str] | None = None,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Reported cases per ``per`` person-years of ``staff``, by province.

    Numerator: the cases of :func:`select_rate_cases` (same staff as the headcount, found
    by the systematic search unless ``found_by`` says otherwise). Exposure: person-years, the
    sum over ``years`` of the province's headcount in that year, where a year has no figure
    in ``series`` the figure of the nearest year (the later one on a tie). With a single-year
    series this is the headcount times the number of years: it scales every province alike,
    so it changes the level of the rates, not how provinces compare. rate = n / person-years
    × ``per``, with the exact (Garwood) Poisson interval of n scaled the same way;
    ``expected`` is the national rate (all provinces with a headcount pooled) times the
    province's person-years. Every province of the series is listed, those without a case
    with n = 0; a province with cases but no headcount keeps its count without a rate. Rows
    are in province-code order: a ranking of rates this noisy is not a result (see
    :func:`shrink_rates` and :func:`assess_homogeneity`).

    Parameters
    ----------
    cases, headcount : pandas.DataFrame
        The cases table; the headcount from :func:`asnresearch.io.load_headcount`.
    staff : str
        A headcount ``staff`` code with a codebook ``rate_staff`` rule.
    series : str or list of str
        Headcount series; with several, each year takes the nearest year among them.
    found_by : str or list of str, optional
        How the cases were found (:func:`select_found_by`); pass every code of the
        ``found_by`` list to count all cases.
    years : sequence of int, optional
        The years of the exposure; cases dated outside them (or undated) are then left
        out. Default: the first to the last incident year in ``cases`` (all of them, however
        found: the period the dataset covers), and every counted case, undated too, is in
        the numerator.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``n``, ``headcount`` and ``headcount_year`` (the figure of the
        last year), ``headcount_source``, ``person_years``, ``expected``, ``rate``,
        ``ci_lower``, ``ci_upper`` (NA without a headcount), ``has_denominator``.
        ``.attrs``: ``cases_with_denominator``, ``cases_without_denominator`` (counted
        cases with no headcount or no known province), ``provinces_with_denominator``,
        ``national_rate`` (per ``per`` person-years), ``years`` (first, last), ``per``,
        ``staff``, ``series``, ``found_by``, ``n_not_found_by``, ``n_other_staff``.

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_headcount
    >>> rates = rate_per_asn(load_cases(), load_headcount(), series="BKN semester I 2023")
    >>> rates.attrs["provinces_with_denominator"]
    11
    """
    import pandas as pd

    chosen = select_rate_cases(cases, staff=staff, found_by=found_by)
    span = _case_years(cases, years)
    counted = chosen
    if years is not None:
        counted = chosen[chosen["incident_date"].dt.year.isin(span)]
    exposure = _headcount_by_year(headcount, staff=staff, series=series, years=span)
    last = exposure[exposure["year"] == span[-1]].set_index("province_code")
    person_years = exposure.groupby("province_code")["headcount"].sum()
    province = counted["province_code"].astype(str)
    counts = province[province != load_codebook().unknown].value_counts()
    codes = sorted(set(counts.index) | set(person_years.index))
    out = pd.DataFrame({"province_code": codes})
    out["n"] = out["province_code"].map(counts).fillna(0).astype("int64")
    out["headcount"] = out["province_code"].map(last["headcount"]).astype("Int64")
    out["headcount_year"] = out["province_code"].map(last["headcount_year"]).astype("Int64")
    out["headcount_source"] = out["province_code"].map(last["headcount_source"])
    out["person_years"] = out["province_code"].map(person_years).astype("Int64")
    out["has_denominator"] = out["person_years"].notna()
    with_den = out[out["has_denominator"]]
    national = (with_den["n"].sum() / with_den["person_years"].sum() * per
                if len(with_den) else float("nan"))
    scale = per / out["person_years"].astype("Float64")
    out["expected"] = out["person_years"].astype("Float64") * national / per
    lo, hi = poisson_interval(out["n"])
    out["rate"] = out["n"] * scale
    out["ci_lower"] = lo * scale
    out["ci_upper"] = hi * scale
    n_with = int(with_den["n"].sum())
    out = out[["province_code", "n", "headcount", "headcount_year", "headcount_source",
               "person_years", "expected", "rate", "ci_lower", "ci_upper", "has_denominator"]]
    out.attrs = {
        "cases_with_denominator": n_with, "cases_without_denominator": len(counted) - n_with,
        "provinces_with_denominator": len(with_den), "national_rate": float(national),
        "years": (span[0], span[-1]), "per": per, "staff": staff, "series": series,
        "found_by": chosen.attrs["found_by"], "n_not_found_by": chosen.attrs["n_not_found_by"],
        "n_other_staff": chosen.attrs["n_other_staff"],
    }
    return out


def assess_homogeneity(rates: pd.DataFrame, *, draws: int = 20_000, seed: int = 19) -> dict:
    """Do the provinces' rates differ by more than Poisson noise? The dispersion test.

    X² = Σ (n − e)² / e over the provinces with a headcount, e = the national rate times
    the province's person-years (``expected`` of :func:`rate_per_asn`); under one common
    rate X² is about χ² with k − 1 degrees of freedom. With expected counts of one or two
    per province that approximation is rough, so the result also has a Monte Carlo p-value
    of the exact conditional test: totals fixed, cases spread over provinces in proportion
    to person-years (multinomial), ``draws`` times. Assumes cases are independent given the
    province's rate (a clustered run of reports from one search breaks it).

    Returns
    -------
    dict
        ``statistic``, ``df``, ``p_value`` (χ²), ``p_value_mc`` (Monte Carlo), ``n_cases``,
        ``n_provinces``.

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.DataFrame({"n": [2, 2], "expected": [2.0, 2.0], "person_years": [5, 5],
    ...                       "has_denominator": [True, True]})
    >>> assess_homogeneity(rates)["statistic"]
    0.0
    """
    import numpy as np
    from scipy.stats import chi2

    used = rates[rates["has_denominator"]]
    n = used["n"].to_numpy(float)
    exposure = used["person_years"].to_numpy(float)
    share = exposure / exposure.sum()
    expected = n.sum() * share

    def statistic(counts):
        return ((counts - expected) ** 2 / expected).sum(axis=-1)

    observed = float(statistic(n))
    rng = np.random.default_rng(seed)
    simulated = statistic(rng.multinomial(int(n.sum()), share, size=draws))
    df = len(used) - 1
    return {"statistic": observed, "df": df, "p_value": float(chi2.sf(observed, df)),
            "p_value_mc": float((np.sum(simulated >= observed - 1e-9) + 1) / (draws + 1)),
            "n_cases": int(n.sum()), "n_provinces": len(used)}


def shrink_rates(
    rates: pd.DataFrame, *, level: float = 0.95, draws: int = 4000, seed: int = 19
) -> pd.DataFrame:
    """Empirical-Bayes (Poisson-gamma) rates: each province's rate pulled towards the
    national one as far as its few cases warrant, with intervals and rank intervals.

    Model: n_i ~ Poisson(E_i θ_i), θ_i ~ Gamma(shape a, rate b), with E_i the person-years
    (in units of ``per``). The prior's mean m and variance v are estimated by the method of
    moments of Marshall (1991, *Applied Statistics* 40: 283-294): m = Σn / ΣE,
    s² = Σ E_i (r_i − m)² / ΣE, v = s² − m / Ē (Ē the mean exposure), v set to 0 when
    negative (no variation beyond Poisson noise: every rate shrinks to m). Then
    a = m² / v, b = m / v, and the posterior of θ_i is Gamma(a + n_i, b + E_i): its mean is
    the shrunk rate and its quantiles the interval. The intervals treat a and b as known
    (they ignore the uncertainty of the prior), so they are somewhat too narrow. Rank
    intervals (1 = highest rate) come from ``draws`` joint posterior draws (seeded).

    Returns
    -------
    pandas.DataFrame
        ``rates`` (rows with a headcount) with ``shrunk_rate``, ``shrunk_lower``,
        ``shrunk_upper`` (per ``per`` person-years), ``rank_lower``, ``rank_upper``.
        ``.attrs``: those of ``rates`` plus ``prior_mean`` and ``prior_sd`` (per ``per``),
        ``shrink_method``.

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.DataFrame({"province_code": ["a", "b", "c"], "n": [0, 4, 20],
    ...                       "person_years": [100_000, 100_000, 100_000],
    ...                       "has_denominator": [True, True, True]})
    >>> rates.attrs["per"] = 100_000
    >>> shrunk = shrink_rates(rates)
    >>> bool((shrunk["shrunk_rate"].diff().dropna() > 0).all())
    True
    """
    import numpy as np
    from scipy.stats import gamma

    per = rates.attrs.get("per", 100_000)
    out = rates[rates["has_denominator"]].reset_index(drop=True).copy()
    n = out["n"].to_numpy(float)
    exposure = out["person_years"].to_numpy(float) / per
    m = n.sum() / exposure.sum()
    s2 = float(np.sum(exposure * (n / exposure - m) ** 2) / exposure.sum())
    v = max(s2 - m / exposure.mean(), 0.0)
    alpha = 1 - level
    if v > 0:
        shape, rate = n + m**2 / v, exposure + m / v
        out["shrunk_rate"] = shape / rate
        out["shrunk_lower"] = gamma.ppf(alpha / 2, shape, scale=1 / rate)
        out["shrunk_upper"] = gamma.ppf(1 - alpha / 2, shape, scale=1 / rate)
        rng = np.random.default_rng(seed)
        theta = rng.gamma(shape, 1 / rate, size=(draws, len(out)))
        ranks = (-theta).argsort(axis=1).argsort(axis=1) + 1
        out["rank_lower"] = np.quantile(ranks, alpha / 2, axis=0, method="lower").astype(int)
        out["rank_upper"] = np.quantile(ranks, 1 - alpha / 2, axis=0,
                                        method="higher").astype(int)
    else:  # one common rate: no province can be told apart
        out["shrunk_rate"] = out["shrunk_lower"] = out["shrunk_upper"] = m
        out["rank_lower"], out["rank_upper"] = 1, len(out)
    out.attrs = {**rates.attrs, "prior_mean": float(m), "prior_sd": float(np.sqrt(v)),
                 "shrink_method": "Poisson-gamma, method of moments (Marshall 1991)"}
    return out


def compute_funnel_limits(
    national_rate: float, exposure, *, per: int = 100_000, levels: Sequence[float] = (0.95, 0.998)
) -> pd.DataFrame:
    """Control limits of a funnel plot: the rates a province of each exposure would show
    95% (99.8%) of the time if its true rate were ``national_rate``.

    For expected count μ = national_rate × exposure / ``per``, the limit at probability p is
    the Poisson p-quantile r, interpolated between r − 1 and r as in Spiegelhalter (2005,
    *Statistics in Medicine* 24: 1185-1202): r − (F(r) − p) / (F(r) − F(r − 1)), then divided
    by the exposure and scaled to ``per``.

    Returns
    -------
    pandas.DataFrame
        ``exposure`` and, for each level, ``low_<level>`` and ``high_<level>`` (e.g.
        ``high_0.95``), in rate units; low limits are floored at 0.

    Examples
    --------
    >>> limits = compute_funnel_limits(2.0, [100_000, 1_000_000])
    >>> bool((limits["high_0.998"] > limits["high_0.95"]).all())
    True
    """
    import numpy as np
    import pandas as pd
    from scipy.stats import poisson

    exposure = np.asarray(exposure, dtype=float)
    mu = national_rate * exposure / per
    out = pd.DataFrame({"exposure": exposure})
    for level in levels:
        for side, p in (("low", (1 - level) / 2), ("high", (1 + level) / 2)):
            r = poisson.ppf(p, mu)
            f_r, f_below = poisson.cdf(r, mu), poisson.cdf(r - 1, mu)
            with np.errstate(divide="ignore", invalid="ignore"):
                step = np.where(f_r > f_below, (f_r - p) / (f_r - f_below), 0.0)
            out[f"{side}_{level:g}"] = np.clip(r - step, 0, None) / exposure * per
    return out


def count_province_years(
    cases: pd.DataFrame,
    headcount: pd.DataFrame,
    *,
    staff: str = "pns",
    series: str | Sequence[str] = "BPS 2023",
    years: Sequence[int] | None = None,
    found_by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Cases per province and incident year, with the province's headcount as exposure.

    Every province of the headcount series gets a row for every year, zeros included, so a
    count model sees the province-years without a reported case too. The cases are those of
    :func:`select_rate_cases` (same staff as the headcount; found by the systematic search
    unless ``found_by`` says otherwise). A year's headcount is the series' figure for that
    year, else for the nearest year (the later one on a tie), so each row's exposure is the
    person-years of that province-year.

    Parameters
    ----------
    years : sequence of int, optional
        Default: from the first to the last incident year in ``cases`` (all of them).

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``year``, ``n``, ``headcount``, ``headcount_year``. ``.attrs``:
        ``n_counted``, ``n_left_out`` (every case not counted), and of these
        ``n_not_found_by``, ``n_other_staff`` and ``n_no_year_or_headcount`` (no incident
        year, outside ``years``, or a province without a headcount).

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_headcount
    >>> cases = load_cases()
    >>> grid = count_province_years(cases, load_headcount())
    >>> int(grid["n"].sum()) + grid.attrs["n_left_out"] == len(cases)
    True
    """
    import pandas as pd

    chosen = select_rate_cases(cases, staff=staff, found_by=found_by)
    years = _case_years(cases, years)
    exposure = _headcount_by_year(headcount, staff=staff, series=series, years=years)
    year = chosen["incident_date"].dt.year
    province = chosen["province_code"].astype(str)
    kept = year.isin(years) & province.isin(set(exposure["province_code"]))
    counts = (pd.DataFrame({"province_code": province[kept], "year": year[kept].astype(int)})
              .value_counts().rename("n"))
    out = exposure.merge(counts.reset_index(), on=["province_code", "year"], how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out = out[["province_code", "year", "n", "headcount", "headcount_year"]]
    n_counted = int(kept.sum())
    out.attrs = {"n_counted": n_counted, "n_left_out": len(cases) - n_counted,
                 "n_not_found_by": chosen.attrs["n_not_found_by"],
                 "n_other_staff": chosen.attrs["n_other_staff"],
                 "n_no_year_or_headcount": int((~kept).sum())}
    return out


def _year_of_cases(cases: pd.DataFrame, sources: pd.DataFrame | None) -> pd.Series:
    """Each case's year for the official comparison: of the incident when known at least to
    the year, else (with ``sources``) of its first day-precise report; NA otherwise."""
    year = cases["incident_date"].dt.year.astype("Int64")
    if sources is not None:
        from asnresearch.derive import find_start_dates

        reported = find_start_dates({"cases": cases, "sources": sources})["first_report_date"]
        year = year.fillna(reported.dt.year.astype("Int64"))
    return year


def _in_area(cases: pd.DataFrame, area: str) -> pd.Series:
    """Cases in an area of the official statistics: ``ID`` (all), a province or a regency."""
    import pandas as pd

    if area == "ID":
        return pd.Series(True, index=cases.index)
    column = "regency_code" if "." in area else "province_code"
    return cases[column].astype(str) == area


def _period_years(period: str) -> list[int]:
    first, _, last = period.partition("-")
    return list(range(int(first), int(last or first) + 1))


def compare_with_official(
    cases: pd.DataFrame,
    statistics: pd.DataFrame,
    *,
    match_years: bool = True,
    sources: pd.DataFrame | None = None,
    found_by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Put the news-derived misconduct mix beside the official figures that give a mix.

    From ``statistics`` (see :func:`asnresearch.io.load_official_statistics`) it takes every
    figure that is part of a stated total (``of_total`` known), belongs to a codebook
    misconduct type, and is not a breakdown inside one type (the neutrality figures, all of
    which are neutrality). Figures of one statement and one type are summed (e.g. two
    absence categories). Beside each, the share of that type among the reported cases of the
    same area (all cases for national figures; cases of the province or regency otherwise)
    and, by default, of the same years as the figure's period, with its Wilson 95% interval.
    The official share is official_n / official_total. Both shares assume the two count
    comparable units (the official ones count persons, complaints or cases; the news, cases).

    Parameters
    ----------
    match_years : bool, default True
        Count only cases whose year (incident, see ``sources``) lies in the figure's period; False
        counts every case of the area, whatever its year (mixing years).
    sources : pandas.DataFrame, optional
        The sources table: a case without an incident year then takes the year of its first
        day-precise report.
    found_by : str or list of str, optional
        Which cases count (:func:`select_found_by`; default: the systematically found ones).

    Returns
    -------
    pandas.DataFrame
        ``publisher``, ``period``, ``area_code``, ``topic``, ``measure``, ``misconduct_type``,
        ``official_n``, ``official_total``, ``official_share``, ``news_n``, ``news_total``,
        ``news_share``, ``news_ci_lower``, ``news_ci_upper``, ``stat_ids``, ``source_url``.
        ``.attrs``: ``match_years``, ``found_by``, ``n_not_found_by`` and ``n_without_year``
        (cases with no year, never counted when years are matched).

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_official_statistics
    >>> table = compare_with_official(load_cases(), load_official_statistics())
    >>> bool((table["official_share"] <= 1).all())
    True
    """
    chosen = select_found_by(cases, found_by=found_by)
    keep = (statistics["of_total"].notna() & (statistics["misconduct_type"] != "not_applicable")
            & (statistics["category"] != "all") & (statistics["topic"] != "neutrality"))
    rows = statistics[keep]
    keys = ["publisher", "period", "area_code", "topic", "measure", "misconduct_type",
            "of_total"]
    grouped = rows.groupby(keys, sort=False).agg(
        official_n=("value", "sum"), stat_ids=("stat_id", " ".join),
        source_url=("source_url", "first")).reset_index()
    grouped = grouped.rename(columns={"of_total": "official_total"})
    grouped["official_share"] = grouped["official_n"] / grouped["official_total"]
    kind = chosen["misconduct_type"].astype(str)
    year = _year_of_cases(chosen, sources)
    news_n, news_total = [], []
    for area, mtype, period in zip(grouped["area_code"], grouped["misconduct_type"],
                                   grouped["period"]):
        scope = _in_area(chosen, area)
        if match_years:
            scope &= year.isin(_period_years(period)).fillna(False).astype(bool)
        news_total.append(int(scope.sum()))
        news_n.append(int((scope & (kind == mtype)).sum()))
    grouped["news_n"], grouped["news_total"] = news_n, news_total
    total = grouped["news_total"]
    grouped["news_share"] = (grouped["news_n"] / total.where(total > 0)).astype("Float64")
    grouped["news_ci_lower"], grouped["news_ci_upper"] = wilson_interval(grouped["news_n"],
                                                                         total)
    order = ["publisher", "period", "area_code", "topic", "measure", "misconduct_type",
             "official_n", "official_total", "official_share", "news_n", "news_total",
             "news_share", "news_ci_lower", "news_ci_upper", "stat_ids", "source_url"]
    out = grouped[order]
    out.attrs = {"match_years": match_years, "found_by": chosen.attrs["found_by"],
                 "n_not_found_by": chosen.attrs["n_not_found_by"],
                 "n_without_year": int(year.isna().sum())}
    return out


def estimate_capture(
    cases: pd.DataFrame,
    statistics: pd.DataFrame,
    *,
    sources: pd.DataFrame | None = None,
    found_by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """How many of the officially counted cases reached the news: capture by matched year.

    For every official figure of one year that counts people or cases (the codebook's
    ``count_units``) of one misconduct type, capture = news_n / official_n, where news_n is
    the number of reported cases of that type, area and year (:func:`compare_with_official`
    says how a case gets its year). The 95% interval is the exact (Garwood) Poisson interval
    of news_n divided by official_n: the official figure is taken as exact. Assumes the
    reported cases are part of the official count; official figures often count persons
    (several per case) and figures of different publishers and dates overlap, so each row
    stands alone and none is summed.

    Returns
    -------
    pandas.DataFrame
        ``stat_id``, ``publisher``, ``period``, ``as_of``, ``area_code``, ``topic``,
        ``measure``, ``category``, ``misconduct_type``, ``unit``, ``official_n``,
        ``news_n``, ``capture``, ``ci_lower``, ``ci_upper``, ``source_url``. ``.attrs``:
        ``found_by``, ``n_not_found_by``, ``n_without_year``.

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_official_statistics
    >>> table = estimate_capture(load_cases(), load_official_statistics())
    >>> inside = (table["ci_lower"] <= table["capture"]) & (table["capture"] <= table["ci_upper"])
    >>> bool(inside.all())
    True
    """
    chosen = select_found_by(cases, found_by=found_by)
    units = load_codebook().rules["count_units"]
    keep = ((statistics["misconduct_type"] != "not_applicable")
            & ~statistics["period"].str.contains("-") & statistics["unit"].isin(units)
            & (statistics["value"] > 0))
    out = statistics.loc[keep, ["stat_id", "publisher", "period", "as_of", "area_code",
                                "topic", "measure", "category", "misconduct_type", "unit",
                                "value", "source_url"]].rename(columns={"value": "official_n"})
    kind = chosen["misconduct_type"].astype(str)
    year = _year_of_cases(chosen, sources)
    out["news_n"] = [
        int((_in_area(chosen, area) & (kind == mtype)
             & (year == int(period)).fillna(False).astype(bool)).sum())
        for area, mtype, period in zip(out["area_code"], out["misconduct_type"], out["period"])]
    lo, hi = poisson_interval(out["news_n"])
    out["capture"] = out["news_n"] / out["official_n"]
    out["ci_lower"], out["ci_upper"] = lo / out["official_n"], hi / out["official_n"]
    order = ["stat_id", "publisher", "period", "as_of", "area_code", "topic", "measure",
             "category", "misconduct_type", "unit", "official_n", "news_n", "capture",
             "ci_lower", "ci_upper", "source_url"]
    out = out[order].reset_index(drop=True)
    out.attrs = {"found_by": chosen.attrs["found_by"],
                 "n_not_found_by": chosen.attrs["n_not_found_by"],
                 "n_without_year": int(year.isna().sum())}
    return out
