"""The policy brief's figures and sentences, in Indonesian and English.

Every number the brief quotes is computed here from the data (:func:`compute_key_figures`)
and every sentence is a template of :data:`TEXT` filled with those numbers (:func:`say`).
:func:`compose_brief` returns every title, heading, sentence, table and caption of a brief
for one scope and language, so the notebook only displays them, the prose cannot drift from
the data, and a test can read the brief of every scope without rendering it.

Sentences hold for every count: counts agree with their noun ("1 case", "2 cases"), a
percentage needs :data:`MIN_SHARE_BASE` cases in its denominator (below that the brief says
"3 of the 5 cases"), shares and medians carry their 95% intervals, and a general claim ("a
first response was reported quickly", "sanctions are rarely reported", "more cases after
Idul Fitri than the calendar explains", "fewer cases with a demand have a response") is made
only when the scope's interval or exact test carries it (the thresholds of
``templates/wording.yaml``); otherwise the brief states the numbers alone. A same-day
response where an official act surfaced the case is told apart, since it follows from how
the case surfaced.

Examples
--------
>>> from asnresearch.io import load_dataset
>>> figures = compute_key_figures(load_dataset())
>>> figures["cases"] >= 120
True
>>> say_share(3, 5, "en"), say_share(1, 1, "id"), say_share(44, 142, "en")
('3 of the 5 cases', '1 dari 1 kasus', '31% of the 142 cases')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from asnresearch.codebook import load_wording

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MIN_CASES", "MIN_SHARE_BASE", "MIN_TIMED", "FAST_DAYS", "RARE_SHARE", "CLAIM_ALPHA",
    "TEXT", "say", "say_count", "percent", "percent_range", "say_share", "say_list", "Scope",
    "parse_scope", "select_scope", "compute_key_figures", "estimate_response_by_channel",
    "find_day0_curves", "say_response", "is_fast", "is_rare_sanction", "is_calendar_excess",
    "is_demand_gap", "say_calendar", "say_p", "say_number", "say_interval",
    "key_figures_table", "say_sanction", "say_systematic",
    "say_reactions", "say_recommendations", "say_rate_map", "markdown_table", "compose_brief",
    "draw_figures",
]

# The brief's words and its wording rules (each a stated minimum or bound, explained in the
# file): asnresearch/templates/wording.yaml.
_WORDING = load_wording()
MIN_CASES: int = _WORDING["thresholds"]["min_cases"]
MIN_SHARE_BASE: int = _WORDING["thresholds"]["min_share_base"]
MIN_TIMED: int = _WORDING["thresholds"]["min_timed"]
FAST_DAYS: int = _WORDING["thresholds"]["fast_days"]
RARE_SHARE: float = _WORDING["thresholds"]["rare_share"]
CLAIM_ALPHA: float = _WORDING["thresholds"]["claim_alpha"]
TEXT: dict[str, dict[str, str]] = _WORDING["brief"]


def say(key: str, lang: str, **values: Any) -> str:
    """The template ``key`` of :data:`TEXT` in ``lang``, filled with ``values``.

    Examples
    --------
    >>> say("figure", "id", n=2)
    'Gambar 2.'
    """
    from asnresearch.codebook import load_codebook

    return TEXT[key][load_codebook().check_lang(lang)].format(**values)


def say_count(n: int, lang: str, *, noun: str = "case") -> str:
    """A count with its noun, singular or plural as the language wants.

    Examples
    --------
    >>> say_count(1, "en"), say_count(2, "en"), say_count(2, "id"), say_count(1, "en", noun="day")
    ('1 case', '2 cases', '2 kasus', '1 day')
    """
    return say(f"n_{noun}" if n == 1 else f"n_{noun}s", lang, n=n)


def percent(share: float) -> str:
    """A share as a whole percentage, the same in both languages.

    Examples
    --------
    >>> percent(0.2113)
    '21%'
    """
    return f"{share:.0%}"


def percent_range(lower: float, upper: float) -> str:
    """An interval of shares as whole percentages, the same in both languages.

    Examples
    --------
    >>> percent_range(0.153, 0.289)
    '15–29%'
    """
    return f"{lower:.0%}".rstrip("%") + f"–{percent(upper)}"


def say_share(k: int, n: int, lang: str, *, noun: str = "case", interval: bool = False) -> str:
    """``k`` of ``n`` cases (or another ``noun``): a percentage over at least
    :data:`MIN_SHARE_BASE`, with its Wilson 95% interval when ``interval``; the counts below
    that ("3 of the 5 cases", "1 of 1 case"); ``n`` must be positive.

    Examples
    --------
    >>> say_share(2, 12, "id"), say_share(0, 2, "en")
    ('17% dari 12 kasus', '0 of the 2 cases')
    >>> say_share(30, 142, "en", interval=True)
    '21% (95% CI 15–29%) of the 142 cases'
    """
    from asnresearch.patterns import wilson_interval

    if n < 1:
        raise ValueError(f"a share needs at least one case, got n={n}")
    total = say_count(n, lang, noun=noun)
    if n >= MIN_SHARE_BASE:
        pct = percent(k / n)
        if interval:
            pct += f" ({say_interval(*wilson_interval(k, n), lang)})"
        return say("share_of", lang, pct=pct, total=total)
    return say("count_of_one" if n == 1 else "count_of", lang, k=k, total=total)


def say_list(items: list[str], lang: str) -> str:
    """Items joined as a sentence lists them.

    Examples
    --------
    >>> say_list(["a", "b", "c"], "id")
    'a, b dan c'
    """
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {say('and', lang)} {items[-1]}"


@dataclass(frozen=True)
class Scope:
    """A brief's scope: a province of the gazetteer (or the country) and incident years."""

    province_code: str | None = None
    province: str | None = None
    first: int | None = None
    last: int | None = None

    def describe(self, lang: str) -> str:
        """The scope in words, e.g. ``Province of Jawa Timur, incidents of 2021–2025``."""
        return f"{self.say_place(lang)}, {self.say_period(lang)}"

    def say_place(self, lang: str) -> str:
        """``Province of Jawa Timur`` or ``All of Indonesia``."""
        return (say("scope_province", lang, province=self.province) if self.province
                else say("scope_all", lang))

    def say_years(self) -> str:
        """``2021–2025``, ``2024``, or ``""`` for all years."""
        if self.first is None:
            return ""
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    def say_period(self, lang: str) -> str:
        """``incidents of 2021–2025`` or ``incidents of all years``."""
        if self.first is None:
            return say("period_all", lang)
        return say("period", lang, years=self.say_years())


