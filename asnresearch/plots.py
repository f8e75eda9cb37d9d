"""Figures with one project theme: each takes tidy data, ``lang`` and ``ax`` and returns the
Axes it drew on.

Every figure has a title, labelled axes with units, and a source line under the plot, all in
``lang`` (``id`` or ``en``): code, group and stage names come from the codebook, and the
figures' own words (titles, axis labels, the source line) from :data:`FIGURE_TEXT`. Given
``ax``, a function draws on it; otherwise on a new figure of the stated size, detached from
pyplot so that the caller shows ``ax.figure`` exactly once.

Examples
--------
>>> import pandas as pd
>>> funnel = pd.DataFrame({"stage": ["surfaced", "response"], "n": [10, 6],
...                        "share": [1.0, 0.6]})
>>> plot_funnel(funnel).get_xlabel(), plot_funnel(funnel, lang="id").get_xlabel()
('cases (number)', 'kasus (jumlah)')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnresearch.codebook import load_wording

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "PALETTE", "FIGSIZE", "LINESTYLES", "DISTINCT", "FIGURE_TEXT", "say_figure", "set_theme",
    "name_codes", "name_column", "plot_funnel", "plot_survival", "plot_mix_over_time",
    "plot_weekday_hour", "plot_province_rates", "plot_rate_funnel", "plot_surfacing_mix",
    "plot_province_tiles",
]

PALETTE = "colorblind"
FIGSIZE = (7.0, 4.0)
# curves are told apart by line style as well as colour (the palette's orange and vermilion
# look alike, and not every reader sees colour)
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)))
# the palette's colours in an order that keeps its orange and vermilion apart
DISTINCT = (0, 1, 2, 4, 7, 5, 9, 6, 8, 3)

# The figures' own words in each language (titles, axis labels with units, the source line):
# asnresearch/templates/wording.yaml. Names of codes, groups and stages come from the codebook.
FIGURE_TEXT: dict[str, dict[str, str]] = load_wording()["figures"]


def say_figure(key: str, lang: str, **values) -> str:
    """The figure text ``key`` of :data:`FIGURE_TEXT` in ``lang``, filled with ``values``.

    Examples
    --------
    >>> say_figure("mix_undated", "id", n=2)
    ' (2 kasus tanpa tahun tidak ditampilkan)'
    """
    from asnresearch.codebook import load_codebook

    return FIGURE_TEXT[key][load_codebook().check_lang(lang)].format(**values)


def set_theme() -> None:
    """Apply the project's seaborn theme."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")


def _colours(n: int) -> list:
    import seaborn as sns

    palette = sns.color_palette(PALETTE, len(DISTINCT))
    return [palette[DISTINCT[i % len(DISTINCT)]] for i in range(n)]


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """``ax``, or the Axes of a new figure of ``figsize``, after applying the theme."""
    set_theme()
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)[1]


def _finish(ax: Axes, title: str, lang: str, source: str | None, *, own: bool) -> Axes:
    """Title and source line; a figure of our own is laid out and detached from pyplot."""
    import matplotlib.pyplot as plt

    fig = ax.figure
    source = say_figure("source", lang) if source is None else source
    ax.set_title(title, loc="left", fontweight="bold")
    if source not in [t.get_text() for t in fig.texts]:  # one source line per figure
        fig.text(0.01, 0.01, source, fontsize=8, color="0.35", ha="left", va="bottom")
    if own:
        fig.tight_layout(rect=(0, 0.05, 1, 1))
        plt.close(fig)  # the caller displays the figure exactly once
    return ax


def name_codes(column: str, lang: str) -> dict[str, str]:
    """Labels in ``lang`` of the values of ``column``: a codebook grouping's groups, the
    stages of the funnel, or a coded variable's codes; empty for a free column.

    Examples
    --------
    >>> name_codes("channel", "id")["official_found"], name_codes("stage", "id")["sanction"]
    ('tindakan resmi', 'sanksi')
    """
    from asnresearch.codebook import load_codebook

    cb = load_codebook()
    if column in cb.raw["groupings"]:
        return cb.group_labels(column, lang)
    if column == "stage":
        return cb.stage_labels(lang)
    for table in cb.table_names:
        for var in cb.variables(table):
            if var.name == column and var.code_list:
                return cb.labels(var.code_list, lang)
    return {}


