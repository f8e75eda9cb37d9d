"""Public reactions as coded in the dataset: who reacts, with what stance, how fast, and
whether a reaction goes with a different enforcement outcome.

Each function takes the tables of :func:`asnresearch.io.load_dataset` and returns a tidy
DataFrame. The reactions are those the press reported (netizens as reported, civil society,
legislators, officials outside the enforcement chain...), not a sample of public opinion.

Examples
--------
>>> from asnresearch.io import load_dataset
>>> ds = load_dataset()
>>> mix = count_speakers(ds)
>>> int(mix["n"].sum()) == len(ds["reactions"])
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["count_speakers", "mix_stances", "measure_reaction_lags", "compare_outcomes"]


def count_speakers(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Reactions by kind of speaker: ``speaker_kind``, ``n``, ``share``, Wilson 95% interval,
    and ``cases`` (how many cases had at least one reaction of that kind)."""
    from asnresearch.patterns import count_cases

    reactions = ds["reactions"]
    out = count_cases(reactions, by="speaker_kind", lang="en")
    cases = reactions.groupby("speaker_kind", observed=False)["case_id"].nunique()
    out["cases"] = out["speaker_kind"].map(cases.rename(index=str)).fillna(0).astype("int64")
    return out


def mix_stances(ds: Mapping[str, pd.DataFrame], *, by: str = "misconduct_group") -> pd.DataFrame:
    """Stance of reactions within each value of a case variable (default the misconduct
    group): ``by``, ``stance``, ``n``, ``share`` within ``by``, Wilson 95% interval."""
    from asnresearch.patterns import add_derived_columns, count_cases

    cases = add_derived_columns(ds["cases"])
    merged = ds["reactions"].merge(cases[["case_id", by]], on="case_id", validate="m:1")
    return count_cases(merged, by=[by, "stance"], within=by)


def measure_reaction_lags(ds: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Days from the day a case surfaced to each reaction, by kind of speaker.

    The start is the case's surfacing day as :func:`asnresearch.enforcement.build_timelines`
    defines it (surfaced date, else incident day, else first report); only day-precise
    reactions and starts are timed, and the rest are counted in ``n_untimed``.

    Returns
    -------
    pandas.DataFrame
        ``speaker_kind``, ``n_timed``, ``n_untimed``, ``median_days``, ``q1_days``,
        ``q3_days``, ``n_same_day`` and ``same_day_share`` (reactions on the day the case
        surfaced) with its Wilson 95% interval ``same_day_lower``/``same_day_upper``, which
        treats reactions as independent (several reactions of one case are not, so the
        interval is too narrow where a case has many); with fewer than ten timed reactions
        read the counts, not the share.
    """
    import pandas as pd

    from asnresearch.derive import find_start_dates
    from asnresearch.patterns import wilson_interval

    starts = find_start_dates(ds).set_index("case_id")["start_date"]
    reactions = ds["reactions"]
    start = reactions["case_id"].map(starts)
    day = reactions["reaction_date"].where(reactions["reaction_date_precision"] == "day")
    lag = (day - start).dt.days
    frame = pd.DataFrame({"speaker_kind": reactions["speaker_kind"].astype(str), "lag": lag})
    rows = []
    for kind, part in frame.groupby("speaker_kind", sort=False):
        timed = part["lag"].dropna()
        same = int((timed == 0).sum())
        lower, upper = wilson_interval(same, len(timed))
        rows.append({
            "speaker_kind": kind, "n_timed": len(timed), "n_untimed": len(part) - len(timed),
            "median_days": timed.median(), "q1_days": timed.quantile(0.25),
            "q3_days": timed.quantile(0.75), "n_same_day": same,
            "same_day_share": same / len(timed) if len(timed) else float("nan"),
            "same_day_lower": float(lower), "same_day_upper": float(upper),
        })
    order = [c for c in ds["reactions"]["speaker_kind"].cat.categories]
    out = pd.DataFrame(rows)
    out["speaker_kind"] = pd.Categorical(out["speaker_kind"], categories=order, ordered=True)
    return out.sort_values("speaker_kind", ignore_index=True)


def compare_outcomes(
    ds: Mapping[str, pd.DataFrame],
    *,
    stance: str | None = None,
    speakers: Sequence[str] | None = None,
    exclude_official_act: bool = False,
) -> pd.DataFrame:
    """Enforcement outcomes of cases with and without a given reaction.

    For cases where a speaker of ``speakers`` took ``stance`` (default: the codebook's
    ``public_demand``, civil society or a legislator demanding a sanction) against all other
    cases: the share with a reported official response (the first stage of the codebook) and
    with a reported sanction (its last stage), with Wilson 95% intervals, and Fisher's
    exact test of the 2×2 table (two-sided). An association, not an effect: a case that
    draws a public demand may differ in many ways, and a reaction may follow the sanction.

    With ``exclude_official_act`` only cases whose surfacing was not an official act (the
    codebook's ``official_act_channels``) are compared: where an inspection, raid, audit or
    arrest surfaced a case, that act is itself its first response, so the response share
    there holds by how the case surfaced, and those cases draw fewer demands.

    Returns
    -------
    pandas.DataFrame
        One row per outcome (``response``, ``sanction``) and group (``with``, ``without``):
        ``outcome``, ``group``, ``cases``, ``n``, ``share``, ``ci_lower``, ``ci_upper``,
        ``fisher_p`` (same for both groups of an outcome).
    """
    import pandas as pd
    from scipy.stats import fisher_exact

    from asnresearch.codebook import load_codebook
    from asnresearch.derive import derive_cases
    from asnresearch.patterns import wilson_interval

    cb = load_codebook()
    stance = cb.rules["public_demand"]["stance"] if stance is None else stance
    speakers = cb.rules["public_demand"]["speakers"] if speakers is None else speakers
    first, *_, last = cb.stages()
    reactions = ds["reactions"]
    derived = derive_cases(ds)
    if exclude_official_act:
        # derive_cases keeps the order of the cases table, so the two align row by row
        official = ds["cases"]["surfaced_via"].astype(str).isin(cb.official_act_channels())
        derived = derived[~official.to_numpy()]
    hit = reactions[(reactions["stance"] == stance)
                    & reactions["speaker_kind"].astype(str).isin(speakers)]
    with_reaction = derived["case_id"].isin(hit["case_id"]).to_numpy()
    rows = []
    for outcome in (first, last):
        reached = derived[f"reached_{outcome}"].to_numpy()
        table = [[int((reached & with_reaction).sum()), int((~reached & with_reaction).sum())],
                 [int((reached & ~with_reaction).sum()), int((~reached & ~with_reaction).sum())]]
        p = float(fisher_exact(table).pvalue)
        for group, (yes, no) in zip(("with", "without"), table):
            lo, hi = wilson_interval(yes, yes + no)
            rows.append({"outcome": outcome, "group": group, "cases": yes + no, "n": yes,
                         "share": yes / (yes + no) if yes + no else float("nan"),
                         "ci_lower": float(lo), "ci_upper": float(hi), "fisher_p": p})
    return pd.DataFrame(rows)