def parse_scope(
    *, province: str | None = None, period: str | None = None, data_dir: Any = None
) -> Scope:
    """A province (gazetteer name, any case, or Kemendagri code) and a period (``YEAR`` or
    ``YEAR-YEAR``) read as a :class:`Scope`.

    Raises
    ------
    ValueError
        For a province not in the gazetteer (naming the allowed names), a period not written
        as YEAR or YEAR-YEAR, or one that runs backwards (``2025-2021``: refused rather than
        guessed, since a typo may hide either bound).

    Examples
    --------
    >>> parse_scope(province="jawa timur", period="2021-2025")
    Scope(province_code='35', province='Jawa Timur', first=2021, last=2025)
    >>> parse_scope(period="2025-2021")
    Traceback (most recent call last):
    ...
    ValueError: period '2025-2021' runs backwards; write it as 2021-2025
    """
    import re

    code = name = first = last = None
    if province is not None:
        from asnresearch.io import load_regions

        regions = load_regions(data_dir)
        provinces = regions[regions["level"] == "province"]
        names = dict(zip(provinces["code"], provinces["name"]))
        by_name = {n.lower(): c for c, n in names.items()}
        code = province if province in names else by_name.get(province.strip().lower())
        if code is None:
            raise ValueError(f"unknown province {province!r}; allowed: "
                             f"{', '.join(sorted(provinces['name']))}")
        name = names[code]
    if period is not None:
        match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", period.strip())
        if not match:
            raise ValueError(f"period must be YEAR or YEAR-YEAR, got {period!r}")
        first, last = int(match[1]), int(match[2] or match[1])
        if first > last:
            raise ValueError(f"period {period!r} runs backwards; write it as {last}-{first}")
    return Scope(code, name, first, last)


def select_scope(
    ds: Mapping[str, pd.DataFrame], *, province: str | None = None,
    period: str | None = None, data_dir: Any = None,
) -> dict[str, pd.DataFrame]:
    """The tables restricted to a province (name or code) and an incident period
    (``"2019-2025"`` or ``"2025"``); cases without an incident year fall outside any period.

    Raises
    ------
    ValueError
        As :func:`parse_scope`, and for a scope without a single case (a brief of nothing),
        saying which years the data hold.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> select_scope(load_dataset(), period="2090")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: no reported case in scope All of Indonesia, incidents 2090; ...
    """
    scope = parse_scope(province=province, period=period, data_dir=data_dir)
    cases = ds["cases"]
    keep = cases["case_id"].notna()
    if scope.province_code is not None:
        keep &= cases["province_code"].astype(str) == scope.province_code
    in_place = keep.copy()
    if scope.first is not None:
        keep &= cases["incident_date"].dt.year.between(scope.first, scope.last)
    if not keep.any():
        years = cases.loc[in_place, "incident_date"].dt.year.dropna()
        held = (f"the data hold {say_count(int(in_place.sum()), 'en')} there, with incidents "
                f"from {int(years.min())} to {int(years.max())}" if len(years)
                else f"the data hold {say_count(int(in_place.sum()), 'en')} there, none dated")
        raise ValueError(f"no reported case in scope {scope.describe('en')}; {held}")
    ids = set(cases.loc[keep, "case_id"])
    return {name: table[table["case_id"].isin(ids)].reset_index(drop=True)
            for name, table in ds.items()}


