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
from collections.abc import Sequence
from typing import TYPE_CHECKING

from asnresearch.codebook import load_codebook

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Z95", "AFTER_LEBARAN_WORKING_DAYS", "LONG_BREAK_DAYS", "DERIVED", "wilson_interval",
    "poisson_interval", "add_derived_columns", "count_cases", "surfacing_mix", "tag_calendar",
    "calendar_profile", "rate_per_asn", "count_province_years", "compare_with_official",
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
    import numpy as np
    from scipy.stats import chi2

    k = np.asarray(k, dtype=float)
    alpha = 1 - level
    lo = np.where(k > 0, chi2.ppf(alpha / 2, 2 * k) / 2, 0.0)
    hi = chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
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
        Use the codebook's ``channel`` grouping (viral, inspection, report, other).
    """
    column = "channel" if grouped else "surfaced_via"
    if by is None:
        return count_cases(cases, by=column)
    return count_cases(cases, by=[by, column], within=by)


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
    from asnresearch.regulation import is_working_day, ramadan_days

    weekdays = load_codebook().weekdays("en")
    dated = cases[cases["incident_date_precision"].astype(str) == "day"]
    working = derive_working_time(dated)
    rows = []
    for case, working_time in zip(dated.itertuples(index=False), working):
        day = case.incident_date.date()
        time = str(case.incident_time)
        hour = pd.NA if time == load_codebook().unknown else int(time.split(".")[0])
        first, last = ramadan_days(day.year)
        rows.append({
            "case_id": case.case_id, "date": pd.Timestamp(day), "weekday": weekdays[day.weekday()],
            "hour": hour, "working_day": is_working_day(day), "working_time": working_time,
            "ramadan": first <= day <= last,
            "after_lebaran": _after_lebaran(day),
            "after_long_break": _after_long_break(day),
        })
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


def calendar_profile(cases: pd.DataFrame, *, by: str = "weekday") -> pd.DataFrame:
    """When incidents happen: counts and shares over one calendar facet.

    Parameters
    ----------
    by : {'weekday', 'hour', 'weekday_hour', 'working_day', 'working_time', 'ramadan',
          'after_lebaran', 'after_long_break'}
        The facet of :func:`tag_calendar`; ``weekday_hour`` crosses the two for a heat map.

    Returns
    -------
    pandas.DataFrame
        The facet's column(s), ``n``, ``share`` and Wilson 95% ``ci_lower``/``ci_upper``,
        over cases with a day-precise date (``hour`` facets: over cases with a stated time).
        ``.attrs`` holds ``n`` (cases counted) and ``n_left_out`` (cases without the needed
        date or time).

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
    tags = tag_calendar(cases)
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
    out.attrs = {"n": len(tags), "n_left_out": len(cases) - len(tags)}
    return out


def rate_per_asn(
    cases: pd.DataFrame,
    headcount: pd.DataFrame,
    *,
    staff: str = "pns",
    series: str = "BPS 2023",
    per: int = 100_000,
) -> pd.DataFrame:
    """Reported cases per ``per`` civil servants, by province, where a headcount exists.

    rate = n / headcount × per, with the exact Poisson interval of n scaled the same way. The
    count covers every case in ``cases`` (the whole period); the denominator is one headcount
    per province: the latest year of ``series`` for ``staff`` (default BPS 2023, the one series
    with all 38 provinces; ``"BKN semester I 2023"`` has eleven). Where a series lacks a
    province, the province keeps its count but gets no rate, and the result says how many
    cases that leaves out.

    Parameters
    ----------
    cases : pandas.DataFrame
    headcount : pandas.DataFrame
        From :func:`asnresearch.io.load_headcount`.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``n``, ``headcount``, ``headcount_year``, ``headcount_source``,
        ``rate``, ``ci_lower``, ``ci_upper`` (NA without a headcount), ``has_denominator``.
        ``.attrs``: ``cases_with_denominator``, ``cases_without_denominator`` (including cases
        with no known province), ``provinces_with_denominator``, ``per``, ``staff``,
        ``series``.

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_headcount
    >>> rates = rate_per_asn(load_cases(), load_headcount(), series="BKN semester I 2023")
    >>> rates.attrs["provinces_with_denominator"]
    11
    """
    import pandas as pd

    latest = _latest_headcount(headcount, staff=staff, series=series)
    province = cases["province_code"].astype(str)
    counts = province[province != "unknown"].value_counts().sort_index()
    out = pd.DataFrame({"province_code": counts.index, "n": counts.to_numpy(dtype="int64")})
    out["headcount"] = out["province_code"].map(latest["count"]).astype("Int64")
    out["headcount_year"] = out["province_code"].map(latest["year"]).astype("Int64")
    out["headcount_source"] = out["province_code"].map(latest["source_url"])
    out["has_denominator"] = out["headcount"].notna()
    lo, hi = poisson_interval(out["n"])
    scale = (per / out["headcount"].astype("Float64"))
    out["rate"] = out["n"] * scale
    out["ci_lower"] = lo * scale
    out["ci_upper"] = hi * scale
    with_den = int(out.loc[out["has_denominator"], "n"].sum())
    out.attrs = {
        "cases_with_denominator": with_den,
        "cases_without_denominator": len(cases) - with_den,
        "provinces_with_denominator": int(out["has_denominator"].sum()),
        "per": per, "staff": staff, "series": series,
    }
    return out.sort_values(["has_denominator", "rate", "n"], ascending=[False, False, False],
                           ignore_index=True)


