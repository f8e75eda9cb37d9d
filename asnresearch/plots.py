"""Figures with one project theme: each takes tidy data and returns a matplotlib Figure.

Every figure has a title, labelled axes with units, and a source line under the plot.

Examples
--------
>>> import pandas as pd
>>> funnel = pd.DataFrame({"stage": ["surfaced", "response"], "n": [10, 6],
...                        "share": [1.0, 0.6]})
>>> fig = plot_funnel(funnel)
>>> fig.axes[0].get_xlabel()
'cases (number)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

SOURCE = "Source: asnresearch dataset (reported cases only)"
PALETTE = "colorblind"
FIGSIZE = (7.0, 4.0)
# curves are told apart by line style as well as colour (the palette's orange and vermilion
# look alike, and not every reader sees colour)
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)))
# the palette's colours in an order that keeps its orange and vermilion apart
DISTINCT = (0, 1, 2, 4, 7, 5, 9, 6, 8, 3)


def set_theme() -> None:
    """Apply the project's seaborn theme."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")


def _colours(n: int) -> list:
    import seaborn as sns

    palette = sns.color_palette(PALETTE, len(DISTINCT))
    return [palette[DISTINCT[i % len(DISTINCT)]] for i in range(n)]


def _finish(fig: Figure, title: str, source: str) -> Figure:
    import matplotlib.pyplot as plt

    fig.axes[0].set_title(title, loc="left", fontweight="bold")
    fig.text(0.01, 0.01, source, fontsize=8, color="0.35", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    # detach from pyplot: the caller displays the returned figure exactly once
    plt.close(fig)
    return fig


def plot_funnel(funnel: pd.DataFrame, *, source: str = SOURCE) -> Figure:
    """Horizontal bars of the enforcement funnel from :func:`enforcement.count_stages`.

    Each bar is labelled with its share of all cases, or with its count when there are fewer
    cases than a percentage needs (:data:`asnresearch.brief.MIN_SHARE_BASE`): "k/n", the
    same in every language.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.ticker import MaxNLocator

    from asnresearch.brief import MIN_SHARE_BASE

    set_theme()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    sns.barplot(data=funnel, y="stage", x="n", ax=ax, color=sns.color_palette(PALETTE)[0])
    total = int(funnel["n"].iloc[0]) if len(funnel) else 0
    for bar, n, share in zip(ax.patches, funnel["n"], funnel["share"]):
        label = f"{share:.0%}" if total >= MIN_SHARE_BASE else f"{int(n)}/{total}"
        ax.annotate(label, (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set(xlabel="cases (number)", ylabel="stage reached")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _finish(fig, "How far reported cases get", source)


def plot_survival(
    table: pd.DataFrame, *, title: str, xlabel: str = "days since the case surfaced",
    ylabel: str = "share of cases still waiting", source: str = SOURCE,
) -> Figure:
    """Step curves of a Kaplan-Meier table from :func:`models.estimate_survival`.

    Each curve has its own colour and line style; the time axis starts a little left of day 0,
    so a curve that drops on day 0 shows beside the axis instead of on it.
    """
    import matplotlib.pyplot as plt
    import pandas as pd

    set_theme()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    groups = table.groupby("group", sort=True) if "group" in table else [("all cases", table)]
    groups = list(groups)
    colours = _colours(len(groups))
    for i, (name, part) in enumerate(groups):
        times = pd.concat([pd.Series([0]), part["time"]], ignore_index=True)
        surv = pd.concat([pd.Series([1.0]), part["survival"]], ignore_index=True)
        ax.step(times, surv, where="post", label=str(name), color=colours[i],
                linestyle=LINESTYLES[i % len(LINESTYLES)], linewidth=1.8)
    # at least ten days across, so a few cases timed on day 0 still get a readable axis
    span = max(float(table["time"].max()) if len(table) else 0.0, 10.0)
    ax.set(xlabel=xlabel, ylabel=ylabel, ylim=(0, 1.02), xlim=(-0.02 * span, 1.02 * span))
    ax.legend(title="surfaced via", frameon=False)
    return _finish(fig, title, source)


def plot_mix_over_time(
    mix: pd.DataFrame, *, column: str = "misconduct_group",
    years: tuple[int, int] | None = None, source: str = SOURCE,
) -> Figure:
    """Stacked bars of cases per incident year, split by ``column``, on a continuous year
    axis: a year without a case is an empty slot, not a missing one.

    Takes ``count_cases(cases, by=["incident_year", column], within="incident_year")``;
    undated cases (year ``unknown``) are left out and the title says how many. ``years``
    (first, last) sets the axis, e.g. to a brief's period; default the dated years' range.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    set_theme()
    is_dated = mix["incident_year"].astype(str) != "unknown"
    dated = mix[is_dated].assign(incident_year=lambda d: d["incident_year"].astype(int))
    undated = int(mix.loc[~is_dated, "n"].sum())
    wide = dated.pivot_table(index="incident_year", columns=column, values="n",
                             aggfunc="sum", observed=True).fillna(0)
    if years is None and len(wide):
        years = (int(wide.index.min()), int(wide.index.max()))
    if years is not None:
        wide = wide.reindex(range(years[0], years[1] + 1), fill_value=0)
    fig, ax = plt.subplots(figsize=FIGSIZE)
    bottom = None
    colours = _colours(len(wide.columns))
    for colour, name in zip(colours, wide.columns):
        ax.bar(wide.index, wide[name], bottom=bottom, label=str(name).replace("_", " "),
               color=colour)
        bottom = wide[name] if bottom is None else bottom + wide[name]
    ax.set(xlabel="year of the incident", ylabel="reported cases (number)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if years is not None:
        ax.set_xlim(years[0] - 0.6, years[1] + 0.6)
    ax.tick_params(axis="x", rotation=45)
    ax.legend(title=column.replace("_", " "), frameon=False, fontsize=8)
    title = "Reported cases by year and kind"
    if undated:
        title += f" ({undated} undated cases not shown)"
    return _finish(fig, title, source)


def plot_weekday_hour(profile: pd.DataFrame, *, source: str = SOURCE) -> Figure:
    """Heat map of incidents by weekday and hour, from
    ``calendar_profile(cases, by="weekday_hour")``; the codebook's working hours of Perpres
    21/2023 (Monday to Friday from 07.30; Monday's window) are outlined."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.patches import Rectangle

    from asnresearch.codebook import load_codebook

    set_theme()
    cb = load_codebook()
    weekdays = cb.weekdays("en")
    wide = profile.pivot(index="weekday", columns="hour", values="n").reindex(weekdays)
    first = 6  # incidents outside 06.00-20.59 are rare; keep the grid legible
    wide = wide.loc[:, first:20]
    fig, ax = plt.subplots(figsize=FIGSIZE)
    sns.heatmap(wide, ax=ax, cmap="Blues", linewidths=0.5, cbar_kws={"label": "cases (number)"})
    # the working days' rows, from the first day's start to its end: cell x = hour - first
    days = [i for i in range(len(weekdays)) if cb.working_hours(i) is not None]
    if days:
        hours = cb.working_hours(days[0])
        start, end = (t.hour + t.minute / 60 for t in (hours.start, hours.end))
        ax.add_patch(Rectangle((start - first, days[0]), end - start, len(days), fill=False,
                               edgecolor="0.2", lw=1.5))
    ax.set(xlabel="hour of the day (local time)", ylabel="day of the week")
    n = profile.attrs.get("n", int(profile["n"].sum()))
    return _finish(fig, f"When incidents happen (n = {n} with a stated time)", source)


def plot_province_rates(rates: pd.DataFrame, *, names: dict[str, str] | None = None,
                        top: int = 15, source: str = SOURCE) -> Figure:
    """Horizontal bars of reported cases per 100,000 civil servants, with 95% intervals, for
    the ``top`` provinces by rate (from :func:`patterns.rate_per_asn`); provinces without a
    headcount are not drawn and the title says how many cases that leaves out. Provinces are
    labelled with their gazetteer names unless ``names`` maps codes to other labels."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    if names is None:
        from asnresearch.io import load_regions

        names = dict(load_regions()[["code", "name"]].itertuples(index=False))
    set_theme()
    shown = rates[rates["has_denominator"]].head(top).iloc[::-1]
    labels = [names.get(c, c) for c in shown["province_code"]]
    fig, ax = plt.subplots(figsize=(FIGSIZE[0], 5.0))
    rate = shown["rate"].astype(float).to_numpy()
    err = [rate - shown["ci_lower"].astype(float).to_numpy(),
           shown["ci_upper"].astype(float).to_numpy() - rate]
    ax.barh(labels, rate, xerr=err, color=sns.color_palette(PALETTE)[0], ecolor="0.4",
            capsize=2)
    per = rates.attrs.get("per", 100_000)
    staff = rates.attrs.get("staff", "pns").upper()
    ax.set(xlabel=f"reported cases per {per:,} {staff} (whole period)", ylabel="province")
    missing = rates.attrs.get("cases_without_denominator", 0)
    title = f"Reported cases per {staff}, top {len(shown)} provinces"
    if missing:
        title += f" ({missing} cases without a headcount)"
    return _finish(fig, title, source)


def plot_surfacing_mix(mix: pd.DataFrame, *, labels: dict[str, str] | None = None,
                       source: str = SOURCE) -> Figure:
    """Bars of how cases surfaced, with Wilson 95% intervals, from
    :func:`patterns.surfacing_mix`."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    set_theme()
    column = "channel" if "channel" in mix else "surfaced_via"
    shown = mix[mix["n"] > 0].sort_values("share")
    names = [labels.get(c, c) if labels else c for c in shown[column]]
    fig, ax = plt.subplots(figsize=FIGSIZE)
    share = shown["share"].to_numpy()
    err = [share - shown["ci_lower"].to_numpy(), shown["ci_upper"].to_numpy() - share]
    ax.barh(names, share * 100, xerr=[e * 100 for e in err],
            color=sns.color_palette(PALETTE)[2], ecolor="0.4", capsize=2)
    ax.set(xlabel="share of reported cases (%)", ylabel="how the case surfaced")
    return _finish(fig, "How cases come to light", source)