def compute_key_figures(ds: Mapping[str, pd.DataFrame], *, cutoff: Any = None) -> dict[str, Any]:
    """The numbers the brief quotes, as plain Python values, each with what its claims need.

    Returns
    -------
    dict
        Counts of cases: ``cases``, ``provinces``, ``online`` (the codebook's
        ``online_group``), ``sanctioned``, ``responded``, ``work``.

        The response (:func:`asnresearch.enforcement.build_timelines`: one origin, early steps
        at day 0, censoring at the last follow-up), apart for channels where the surfacing is
        itself an official act (codebook rule ``official_act_channels``) and the others:
        ``official_timed``/``official_day0`` and ``timed``/``day0`` (timed responses and those
        on day 0; ``*_told``: those day-0 responses told in the case's first news item), and
        for the other channels the Kaplan-Meier ``median_days`` with its 95%
        interval ``median_lower``/``median_upper``
        (:func:`asnresearch.survival.estimate_median_time`; None where undefined or open)
        over ``median_n`` cases with an origin (responded or censored).

        The calendar, over systematically found cases dated to a working day
        (:func:`asnresearch.patterns.compare_with_calendar`): ``dated``, ``early`` (Monday to
        Wednesday) with ``early_expected`` and its Holm-adjusted exact ``early_p``, and
        ``lebaran`` (first five working days after Idul Fitri) with ``lebaran_expected`` and
        ``lebaran_p``; ``early_looked`` and ``lebaran_looked``, how many of those were found
        by an official act (the codebook's ``scheduled_channel_group``), whose
        day officials choose.

        Reactions: ``demand_cases``/``demand_response`` (cases with a public demand for a
        sanction, and how many drew a response); among the cases that no official act
        surfaced (:func:`asnresearch.reactions.compare_outcomes` with
        ``exclude_official_act``), ``with_cases``/``with_response`` and
        ``without_cases``/``without_response`` (with and without a demand) and their
        ``fisher_p``.
    """
    from asnresearch.codebook import load_codebook
    from asnresearch.derive import derive_cases
    from asnresearch.enforcement import build_timelines, share_same_day
    from asnresearch.patterns import compare_with_calendar
    from asnresearch.reactions import compare_outcomes
    from asnresearch.survival import estimate_median_time

    cases = ds["cases"]
    n = len(cases)
    cb = load_codebook()
    response, *_, sanction = cb.stages()  # any official response; a sanction
    derived = derive_cases(ds)
    # derive_cases keeps the order of the cases table, so the two align row by row
    by_act = cases["surfaced_via"].astype(str).isin(cb.official_act_channels()).to_numpy()

    systematic = (cases["found_by"].astype(str).isin(cb.rules["default_found_by"])).to_numpy()

    def count_group(rule, within=True):
        spec = cb.rules[rule]
        return int(((derived[spec["grouping"]] == spec["group"]).to_numpy() & within).sum())

    figures: dict[str, Any] = {
        "cases": n,
        "provinces": int(cases.loc[cases["province_code"].astype(str) != cb.unknown,
                                   "province_code"].nunique()),
        "online": count_group("online_group"),
        "sanctioned": int(derived[f"reached_{sanction}"].sum()),
        "responded": int(derived[f"reached_{response}"].sum()),
        # the same, over the cases no official act surfaced (there the act is the response)
        "other_cases": int((~by_act).sum()),
        "other_responded": int(derived.loc[~by_act, f"reached_{response}"].sum()),
        "work": count_group("work_group"),
        # the same two groups over the systematic search alone: the targeted searches chose
        # cases by type and province, so the mix of all cases partly reflects that choice
        "systematic": int(systematic.sum()),
        "work_systematic": count_group("work_group", systematic),
        "online_systematic": count_group("online_group", systematic),
        "official_timed": 0, "official_day0": 0, "official_day0_told": 0, "timed": 0,
        "day0": 0, "day0_told": 0,
        "median_days": None, "median_lower": None, "median_upper": None, "median_n": 0,
        "entered_by_sanction": 0,
    }
    if n:
        timelines = build_timelines(ds, cutoff=cutoff)
        # cases in the data because of their sanction: a sanction share over them holds by
        # how they were found
        figures["entered_by_sanction"] = int(timelines["entered_by_sanction"].sum())
        same_day = share_same_day(timelines, by="official_act").set_index("official_act")
        for key, group in (("official_", str(True)), ("", str(False))):
            if group in same_day.index:  # a group without a timed response keeps its zeros
                row = same_day.loc[group]
                figures.update({f"{key}timed": int(row["n"]), f"{key}day0": int(row["n_day0"]),
                                f"{key}day0_told": int(row["n_day0_in_first_report"])})
        median = estimate_median_time(timelines[~timelines["official_act"]],
                                      duration=f"{response}_days",
                                      event=f"{response}_observed")
        figures.update(median_days=median["median"], median_lower=median["ci_lower"],
                       median_upper=median["ci_upper"], median_n=median["n"])
    weekdays = compare_with_calendar(cases, by="weekday")
    early = weekdays[weekdays["group"] == "all"].iloc[-1]  # the last class: Monday to Wednesday
    holidays = compare_with_calendar(cases, by="after_lebaran")
    lebaran = holidays.iloc[0]  # group "all"
    scheduled = cb.rules["scheduled_channel_group"]  # officials choose the day of these

    def looked(table, which):  # cases of the class that a scheduled channel found
        rows = table[(table["group"] == scheduled) & (table["class"] == which)]
        return int(rows["observed"].sum())

    figures.update(dated=int(early["n"]), early=int(early["observed"]),
                   early_expected=float(early["expected"]), early_p=float(early["p_holm"]),
                   early_looked=looked(weekdays, early["class"]),
                   lebaran=int(lebaran["observed"]),
                   lebaran_expected=float(lebaran["expected"]),
                   lebaran_p=float(lebaran["p_holm"]),
                   lebaran_looked=looked(holidays, lebaran["class"]))
    every = compare_outcomes(ds).set_index(["outcome", "group"])
    figures["demand_cases"] = int(every.loc[(response, "with"), "cases"])
    figures["demand_response"] = int(every.loc[(response, "with"), "n"])
    # compared only where the surfacing was no official act: there the act is the response
    outcomes = compare_outcomes(ds, exclude_official_act=True).set_index(["outcome", "group"])
    for group in ("with", "without"):
        figures[f"{group}_cases"] = int(outcomes.loc[(response, group), "cases"])
        figures[f"{group}_response"] = int(outcomes.loc[(response, group), "n"])
    figures["fisher_p"] = float(outcomes.loc[(response, "with"), "fisher_p"])
    return figures


def estimate_response_by_channel(
    ds: Mapping[str, pd.DataFrame], *, cutoff: Any = None
) -> pd.DataFrame:
    """Kaplan-Meier curves of the days to the first official response, one per channel
    group (viral, official act, citizen report, other), over day-precise cases."""
    import pandas as pd

    from asnresearch.derive import derive_cases
    from asnresearch.enforcement import build_timelines
    from asnresearch.models import estimate_survival

    timelines = build_timelines(ds, cutoff=cutoff)
    timelines["channel"] = derive_cases(ds)["channel"].to_numpy()
    if not (timelines["response_days"] >= 0).fillna(False).any():  # no curve to draw
        return pd.DataFrame(columns=["group", "time", "n_at_risk", "n_events", "survival"])
    return estimate_survival(timelines, duration="response_days", event="response_observed",
                             by="channel")


