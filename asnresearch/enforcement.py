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

from asnresearch.codebook import load_codebook
from asnresearch.regulation import regime_on, sanction_severity

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "build_timelines", "count_stages", "rank_imposed_sanctions", "compare_prescribed_imposed",
]


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
        ``case_id``, ``start_date``, ``start_basis`` and, for each stage of the codebook
        (:meth:`~asnresearch.codebook.Codebook.stages`),
        ``<stage>_date`` (first day-precise step), ``<stage>_observed`` (a step is reported at
        all), ``<stage>_days`` (to the step, or to the cut-off when none is reported; NA when
        no day-precise dates allow it, or when the step comes before the first dated report
        that the clock fell back to) and ``<stage>_note``.
    """
    import pandas as pd

    from asnresearch.derive import derive_cases
    from asnresearch.io import read_cutoff_date

    cutoff_ts = pd.Timestamp(cutoff or read_cutoff_date())
    events = ds["events"]
    derived = derive_cases(ds)
    out = derived[["case_id", "start_date", "start_basis"]].copy()
    start = out["start_date"]
    for stage, actions in load_codebook().stages().items():
        hits = events[events["action"].isin(actions)]
        observed = derived[f"reached_{stage}"]
        day_hits = hits[hits["event_date_precision"] == "day"]
        first_day = day_hits.groupby("case_id")["event_date"].min()
        first = pd.Series(first_day.reindex(out["case_id"]).to_numpy(), index=out.index)
        end = first.where(observed, cutoff_ts)
        days = (end - start).dt.days
        note = pd.Series("", index=out.index)
        note[start.isna()] = "no day-precise surfacing date"
        note[observed & first.isna() & start.notna()] = "step date not day-precise"
        # the loader forbids a step before a known surfacing or incident date, so a step
        # before the start means the clock fell back to a later first report: the lag from
        # surfacing is unknown, not negative
        early = (days < 0).fillna(False)
        note[early] = "step before the first dated report (surfacing date unknown)"
        days[observed & first.isna()] = pd.NA
        days[start.isna() | early] = pd.NA
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
        ``stage`` (``surfaced`` then the codebook's stages), ``n``, ``share`` of all cases.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> funnel = count_stages(load_dataset())
    >>> funnel["n"].is_monotonic_decreasing
    True
    """
    import pandas as pd

    from asnresearch.derive import derive_cases

    cases = ds["cases"]
    cb = load_codebook()
    derived = derive_cases(ds)
    rows = [(cb.rules["start"]["code"], len(cases))]
    rows += [(stage, int(derived[f"reached_{stage}"].sum())) for stage in cb.stages()]
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
    *_, sanction_actions = load_codebook().stages().values()  # the last stage: a sanction
    imposed = events[events["action"].isin(sanction_actions)].copy()
    imposed["severity"] = imposed["sanction_type"].astype(str).map(sanction_severity)
    imposed = imposed.sort_values("severity", ascending=False, na_position="last")
    top = imposed.drop_duplicates("case_id").set_index("case_id")
    out = pd.DataFrame({"case_id": ds["cases"]["case_id"]})
    out["sanction_type"] = (out["case_id"].map(top["sanction_type"].astype(str))
                            .astype(object).fillna("none"))
    out["severity"] = out["case_id"].map(top["severity"]).astype("Int64")
    out.loc[out["sanction_type"] == "none", "severity"] = 0
    return out


