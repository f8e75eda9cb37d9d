"""Enforcement outcomes: per-case timelines, the stage funnel, and imposed severity.

**The time origin.** Every duration is counted in calendar days from one origin per case:
the day the case surfaced (``surfaced_date``, when known to the day), else the day of its
first dated report (the earliest day-precise ``published_date`` of its sources);
:func:`asnresearch.derive.find_start_dates` applies the rule. The incident date is never
the origin. A case with neither date has no origin and no duration. An official step dated
before the origin (the surfacing day is unknown and the clock fell back to a later report,
or the step itself surfaced the case) is counted as day 0, and ``<stage>_before_origin``
says so.

**Censoring.** A case without a reported step is right-censored at its last follow-up: the
latest date its sources were published or a step of it happened (a date known to the month
or year stands for its first day), never after the data cut-off. News follow-up, not the
cut-off, is how long anyone could have seen a step.

**Imprecise dates.** ``<stage>_days`` is the day-precise time that Kaplan-Meier and Cox
use. ``<stage>_lower`` and ``<stage>_upper`` bound the first step for interval-censored
methods (:func:`asnresearch.survival.estimate_turnbull`): a step dated to the month lies in
that month, an undated one between the origin and the publication of the source that
reported it (else the cut-off); a censored case has ``lower`` = its follow-up and
``upper`` = inf.

Examples
--------
>>> from asnresearch.io import load_dataset
>>> ds = load_dataset()
>>> timelines = build_timelines(ds)
>>> len(timelines) == len(ds["cases"])
True
>>> timed = timelines.dropna(subset=["response_lower"])
>>> bool((timed["response_lower"] <= timed["response_upper"]).all())
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
    "build_timelines", "share_same_day", "estimate_stage_incidence", "count_stages",
    "rank_imposed_sanctions", "compare_prescribed_imposed",
]


def build_timelines(
    ds: Mapping[str, pd.DataFrame], *, cutoff: dt.date | None = None, censor: str = "last_report"
) -> pd.DataFrame:
    """One row per case: days from its origin to each stage, censored at its last follow-up.

    Parameters
    ----------
    ds : mapping
        Tables from :func:`asnresearch.io.load_dataset`.
    cutoff : datetime.date, optional
        The data cut-off, the latest any follow-up runs; default the cut-off in
        ``datapackage.json``.
    censor : {'last_report', 'cutoff'}
        Where a case without a step is censored: at its last follow-up (default), or at
        the cut-off. Neither is neutral: a reported step usually brings its own report,
        so cases with a step are followed longer than cases without one and censoring at
        the last follow-up overstates how often steps come (informative censoring);
        censoring at the cut-off assumes any step until then would have been reported,
        and understates it. The two bracket the truth.

    Returns
    -------
    pandas.DataFrame
        Per case: ``case_id``, ``surfaced_via``, ``channel``, ``official_act`` (the
        surfacing is itself an official act: the codebook's ``official_act_channels``),
        ``start_date`` and ``start_basis`` (the origin, see the module docstring),
        ``first_report_date``, ``follow_up_date`` and ``follow_up_days`` (the last
        follow-up), ``entered_by_<last stage>`` (a step of the codebook's last stage, a
        sanction, surely happened on or before the first dated report: the case may have
        entered the data through it). Per stage of the codebook
        (:meth:`~asnresearch.codebook.Codebook.stages`): ``<stage>_date`` (first
        day-precise step), ``<stage>_observed`` (a step is reported at all),
        ``<stage>_days`` (to that step, at least 0; to the last follow-up when no step is
        reported, or to the cut-off with ``censor="cutoff"``; NA without an origin or when
        the step's date is not day-precise),
        ``<stage>_before_origin``, ``<stage>_lower`` and ``<stage>_upper`` (whole days
        bounding the first step; ``upper`` inf when censored), ``<stage>_in_first_report``
        (a step of the stage is told in a source published on the day of the case's first
        report: a same-day step there is partly how news is written) and ``<stage>_note``.
    """
    import numpy as np
    import pandas as pd

    from asnresearch.derive import bound_dates, derive_cases
    from asnresearch.io import read_cutoff_date

    if censor not in ("last_report", "cutoff"):
        raise ValueError(f"censor must be 'last_report' or 'cutoff', got {censor!r}")
    cb = load_codebook()
    cutoff_ts = pd.Timestamp(cutoff or read_cutoff_date())
    cases, events, sources = ds["cases"], ds["events"], ds["sources"]
    derived = derive_cases(ds)
    out = derived[["case_id", "channel", "start_date", "start_basis",
                   "first_report_date"]].copy()
    out.insert(1, "surfaced_via", cases["surfaced_via"].astype(str).to_numpy())
    out.insert(3, "official_act", out["surfaced_via"].isin(cb.official_act_channels()))
    start = out["start_date"]
    ids = out["case_id"]

    def per_case(values: pd.Series, keys: pd.Series, how: str) -> pd.Series:
        grouped = getattr(pd.Series(values.to_numpy(), index=keys.to_numpy())
                          .groupby(level=0), how)()
        return pd.Series(grouped.reindex(ids).to_numpy(), index=out.index)

    def days_from_start(dates: pd.Series) -> pd.Series:
        return (dates - start).dt.days.astype(float).clip(lower=0)

    # last follow-up: the latest source or step, a month or year standing for its first day
    src_first, src_last = bound_dates(sources["published_date"],
                                      sources["published_date_precision"])
    ev_first, ev_last = bound_dates(events["event_date"], events["event_date_precision"])
    latest = pd.concat([per_case(src_first, sources["case_id"], "max"),
                        per_case(ev_first, events["case_id"], "max")], axis=1).max(axis=1)
    follow_up = latest.clip(upper=cutoff_ts).where(start.notna())
    follow_up = follow_up.where(follow_up >= start, start)
    out["follow_up_date"] = follow_up
    out["follow_up_days"] = days_from_start(follow_up).astype("Int64")

    # each step lies between the first and last day its date allows, and no later than
    # the publication of the source that reported it (or the cut-off)
    reported_by = events["source_id"].map(src_last.set_axis(sources["source_id"]))
    # a source dated before the step's own earliest day contradicts it: no bound from it
    reported_by = reported_by.where(~(reported_by < ev_first))
    step_last = ev_last.fillna(reported_by.where(reported_by.notna(), cutoff_ts))
    step_last = pd.concat([step_last, reported_by], axis=1).min(axis=1).clip(upper=cutoff_ts)

    # each step's bounds in days from its case's origin; an undated step may have come as
    # early as the origin (day 0)
    ev_start = pd.Series(start.set_axis(ids).reindex(events["case_id"]).to_numpy(),
                         index=events.index)
    step_lo = (ev_first - ev_start).dt.days.astype(float).clip(lower=0)
    step_lo = step_lo.fillna(0).where(ev_start.notna())
    step_hi = (step_last - ev_start).dt.days.astype(float).clip(lower=0)

    # a step told in a source published on the case's first-report day: the news item that
    # made the case known already carried it
    src_day = sources["published_date"].where(sources["published_date_precision"] == "day")
    told_on = events["source_id"].map(src_day.set_axis(sources["source_id"]))
    ev_first_report = events["case_id"].map(out.set_index("case_id")["first_report_date"])
    told_first = (told_on == ev_first_report).fillna(False)

    end = follow_up if censor == "last_report" else pd.Series(cutoff_ts, index=out.index)
    censored = days_from_start(end.where(start.notna()))
    stages = cb.stages()
    for stage, actions in stages.items():
        hit = events["action"].isin(actions)
        observed = derived[f"reached_{stage}"].to_numpy()
        day = hit & (events["event_date_precision"] == "day")
        first = per_case(events.loc[day, "event_date"], events.loc[day, "case_id"], "min")
        lower = per_case(step_lo[hit], events.loc[hit, "case_id"], "min")
        upper = per_case(step_hi[hit], events.loc[hit, "case_id"], "min")
        days = days_from_start(first)
        upper = upper.where(upper >= lower, lower)
        days = days.where(observed, censored)
        lower = lower.where(observed, censored)
        upper = upper.where(observed, np.inf).where(start.notna())
        note = pd.Series("", index=out.index)
        note[observed & first.isna()] = "step date not day-precise"
        before = (observed & (first < start)).fillna(False).astype(bool)
        note[before] = "step before the origin: counted as day 0"
        note[start.isna()] = "no day-precise origin"
        out[f"{stage}_date"] = first
        out[f"{stage}_observed"] = observed
        out[f"{stage}_days"] = days.astype("Int64")
        out[f"{stage}_before_origin"] = before.to_numpy()
        out[f"{stage}_lower"] = lower
        out[f"{stage}_upper"] = upper
        out[f"{stage}_note"] = note
        out[f"{stage}_in_first_report"] = (
            per_case(told_first[hit], events.loc[hit, "case_id"], "max").fillna(False)
            .astype(bool).to_numpy())
    # the last stage's first step surely came by the first report
    last = list(stages)[-1]
    by_report = (out["first_report_date"] - start).dt.days
    out[f"entered_by_{last}"] = (out[f"{last}_observed"]
                                 & (out[f"{last}_upper"] <= by_report).fillna(False)
                                 ).astype(bool)
    return out


def share_same_day(
    timelines: pd.DataFrame, *, by: str, stage: str | None = None
) -> pd.DataFrame:
    """Share of timed steps that came on day 0 (the day of the origin), per group.

    The denominator is the cases with a day-precise time to the stage's first step (a
    case without a step is not a day-0 case, nor a slow one); a step before the origin
    counts as day 0. Wilson 95% intervals (:func:`asnresearch.patterns.wilson_interval`).

    Parameters
    ----------
    timelines : pandas.DataFrame
        From :func:`build_timelines`.
    by : str
        Group column, e.g. ``surfaced_via`` or ``official_act``.
    stage : str, optional
        Default the first stage of the codebook, any official response.

    Returns
    -------
    pandas.DataFrame
        ``by``, ``n`` (timed steps), ``n_day0``, ``n_before_origin``, ``share``,
        ``ci_lower``, ``ci_upper``, and, from :func:`build_timelines`,
        ``n_day0_in_first_report`` (day-0 steps told in the case's first news item); a last
        row ``all``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"g": ["a", "a", "b"], "response_days": [0, 3, 0],
    ...     "response_observed": [True, True, True], "response_before_origin": [True] * 3})
    >>> share_same_day(t, by="g")[["g", "n", "n_day0", "share"]].round(3)
         g  n  n_day0  share
    0    a  2       1  0.500
    1    b  1       1  1.000
    2  all  3       2  0.667
    """
    import pandas as pd

    from asnresearch.patterns import wilson_interval

    stage = next(iter(load_codebook().stages())) if stage is None else stage
    timed = timelines[timelines[f"{stage}_observed"].astype(bool)
                      & timelines[f"{stage}_days"].notna()]
    frame = pd.DataFrame({by: timed[by].astype(str), "day0": timed[f"{stage}_days"] == 0,
                          "early": timed[f"{stage}_before_origin"].astype(bool)})
    out = frame.groupby(by, sort=True).agg(n=("day0", "size"), n_day0=("day0", "sum"),
                                           n_before_origin=("early", "sum")).reset_index()
    total = pd.DataFrame([{by: "all", "n": len(frame), "n_day0": int(frame["day0"].sum()),
                           "n_before_origin": int(frame["early"].sum())}])
    out = pd.concat([out, total], ignore_index=True)
    told = f"{stage}_in_first_report"
    if told in timed:  # how many day-0 steps the first news item already told
        in_first = (frame["day0"] & timed[told].astype(bool)).groupby(frame[by]).sum()
        out["n_day0_in_first_report"] = (out[by].map(in_first).fillna(int(in_first.sum()))
                                         .astype(int))
    out["share"] = out["n_day0"] / out["n"]
    out["ci_lower"], out["ci_upper"] = wilson_interval(out["n_day0"], out["n"])
    return out


def estimate_stage_incidence(
    timelines: pd.DataFrame,
    *,
    stage: str,
    horizon: int = 30,
    n_boot: int = 200,
    seed: int = 19,
) -> pd.DataFrame:
    """Share of cases that reached a stage by day ``horizon`` and by the end of follow-up,
    by Kaplan-Meier (day-precise times only) and by Turnbull (every step with an origin,
    interval-censored: :func:`asnresearch.survival.estimate_turnbull`).

    Both assume censoring independent of the time to the step (see
    :func:`build_timelines`'s ``censor`` for why that is doubtful here); Turnbull also that
    how precisely a date is known says nothing about when the step came.

    Parameters
    ----------
    timelines : pandas.DataFrame
        From :func:`build_timelines`.
    n_boot, seed : int
        Case bootstraps for Turnbull's 95% percentile intervals (seeded).

    Returns
    -------
    pandas.DataFrame
        One row per method: ``method`` (``kaplan_meier``, ``turnbull``), ``n`` (timed
        cases), ``steps`` (steps among them), ``by_horizon`` with ``by_horizon_lower`` and
        ``by_horizon_upper``, ``by_end`` with ``by_end_lower`` and ``by_end_upper``
        (Kaplan-Meier: the log-log interval of its curve; Turnbull: bootstrap).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"sanction_days": [0, 3, 5, 5, None],
    ...     "sanction_observed": [True, False, True, False, True],
    ...     "sanction_lower": [0, 3, 5, 5, 1.0],
    ...     "sanction_upper": [0, float("inf"), 5, float("inf"), 4]})
    >>> table = estimate_stage_incidence(t, stage="sanction", horizon=4, n_boot=0)
    >>> table[["method", "n", "steps", "by_horizon"]].round(2)
             method  n  steps  by_horizon
    0  kaplan_meier  4      2        0.25
    1      turnbull  5      3        0.47
    """
    import numpy as np
    import pandas as pd

    from asnresearch.models import estimate_survival
    from asnresearch.survival import estimate_turnbull

    days, observed = f"{stage}_days", f"{stage}_observed"
    km = estimate_survival(timelines, duration=days, event=observed)
    early = km[km["time"] <= horizon]

    def at(table: pd.DataFrame, column: str, default: float) -> float:
        return float(table[column].iloc[-1]) if len(table) else default

    rows = [{
        "method": "kaplan_meier", "n": km.attrs["n"], "steps": int(km["n_events"].sum()),
        "by_horizon": 1 - at(early, "survival", 1.0),
        "by_horizon_lower": 1 - at(early, "ci_upper", 1.0),
        "by_horizon_upper": 1 - at(early, "ci_lower", 1.0),
        "by_end": 1 - at(km, "survival", 1.0), "by_end_lower": 1 - at(km, "ci_upper", 1.0),
        "by_end_upper": 1 - at(km, "ci_lower", 1.0),
    }]
    tb = estimate_turnbull(timelines, lower=f"{stage}_lower", upper=f"{stage}_upper",
                           n_boot=n_boot, seed=seed)
    early = tb[tb["right"] <= horizon]
    has_ci = "ci_lower" in tb
    timed = timelines[timelines[f"{stage}_lower"].notna()]
    rows.append({
        "method": "turnbull", "n": tb.attrs["n"], "steps": int(timed[observed].sum()),
        "by_horizon": at(early, "cumulative_incidence", 0.0),
        "by_horizon_lower": at(early, "ci_lower", 0.0) if has_ci else np.nan,
        "by_horizon_upper": at(early, "ci_upper", 0.0) if has_ci else np.nan,
        "by_end": tb.attrs["incidence"],
        "by_end_lower": tb.attrs["incidence_ci"][0] if has_ci else np.nan,
        "by_end_upper": tb.attrs["incidence_ci"][1] if has_ci else np.nan,
    })
    return pd.DataFrame(rows)


def count_stages(ds: Mapping[str, pd.DataFrame], *,
                 derived: pd.DataFrame | None = None) -> pd.DataFrame:
    """The enforcement funnel: how many cases reached each stage.

    ``derived`` is :func:`asnresearch.derive.derive_cases` of ``ds`` when already computed.

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
    if derived is None:
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