def find_day0_curves(km: pd.DataFrame) -> list[str]:
    """Groups of a Kaplan-Meier table whose whole drop falls on day 0: drawn from the axis,
    their curves hide on it, so the caption names them.

    Examples
    --------
    >>> import pandas as pd
    >>> km = pd.DataFrame({"group": ["a", "a", "b"], "time": [0, 5, 0],
    ...                    "n_events": [2, 0, 1], "survival": [0.5, 0.5, 0.0]})
    >>> find_day0_curves(km)
    ['a', 'b']
    """
    if not len(km):
        return []
    events = km[km["n_events"] > 0]
    drops = events.groupby("group")["time"].max()
    return sorted(str(g) for g, last in drops.items() if last == 0)


def say_response(lang: str, figures: Mapping[str, Any]) -> str:
    """The response finding. Channels where an official act surfaced the case are told apart
    (a same-day response there follows from how the case surfaced); for the others the median
    with its interval, "reported quickly" only when :func:`is_fast`, and the caveat that a
    same-day response is often reported in the news item that made the case known."""
    n = figures["cases"]
    parts = []
    if figures["official_timed"]:
        parts.append(say("finding_response_official", lang, day0_of=say_share(
            figures["official_day0"], figures["official_timed"], lang, noun="resp",
            interval=True)))
    timed = figures["timed"]
    if not timed:
        parts.append(say("finding_response_untimed", lang))
    elif figures["median_days"] is None or timed < MIN_TIMED:
        parts.append(say("finding_response_none", lang, timed_n=say_count(timed, lang,
                                                                          noun="resp")))
    else:
        key = "finding_response_fast" if is_fast(figures) else "finding_response"
        parts.append(say(key, lang, median_n=say_count(int(figures["median_days"]), lang,
                                                       noun="day"),
                         ci=say_interval(figures["median_lower"], figures["median_upper"],
                                         lang, unit="day"),
                         timed_n=say_count(timed, lang, noun="resp"),
                         cases_n=say_count(figures["median_n"], lang), timed=timed,
                         day0_of=say_share(figures["day0"], timed, lang, noun="resp",
                                           interval=True)))
        if figures["day0"]:
            parts.append(say("finding_response_caveat", lang, told=figures["day0_told"],
                             day0_n=say_count(figures["day0"], lang, noun="resp")))
    parts.append(say("finding_responded", lang,
                     responded_of=say_share(figures["responded"], n, lang, interval=True)))
    if 0 < figures["other_cases"] < n:
        parts.append(say("finding_responded_other", lang, responded_of=say_share(
            figures["other_responded"], figures["other_cases"], lang, interval=True)))
    return " ".join(parts)


def is_fast(figures: Mapping[str, Any]) -> bool:
    """Whether the scope carries the claim that a first response is reported quickly: in the
    channels where no official act surfaced the case, at least :data:`MIN_TIMED` timed
    responses and a median whose whole 95% interval lies within :data:`FAST_DAYS` days."""
    upper = figures["median_upper"]
    return (figures["timed"] >= MIN_TIMED and figures["median_days"] is not None
            and upper is not None and upper <= FAST_DAYS)


def is_rare_sanction(figures: Mapping[str, Any]) -> bool:
    """Whether the scope carries the claim that sanctions are rarely reported: at least
    :data:`MIN_SHARE_BASE` cases and the upper Wilson 95% limit of the share below
    :data:`RARE_SHARE`."""
    from asnresearch.patterns import wilson_interval

    n = figures["cases"]
    return bool(n >= MIN_SHARE_BASE
                and wilson_interval(figures["sanctioned"], n)[1] < RARE_SHARE)


def is_calendar_excess(figures: Mapping[str, Any], which: str) -> bool:
    """Whether the scope carries the claim that more cases fall in calendar class ``which``
    (``early``: Monday to Wednesday; ``lebaran``: after the Idul Fitri break) than the
    working-day calendar explains: at least :data:`MIN_CASES` dated cases, more observed
    than expected, and a Holm-adjusted exact p below :data:`CLAIM_ALPHA`."""
    return (figures["dated"] >= MIN_CASES and figures[which] > figures[f"{which}_expected"]
            and figures[f"{which}_p"] < CLAIM_ALPHA)


def say_calendar(lang: str, figures: Mapping[str, Any]) -> str:
    """Calendar counts against the working-day calendar; an excess claimed only when
    :func:`is_calendar_excess`."""
    if not figures["dated"]:
        return say("calendar_none", lang)
    text = say("calendar", lang, dated_n=say_count(figures["dated"], lang),
               early=figures["early"], early_expected=say_number(figures["early_expected"], lang),
               lebaran=figures["lebaran"],
               lebaran_expected=say_number(figures["lebaran_expected"], lang))
    for which in ("early", "lebaran"):
        if is_calendar_excess(figures, which):
            text += " " + say(f"calendar_{which}_excess", lang,
                              p=say_p(figures[f"{which}_p"], lang))
            text += " " + say("calendar_looked", lang, looked=figures[f"{which}_looked"],
                              observed=figures[which])
    return text


def say_p(p: float, lang: str) -> str:
    """``p = 0.012`` or ``p < 0.001``, with a decimal comma in Indonesian.

    Examples
    --------
    >>> say_p(0.01234, "id"), say_p(0.0001, "en")
    ('p = 0,012', 'p < 0.001')
    """
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return shown.replace(".", ",") if lang == "id" else shown


def say_number(x: float, lang: str) -> str:
    """A number to one decimal, with a decimal comma in Indonesian.

    Examples
    --------
    >>> say_number(35.84, "id"), say_number(1.2, "en")
    ('35,8', '1.2')
    """
    shown = f"{x:.1f}"
    return shown.replace(".", ",") if lang == "id" else shown


