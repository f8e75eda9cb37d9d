"""Enforcement outcomes: per-case timelines, the stage funnel, and imposed severity.

Durations are counted in calendar days from the day a case surfaced. Only day-precise dates
enter a duration; a case whose start or step is known only to the month gets no duration and
says why in ``*_note``. Cases without a step by the data cut-off are right-censored at the
cut-off: ``*_observed`` is False and the duration runs to the cut-off, so survival methods can
use them instead of dropping them.

Examples
--------
>>> from asnresearch.io import load_dataset
>>> ds = load_dataset()
>>> timelines = build_timelines(ds)
>>> len(timelines) == len(ds["cases"])
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from asnresearch.regulation import sanction_severity

if TYPE_CHECKING:
    import pandas as pd

# Stages of the official response, in the order a case can pass through them, and the
# actions that count as reaching each.
STAGES = {
    "response": ("statement", "clarification", "summons", "investigation_ordered",
                 "examination", "recommendation", "sanction_imposed", "suspension",
                 "salary_withheld", "transfer", "guidance", "arrest", "named_suspect",
                 "conviction", "other"),
    "inquiry": ("clarification", "summons", "investigation_ordered", "examination",
                "recommendation", "sanction_imposed", "suspension", "salary_withheld",
                "named_suspect", "conviction"),
    "examination": ("examination", "recommendation", "sanction_imposed", "conviction"),
    "sanction": ("sanction_imposed",),
}


def _lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``keys.map(values)`` that keeps datetimes (pandas 3 fails to map an empty datetime
    Series)."""
    import pandas as pd

    return pd.Series(values.reindex(keys).to_numpy(), index=keys.index)


