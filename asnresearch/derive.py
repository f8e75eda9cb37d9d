"""The derived columns every research question shares, computed once.

Which stage each case reached, its surfacing channel and other codebook groupings, whether
the incident fell in working hours, the regime in force, national coverage, and the day the
case surfaced: :func:`derive_cases` gives them one row per case. Patterns, enforcement,
models, reactions and the brief read them from here instead of deriving their own copies.

Examples
--------
>>> from asnresearch.io import load_dataset
>>> ds = load_dataset()
>>> derived = derive_cases(ds)
>>> len(derived) == len(ds["cases"]), list(derived.columns[:3])
(True, ['case_id', 'incident_year', 'incident_month'])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from asnresearch.codebook import load_codebook

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GROUPINGS", "bound_dates", "derive_case_columns", "derive_cases",
           "derive_working_time", "find_first_steps", "find_start_dates", "order_steps"]

# The groupings of the codebook that every question uses.
GROUPINGS = ("channel", "misconduct_group", "level_group")


def _lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``keys.map(values)`` that keeps datetimes (pandas 3 fails to map an empty datetime
    Series)."""
    import pandas as pd

    return pd.Series(values.reindex(keys).to_numpy(), index=keys.index)


def derive_case_columns(cases: pd.DataFrame) -> pd.DataFrame:
    """The columns derived from the cases table alone, one row per case (same index).

    Returns
    -------
    pandas.DataFrame
        ``case_id``; ``incident_year`` and ``incident_month`` (text, ``unknown`` where the
        date is not that precise); the codebook's groupings ``channel``,
        ``misconduct_group``, ``level_group`` (missing where a code maps to no group, e.g.
        an unknown government level); ``working_time`` (``yes``/``no`` from a stated time on
        a day-precise date under Perpres 21/2023, else ``unknown``); ``regime`` (the
        discipline regulation in force on the incident date as stored, ``unknown`` without
        one; a date known only to the year 2021 cannot tell the two apart, see
        :func:`asnresearch.enforcement.compare_prescribed_imposed`).

    Examples
    --------
    >>> import pandas as pd
    >>> cases = pd.DataFrame({"case_id": ["A", "B"],
    ...     "incident_date": pd.to_datetime(["2025-12-22", None]),
    ...     "incident_date_precision": ["day", "unknown"], "incident_time": ["10.00", "unknown"],
    ...     "surfaced_via": ["viral_video", "audit"], "misconduct_type": ["drugs", "drugs"],
    ...     "government_level": ["regency", "unknown"]})
    >>> derive_case_columns(cases)[["channel", "level_group", "working_time", "regime"]]
              channel level_group working_time   regime
    0           viral       local          yes     pp94
    1  official_found         NaN      unknown  unknown
    """
    import pandas as pd

    from asnresearch.regulation import PP53_IN_FORCE, regime_on

    cb = load_codebook()
    out = pd.DataFrame({"case_id": cases["case_id"]}, index=cases.index)
    date, precision = cases["incident_date"], cases["incident_date_precision"].astype(str)
    out["incident_year"] = date.dt.year.astype("Int64").astype("string").fillna(cb.unknown)
    month = date.dt.strftime("%Y-%m").astype("string")
    out["incident_month"] = month.where(precision.isin(["day", "month"])).fillna(cb.unknown)
    for name in GROUPINGS:
        out[name] = cases[cb.grouped_column(name)].astype(str).map(cb.grouping(name))
    out["working_time"] = derive_working_time(cases).to_numpy()
    out["regime"] = [regime_on(d) if pd.notna(d) and d.date() >= PP53_IN_FORCE else cb.unknown
                     for d in date]
    return out


def derive_working_time(cases: pd.DataFrame) -> pd.Series:
    """Whether each incident fell in working hours (Perpres 21/2023, as the codebook times
    them): ``yes`` or ``no`` from a stated ``incident_time`` on a day-precise
    ``incident_date``, else ``unknown``; same index as ``cases``.

    Examples
    --------
    >>> import pandas as pd
    >>> cases = pd.DataFrame({"incident_date": pd.to_datetime(["2025-12-22", "2025-12-20"]),
    ...                       "incident_date_precision": ["day", "day"],
    ...                       "incident_time": ["10.00", "10.00"]})
    >>> list(derive_working_time(cases))  # a Monday, a Saturday
    ['yes', 'no']
    """
    import datetime as dt

    import pandas as pd

    from asnresearch.regulation import is_working_time

    unknown = load_codebook().unknown
    working = []
    for day, prec, time in zip(cases["incident_date"],
                               cases["incident_date_precision"].astype(str),
                               cases["incident_time"].astype(str)):
        if prec != "day" or time == unknown:
            working.append(unknown)
            continue
        hh, mm = (int(x) for x in time.split("."))
        clock = dt.datetime.combine(day.date(), dt.time(hh, mm))
        working.append("yes" if is_working_time(clock) else "no")
    return pd.Series(working, index=cases.index, dtype=object)