def say_interval(lower: float | None, upper: float | None, lang: str, *,
                 unit: str = "percent") -> str:
    """A 95% interval in words: percentages or days; an open upper end is said so.

    Examples
    --------
    >>> say_interval(0.153, 0.289, "en"), say_interval(0, None, "id", unit="day")
    ('95% CI 15–29%', 'selang kepercayaan 95%: 0 hari sampai tak terbatas')
    """
    if unit == "percent":
        return say("ci_percent", lang, range=percent_range(lower, upper))
    if upper is None:
        return say("ci_days_open", lang, lower=say_count(int(lower or 0), lang, noun="day"))
    return say("ci_days", lang, lower=int(lower), upper=say_count(int(upper), lang, noun="day"))


def say_systematic(lang: str, figures: Mapping[str, Any], which: str) -> str:
    """`` Cases of the systematic search alone: 34% ...`` for the share ``which``
    (``work`` or ``online``), when the scope also holds cases of the targeted searches; else
    the empty string."""
    n, systematic = figures["cases"], figures["systematic"]
    if not 0 < systematic < n:
        return ""
    return " " + say("finding_systematic", lang, share_of=say_share(
        figures[f"{which}_systematic"], systematic, lang, interval=True))


def say_sanction(lang: str, figures: Mapping[str, Any], *, plain: bool = False) -> str:
    """The sanction finding: "rarely reported" only when :func:`is_rare_sanction` (and not
    ``plain``)."""
    n, sanctioned = figures["cases"], figures["sanctioned"]
    if not sanctioned:
        return say("finding_sanction_none", lang)
    sanctioned_of = say_share(sanctioned, n, lang, interval=not plain)
    if is_rare_sanction(figures) and not plain:
        text = say("finding_sanction_rare", lang, sanctioned_of=sanctioned_of,
                   sanctioned_n=say_count(sanctioned, lang))
    else:
        text = say("finding_sanction", lang, sanctioned_of=sanctioned_of)
    entered = figures["entered_by_sanction"]
    if entered and n > entered and not plain:
        key = "finding_sanction_entered_one" if entered == 1 else "finding_sanction_entered"
        text += " " + say(key, lang, entered_n=say_count(entered, lang),
                          sanctioned_of=say_share(sanctioned - entered, n - entered, lang,
                                                  interval=True))
    return text


def say_reactions(lang: str, figures: Mapping[str, Any]) -> str:
    """Responses with and without a public demand for a sanction, compared among the cases no
    official act surfaced; the claim that fewer cases with a demand have a response only when
    :data:`CLAIM_ALPHA` and group sizes carry it, and worded as an association."""
    demand_n = figures["demand_cases"]
    if not demand_n:
        return say("reaction_none", lang)
    demand_of = say_share(figures["demand_response"], demand_n, lang)
    if demand_n == figures["cases"]:
        return say("reaction_all", lang, with_response_of=demand_of)
    with_n, without_n = figures["with_cases"], figures["without_cases"]
    if not (with_n and without_n):
        return say("reaction_some", lang, demand_n=say_count(demand_n, lang),
                   with_response_of=demand_of)
    text = say("reaction_outcome", lang, demand_n=say_count(demand_n, lang),
               with_response_of=say_share(figures["with_response"], with_n, lang),
               without_response_of=say_share(figures["without_response"], without_n, lang))
    if is_demand_gap(figures):
        text += " " + say("reaction_claim", lang, p=say_p(figures["fisher_p"], lang))
    return text


def is_demand_gap(figures: Mapping[str, Any]) -> bool:
    """Whether the scope carries the claim that, among the cases no official act surfaced,
    fewer cases with a demand have a reported response: both groups of at least
    :data:`MIN_SHARE_BASE` cases, a lower share with a demand, and Fisher's exact p below
    :data:`CLAIM_ALPHA`."""
    with_n, without_n = figures["with_cases"], figures["without_cases"]
    return (min(with_n, without_n) >= MIN_SHARE_BASE and figures["fisher_p"] < CLAIM_ALPHA
            and figures["with_response"] / with_n < figures["without_response"] / without_n)


def say_recommendations(lang: str, figures: Mapping[str, Any],
                        gap: pd.DataFrame | None = None, *, table: int = 0) -> list[str]:
    """The three recommendations, each resting on a figure of this scope; the third follows
    the prescribed-versus-imposed table ``gap`` (number ``table``): its regimes and its n."""
    n = figures["cases"]
    first = (say("rec_1", lang, viral_of=say_share(figures["online"], n, lang))
             if figures["online"] else say("rec_1_none", lang))
    if is_fast(figures) and is_rare_sanction(figures):
        second = say("rec_2_fast", lang, sanctioned_of=say_share(figures["sanctioned"], n, lang))
    else:
        second = say("rec_2", lang, sanction_finding=say_sanction(lang, figures, plain=True))
    if gap is None or not len(gap):
        return [first, second, say("rec_3_none", lang)]
    from asnresearch.codebook import load_codebook

    names = load_codebook().rules["regimes"]
    regimes = [names[r] for r in sorted(set(gap["regime"]))]
    unstated = int(gap["gap"].isna().sum())
    third = say("rec_3", lang, regimes=say_list(regimes, lang),
                gap_n=say_count(len(gap), lang), table=table,
                lighter=int((gap["gap"] < 0).fillna(False).sum()),
                unstated=say("rec_3_unstated", lang, unstated=unstated) if unstated else "")
    return [first, second, third]