def _latest_headcount(headcount: pd.DataFrame, *, staff: str, series: str) -> pd.DataFrame:
    """The latest row of one headcount series for each province, indexed by province code."""
    rows = headcount[(headcount["staff"] == staff) & (headcount["area_code"] != "ID")
                     & (headcount["series"] == series)]
    return (rows.sort_values(["area_code", "year"]).drop_duplicates("area_code", keep="last")
            .set_index("area_code"))


def count_province_years(
    cases: pd.DataFrame,
    headcount: pd.DataFrame,
    *,
    staff: str = "pns",
    series: str = "BPS 2023",
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Cases per province and incident year, with the province's headcount as exposure.

    Every province of the headcount series gets a row for every year, zeros included, so a
    count model sees the province-years without a reported case too. The headcount is the
    series' latest figure for the province, used for every year (the series is too sparse
    for year-by-year denominators).

    Parameters
    ----------
    years : sequence of int, optional
        Default: from the first to the last incident year in ``cases``.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``year``, ``n``, ``headcount``. ``.attrs``: ``n_counted`` and
        ``n_left_out`` (no incident year, outside ``years``, or no headcount).

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_headcount
    >>> cases = load_cases()
    >>> grid = count_province_years(cases, load_headcount())
    >>> int(grid["n"].sum()) + grid.attrs["n_left_out"] == len(cases)
    True
    """
    import pandas as pd

    exposure = _latest_headcount(headcount, staff=staff, series=series)["count"]
    year = cases["incident_date"].dt.year
    if years is None:
        years = range(int(year.min()), int(year.max()) + 1)
    years = list(years)
    province = cases["province_code"].astype(str)
    kept = year.isin(years) & province.isin(exposure.index)
    counts = pd.crosstab(province[kept], year[kept].astype(int))
    full = pd.MultiIndex.from_product([sorted(exposure.index), years],
                                      names=["province_code", "year"])
    stacked = counts.stack() if len(counts) else pd.Series(dtype="int64")
    stacked.index.names = ["province_code", "year"]
    out = stacked.reindex(full, fill_value=0).rename("n").reset_index()
    out["n"] = out["n"].astype("int64")
    out["headcount"] = out["province_code"].map(exposure).astype("int64")
    out.attrs = {"n_counted": int(kept.sum()), "n_left_out": int((~kept).sum())}
    return out


def compare_with_official(cases: pd.DataFrame, statistics: pd.DataFrame) -> pd.DataFrame:
    """Put the news-derived misconduct mix beside the official figures that give a mix.

    From ``statistics`` (see :func:`asnresearch.io.load_official_statistics`) it takes every
    figure that is part of a stated total (``of_total`` known), belongs to a codebook
    misconduct type, and is not a breakdown inside one type (the neutrality figures, all of
    which are neutrality). Figures of one statement and one type are summed (e.g. two
    absence categories). Beside each, the share of that type among the reported cases of the
    same area (all cases for national figures; cases of the province or regency otherwise),
    over the whole dataset, with its Wilson 95% interval. The official share is
    official_n / official_total.

    Returns
    -------
    pandas.DataFrame
        ``publisher``, ``period``, ``area_code``, ``topic``, ``measure``, ``misconduct_type``,
        ``official_n``, ``official_total``, ``official_share``, ``news_n``, ``news_total``,
        ``news_share``, ``news_ci_lower``, ``news_ci_upper``, ``stat_ids``, ``source_url``.

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_official_statistics
    >>> table = compare_with_official(load_cases(), load_official_statistics())
    >>> bool((table["official_share"] <= 1).all())
    True
    """
    import pandas as pd

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
    province, regency = cases["province_code"].astype(str), cases["regency_code"].astype(str)
    kind = cases["misconduct_type"].astype(str)
    news_n, news_total = [], []
    for area, mtype in zip(grouped["area_code"], grouped["misconduct_type"]):
        scope = (pd.Series(True, index=cases.index) if area == "ID"
                 else (regency == area) if "." in area else (province == area))
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
    return grouped[order]