def name_column(column: str, lang: str) -> str:
    """A column's name in ``lang``: a grouping's label, else the column with spaces.

    Examples
    --------
    >>> name_column("misconduct_group", "id")
    'kelompok pelanggaran'
    """
    from asnresearch.codebook import load_codebook

    cb = load_codebook()
    if column in cb.raw["groupings"]:
        return cb.grouping_label(column, lang)
    return column.replace("_", " ")


def plot_funnel(funnel: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                source: str | None = None) -> Axes:
    """Horizontal bars of the enforcement funnel from :func:`enforcement.count_stages`.

    Each bar is labelled with its share of all cases, or with its count when there are fewer
    cases than a percentage needs (``min_share_base`` in ``templates/wording.yaml``): "k/n", the
    same in every language. Stages are named by the codebook in ``lang``.
    """
    import seaborn as sns
    from matplotlib.ticker import MaxNLocator

    min_base = load_wording()["thresholds"]["min_share_base"]

    own = ax is None
    ax = _axes(ax, FIGSIZE)
    names = name_codes("stage", lang)
    data = funnel.assign(stage=[names.get(str(s), str(s)) for s in funnel["stage"]])
    sns.barplot(data=data, y="stage", x="n", ax=ax, color=sns.color_palette(PALETTE)[0])
    total = int(funnel["n"].iloc[0]) if len(funnel) else 0
    for bar, n, share in zip(ax.patches, funnel["n"], funnel["share"]):
        label = f"{share:.0%}" if total >= min_base else f"{int(n)}/{total}"
        ax.annotate(label, (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set(xlabel=say_figure("funnel_x", lang), ylabel=say_figure("funnel_y", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _finish(ax, say_figure("funnel_title", lang), lang, source, own=own)


def plot_survival(
    table: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None, title: str | None = None,
    grouping: str = "channel", ylabel: str | None = None, source: str | None = None,
) -> Axes:
    """Step curves of a Kaplan-Meier table from :func:`models.estimate_survival`.

    Each curve has its own colour and line style, named by the codebook's labels of
    ``grouping`` (the column the table was split by) in ``lang``; the time axis starts a
    little left of day 0, so a curve that drops on day 0 shows beside the axis instead of on
    it. ``title`` defaults to the time to the first official response, ``ylabel`` to the
    share of cases still waiting (for it).
    """
    import pandas as pd

    own = ax is None
    ax = _axes(ax, FIGSIZE)
    names = name_codes(grouping, lang)
    groups = (list(table.groupby("group", sort=True)) if "group" in table
              else [(say_figure("all_cases", lang), table)])
    colours = _colours(len(groups))
    for i, (name, part) in enumerate(groups):
        times = pd.concat([pd.Series([0]), part["time"]], ignore_index=True)
        surv = pd.concat([pd.Series([1.0]), part["survival"]], ignore_index=True)
        ax.step(times, surv, where="post", label=names.get(str(name), str(name)),
                color=colours[i], linestyle=LINESTYLES[i % len(LINESTYLES)], linewidth=1.8)
    # at least ten days across, so a few cases timed on day 0 still get a readable axis
    span = max(float(table["time"].max()) if len(table) else 0.0, 10.0)
    ylabel = say_figure("survival_y", lang) if ylabel is None else ylabel
    ax.set(xlabel=say_figure("survival_x", lang), ylabel=ylabel,
           ylim=(0, 1.02), xlim=(-0.02 * span, 1.02 * span))
    ax.legend(title=name_column(grouping, lang), frameon=False)
    title = say_figure("survival_title", lang) if title is None else title
    return _finish(ax, title, lang, source, own=own)


def plot_mix_over_time(
    mix: pd.DataFrame, *, column: str = "misconduct_group", lang: str = "en",
    ax: Axes | None = None, years: tuple[int, int] | None = None, source: str | None = None,
) -> Axes:
    """Stacked bars of cases per incident year, split by ``column``, on a continuous year
    axis: a year without a case is an empty slot, not a missing one.

    Takes ``count_cases(cases, by=["incident_year", column], within="incident_year")``;
    undated cases (year ``unknown``) are left out and the title says how many. ``years``
    (first, last) sets the axis, e.g. to a brief's period; default the dated years' range.
    """
    from matplotlib.ticker import MaxNLocator

    own = ax is None
    ax = _axes(ax, FIGSIZE)
    is_dated = mix["incident_year"].astype(str) != "unknown"
    dated = mix[is_dated].assign(incident_year=lambda d: d["incident_year"].astype(int))
    undated = int(mix.loc[~is_dated, "n"].sum())
    wide = dated.pivot_table(index="incident_year", columns=column, values="n",
                             aggfunc="sum", observed=True).fillna(0)
    if years is None and len(wide):
        years = (int(wide.index.min()), int(wide.index.max()))
    if years is not None:
        wide = wide.reindex(range(years[0], years[1] + 1), fill_value=0)
    names = name_codes(column, lang)
    bottom = None
    colours = _colours(len(wide.columns))
    for colour, name in zip(colours, wide.columns):
        ax.bar(wide.index, wide[name], bottom=bottom, color=colour,
               label=names.get(str(name), str(name).replace("_", " ")))
        bottom = wide[name] if bottom is None else bottom + wide[name]
    ax.set(xlabel=say_figure("mix_x", lang), ylabel=say_figure("mix_y", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if years is not None:
        ax.set_xlim(years[0] - 0.6, years[1] + 0.6)
    ax.tick_params(axis="x", rotation=45)
    ax.legend(title=name_column(column, lang), frameon=False, fontsize=8)
    title = say_figure("mix_title", lang)
    if undated:
        title += say_figure("mix_undated", lang, n=undated)
    return _finish(ax, title, lang, source, own=own)


def plot_weekday_hour(profile: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                      source: str | None = None) -> Axes:
    """Heat map of incidents by weekday and hour, from
    ``calendar_profile(cases, by="weekday_hour")``; the codebook's working hours of Perpres
    21/2023 (Monday to Friday from 07.30; Monday's window) are outlined."""
    import seaborn as sns
    from matplotlib.patches import Rectangle

    from asnresearch.codebook import load_codebook

    own = ax is None
    ax = _axes(ax, FIGSIZE)
    cb = load_codebook()
    weekdays = cb.weekdays("en")  # the profile's values
    wide = profile.pivot(index="weekday", columns="hour", values="n").reindex(weekdays)
    wide.index = cb.weekdays(lang)
    first = 6  # incidents outside 06.00-20.59 are rare; keep the grid legible
    wide = wide.loc[:, first:20]
    sns.heatmap(wide, ax=ax, cmap="Blues", linewidths=0.5,
                cbar_kws={"label": say_figure("calendar_scale", lang)})
    # the working days' rows, from the first day's start to its end: cell x = hour - first
    days = [i for i in range(len(weekdays)) if cb.working_hours(i) is not None]
    if days:
        hours = cb.working_hours(days[0])
        start, end = (t.hour + t.minute / 60 for t in (hours.start, hours.end))
        ax.add_patch(Rectangle((start - first, days[0]), end - start, len(days), fill=False,
                               edgecolor="0.2", lw=1.5))
    ax.set(xlabel=say_figure("calendar_x", lang), ylabel=say_figure("calendar_y", lang))
    n = profile.attrs.get("n", int(profile["n"].sum()))
    return _finish(ax, say_figure("calendar_title", lang, n=n), lang, source, own=own)


def _staff_label(rates: pd.DataFrame, lang: str) -> str:
    from asnresearch.codebook import load_codebook

    staff = rates.attrs.get("staff", load_codebook().codes("staff")[0])
    return load_codebook().labels("staff", lang).get(staff, staff)


def _per_label(per: int, lang: str) -> str:
    text = f"{per:,}"
    return text.replace(",", ".") if lang == "id" else text  # Indonesian groups by "."


def _decimal(value: float, lang: str) -> str:
    text = f"{value:.3g}"
    return text.replace(".", ",") if lang == "id" else text  # Indonesian decimal comma


def plot_province_rates(rates: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                        names: dict[str, str] | None = None, top: int = 15,
                        source: str | None = None) -> Axes:
    """Horizontal bars of reported cases per 100,000 person-years, with 95% intervals, for
    the ``top`` provinces by rate (from :func:`patterns.rate_per_asn`); provinces without a
    headcount are not drawn and the title says how many cases that leaves out. Provinces are
    labelled with their gazetteer names unless ``names`` maps codes to other labels. A
    ranking of a few cases per province mostly shows noise: prefer
    :func:`plot_rate_funnel`."""
    import seaborn as sns

    if names is None:
        from asnresearch.io import load_regions

        names = dict(load_regions()[["code", "name"]].itertuples(index=False))
    own = ax is None
    ax = _axes(ax, (FIGSIZE[0], 5.0))
    shown = (rates[rates["has_denominator"]].sort_values(["rate", "n"], ascending=False)
             .head(top).iloc[::-1])
    labels = [names.get(c, c) for c in shown["province_code"]]
    rate = shown["rate"].astype(float).to_numpy()
    err = [rate - shown["ci_lower"].astype(float).to_numpy(),
           shown["ci_upper"].astype(float).to_numpy() - rate]
    ax.barh(labels, rate, xerr=err, color=sns.color_palette(PALETTE)[0], ecolor="0.4",
            capsize=2)
    per, staff = _per_label(rates.attrs.get("per", 100_000), lang), _staff_label(rates, lang)
    ax.set(xlabel=say_figure("rates_x", lang, per=per, staff=staff),
           ylabel=say_figure("rates_y", lang))
    missing = rates.attrs.get("cases_without_denominator", 0)
    title = say_figure("rates_title", lang, staff=staff, top=len(shown))
    if missing:
        title += say_figure("rates_missing", lang, n=missing)
    return _finish(ax, title, lang, source, own=own)


def plot_rate_funnel(rates: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                     names: dict[str, str] | None = None, highlight: str | None = None,
                     levels: tuple[float, ...] = (0.95, 0.998),
                     source: str | None = None) -> Axes:
    """Funnel plot of provincial rates from :func:`patterns.rate_per_asn`: each province's
    rate against its person-years (log scale), the national rate, and the Poisson control
    limits of :func:`patterns.compute_funnel_limits` at ``levels`` (95% dashed, 99.8%
    dotted). A province inside the limits is as far from the national rate as chance alone
    would put it; those outside the first level are named (gazetteer names unless
    ``names`` maps codes to other labels), and so is the province ``highlight`` (a province
    code, e.g. a province brief's), drawn in its own colour. Provinces without a headcount
    are not drawn and the title says how many cases that leaves out. This replaces a
    ranking: no order of provinces is implied.

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.DataFrame({"province_code": ["35", "33"], "n": [2, 9],
    ...     "person_years": [400_000, 300_000], "rate": [0.5, 3.0],
    ...     "has_denominator": [True, True]})
    >>> rates.attrs = {"national_rate": 11 / 7, "per": 100_000}
    >>> ax = plot_rate_funnel(rates)
    >>> [t.get_text() for t in ax.texts]
    ['Jawa Tengah']
    """
    import numpy as np
    import seaborn as sns
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    from asnresearch.patterns import compute_funnel_limits

    if names is None:
        from asnresearch.io import load_regions

        names = dict(load_regions()[["code", "name"]].itertuples(index=False))
    own = ax is None
    ax = _axes(ax, (FIGSIZE[0], 5.0))
    shown = rates[rates["has_denominator"]]
    per = rates.attrs.get("per", 100_000)
    national = rates.attrs["national_rate"]
    exposure = shown["person_years"].astype(float).to_numpy()
    rate = shown["rate"].astype(float).to_numpy()
    grid = np.geomspace(exposure.min() * 0.8, exposure.max() * 1.25, 200)
    limits = compute_funnel_limits(national, grid, per=per, levels=levels)
    for level, style in zip(levels, LINESTYLES[1:]):
        for side in ("low", "high"):
            ax.plot(grid, limits[f"{side}_{level:g}"], color="0.35", linestyle=style,
                    linewidth=1.1, label=(say_figure("rate_funnel_limits", lang,
                                                     level=f"{level * 100:g}")
                                          if side == "high" else None))
    ax.axhline(national, color=_colours(2)[1], linewidth=1.5,
               label=say_figure("rate_funnel_national", lang, rate=_decimal(national, lang)))
    ax.scatter(exposure, rate, color=sns.color_palette(PALETTE)[0], zorder=3, s=28)
    point = compute_funnel_limits(national, exposure, per=per, levels=levels[:1])
    outside = ((rate > point[f"high_{levels[0]:g}"].to_numpy())
               | (rate < point[f"low_{levels[0]:g}"].to_numpy()))
    marked = shown["province_code"].eq(highlight).to_numpy()
    if marked.any():
        ax.scatter(exposure[marked], rate[marked], color=_colours(3)[2], zorder=4, s=60)
    for code, x, y in zip(shown["province_code"][outside | marked], exposure[outside | marked],
                          rate[outside | marked]):
        ax.annotate(names.get(code, code), (x, y), xytext=(4, 3), textcoords="offset points",
                    fontsize=8)
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _per_label(int(v), lang)))
    ax.xaxis.set_minor_formatter(NullFormatter())
    staff = _staff_label(rates, lang)
    ax.set(xlabel=say_figure("rate_funnel_x", lang, staff=staff),
           ylabel=say_figure("rate_funnel_y", lang, per=_per_label(per, lang)),
           ylim=(0, None))
    ax.legend(frameon=False, fontsize=8)
    title = say_figure("rate_funnel_title", lang, staff=staff, n=int(shown["n"].sum()))
    missing = rates.attrs.get("cases_without_denominator", 0)
    if missing:
        title += say_figure("rates_missing", lang, n=missing)
    return _finish(ax, title, lang, source, own=own)


def plot_province_tiles(values: pd.DataFrame, *, column: str = "n", lang: str = "en",
                        ax: Axes | None = None, title: str | None = None,
                        highlight: str | None = None, source: str | None = None) -> Axes:
    """Tile map of the 38 provinces: one equal square per province at its place in the
    codebook's ``province_tiles`` layout, coloured by ``column`` of ``values`` (a table by
    ``province_code``, e.g. :func:`patterns.rate_per_asn` with ``column="rate"``, or counts)
    on a sequential scale from 0, and labelled with the province's abbreviation and value.

    A province absent from ``values`` or with a missing value (a rate without a headcount) is
    light grey and hatched, with a legend entry. The scale is labelled for ``n`` (cases) and
    ``rate`` (per the ``per`` and ``staff`` of ``values.attrs``), else with the column's
    name; the default title counts the cases of the ``n`` column (0 without one) and, for
    rates, the cases left without a headcount. ``highlight`` (a province
    code, e.g. a province brief's) outlines that tile. Equal tiles keep small provinces
    visible; the layout is drawn by the project, not from boundaries.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"province_code": ["35", "33"], "n": [4, 2]})
    >>> ax = plot_province_tiles(counts)
    >>> len(ax.patches), ax.get_title(loc="left")
    (38, 'Reported cases by province (6 cases)')
    """
    import matplotlib as mpl
    from matplotlib.colors import Normalize
    from matplotlib.patches import Patch, Rectangle
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from asnresearch.io import load_reference

    own = ax is None
    ax = _axes(ax, FIGSIZE)
    tiles = load_reference("province_tiles")
    value = tiles["province_code"].map(
        values.set_index("province_code")[column].astype("Float64")).astype(float)
    cmap = mpl.colormaps["Blues"]
    norm = Normalize(vmin=0, vmax=max(float(value.max()), 1e-9) if value.notna().any() else 1)
    is_rate = column == "rate"
    for tile, v in zip(tiles.itertuples(index=False), value):
        missing = v != v  # NaN
        marked = tile.province_code == highlight
        ax.add_patch(Rectangle((tile.col - 0.45, tile.row - 0.45), 0.9, 0.9,
                               facecolor="0.9" if missing else cmap(norm(v)),
                               hatch="////" if missing else None,
                               edgecolor="0.1" if marked else "0.6",
                               linewidth=2.5 if marked else 0.5))
        # white writing on the dark end of the scale
        ink = "white" if not missing and norm(v) > 0.6 else "0.1"
        ax.text(tile.col, tile.row - 0.1, tile.abbrev, ha="center", va="center", fontsize=8,
                fontweight="bold", color=ink)
        if not missing:
            shown = _decimal(v, lang) if is_rate else f"{v:g}"
            ax.text(tile.col, tile.row + 0.22, shown, ha="center", va="center", fontsize=5.5,
                    color=ink)
    ax.set_xlim(-0.6, tiles["col"].max() + 0.6)
    ax.set_ylim(tiles["row"].max() + 0.6, -0.6)  # row 0 is the north
    ax.set_aspect("equal")
    ax.axis("off")
    per, staff = _per_label(values.attrs.get("per", 100_000), lang), _staff_label(values, lang)
    scale = {"n": lambda: say_figure("mix_y", lang),
             "rate": lambda: say_figure("rates_x", lang, per=per, staff=staff)}
    label = scale.get(column, lambda: name_column(column, lang))()
    # the colour bar sits in the empty south-east of the grid, so no room is taken
    bar = ax.inset_axes((0.7, 0.2, 0.28, 0.035))
    ax.figure.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), cax=bar,
                       orientation="horizontal",
                       format=FuncFormatter(lambda v, _: _decimal(v, lang)))
    if not is_rate:
        bar.xaxis.set_major_locator(MaxNLocator(integer=True))
    bar.set_xlabel(label, fontsize=7)
    bar.tick_params(labelsize=7)
    if value.isna().any():
        key = "tiles_missing_rate" if is_rate else "tiles_missing"
        ax.legend(handles=[Patch(facecolor="0.9", edgecolor="0.6", hatch="////",
                                 label=say_figure(key, lang))],
                  loc="lower right", frameon=False, fontsize=7)
    if title is None:
        n = int(values["n"].sum()) if "n" in values else 0
        title = say_figure("tiles_rate_title" if is_rate else "tiles_title", lang, n=n)
        missing = values.attrs.get("cases_without_denominator", 0) if is_rate else 0
        if missing:
            title += say_figure("rates_missing", lang, n=missing)
    return _finish(ax, title, lang, source, own=own)


def plot_surfacing_mix(mix: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None,
                       source: str | None = None) -> Axes:
    """Bars of how cases surfaced, with Wilson 95% intervals, from
    :func:`patterns.surfacing_mix` (grouped into channels or not), named in ``lang``."""
    import seaborn as sns

    own = ax is None
    ax = _axes(ax, FIGSIZE)
    column = "channel" if "channel" in mix else "surfaced_via"
    shown = mix[mix["n"] > 0].sort_values("share")
    labels = name_codes(column, lang)
    names = [labels.get(str(c), str(c)) for c in shown[column]]
    share = shown["share"].to_numpy()
    err = [share - shown["ci_lower"].to_numpy(), shown["ci_upper"].to_numpy() - share]
    ax.barh(names, share * 100, xerr=[e * 100 for e in err],
            color=sns.color_palette(PALETTE)[2], ecolor="0.4", capsize=2)
    ax.set(xlabel=say_figure("surfacing_x", lang), ylabel=say_figure("surfacing_y", lang))
    return _finish(ax, say_figure("surfacing_title", lang), lang, source, own=own)