def markdown_table(columns: Mapping[str, Any]) -> str:
    """A Markdown table from named columns (no index), for the brief's HTML and PDF alike.

    The dashes under each header are as many as the column's longest cell (plus 3), so that
    when a table is too wide for one line pandoc shares the page width in that proportion.

    Examples
    --------
    >>> print(markdown_table({"a": [1, 2], "bb": ["x", "yyyy"]}))
    | a | bb |
    |----|-------|
    | 1 | x |
    | 2 | yyyy |
    """
    names = list(columns)
    cells = [[str(c).replace("|", "/") for c in v] for v in columns.values()]
    widths = [max([len(name), *map(len, col)]) + 3 for name, col in zip(names, cells)]
    lines = ["| " + " | ".join(names) + " |", "|" + "|".join("-" * w for w in widths) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in zip(*cells)]
    return "\n".join(lines)


def _gap_table(gap: pd.DataFrame, lang: str) -> str:
    """Table rows of :func:`~asnresearch.enforcement.compare_prescribed_imposed` in words."""
    from asnresearch.codebook import load_codebook

    cb = load_codebook()
    sanctions = {**cb.labels("sanction_type", lang), "none": say("sanction_none", lang)}
    # no sanction in the news is not a finding that none was imposed: the case may be open
    imposed = {**sanctions, "none": say("sanction_none_reported", lang)}
    marks = {"at_least": "≥ ", "approximate": "~"}

    def rule(row):
        notes = []
        if row.regime_uncertain and row.date_basis == "incident_date":
            notes.append(say("gap_uncertain", lang))
        if row.date_basis != "incident_date":
            notes.append(say("gap_basis", lang, basis=say(f"basis_{row.date_basis}", lang)))
        name = cb.rules["regimes"][row.regime]
        return f"{name} ({'; '.join(notes)})" if notes else name

    rows = list(gap.itertuples(index=False))
    return markdown_table({
        say("col_case", lang): [r.case_id for r in rows],
        say("col_days", lang): [marks.get(r.absence_days_precision, "") + str(r.absence_days)
                                for r in rows],
        say("col_rule", lang): [rule(r) for r in rows],
        say("col_prescribed", lang): [sanctions.get(r.prescribed_type, r.prescribed_type)
                                      for r in rows],
        say("col_imposed", lang): [imposed.get(r.imposed_type, r.imposed_type) for r in rows],
    })


def key_figures_table(figures: Mapping[str, Any], lang: str, *, national: bool = True) -> str:
    """The key-figures table: each figure with its 95% interval and its n.

    A share over fewer than :data:`MIN_SHARE_BASE` is given as "k of n" without an interval
    (the brief gives no percentage there); the median time to the first response is given
    only for the channels where no official act surfaced the case, over at least
    :data:`MIN_TIMED` timed responses.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> table = key_figures_table(compute_key_figures(load_dataset()), "en")
    >>> table.splitlines()[0]
    '| Measure | Value | 95% interval | n |'
    """
    from asnresearch.patterns import wilson_interval

    def share(k, n):
        if not n:
            return ("–", "–", "0")
        if n < MIN_SHARE_BASE:
            return (say("k_of_n", lang, k=k, n=n), "–", str(n))
        lower, upper = wilson_interval(k, n)
        return (percent(k / n), percent_range(lower, upper), str(n))

    n = figures["cases"]
    rows = [("key_cases", str(n), "", "")]
    if national:
        rows.append(("key_provinces", str(figures["provinces"]), "", ""))
    rows += [("key_viral", *share(figures["online"], n)),
             ("key_sanction", *share(figures["sanctioned"], n)),
             ("key_day0_official", *share(figures["official_day0"], figures["official_timed"])),
             ("key_day0", *share(figures["day0"], figures["timed"]))]
    timed = figures["timed"]
    if figures["median_days"] is not None and timed >= MIN_TIMED:
        upper = figures["median_upper"]
        rows.append(("key_median", str(int(figures["median_days"])),
                     f"{int(figures['median_lower'])}–"
                     + (str(int(upper)) if upper is not None else "∞"),
                     str(figures["median_n"])))
    else:
        rows.append(("key_median", say("key_median_none", lang,
                                       timed=say_count(timed, lang, noun="resp")),
                     "–", str(timed)))
    return markdown_table({
        say("key_label", lang): [say(k, lang) for k, *_ in rows],
        say("key_value", lang): [v for _, v, _, _ in rows],
        say("key_interval", lang): [c for *_, c, _ in rows],
        "n": [m for *_, m in rows]})


def say_rate_map(rates: pd.DataFrame, lang: str, *, funnel: int,
                 province: str | None = None) -> str:
    """The tile map's caption: what the rates count (a sample of reported cases), over which
    denominator (the headcount series and year, person-years of the period), how few cases
    each rests on and where the intervals are; ``funnel`` is the number of the funnel plot,
    ``province`` the name of an outlined province.

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_headcount
    >>> from asnresearch.patterns import rate_per_asn
    >>> text = say_rate_map(rate_per_asn(load_cases(), load_headcount()), "en", funnel=5)
    >>> "PNS headcount of each province (BPS 2023, figures of 2023)" in text
    True
    """
    from asnresearch.io import load_reference

    drawn = rates[rates["has_denominator"]]
    first, last = rates.attrs["years"]
    series = rates.attrs["series"]
    text = say("fig_map", lang, period=Scope(first=first, last=last).say_years(),
               cases_n=say_count(int(drawn["n"].sum()), lang),
               series=series if isinstance(series, str) else say_list(list(series), lang),
               hc_year=say_list(sorted({str(y) for y in drawn["headcount_year"]}), lang),
               years_n=say_count(last - first + 1, lang, noun="year"),
               n_min=int(drawn["n"].min()), max_n=say_count(int(drawn["n"].max()), lang),
               funnel=funnel)
    missing = len(load_reference("province_tiles")) - len(drawn)
    if missing:
        text += " " + say("fig_map_missing", lang, n=missing)
    if province:
        text += " " + say("fig_map_marked", lang, province=province)
    return text