def compare_prescribed_imposed(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Prescribed against imposed sanction for every absence case with a reported number of
    days.

    The prescribed sanction comes from :func:`asnresearch.regulation.prescribed_sanction`
    under the regime in force on the date of the breach (the 10-consecutive-day rule applied
    when the absence is coded as one continuous run). The date is the incident date; when
    that is unknown, the earliest date the case is known by (surfacing, first report or first
    official step, at any precision): the breach came no later, and ``date_basis`` says which
    date chose the regime. ``gap`` = imposed severity - prescribed severity on the shared
    ordinal scale: negative means lighter than prescribed (no sanction reported counts as
    severity 0); NA when the imposed sanction's form is not stated. A count coded
    ``at_least`` makes the prescribed sanction a lower bound, and a date known only to the
    year 2021 cannot tell PP 53/2010 from PP 94/2021; ``note`` says so.

    Returns
    -------
    pandas.DataFrame
        ``case_id``, ``absence_days``, ``absence_days_precision``, ``regime``,
        ``regime_date``, ``date_basis``, ``regime_uncertain``, ``prescribed_type``,
        ``prescribed_level``, ``prescribed_severity``, ``imposed_type``,
        ``imposed_severity``, ``gap``, ``note``. ``.attrs["left_out"]`` counts the absence
        cases (the codebook's ``absence_type``, or any case with days) not shown, by
        reason: ``days_unknown`` and ``no_date``.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> table = compare_prescribed_imposed(load_dataset())
    >>> set(table["regime"]) <= {"pp53", "pp94"}
    True
    >>> sorted(table.attrs["left_out"])
    ['days_unknown', 'no_date']
    """
    import pandas as pd

    from asnresearch.regulation import PP94_IN_FORCE, prescribed_sanction

    cases, sources, events = ds["cases"], ds["sources"], ds["events"]
    absence_type = load_codebook().rules["absence_type"]
    absence = cases[(cases["misconduct_type"].astype(str) == absence_type)
                    | cases["absence_days"].notna()]
    known = absence[absence["absence_days"].notna()]
    # the earliest date each case is known by, whatever its precision (a month or a year
    # stands for its first day, which is still no later than the breach's discovery)
    known_by = pd.concat([
        pd.DataFrame({"case_id": cases["case_id"], "date": cases["surfaced_date"],
                      "basis": "surfaced_date"}),
        pd.DataFrame({"case_id": sources["case_id"], "date": sources["published_date"],
                      "basis": "first_report"}),
        pd.DataFrame({"case_id": events["case_id"], "date": events["event_date"],
                      "basis": "first_step"}),
    ]).dropna(subset=["date"]).sort_values("date", kind="stable").drop_duplicates("case_id")
    known_by = known_by.set_index("case_id")
    imposed = rank_imposed_sanctions(ds).set_index("case_id")
    rows, no_date = [], 0
    for case in known.itertuples(index=False):
        if pd.notna(case.incident_date):
            on, basis = case.incident_date.date(), "incident_date"
        elif case.case_id in known_by.index:
            on, basis = (known_by.loc[case.case_id, "date"].date(),
                         known_by.loc[case.case_id, "basis"])
        else:
            no_date += 1
            continue
        days = int(case.absence_days)
        run = days if case.absence_consecutive == "yes" else 0
        prescribed = prescribed_sanction(absence_days=days, consecutive_days=run, on=on)
        notes = []
        if case.absence_days_precision == "at_least":
            notes.append("prescribed is a lower bound (count is a minimum)")
        # a breach known only to the year 2021, or known only to precede a date late in
        # 2021, may fall either side of 31 August 2021
        uncertain = on.year == PP94_IN_FORCE.year and (
            case.incident_date_precision == "year" if basis == "incident_date"
            else on >= PP94_IN_FORCE)
        if uncertain:
            notes.append("year 2021 only: regime uncertain")
        if basis != "incident_date":
            notes.append(f"incident date unknown: regime by the {basis.replace('_', ' ')}")
        p_sev = sanction_severity(prescribed.type) if prescribed else 0
        i_type = imposed.loc[case.case_id, "sanction_type"]
        i_sev = imposed.loc[case.case_id, "severity"]
        rows.append({
            "case_id": case.case_id, "absence_days": days,
            "absence_days_precision": str(case.absence_days_precision),
            "regime": regime_on(on), "regime_date": on, "date_basis": basis,
            "regime_uncertain": uncertain,
            "prescribed_type": prescribed.type if prescribed else "none",
            "prescribed_level": prescribed.level if prescribed else "none",
            "prescribed_severity": p_sev, "imposed_type": i_type, "imposed_severity": i_sev,
            "gap": i_sev - p_sev if pd.notna(i_sev) else pd.NA,
            "note": "; ".join(notes),
        })
    out = pd.DataFrame(rows, columns=[
        "case_id", "absence_days", "absence_days_precision", "regime", "regime_date",
        "date_basis", "regime_uncertain", "prescribed_type", "prescribed_level",
        "prescribed_severity", "imposed_type", "imposed_severity", "gap", "note"])
    for col in ("imposed_severity", "gap"):
        out[col] = out[col].astype("Int64")
    out["regime_uncertain"] = out["regime_uncertain"].astype(bool)
    out.attrs["left_out"] = {"days_unknown": len(absence) - len(known), "no_date": no_date}
    return out