def _start_dates(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """When each case surfaced: surfaced_date, else the incident day, else the first report."""
    import pandas as pd

    cases, sources = ds["cases"], ds["sources"]
    day_sources = sources[sources["published_date_precision"] == "day"]
    first_report = day_sources.groupby("case_id")["published_date"].min()
    out = pd.DataFrame({"case_id": cases["case_id"]})
    surfaced = cases["surfaced_date"].where(cases["surfaced_date_precision"] == "day")
    incident = cases["incident_date"].where(cases["incident_date_precision"] == "day")
    reported = _lookup(cases["case_id"], first_report)
    out["start_date"] = surfaced.fillna(incident).fillna(reported)
    out["start_basis"] = (
        surfaced.notna().map({True: "surfaced_date", False: None})
        .fillna(incident.notna().map({True: "incident_date", False: None}))
        .fillna(reported.notna().map({True: "first_report", False: "none"}))
    )
    return out


def build_timelines(
    ds: Mapping[str, pd.DataFrame], *, cutoff: dt.date | None = None
) -> pd.DataFrame:
    """One row per case: days from surfacing to each stage, right-censored at the cut-off.

    Parameters
    ----------
    ds : mapping
        Tables from :func:`asnresearch.io.load_dataset`.
    cutoff : datetime.date, optional
        Censoring date; default the data cut-off in ``datapackage.json``.

    Returns
    -------
    pandas.DataFrame
        ``case_id``, ``start_date``, ``start_basis`` and, for each stage in :data:`STAGES`,
        ``<stage>_date`` (first day-precise step), ``<stage>_observed`` (a step is reported at
        all), ``<stage>_days`` (to the step, or to the cut-off when none is reported; NA when
        no day-precise dates allow it) and ``<stage>_note``.
    """
    import pandas as pd

    from asnresearch.io import read_cutoff_date

    cutoff_ts = pd.Timestamp(cutoff or read_cutoff_date())
    events = ds["events"]
    out = _start_dates(ds)
    start = out["start_date"]
    for stage, actions in STAGES.items():
        hits = events[events["action"].isin(actions)]
        observed = out["case_id"].isin(hits["case_id"])
        day_hits = hits[hits["event_date_precision"] == "day"]
        first = _lookup(out["case_id"], day_hits.groupby("case_id")["event_date"].min())
        end = first.where(observed, cutoff_ts)
        days = (end - start).dt.days
        note = pd.Series("", index=out.index)
        note[start.isna()] = "no day-precise surfacing date"
        note[observed & first.isna() & start.notna()] = "step date not day-precise"
        days[observed & first.isna()] = pd.NA
        days[start.isna()] = pd.NA
        out[f"{stage}_date"] = first
        out[f"{stage}_observed"] = observed.to_numpy()
        out[f"{stage}_days"] = days.astype("Int64")
        out[f"{stage}_note"] = note
    return out


def count_stages(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The enforcement funnel: how many cases reached each stage.

    Returns
    -------
    pandas.DataFrame
        ``stage`` (``surfaced`` then the keys of :data:`STAGES`), ``n``, ``share`` of all cases.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> funnel = count_stages(load_dataset())
    >>> funnel["n"].is_monotonic_decreasing
    True
    """
    import pandas as pd

    cases, events = ds["cases"], ds["events"]
    rows = [("surfaced", len(cases))]
    for stage, actions in STAGES.items():
        rows.append((stage, events.loc[events["action"].isin(actions), "case_id"].nunique()))
    out = pd.DataFrame(rows, columns=["stage", "n"])
    out["share"] = out["n"] / len(cases)
    return out


def rank_imposed_sanctions(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The most severe imposed sanction of each case on the shared ordinal scale.

    Returns
    -------
    pandas.DataFrame
        ``case_id``, ``sanction_type`` (most severe ranked one, or the first unranked one),
        ``severity`` (0 when nothing was imposed; NA when a sanction's form is not stated).
    """
    import pandas as pd

    events = ds["events"]
    imposed = events[events["action"] == "sanction_imposed"].copy()
    imposed["severity"] = imposed["sanction_type"].astype(str).map(sanction_severity)
    imposed = imposed.sort_values("severity", ascending=False, na_position="last")
    top = imposed.drop_duplicates("case_id").set_index("case_id")
    out = pd.DataFrame({"case_id": ds["cases"]["case_id"]})
    out["sanction_type"] = out["case_id"].map(top["sanction_type"].astype(str)).fillna("none")
    out["severity"] = out["case_id"].map(top["severity"]).astype("Int64")
    out.loc[out["sanction_type"] == "none", "severity"] = 0
    return out


def compare_prescribed_imposed(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Prescribed against imposed sanction for cases with a reported number of absence days.

    The prescribed sanction comes from :func:`asnresearch.regulation.prescribed_sanction`
    (regime chosen by the incident date; the 10-consecutive-day rule applied when the absence
    is coded as one continuous run). ``gap`` = imposed severity - prescribed severity on the
    shared ordinal scale: negative means lighter than prescribed. A count coded ``at_least``
    makes the prescribed sanction a lower bound, and a date known only to the year 2021 cannot
    tell PP 53/2010 from PP 94/2021; ``note`` says so.

    Returns
    -------
    pandas.DataFrame
        ``case_id``, ``absence_days``, ``absence_days_precision``, ``regime``,
        ``prescribed_type``, ``prescribed_level``, ``prescribed_severity``, ``imposed_type``,
        ``imposed_severity``, ``gap``, ``note``.
    """
    import pandas as pd

    from asnresearch.regulation import PP94_IN_FORCE, prescribed_sanction

    cases = ds["cases"]
    known = cases[cases["absence_days"].notna() & cases["incident_date"].notna()]
    imposed = rank_imposed_sanctions(ds).set_index("case_id")
    rows = []
    for case in known.itertuples(index=False):
        days = int(case.absence_days)
        run = days if case.absence_consecutive == "yes" else 0
        on = case.incident_date.date()
        prescribed = prescribed_sanction(absence_days=days, consecutive_days=run, on=on)
        notes = []
        if case.absence_days_precision == "at_least":
            notes.append("prescribed is a lower bound (count is a minimum)")
        if case.incident_date_precision == "year" and on.year == PP94_IN_FORCE.year:
            notes.append("year 2021 only: regime uncertain")
        p_sev = sanction_severity(prescribed.type) if prescribed else 0
        i_type = imposed.loc[case.case_id, "sanction_type"]
        i_sev = imposed.loc[case.case_id, "severity"]
        rows.append({
            "case_id": case.case_id, "absence_days": days,
            "absence_days_precision": str(case.absence_days_precision),
            "regime": prescribed.regime if prescribed else None,
            "prescribed_type": prescribed.type if prescribed else "none",
            "prescribed_level": prescribed.level if prescribed else "none",
            "prescribed_severity": p_sev, "imposed_type": i_type, "imposed_severity": i_sev,
            "gap": i_sev - p_sev if pd.notna(i_sev) else pd.NA,
            "note": "; ".join(notes),
        })
    out = pd.DataFrame(rows, columns=[
        "case_id", "absence_days", "absence_days_precision", "regime", "prescribed_type",
        "prescribed_level", "prescribed_severity", "imposed_type", "imposed_severity", "gap",
        "note"])
    for col in ("imposed_severity", "gap"):
        out[col] = out[col].astype("Int64")
    return out