def compose_brief(
    ds: Mapping[str, pd.DataFrame], *, lang: str, province: str | None = None,
    period: str | None = None, data_dir: Any = None, cutoff: Any = None,
    built: str | None = None,
) -> dict[str, Any]:
    """Every title, heading, sentence, table and caption of the brief for one scope and
    language, as Markdown, in the order the brief shows them.

    Parameters
    ----------
    ds : mapping
        The whole dataset (:func:`asnresearch.io.load_dataset`); the scope is cut here.
    lang : {'id', 'en'}
    province, period : str, optional
        As :func:`select_scope`.
    data_dir : path, optional
        The dataset folder (regions, cut-off); default the bundled data.
    cutoff : datetime.date, optional
        Censoring date; default the data cut-off.
    built : str, optional
        Build date for the PDF's date line (left out when None, so the notebook's outputs
        stay the same from day to day).

    Returns
    -------
    dict
        ``title``, ``scope`` (the scope line with n), ``html_title``, ``stamp``, ``years``
        (first and last incident year of the year chart), and Markdown blocks ``head``,
        ``key``, ``findings``, ``patterns``, ``when``, ``enforcement``, ``reactions``,
        ``gap``, ``recommendations``, ``method``, ``citation``; ``captions`` (numbered) of
        the figures shown, in order, keyed ``fig_mix``, ``fig_surfacing``, ``fig_map`` (a tile
        map of every province's rate in the period, the scope's own outlined), ``fig_rates`` (a
        funnel plot of every province in the period, the scope's own marked),
        ``fig_funnel`` and ``fig_response`` (when any case is timed); ``claims``: which
        claim each interpretive sentence made (``fast``, ``rare_sanction``,
        ``early_excess``, ``lebaran_excess``, ``demand_gap``), and ``figures``
        (:func:`compute_key_figures`) they rest on;
        :func:`draw_figures` draws them.

    Raises
    ------
    ValueError
        For a bad or empty scope (:func:`select_scope`).

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> brief = compose_brief(load_dataset(), lang="en", province="Jawa Timur", period="2025")
    >>> brief["scope"].startswith("Province of Jawa Timur, incidents 2025:")
    True
    """
    from asnresearch.codebook import load_codebook
    from asnresearch.enforcement import compare_prescribed_imposed
    from asnresearch.io import load_headcount, read_cutoff_date
    from asnresearch.patterns import rate_per_asn
    from asnresearch.reactions import count_speakers

    cutoff = cutoff or read_cutoff_date(data_dir)
    scope = parse_scope(province=province, period=period, data_dir=data_dir)
    everywhere = ds
    ds = select_scope(ds, province=province, period=period, data_dir=data_dir)
    figures = compute_key_figures(ds, cutoff=cutoff)
    cb = load_codebook()
    n = figures["cases"]
    out: dict[str, Any] = {}
    when = f", {scope.say_years()}" if scope.first is not None else ""
    out["title"] = say("title", lang, where=scope.province or say("where_all", lang), when=when)
    out["scope"] = say("scope_line", lang, scope=scope.say_place(lang),
                       period=scope.say_period(lang), cases_n=say_count(n, lang))
    out["html_title"] = say("html_title", lang, scope_line=out["scope"])
    stamp = {"version": cb.version, "cutoff": cutoff.isoformat()}
    out["stamp"] = (say("stamp_built", lang, built=built, **stamp) if built
                    else say("stamp", lang, **stamp))
    years = ds["cases"]["incident_date"].dt.year.dropna()
    if scope.first is not None:
        out["years"] = (scope.first, min(scope.last, cutoff.year))
    else:
        out["years"] = (int(years.min()), int(years.max())) if len(years) else None

    head = [f"# {out['title']}", f"**{out['scope']}**", out["stamp"]]
    out["head"] = "\n\n".join(head)
    about = [say("about", lang)]
    if n < MIN_CASES:
        about.append(say("too_few", lang, cases_n=say_count(n, lang),
                         scope=scope.describe(lang)))
    out["about"] = "\n\n".join(about)

    out["key"] = f"## {say('h_key', lang)}\n\n" + key_figures_table(figures, lang,
                                                                    national=scope.province
                                                                    is None)

    findings = [say("finding_mix", lang, work_of=say_share(figures["work"], n, lang,
                                                           interval=True))
                + say_systematic(lang, figures, "work")
                if figures["work"] else say("finding_mix_none", lang),
                say("finding_viral", lang, viral_of=say_share(figures["online"], n, lang,
                                                              interval=True))
                + say_systematic(lang, figures, "online")
                if figures["online"] else say("finding_viral_none", lang),
                say_response(lang, figures),
                say_sanction(lang, figures)]
    out["findings"] = f"## {say('h_findings', lang)}\n\n" + "\n".join(f"- {f}"
                                                                     for f in findings)

    km = estimate_response_by_channel(ds, cutoff=cutoff)
    shown = ["fig_mix", "fig_surfacing", "fig_map", "fig_rates"]
    shown += ["fig_funnel"] + (["fig_response"] if len(km) else [])
    rates = rate_per_asn(select_scope(everywhere, period=period, data_dir=data_dir)["cases"],
                         load_headcount(data_dir))
    # the funnel plot of the same rates follows the map
    filled = {"fig_map": say_rate_map(rates, lang, funnel=shown.index("fig_rates") + 1,
                                      province=scope.province)}
    captions = {key: f"*{say('figure', lang, n=i)} {filled.get(key) or say(key, lang)}*"
                for i, key in enumerate(shown, 1)}
    if out["years"] and len(set(years)) < out["years"][1] - out["years"][0] + 1:
        captions["fig_mix"] = captions["fig_mix"][:-1] + f" {say('fig_mix_zero', lang)}*"
    names = cb.group_labels("channel", lang)
    hidden = [names.get(g, g) for g in find_day0_curves(km)]
    if hidden and "fig_response" in captions:
        key = "fig_response_day0_one" if len(hidden) == 1 else "fig_response_day0"
        captions["fig_response"] = (captions["fig_response"][:-1] + " "
                                    + say(key, lang, groups=say_list(hidden, lang)) + "*")
    out["captions"] = captions

    out["patterns"] = f"## {say('h_patterns', lang)}"
    out["when"] = f"## {say('h_when', lang)}\n\n{say_calendar(lang, figures)}"
    out["enforcement"] = f"## {say('h_enforcement', lang)}"

    reactions = [f"## {say('h_reactions', lang)}", say_reactions(lang, figures)]
    speakers = count_speakers(ds)
    speakers = speakers[speakers["n"] > 0]
    tables = 0
    if len(speakers):
        tables += 1
        labels = cb.labels("speaker_kind", lang)
        columns = {say("col_speaker", lang): speakers["speaker_kind"].astype(str).map(labels),
                   say("col_reactions", lang): speakers["n"]}
        if speakers["n"].sum() >= MIN_SHARE_BASE:
            columns[say("col_share", lang)] = speakers["share"].map(percent)
        columns[say("col_cases", lang)] = speakers["cases"]
        reactions += [f"*{say('table', lang, n=tables)} {say('tab_reactions', lang)}*",
                      markdown_table(columns)]
    else:
        reactions.append(say("no_reactions", lang))
    out["reactions"] = "\n\n".join(reactions)

    gap = compare_prescribed_imposed(ds)
    blocks = [f"## {say('h_gap', lang)}"]
    if len(gap):
        tables += 1
        blocks += [f"*{say('table', lang, n=tables)} {say('tab_gap', lang)}*",
                   _gap_table(gap, lang)]
    else:
        blocks.append(say("no_gap", lang))
    left = gap.attrs["left_out"]
    reasons = [say(f"left_{reason}", lang, cases_n=say_count(count, lang))
               for reason, count in left.items() if count]
    if reasons:
        blocks.append(say("gap_left_out", lang, reasons="; ".join(reasons)))
    out["gap"] = "\n\n".join(blocks)

    recommendations = say_recommendations(lang, figures, gap, table=tables)
    out["recommendations"] = f"## {say('h_recommendations', lang)}\n\n" + "\n".join(
        f"{i}. {r}" for i, r in enumerate(recommendations, 1))
    out["method"] = f"## {say('h_method', lang)}\n\n" + say(
        "method", lang, version=cb.version, cutoff=cutoff.isoformat(), min_share=MIN_SHARE_BASE)
    out["claims"] = {
        "fast": figures["timed"] > 0 and is_fast(figures),
        "rare_sanction": figures["sanctioned"] > 0 and is_rare_sanction(figures),
        "early_excess": figures["dated"] > 0 and is_calendar_excess(figures, "early"),
        "lebaran_excess": figures["dated"] > 0 and is_calendar_excess(figures, "lebaran"),
        "demand_gap": (0 < figures["demand_cases"] < figures["cases"]
                       and figures["with_cases"] > 0 and figures["without_cases"] > 0
                       and is_demand_gap(figures)),
    }
    out["figures"] = figures
    out["citation"] = f"## {say('h_citation', lang)}\n\n" + say(
        "citation", lang, version=cb.version, title=cb.raw["title"][lang])
    return out