def find_start_dates(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Each case's time origin: the day it surfaced, else the day of its first dated report.

    The one origin of every duration in the package (see :mod:`asnresearch.enforcement`).
    Only day-precise dates count; the incident date never does (a breach can come long
    before anyone knew of it, so it would time the news, not the officials).

    Returns
    -------
    pandas.DataFrame
        ``case_id``, ``start_date`` (NaT when neither date is known to the day),
        ``start_basis`` (``surfaced_date``, ``first_report`` or ``none``) and
        ``first_report_date`` (earliest day-precise ``published_date`` of its sources).

    Examples
    --------
    >>> import pandas as pd
    >>> ds = {"cases": pd.DataFrame({"case_id": ["A", "B", "C"],
    ...           "surfaced_date": pd.to_datetime(["2025-01-02", "2025-01-01", None]),
    ...           "surfaced_date_precision": ["day", "month", "unknown"]}),
    ...       "sources": pd.DataFrame({"case_id": ["A", "B", "B"],
    ...           "published_date": pd.to_datetime(["2025-01-03", "2025-01-09", "2025-01-05"]),
    ...           "published_date_precision": ["day", "day", "day"]})}
    >>> find_start_dates(ds)[["start_date", "start_basis"]]
      start_date    start_basis
    0 2025-01-02  surfaced_date
    1 2025-01-05   first_report
    2        NaT           none
    """
    import pandas as pd

    cases, sources = ds["cases"], ds["sources"]
    day_sources = sources[sources["published_date_precision"] == "day"]
    first_report = day_sources.groupby("case_id")["published_date"].min()
    out = pd.DataFrame({"case_id": cases["case_id"]})
    surfaced = cases["surfaced_date"].where(cases["surfaced_date_precision"] == "day")
    reported = _lookup(cases["case_id"], first_report)
    out["start_date"] = surfaced.fillna(reported)
    out["start_basis"] = (surfaced.notna().map({True: "surfaced_date", False: None})
                          .fillna(reported.notna().map({True: "first_report", False: "none"})))
    out["first_report_date"] = reported
    return out


def bound_dates(dates: pd.Series, precision: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The first and the last day each date of a given precision can stand for: the day
    itself, or the whole month or year it is dated to (NaT when the precision is unknown).

    Examples
    --------
    >>> import pandas as pd
    >>> first, last = bound_dates(pd.to_datetime(pd.Series(["2024-05-01", "2024-01-01"])),
    ...                           pd.Series(["month", "year"]))
    >>> [d.date().isoformat() for d in last]
    ['2024-05-31', '2024-12-31']
    """
    import pandas as pd

    precision = precision.astype(str)
    first = dates.where(precision.isin(["day", "month", "year"]))
    last = first.copy()
    last[precision == "month"] = first[precision == "month"] + pd.offsets.MonthEnd(0)
    last[precision == "year"] = first[precision == "year"] + pd.offsets.YearEnd(0)
    return first, last


def order_steps(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """A case's official steps in the order they happened (rule A13 of the coding guide).

    Each step's date allows a span of days: its day, or the whole month or year it is dated
    to; an undated step is dated by the source that tells it (the coding guide's rule on
    dates). A report cannot tell a step not yet taken (A8), so no span ends after the
    publication of its source. A step comes before another when its span ends before the
    other's begins; steps whose spans overlap (one day, or a month holding a dated day)
    follow the codebook's order of actions (``rules.orders.action``: the data hold no time
    of day). So the first step is, of the steps that no other step surely preceded, the one
    first in that order; the next is chosen the same way from the rest. Steps without any
    date, their source's included, come last, in the order of actions.

    Parameters
    ----------
    ds : mapping
        ``events`` (``case_id``, ``event_id``, ``event_date`` typed as by
        :func:`asnresearch.io.load_dataset`, ``event_date_precision``, ``action``,
        ``source_id``) and ``sources`` (``source_id``, ``published_date``,
        ``published_date_precision``).

    Returns
    -------
    pandas.DataFrame
        The events, sorted by case and then in step order (the index is kept), with
        ``earliest_date`` and ``latest_date``, the span each step is placed in (NaT:
        no date).

    Examples
    --------
    A named suspect dated only to May, an arrest and a statement on 22 May: the month
    holds the arrest's day, and an arrest comes first in the order of actions.

    >>> import pandas as pd
    >>> events = pd.DataFrame({"case_id": ["A", "A", "A"], "event_id": ["E1", "E2", "E3"],
    ...     "event_date": pd.to_datetime(["2024-05-01", "2024-05-22", "2024-05-22"]),
    ...     "event_date_precision": ["month", "day", "day"],
    ...     "action": ["named_suspect", "statement", "arrest"], "source_id": ["S1"] * 3})
    >>> sources = pd.DataFrame({"source_id": ["S1"],
    ...     "published_date": pd.to_datetime(["2024-05-30"]), "published_date_precision": ["day"]})
    >>> order_steps({"events": events, "sources": sources})[["event_id", "action"]]
      event_id         action
    2       E3         arrest
    0       E1  named_suspect
    1       E2      statement
    """
    import pandas as pd

    events, sources = ds["events"], ds["sources"]
    by_id = sources.set_index("source_id")
    told_first, told_last = (_lookup(events["source_id"], s) for s in
                             bound_dates(by_id["published_date"],
                                         by_id["published_date_precision"]))
    first, last = bound_dates(events["event_date"], events["event_date_precision"])
    undated = first.isna()
    first, last = first.where(~undated, told_first), last.where(~undated, told_last)
    last = last.where(~(told_last < last), told_last)
    rank = {action: i for i, action in enumerate(load_codebook().order("action"))}
    steps = events.assign(earliest_date=first, latest_date=last,
                          _rank=events["action"].astype(str).map(rank))
    order = []
    for _, case in steps.sort_values(["case_id", "_rank", "latest_date", "event_id"]).groupby(
            "case_id", sort=True):
        rest = case
        while len(rest):
            bound = rest["latest_date"].min()  # NaT only when no step of the rest is dated
            open_ = rest[rest["earliest_date"] <= bound] if pd.notna(bound) else rest
            pick = open_.index[0]  # first in the order of actions, then by date and id
            order.append(pick)
            rest = rest.drop(pick)
    return steps.loc[order].drop(columns="_rank")


def find_first_steps(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Each case's first official step by :func:`order_steps` (rule A13), indexed by
    ``case_id``; cases without a step are absent.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> ds = load_dataset()
    >>> first = find_first_steps(ds)
    >>> first.index.is_unique, set(first.index) == set(ds["events"]["case_id"])
    (True, True)
    """
    return order_steps(ds).drop_duplicates("case_id").set_index("case_id")


def derive_cases(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every derived column of a case, one row per case in the order of the cases table.

    Parameters
    ----------
    ds : mapping
        Tables from :func:`asnresearch.io.load_dataset` (``cases``, ``sources``,
        ``events``).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`derive_case_columns`; ``reached_<stage>`` for each stage of
        :meth:`~asnresearch.codebook.Codebook.stages` (a step of that stage is reported);
        ``stage_reached`` (the furthest stage reached, in the codebook's order; its start,
        ``surfaced``, when none); ``final_outcome`` (a step that ends a case is reported: the
        codebook's rule ``final_actions``); ``national_coverage`` (any source is a national
        outlet);
        ``start_date``, ``start_basis`` and ``first_report_date`` (:func:`find_start_dates`).

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> derived = derive_cases(load_dataset())
    >>> bool((derived["reached_sanction"] <= derived["reached_response"]).all())
    True
    """
    import numpy as np

    cb = load_codebook()
    cases, events, sources = ds["cases"], ds["events"], ds["sources"]
    out = derive_case_columns(cases).reset_index(drop=True)
    stage_reached = np.full(len(out), cb.rules["start"]["code"], dtype=object)
    for stage, actions in cb.stages().items():
        hit = events.loc[events["action"].isin(actions), "case_id"]
        reached = out["case_id"].isin(hit).to_numpy()
        out[f"reached_{stage}"] = reached
        stage_reached[reached] = stage
    out["stage_reached"] = stage_reached
    final = events.loc[events["action"].isin(cb.rules["final_actions"]), "case_id"]
    out["final_outcome"] = out["case_id"].isin(final)
    national = sources.loc[sources["outlet_scale"] == cb.rules["national_outlet"], "case_id"]
    out["national_coverage"] = out["case_id"].isin(national)
    starts = find_start_dates(ds)
    out["start_date"] = starts["start_date"].to_numpy()
    out["start_basis"] = starts["start_basis"].to_numpy()
    out["first_report_date"] = starts["first_report_date"].to_numpy()
    return out