def draw_figures(
    ds: Mapping[str, pd.DataFrame], brief: Mapping[str, Any], *, lang: str,
    province: str | None = None, period: str | None = None, data_dir: Any = None,
    cutoff: Any = None,
) -> dict[str, Any]:
    """The figures of a brief from :func:`compose_brief` (same data, scope and language),
    drawn in ``lang``: one matplotlib Figure per caption of ``brief``, under the same key
    and in the same order.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> ds = load_dataset()
    >>> brief = compose_brief(ds, lang="id", province="Aceh")
    >>> figures = draw_figures(ds, brief, lang="id", province="Aceh")
    >>> list(figures) == list(brief["captions"])
    True
    >>> figures["fig_funnel"].axes[0].get_ylabel()
    'tahap yang dicapai'
    """
    from asnresearch.enforcement import count_stages
    from asnresearch.io import load_headcount, read_cutoff_date
    from asnresearch.patterns import count_cases, rate_per_asn, surfacing_mix
    from asnresearch.plots import (
        plot_funnel,
        plot_mix_over_time,
        plot_province_tiles,
        plot_rate_funnel,
        plot_surfacing_mix,
        plot_survival,
    )

    cutoff = cutoff or read_cutoff_date(data_dir)
    scope = parse_scope(province=province, period=period, data_dir=data_dir)
    everywhere = ds
    ds = select_scope(ds, province=province, period=period, data_dir=data_dir)
    cases = ds["cases"]

    @cache
    def rates():
        return rate_per_asn(select_scope(everywhere, period=period, data_dir=data_dir)["cases"],
                            load_headcount(data_dir))

    draw = {
        "fig_mix": lambda: plot_mix_over_time(
            count_cases(cases, by=["incident_year", "misconduct_group"],
                        within="incident_year"), lang=lang, years=brief["years"]),
        "fig_surfacing": lambda: plot_surfacing_mix(surfacing_mix(cases, grouped=True),
                                                    lang=lang),
        # every province of the period, so the scope's own province is seen among the rest
        "fig_map": lambda: plot_province_tiles(rates(), column="rate", lang=lang,
                                               highlight=scope.province_code),
        "fig_rates": lambda: plot_rate_funnel(rates(), lang=lang,
                                              highlight=scope.province_code),
        "fig_funnel": lambda: plot_funnel(count_stages(ds), lang=lang),
        "fig_response": lambda: plot_survival(
            estimate_response_by_channel(ds, cutoff=cutoff), lang=lang),
    }
    return {key: draw[key]().figure for key in brief["captions"]}
