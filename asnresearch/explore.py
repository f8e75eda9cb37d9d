"""The interactive explorer's logic: filters, linked views and the tile map of the provinces.

``notebooks/00-explore`` shows :func:`build_app` and Voila serves it (``make explore``). The
views are pure functions of the dataset and a :class:`Filters` state, so the tests check them
against pandas without a browser: :func:`select_cases` (the filters),
:func:`count_headline`, :func:`map_values` (cases, or cases per 100,000 PNS person-years of
:func:`asnresearch.patterns.rate_per_asn` with its exact Poisson interval),
:func:`count_over_time`, the enforcement funnel of
:func:`asnresearch.enforcement.count_stages`, the Kaplan-Meier time to the first response
of :func:`asnresearch.brief.estimate_response_by_channel`, :func:`build_case_table` and
:func:`export_cases_csv` (formula-safe, :func:`asnresearch.io.neutralise_formulas`).
:func:`draw_tile_map` draws the map as SVG: one equal tile per province at its place in the
reference table ``province_tiles``, coloured by the value, with the province, n, rate and
95% interval in each tile's hover text. The charts are SVG too (:func:`draw_cases_over_time`,
:func:`draw_funnel`, :func:`draw_survival`), drawn like the brief's figures of
:mod:`asnresearch.plots` but in milliseconds, so that a filter change redraws every view
within a second. Nothing is fetched from the internet.

Derived columns come from :mod:`asnresearch.derive`; names of codes from the codebook; the
explorer's own words, in both languages, from ``templates/explore.yaml`` (:data:`TEXT`).

Examples
--------
>>> from asnresearch.io import load_dataset
>>> ds = load_dataset()
>>> keep = select_cases(ds, Filters(province="35", years=(2020, 2025)))
>>> int(keep.sum()) == int(((ds["cases"]["province_code"] == "35")
...     & ds["cases"]["incident_date"].dt.year.between(2020, 2025)).sum())
True
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asnresearch.codebook import load_codebook

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXPLORE_FILE", "TEXT", "TABLE_ROWS", "say_explore", "Filters", "select_cases",
    "filter_dataset", "count_headline", "map_values", "count_over_time", "say_date",
    "build_case_table", "export_cases_csv", "draw_tile_map", "draw_cases_over_time",
    "draw_funnel", "draw_survival", "render_case_table",
    "render_headline", "Explorer", "build_app", "NOTEBOOK", "VOILA_OPTIONS", "voila_command",
    "serve_voila",
]

EXPLORE_FILE = resources.files("asnresearch").joinpath("templates/explore.yaml")
NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "00-explore.ipynb"
# How Voila serves the explorer (the Makefile's `explore` target passes the same options; a
# test checks): on this machine only, with the page template of notebooks/voila/templates/
# explore (Voila's own without its CDN style sheets: nothing is fetched from the internet),
# a kernel that runs the notebook as the server starts (preheated: the first visitor waits
# for no start-up), and without the JupyterLab extensions the page does not use.
VOILA_OPTIONS = (
    "--no-browser", "--Voila.ip=127.0.0.1", "--template=explore", "--preheat_kernel=True",
    "--VoilaConfiguration.extension_denylist=jupyterlab-jupytext",
    "--VoilaConfiguration.extension_denylist=@voila-dashboards/jupyterlab-preview",
)
TABLE_ROWS = 100  # rows the page shows; the download holds every chosen case
_TILE, _GAP = 44, 4  # tile side and gap of the map, in SVG pixels


@functools.cache
def _load_text() -> dict[str, dict[str, str]]:
    import yaml

    return yaml.safe_load(EXPLORE_FILE.read_text(encoding="utf-8"))


TEXT: dict[str, dict[str, str]] = _load_text()


def say_explore(key: str, lang: str, **values: Any) -> str:
    """The explorer's text ``key`` of :data:`TEXT` in ``lang``, filled with ``values``.

    Examples
    --------
    >>> say_explore("tile_cases", "id", name="Aceh", code="11", n=3)
    'Aceh (11): 3 kasus'
    """
    return TEXT[key][load_codebook().check_lang(lang)].format(**values)


@dataclass(frozen=True, kw_only=True)
class Filters:
    """The explorer's filter state; ``None`` keeps every case.

    ``province`` and ``regency`` are Kemendagri codes; ``years`` (first, last) keeps cases
    whose incident year lies in it (an undated case falls outside any range, as in the
    brief's scopes); ``misconduct_group`` and ``channel`` are groups of the codebook's
    groupings; ``misconduct_type`` a code; ``stage`` keeps cases that reached that stage
    (of :meth:`~asnresearch.codebook.Codebook.stages`: a step of it is reported, whatever
    came after); ``sanction_type`` a code reported in any of the case's steps.
    """

    province: str | None = None
    regency: str | None = None
    years: tuple[int, int] | None = None
    misconduct_group: str | None = None
    misconduct_type: str | None = None
    channel: str | None = None
    stage: str | None = None
    sanction_type: str | None = None


def _allowed(name: str) -> list[str]:
    cb = load_codebook()
    if name in cb.raw["groupings"]:
        return list(cb.group_labels(name))
    if name == "stage":
        return list(cb.stages())
    return cb.codes(name)


def _check(filters: Filters) -> None:
    for name in ("misconduct_group", "channel", "stage", "misconduct_type", "sanction_type"):
        value = getattr(filters, name)
        allowed = _allowed(name)
        if value is not None and value not in allowed:
            raise ValueError(f"filter {name}={value!r} is not allowed; allowed: "
                             f"{', '.join(allowed)}")
    if filters.years is not None and filters.years[0] > filters.years[1]:
        raise ValueError(f"filter years={filters.years!r} runs backwards")


def select_cases(ds: Mapping[str, pd.DataFrame], filters: Filters, *,
                 derived: pd.DataFrame | None = None) -> pd.Series:
    """Which cases pass ``filters``: a boolean Series on the index of ``ds["cases"]``.

    Parameters
    ----------
    ds : mapping
        Tables from :func:`asnresearch.io.load_dataset`.
    filters : Filters
    derived : pandas.DataFrame, optional
        :func:`asnresearch.derive.derive_cases` of ``ds``, when already computed.

    Raises
    ------
    ValueError
        A filter value that is not a code or group of the codebook, or years backwards.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> ds = load_dataset()
    >>> int(select_cases(ds, Filters()).sum()) == len(ds["cases"])
    True
    >>> select_cases(ds, Filters(channel="rumour"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: filter channel='rumour' is not allowed; allowed: viral, official_found, ...
    """
    import numpy as np
    import pandas as pd

    from asnresearch.derive import derive_cases

    _check(filters)
    cases = ds["cases"]
    if derived is None:
        derived = derive_cases(ds)
    keep = np.ones(len(cases), dtype=bool)
    for name, column in (("province", cases["province_code"]),
                         ("regency", cases["regency_code"]),
                         ("misconduct_type", cases["misconduct_type"]),
                         ("misconduct_group", derived["misconduct_group"]),
                         ("channel", derived["channel"])):
        value = getattr(filters, name)
        if value is not None:
            keep &= (column.astype(str) == value).to_numpy()
    if filters.years is not None:
        year = cases["incident_date"].dt.year
        keep &= year.between(*filters.years).fillna(False).to_numpy(dtype=bool)
    if filters.stage is not None:
        keep &= derived[f"reached_{filters.stage}"].to_numpy(dtype=bool)
    if filters.sanction_type is not None:
        events = ds["events"]
        hit = events.loc[events["sanction_type"].astype(str) == filters.sanction_type,
                         "case_id"]
        keep &= cases["case_id"].isin(hit).to_numpy()
    return pd.Series(keep, index=cases.index)


def filter_dataset(
    ds: Mapping[str, pd.DataFrame], filters: Filters, *, derived: pd.DataFrame | None = None
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The tables restricted to the cases of :func:`select_cases`, and their derived rows.

    Returns
    -------
    (dict, pandas.DataFrame)
        Each table of ``ds`` with the rows of the chosen cases (index reset), and the rows of
        :func:`asnresearch.derive.derive_cases` of those cases, in the same order.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> sub, derived = filter_dataset(load_dataset(), Filters(stage="sanction"))
    >>> bool(derived["reached_sanction"].all()), len(sub["cases"]) == len(derived)
    (True, True)
    """
    from asnresearch.derive import derive_cases

    if derived is None:
        derived = derive_cases(ds)
    keep = select_cases(ds, filters, derived=derived).to_numpy()
    ids = ds["cases"].loc[keep, "case_id"]
    out = {name: (table[keep] if name == "cases" else table[table["case_id"].isin(ids)])
           .reset_index(drop=True) for name, table in ds.items()}
    return out, derived[keep].reset_index(drop=True)


def count_headline(cases: pd.DataFrame, derived: pd.DataFrame) -> dict[str, int]:
    """The headline counts of the chosen cases.

    Returns
    -------
    dict
        ``cases``; ``provinces`` (distinct known provinces); ``responded`` and
        ``sanctioned`` (cases that reached the first and the last stage of the codebook);
        ``final`` (a step that ends the case is reported: ``final_outcome``).

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> sub, derived = filter_dataset(load_dataset(), Filters(province="11"))
    >>> count_headline(sub["cases"], derived)["provinces"]
    1
    """
    cb = load_codebook()
    response, *_, sanction = cb.stages()
    province = cases["province_code"].astype(str)
    return {
        "cases": len(cases),
        "provinces": int(province[province != cb.unknown].nunique()),
        "responded": int(derived[f"reached_{response}"].sum()),
        "sanctioned": int(derived[f"reached_{sanction}"].sum()),
        "final": int(derived["final_outcome"].sum()),
    }


def map_values(
    cases: pd.DataFrame, headcount: pd.DataFrame, *, provinces: list[str],
    years: tuple[int, int],
) -> pd.DataFrame:
    """The map's values, one row per province of ``provinces`` (in that order).

    ``n`` counts every chosen case of the province. ``rate`` (with ``ci_lower``,
    ``ci_upper``, ``n_rate``, ``has_denominator``) is
    :func:`asnresearch.patterns.rate_per_asn` of the chosen cases over ``years`` (first,
    last; the explorer passes the chosen years, else all the dataset's years): reported
    cases per 100,000 PNS person-years, counting in ``n_rate`` only the cases its rule counts
    (systematically found, of the headcount's staff, dated within ``years``), with the exact
    Poisson 95% interval. It assumes the counted cases of a province are Poisson with a mean
    proportional to its person-years. ``.attrs`` are those of ``rate_per_asn``.

    Examples
    --------
    >>> from asnresearch.io import load_cases, load_headcount
    >>> cases = load_cases()
    >>> values = map_values(cases, load_headcount(), provinces=["35", "11"],
    ...                     years=(2013, 2026))
    >>> list(values["province_code"]), int(values["n"].sum()) == int(
    ...     cases["province_code"].isin(["35", "11"]).sum())
    (['35', '11'], True)
    >>> bool((values["n_rate"] <= values["n"]).all())
    True
    """
    import pandas as pd

    from asnresearch.patterns import rate_per_asn

    out = pd.DataFrame({"province_code": provinces})
    counts = cases["province_code"].astype(str).value_counts()
    out["n"] = out["province_code"].map(counts).fillna(0).astype("int64")
    rates = rate_per_asn(cases, headcount, years=range(years[0], years[1] + 1))
    by_code = rates.set_index("province_code")
    for column, source in (("rate", "rate"), ("ci_lower", "ci_lower"),
                           ("ci_upper", "ci_upper"), ("n_rate", "n")):
        out[column] = out["province_code"].map(by_code[source].astype("Float64"))
    out["n_rate"] = out["n_rate"].fillna(0).astype("int64")
    out["has_denominator"] = out["province_code"].map(by_code["has_denominator"]).fillna(False)
    out["has_denominator"] = out["has_denominator"].astype(bool)
    out.attrs = dict(rates.attrs)
    return out


def count_over_time(cases: pd.DataFrame) -> pd.DataFrame:
    """Cases per incident year and misconduct group, as the brief's figure counts them
    (:func:`asnresearch.patterns.count_cases`); draw with
    :func:`asnresearch.plots.plot_mix_over_time`.

    Examples
    --------
    >>> from asnresearch.io import load_cases
    >>> cases = load_cases()
    >>> int(count_over_time(cases)["n"].sum()) == len(cases)
    True
    """
    from asnresearch.patterns import count_cases

    return count_cases(cases, by=["incident_year", "misconduct_group"], within="incident_year")


def say_date(date: Any, precision: str, lang: str) -> str:
    """A date written as precisely as it is known: ``2025-05-14``, ``2025-05`` or ``2025``,
    else the codebook's label of ``unknown`` in ``lang``.

    Examples
    --------
    >>> import pandas as pd
    >>> say_date(pd.Timestamp("2025-05-01"), "month", "en"), say_date(pd.NaT, "unknown", "id")
    ('2025-05', 'tidak diketahui')
    """
    import pandas as pd

    cb = load_codebook()
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    if pd.isna(date) or precision not in formats:
        return cb.labels("date_precision", lang)[cb.unknown]
    return date.strftime(formats[precision])


def build_case_table(ds: Mapping[str, pd.DataFrame], derived: pd.DataFrame, *,
                     lang: str) -> pd.DataFrame:
    """One row per chosen case for reading and download: ``case_id``, ``summary``, the
    incident and surfaced dates at their precision, the province's name, the misconduct
    type, the surfacing channel, the stage reached, the sanctions reported (``; ``-joined),
    whether a final outcome is reported (the codebook's yes/no) and the source URLs
    (space-separated); codes named in ``lang``, in the order of the cases table.

    Examples
    --------
    >>> from asnresearch.io import load_dataset
    >>> sub, derived = filter_dataset(load_dataset(), Filters(province="31"))
    >>> table = build_case_table(sub, derived, lang="id")
    >>> len(table) == len(sub["cases"]), list(table.columns[:3])
    (True, ['case_id', 'summary', 'incident_date'])
    """
    import pandas as pd

    from asnresearch.io import load_regions
    from asnresearch.plots import name_codes

    cb = load_codebook()
    cases, events, sources = ds["cases"], ds["events"], ds["sources"]
    regions = load_regions()
    names = dict(zip(regions["code"], regions["name"]))
    sanction_names = name_codes("sanction_type", lang)
    sanctioned = events[~events["sanction_type"].astype(str).isin(
        [cb.raw["not_applicable"]])]
    sanctions = (sanctioned.assign(label=sanctioned["sanction_type"].astype(str)
                                   .map(sanction_names))
                 .groupby("case_id")["label"].agg(lambda s: "; ".join(dict.fromkeys(s))))
    urls = sources.groupby("case_id")["url"].agg(" ".join)
    yes_no = cb.labels("tristate", lang)
    out = pd.DataFrame({
        "case_id": cases["case_id"].to_numpy(),
        "summary": cases["summary"].to_numpy(),
        "incident_date": [say_date(d, str(p), lang) for d, p in
                          zip(cases["incident_date"], cases["incident_date_precision"])],
        "surfaced_date": [say_date(d, str(p), lang) for d, p in
                          zip(cases["surfaced_date"], cases["surfaced_date_precision"])],
        "province": [names.get(c, c) for c in cases["province_code"].astype(str)],
        "misconduct_type": cases["misconduct_type"].astype(str)
        .map(name_codes("misconduct_type", lang)).to_numpy(),
        "channel": derived["channel"].map(name_codes("channel", lang)).to_numpy(),
        "stage_reached": derived["stage_reached"].map(name_codes("stage", lang)).to_numpy(),
        "sanction_type": [sanctions.get(c, "") for c in cases["case_id"]],
        "final_outcome": [yes_no["yes" if v else "no"] for v in derived["final_outcome"]],
        "sources": [urls.get(c, "") for c in cases["case_id"]],
    })
    return out


def export_cases_csv(table: pd.DataFrame) -> bytes:
    """The case table as UTF-8 CSV bytes that a spreadsheet cannot run as formulas
    (:func:`asnresearch.io.neutralise_formulas`, the rule of every export).

    Examples
    --------
    >>> import pandas as pd
    >>> export_cases_csv(pd.DataFrame({"summary": ["=HYPERLINK(1)", "ok"]}))
    b"summary\\n'=HYPERLINK(1)\\nok\\n"
    """
    from asnresearch.io import neutralise_formulas

    text = neutralise_formulas(table).to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8")


def _blue(level: float) -> str:
    """White-blue to dark blue (the ends of matplotlib's "Blues") at ``level`` in [0, 1]."""
    light, dark = (247, 251, 255), (8, 48, 107)
    return "#" + "".join(f"{round(a + (b - a) * level):02x}" for a, b in zip(light, dark))


def _say_number(value: float, lang: str) -> str:
    text = f"{value:.3g}"
    return text.replace(".", ",") if lang == "id" else text  # Indonesian decimal comma


def draw_tile_map(values: pd.DataFrame, tiles: pd.DataFrame, *, lang: str,
                  measure: str = "cases", names: Mapping[str, str] | None = None) -> str:
    """The tile map as an SVG string: one equal tile per province at ``row``, ``col`` of
    ``tiles`` (the reference table ``province_tiles``), labelled with its abbreviation and
    code, coloured from white (0) to dark blue (the largest value) by ``n`` (``measure``
    ``"cases"``) or ``rate`` (``"rate"``; grey without a denominator). Each tile is a
    ``<g class="tile" data-province=... data-n=... data-value=...>`` whose ``<title>``
    (the hover text) gives the province, n, rate and its 95% interval.

    Examples
    --------
    >>> import pandas as pd
    >>> tiles = pd.DataFrame({"province_code": ["11", "12"], "abbrev": ["AC", "SU"],
    ...                       "row": [0, 1], "col": [0, 0]})
    >>> values = pd.DataFrame({"province_code": ["11", "12"], "n": [3, 0],
    ...     "rate": [0.5, 0.0], "ci_lower": [0.1, 0.0], "ci_upper": [1.5, 0.9],
    ...     "n_rate": [2, 0], "has_denominator": [True, True]})
    >>> svg = draw_tile_map(values, tiles, lang="en", names={"11": "Aceh", "12": "Sumut"})
    >>> svg.count('class="tile"'), 'data-province="11" data-n="3"' in svg
    (2, True)
    >>> "Aceh (11): 3 cases; 0.5 per 100,000 person-years" in svg
    True
    """
    import pandas as pd

    cb = load_codebook()
    if names is None:
        from asnresearch.io import load_regions

        regions = load_regions()
        names = dict(zip(regions["code"], regions["name"]))
    staff = values.attrs.get("staff", cb.codes("staff")[0])
    staff = cb.labels("staff", lang).get(staff, staff)
    column = "n" if measure == "cases" else "rate"
    data = tiles.merge(values, on="province_code", how="left")
    shown = pd.to_numeric(data[column], errors="coerce").astype(float)
    top = float(shown.max()) if shown.notna().any() and shown.max() > 0 else 1.0
    width = (int(data["col"].max()) + 1) * (_TILE + _GAP)
    height = (int(data["row"].max()) + 1) * (_TILE + _GAP)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" data-testid="tile-map" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'font-family="sans-serif">']
    for value, row in zip(shown, data.itertuples(index=False)):
        n = 0 if pd.isna(row.n) else int(row.n)
        hover = say_explore("tile_cases", lang, name=names.get(row.province_code,
                                                               row.province_code),
                            code=row.province_code, n=n)
        if bool(row.has_denominator) and pd.notna(row.rate):
            hover += say_explore("tile_rate", lang, rate=_say_number(row.rate, lang),
                                 lower=_say_number(row.ci_lower, lang),
                                 upper=_say_number(row.ci_upper, lang),
                                 n_rate=int(row.n_rate), staff=staff)
        else:
            hover += say_explore("tile_no_rate", lang)
        level = 0.0 if pd.isna(value) else value / top
        fill = "#cccccc" if pd.isna(value) else _blue(level)
        ink = "white" if level > 0.6 else "black"
        x, y = int(row.col) * (_TILE + _GAP), int(row.row) * (_TILE + _GAP)
        shown_value = "" if pd.isna(value) else f"{value:.6g}"
        parts.append(
            f'<g class="tile" data-province="{html.escape(row.province_code)}" '
            f'data-n="{n}" data-value="{shown_value}">'
            f"<title>{html.escape(hover)}</title>"
            f'<rect x="{x}" y="{y}" width="{_TILE}" height="{_TILE}" rx="3" fill="{fill}" '
            f'stroke="#888888" stroke-width="0.5"/>'
            f'<text x="{x + _TILE / 2}" y="{y + 19}" text-anchor="middle" font-size="12" '
            f'fill="{ink}">{html.escape(row.abbrev)}</text>'
            f'<text x="{x + _TILE / 2}" y="{y + 34}" text-anchor="middle" font-size="9" '
            f'fill="{ink}">{html.escape(row.province_code)}</text></g>')
    parts.append("</svg>")
    legend = say_explore("legend", lang, top=_say_number(top, lang) if column == "rate"
                         else int(top))
    return "".join(parts) + f'<div style="font-size:11px;color:#555">{html.escape(legend)}</div>'


# seaborn's "colorblind" palette (plots.PALETTE) in the order of plots.DISTINCT, written out so
# that the page draws its charts without importing matplotlib or seaborn (a filter change
# redraws them all; SVG takes milliseconds where figures take most of a second)
_COLOURS = ("#0173b2", "#de8f05", "#029e73", "#cc78bc", "#949494", "#ca9161", "#56b4e9",
            "#fbafe4", "#ece133", "#d55e00")
_DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 2 1 2")  # plots.LINESTYLES, as SVG dash arrays
_W, _H = 560, 280  # chart size; the plot area leaves room for the axes' labels and legend
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 130, 30, 48


def _chart(testid: str, title: str, xlabel: str, ylabel: str, body: list[str], *,
           lang: str) -> str:
    """An SVG chart: title, axis labels and the source line around ``body``."""
    from asnresearch.plots import say_figure

    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" data-testid="{testid}" '
        f'viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" font-family="sans-serif" '
        f'font-size="10">',
        f'<text x="4" y="14" font-size="12" font-weight="bold">{html.escape(title)}</text>',
        f'<text x="{(_LEFT + _W - _RIGHT) / 2}" y="{_H - 18}" text-anchor="middle">'
        f"{html.escape(xlabel)}</text>",
        f'<text transform="translate(12 {(_TOP + _H - _BOTTOM) / 2}) rotate(-90)" '
        f'text-anchor="middle">{html.escape(ylabel)}</text>',
        *body,
        f'<text x="4" y="{_H - 4}" font-size="8" fill="#595959">'
        f'{html.escape(say_figure("source", lang))}</text>', "</svg>"])


def _ticks(top: float, *, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top`` (whole numbers for counts above 5)."""
    import math

    if top <= 0:
        return [0, 1]
    raw = top / count
    step = 10 ** math.floor(math.log10(raw))
    step = next(m * step for m in (1, 2, 5, 10) if m * step >= raw)
    if top > 5:
        step = max(1, round(step))
    n = math.ceil(top / step)
    return [i * step for i in range(n + 1)]


def _legend(names: list[str], *, dashed: bool = False) -> list[str]:
    out = []
    for i, name in enumerate(names):
        x, y = _W - _RIGHT + 8, _TOP + 4 + 13 * i
        colour = _COLOURS[i % len(_COLOURS)]
        mark = (f'<line x1="{x}" y1="{y + 4}" x2="{x + 14}" y2="{y + 4}" stroke="{colour}" '
                f'stroke-width="2" stroke-dasharray="{_DASHES[i % len(_DASHES)]}"/>'
                if dashed else f'<rect x="{x}" y="{y}" width="9" height="9" fill="{colour}"/>')
        out.append(f'{mark}<text x="{x + 18}" y="{y + 8}">{html.escape(name)}</text>')
    return out


def draw_cases_over_time(mix: pd.DataFrame, *, lang: str, years: tuple[int, int]) -> str:
    """Stacked bars of :func:`count_over_time` per incident year (``years`` = first, last;
    a year without a case is an empty slot) by misconduct group, as SVG; the title says how
    many undated cases are left out, as :func:`asnresearch.plots.plot_mix_over_time` does.
    Each bar segment is a ``<rect data-year data-group data-n>``.

    Examples
    --------
    >>> import pandas as pd
    >>> mix = pd.DataFrame({"incident_year": ["2020", "2020", "unknown"],
    ...     "misconduct_group": ["conduct", "political", "conduct"], "n": [2, 1, 4]})
    >>> svg = draw_cases_over_time(mix, lang="en", years=(2019, 2021))
    >>> svg.count("<rect data-year"), "(4 undated cases not shown)" in svg
    (2, True)
    """
    from asnresearch.plots import name_codes, name_column, say_figure

    dated = mix[mix["incident_year"].astype(str) != load_codebook().unknown]
    undated = int(mix["n"].sum() - dated["n"].sum())
    wide = (dated.assign(year=dated["incident_year"].astype(int))
            .pivot_table(index="year", columns="misconduct_group", values="n", aggfunc="sum",
                         observed=True).reindex(range(years[0], years[1] + 1), fill_value=0)
            .fillna(0))
    wide = wide.loc[:, wide.sum() > 0]
    ticks = _ticks(float(wide.sum(axis=1).max()) if len(wide.columns) else 0)
    top = ticks[-1]
    inner_w, inner_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    slot = inner_w / len(wide.index)
    body = _y_axis(ticks, top)
    names = name_codes("misconduct_group", lang)
    every = max(1, round(len(wide.index) / 12))
    for i, year in enumerate(wide.index):
        x, base = _LEFT + i * slot, 0.0
        for j, group in enumerate(wide.columns):
            n = int(wide.loc[year, group])
            if n:
                h = n / top * inner_h
                y = _TOP + inner_h - (base + h)
                body.append(f'<rect data-year="{year}" data-group="{group}" data-n="{n}" '
                            f'x="{x + slot * 0.1:.1f}" y="{y:.1f}" width="{slot * 0.8:.1f}" '
                            f'height="{h:.1f}" fill="{_COLOURS[j % len(_COLOURS)]}">'
                            f"<title>{year}: {html.escape(names.get(group, group))} {n}"
                            "</title></rect>")
                base += h
        if i % every == 0:
            body.append(f'<text x="{x + slot / 2:.1f}" y="{_TOP + inner_h + 12}" '
                        f'text-anchor="middle" font-size="9">{year}</text>')
    body += _legend([names.get(g, g) for g in wide.columns])
    title = say_figure("mix_title", lang)
    if undated:
        title += say_figure("mix_undated", lang, n=undated)
    body.insert(0, f'<text x="{_W - _RIGHT + 8}" y="{_TOP - 4}" font-size="9">'
                   f'{html.escape(name_column("misconduct_group", lang))}</text>')
    return _chart("chart-time", title, say_figure("mix_x", lang), say_figure("mix_y", lang),
                  body, lang=lang)


def _y_axis(ticks: list[float], top: float, *, percent: bool = False) -> list[str]:
    inner_h = _H - _TOP - _BOTTOM
    out = []
    for t in ticks:
        y = _TOP + inner_h - t / top * inner_h
        label = f"{t:.0%}" if percent else f"{t:g}"
        out.append(f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_W - _RIGHT}" y2="{y:.1f}" '
                   f'stroke="#e5e5e5"/><text x="{_LEFT - 4}" y="{y + 3:.1f}" '
                   f'text-anchor="end" font-size="9">{label}</text>')
    return out


def draw_funnel(funnel: pd.DataFrame, *, lang: str) -> str:
    """Horizontal bars of the enforcement funnel of
    :func:`asnresearch.enforcement.count_stages` as SVG, each labelled with its share, or with
    "k/n" below the brief's ``min_share_base`` cases, as
    :func:`asnresearch.plots.plot_funnel` does. Each bar is a ``<rect data-stage data-n>``.

    Examples
    --------
    >>> import pandas as pd
    >>> funnel = pd.DataFrame({"stage": ["surfaced", "response"], "n": [4, 3],
    ...                        "share": [1.0, 0.75]})
    >>> svg = draw_funnel(funnel, lang="id")
    >>> svg.count("<rect data-stage"), ">3/4<" in svg, "tanggapan" in svg
    (2, True, True)
    """
    from asnresearch.codebook import load_wording
    from asnresearch.plots import name_codes, say_figure

    min_base = load_wording()["thresholds"]["min_share_base"]
    names = name_codes("stage", lang)
    total = int(funnel["n"].iloc[0]) if len(funnel) else 0
    left = _LEFT + 58  # stage names sit left of the bars
    inner_w, inner_h = _W - left - 48, _H - _TOP - _BOTTOM  # no legend: room for the labels
    row = inner_h / max(len(funnel), 1)
    body = []
    for i, (stage, n, share) in enumerate(zip(funnel["stage"], funnel["n"], funnel["share"])):
        y = _TOP + i * row
        width = (n / total * inner_w) if total else 0
        label = f"{share:.0%}" if total >= min_base else f"{int(n)}/{total}"
        body.append(f'<text x="{left - 4}" y="{y + row / 2 + 3:.1f}" text-anchor="end">'
                    f"{html.escape(names.get(str(stage), str(stage)))}</text>"
                    f'<rect data-stage="{stage}" data-n="{int(n)}" x="{left}" '
                    f'y="{y + row * 0.15:.1f}" width="{width:.1f}" height="{row * 0.7:.1f}" '
                    f'fill="{_COLOURS[0]}"/><text x="{left + width + 3:.1f}" '
                    f'y="{y + row / 2 + 3:.1f}">{label}</text>')
    return _chart("chart-funnel", say_figure("funnel_title", lang),
                  say_figure("funnel_x", lang), say_figure("funnel_y", lang), body, lang=lang)


def draw_survival(table: pd.DataFrame, *, lang: str) -> str:
    """Kaplan-Meier step curves of
    :func:`asnresearch.brief.estimate_response_by_channel` (one per channel, each with its
    colour and dash, as :func:`asnresearch.plots.plot_survival` draws them) as SVG; the
    time axis runs at least ten days. Each curve is a ``<path data-group>``.

    Examples
    --------
    >>> import pandas as pd
    >>> km = pd.DataFrame({"group": ["viral", "viral"], "time": [0, 4],
    ...                    "survival": [0.5, 0.0]})
    >>> svg = draw_survival(km, lang="en")
    >>> svg.count("<path data-group"), "viral" in svg
    (1, True)
    """
    from asnresearch.plots import name_codes, say_figure

    names = name_codes("channel", lang)
    span = max(float(table["time"].max()) if len(table) else 0.0, 10.0)
    ticks = _ticks(span)
    span = ticks[-1]
    inner_w, inner_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    body = _y_axis([0, 0.25, 0.5, 0.75, 1.0], 1.0, percent=True)

    def x(t):  # the axis starts a little left of day 0, so a drop on day 0 shows beside it
        return _LEFT + (t + 0.02 * span) / (1.04 * span) * inner_w

    def point(t, s):
        return f"{x(t):.1f},{_TOP + inner_h - s * inner_h:.1f}"

    groups = list(table.groupby("group", sort=True)) if len(table) else []
    for i, (group, part) in enumerate(groups):
        steps, level = [point(0, 1.0)], 1.0
        for t, s in zip(part["time"], part["survival"]):
            steps += [point(t, level), point(t, s)]
            level = s
        steps.append(point(float(part["time"].max()), level))
        body.append(f'<path data-group="{group}" d="M{" L".join(steps)}" fill="none" '
                    f'stroke="{_COLOURS[i % len(_COLOURS)]}" stroke-width="1.8" '
                    f'stroke-dasharray="{_DASHES[i % len(_DASHES)]}"/>')
    for t in ticks:
        body.append(f'<text x="{x(t):.1f}" y="{_TOP + inner_h + 12}" '
                    f'text-anchor="middle" font-size="9">{t:g}</text>')
    body += _legend([names.get(str(g), str(g)) for g, _ in groups], dashed=True)
    return _chart("chart-survival", say_figure("survival_title", lang),
                  say_figure("survival_x", lang), say_figure("survival_y", lang), body,
                  lang=lang)




def render_case_table(table: pd.DataFrame, *, lang: str, limit: int = TABLE_ROWS) -> str:
    """The first ``limit`` rows of :func:`build_case_table` as an HTML table (one
    ``<tr data-testid="case-row">`` per case, sources as links), with a line saying how
    many rows are shown of how many (``data-testid="n-rows"`` holds the total).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"case_id": ["A", "B"], "sources": ["https://x.id/1", ""]})
    >>> page = render_case_table(table, lang="en", limit=1)
    >>> page.count('data-testid="case-row"'), '<a href="https://x.id/1"' in page
    (1, True)
    """
    head = "".join(f"<th>{html.escape(say_explore('col_' + c, lang))}"
                   "</th>" for c in table.columns)
    rows = []
    for record in table.head(limit).itertuples(index=False):
        cells = []
        for column, value in zip(table.columns, record):
            if column == "sources":
                links = " ".join(f'<a href="{html.escape(u)}" target="_blank" '
                                 f'rel="noopener noreferrer">[{i + 1}]</a>'
                                 for i, u in enumerate(str(value).split()))
                cells.append(f"<td>{links}</td>")
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        rows.append(f'<tr data-testid="case-row">{"".join(cells)}</tr>')
    note = say_explore("rows_shown", lang, shown=min(limit, len(table)),
                       n=f'<span data-testid="n-rows">{len(table)}</span>')
    return (f"<p>{note}</p><div style='max-height:420px;overflow:auto'>"
            f"<table class='cases' style='font-size:12px'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def render_headline(counts: Mapping[str, int], *, lang: str) -> str:
    """The headline sentence as HTML; each count sits in a ``<span data-testid=...>``
    (``n-cases``, ``n-provinces``, ``n-responded``, ``n-sanctioned``, ``n-final``).

    Examples
    --------
    >>> render_headline({"cases": 2, "provinces": 1, "responded": 1, "sanctioned": 0,
    ...                  "final": 0}, lang="en")[:52]
    '<p><b><span data-testid="n-cases">2</span></b> cases'
    """
    spans = {key: f'<span data-testid="n-{key}">{int(value)}</span>'
             for key, value in counts.items()}
    return "<p><b>" + say_explore(
        "headline", lang, n=spans["cases"], provinces=spans["provinces"],
        responded=spans["responded"], sanctioned=spans["sanctioned"], final=spans["final"],
    ).replace("</span>", "</span></b>", 1) + "</p>"


class Explorer:
    """The explorer app: filter widgets wired to the linked views (headline, tile map, cases
    over time, funnel, time to first response, case table, download), in ``lang``.

    Every change of a filter, of the map's measure or of the language recomputes every view
    from :meth:`filters` (:meth:`update`), so the views always show the same cases. The
    dataset's derived columns are computed once. ``widget`` is the app to display.

    Parameters
    ----------
    ds : mapping
        Tables from :func:`asnresearch.io.load_dataset`.
    headcount, tiles : pandas.DataFrame
        :func:`asnresearch.io.load_headcount` and the reference table ``province_tiles``.
    cutoff : datetime.date
        The dataset's cut-off (censoring of the time to the first response).
    lang : str
        The starting language.
    defer_survival : bool
        Draw the first time-to-response chart in a background thread, after the other views
        are shown: its Kaplan-Meier estimate needs statsmodels, whose import (with SciPy's
        statistics) takes about as long as everything else on the page. Every later update
        draws it at once.
    """

    def __init__(self, ds: Mapping[str, pd.DataFrame], *, headcount: pd.DataFrame,
                 tiles: pd.DataFrame, cutoff: Any, lang: str = "id",
                 defer_survival: bool = False):
        import threading

        import ipywidgets as w

        from asnresearch.derive import derive_cases
        from asnresearch.io import load_regions

        cb = load_codebook()
        self.lang = cb.check_lang(lang)
        self.ds, self.headcount, self.tiles, self.cutoff = ds, headcount, tiles, cutoff
        self.derived = derive_cases(ds)
        regions = load_regions()
        self.names = dict(zip(regions["code"], regions["name"]))
        self.provinces = list(tiles["province_code"])
        cases = ds["cases"]
        years = cases["incident_date"].dt.year.dropna().astype(int)
        self.span = ((int(years.min()), int(years.max())) if len(years)
                     else (cutoff.year, cutoff.year))  # no dated case: the cut-off's year
        self.updates = 0
        self._quiet = False
        self._lock = threading.Lock()  # the deferred chart against a newer update's
        self.deferred: threading.Thread | None = None  # the thread drawing it, if any
        drop = functools.partial(w.Dropdown, layout=w.Layout(width="260px"),
                                 style={"description_width": "110px"})
        self.controls: dict[str, Any] = {
            "language": w.ToggleButtons(options=[(x.upper(), x) for x in cb.langs],
                                        value=self.lang),
            "province": drop(), "regency": drop(), "misconduct_group": drop(),
            "misconduct_type": drop(), "channel": drop(), "stage": drop(),
            "sanction_type": drop(),
            "years": w.IntRangeSlider(min=self.span[0], max=self.span[1], value=self.span,
                                      continuous_update=False,
                                      layout=w.Layout(width="380px"),
                                      style={"description_width": "110px"}),
            "measure": w.ToggleButtons(options=self._measures(), value="cases",
                                       style={"button_width": "auto"}),
        }
        for name, control in self.controls.items():
            control.add_class(f"explore-{name.replace('_', '-')}")
        self.views = {name: w.HTML() for name in ("headline", "note", "map", "table",
                                                  "download")}
        self.charts = {name: w.HTML() for name in ("time", "funnel", "survival")}
        self.headings = {name: w.HTML() for name in ("map", "time", "funnel", "survival",
                                                     "table")}
        self.views["headline"].add_class("explore-headline")
        self.views["map"].add_class("explore-map")
        self.views["table"].add_class("explore-table")
        self._label()
        for name, control in self.controls.items():
            control.observe(functools.partial(self._changed, name), names="value")
        c, h = self.controls, self.headings
        filters = w.VBox([c["language"], c["province"], c["regency"], c["years"],
                          c["misconduct_group"], c["misconduct_type"], c["channel"],
                          c["stage"], c["sanction_type"]])
        charts = w.GridBox([w.VBox([h["time"], self.charts["time"]]),
                            w.VBox([h["funnel"], self.charts["funnel"]]),
                            w.VBox([h["survival"], self.charts["survival"]])],
                           layout=w.Layout(grid_template_columns="repeat(auto-fill, 580px)"))
        self.widget = w.VBox([
            w.HBox([filters, w.VBox([self.views["headline"], h["map"], c["measure"],
                                     self.views["map"], self.views["note"]])]),
            charts, h["table"], self.views["download"], self.views["table"]])
        self.update(defer_survival=defer_survival)

    # -- state

    def filters(self) -> Filters:
        """The :class:`Filters` the widgets show (``""`` = all; the full year range = all
        years, undated cases included)."""
        c = self.controls
        chosen = {f.name: (c[f.name].value or None) for f in fields(Filters)
                  if f.name != "years"}
        years = tuple(c["years"].value)
        return Filters(**chosen, years=None if years == self.span else years)

    def _options(self, name: str) -> list[tuple[str, str]]:
        """(label, value) pairs of a filter in the current language, "" first for all."""
        from asnresearch.plots import name_codes

        cb = load_codebook()
        cases, lang = self.ds["cases"], self.lang
        everything = [(say_explore("all", lang), "")]
        if name == "province":
            return everything + [(f"{self.names.get(p, p)} ({p})", p) for p in
                                 sorted(self.provinces, key=lambda p: self.names.get(p, p))]
        if name == "regency":
            province = self.controls["province"].value
            codes = sorted(set(cases.loc[cases["province_code"].astype(str) == province,
                                         "regency_code"].astype(str)) & set(self.names))
            return everything + [(self.names[r], r) for r in codes if r != province]
        if name == "misconduct_type":
            group = self.controls["misconduct_group"].value
            codes = cb.codes("misconduct_type")
            if group:
                codes = [t for t in codes if cb.grouping("misconduct_group").get(t) == group]
            labels = name_codes("misconduct_type", lang)
            return everything + [(labels[t], t) for t in codes]
        if name == "sanction_type":
            present = set(self.ds["events"]["sanction_type"].astype(str))
            labels = name_codes("sanction_type", lang)
            return everything + [(labels[s], s) for s in cb.codes("sanction_type")
                                 if s in present and s != cb.raw["not_applicable"]]
        labels = name_codes(name, lang)
        return everything + [(labels[code], code) for code in _allowed(name)]

    def _measures(self) -> list[tuple[str, str]]:
        return [(say_explore(f"measure_{m}", self.lang), m) for m in ("cases", "rate")]

    def _set_options(self, name: str) -> None:
        control = self.controls[name]
        value = control.value
        options = self._options(name)
        control.options = options
        control.value = value if value in [v for _, v in options] else ""
        if name == "regency":
            control.disabled = not self.controls["province"].value

    def _label(self) -> None:
        """Put every label of the app in the current language."""
        self._quiet = True
        try:
            lang, c = self.lang, self.controls
            for name in ("province", "regency", "misconduct_group", "misconduct_type",
                         "channel", "stage", "sanction_type"):
                self._set_options(name)
                c[name].description = say_explore(name, lang)
            c["years"].description = say_explore("years", lang)
            c["language"].description = say_explore("language", lang)
            measure = c["measure"].value
            c["measure"].options = self._measures()
            c["measure"].value = measure
            for name, view in self.headings.items():
                if name == "map":  # its title states the measure: set by update()
                    continue
                view.value = f"<h3>{html.escape(say_explore('h_' + name, lang))}</h3>"
            self.views["note"].value = (f"<p style='font-size:11px;color:#555'>"
                                        f"{html.escape(say_explore('scope_note', lang))}</p>")
        finally:
            self._quiet = False

    def _changed(self, name: str, change: dict) -> None:
        if self._quiet:
            return
        if name == "language":
            self.lang = change["new"]
            self._label()
        elif name in ("province", "misconduct_group"):
            self._quiet = True
            try:
                self._set_options("regency" if name == "province" else "misconduct_type")
            finally:
                self._quiet = False
        self.update()

    # -- views

    def update(self, *, defer_survival: bool = False) -> None:
        """Recompute every view from :meth:`filters`; the headline, which the browser test
        and the benchmark wait for, is written last. With ``defer_survival`` the
        time-to-response chart is drawn by a background thread, unless a newer update has
        come first."""
        import threading

        from asnresearch.enforcement import count_stages

        lang, filters = self.lang, self.filters()
        sub, derived = filter_dataset(self.ds, filters, derived=self.derived)
        cases = sub["cases"]
        values = map_values(cases, self.headcount, provinces=self.provinces,
                            years=filters.years or self.span)
        measure = self.controls["measure"].value
        title = say_explore("map_title", lang)
        if measure == "rate":
            cb = load_codebook()
            first, last = values.attrs["years"]
            found = values.attrs["found_by"]
            title = say_explore(
                "map_title_rate", lang, first=first, last=last,
                staff=cb.labels("staff", lang).get(values.attrs["staff"]),
                series=values.attrs["series"],
                found_by=", ".join(cb.labels("found_by", lang)[f] for f in found))
        self.headings["map"].value = f"<h3>{html.escape(title)}</h3>"
        self.views["map"].value = draw_tile_map(values, self.tiles, lang=lang,
                                                measure=measure, names=self.names)
        table = build_case_table(sub, derived, lang=lang)
        self.views["table"].value = render_case_table(table, lang=lang)
        self.views["download"].value = _download_link(table, lang=lang)
        draw = {
            "time": lambda: draw_cases_over_time(count_over_time(cases), lang=lang,
                                                 years=filters.years or self.span),
            "funnel": lambda: draw_funnel(count_stages(sub, derived=derived), lang=lang),
        }
        for name, view in self.charts.items():
            if not len(cases):
                view.value = f"<p>{html.escape(say_explore('no_cases', lang))}</p>"
            elif name in draw:
                view.value = draw[name]()
        self.updates += 1
        if len(cases) and defer_survival:
            self.charts["survival"].value = (
                f"<p>{html.escape(say_explore('computing', lang))}</p>")
            self.deferred = threading.Thread(target=self._draw_survival,
                                             args=(sub, lang, self.updates), daemon=True)
            self.deferred.start()
        elif len(cases):
            self._draw_survival(sub, lang, self.updates)
        self.views["headline"].value = (
            render_headline(count_headline(cases, derived), lang=lang)
            + f'<span data-testid="updates" data-updates="{self.updates}"></span>')


    def _draw_survival(self, sub: Mapping[str, pd.DataFrame], lang: str, update: int) -> None:
        """Draw the time-to-response chart of ``sub``, unless a newer update than
        ``update`` has come meanwhile."""
        from asnresearch.brief import estimate_response_by_channel

        svg = draw_survival(estimate_response_by_channel(sub, cutoff=self.cutoff), lang=lang)
        with self._lock:
            if update == self.updates:
                self.charts["survival"].value = svg


def _download_link(table: pd.DataFrame, *, lang: str) -> str:
    """A link that saves the case table as formula-safe CSV, carried in the page itself (a
    data: URL), so the download needs no server route."""
    import base64

    data = base64.b64encode(export_cases_csv(table)).decode("ascii")
    return (f'<a data-testid="download" download="asnresearch-cases.csv" '
            f'href="data:text/csv;charset=utf-8;base64,{data}">'
            f"{html.escape(say_explore('download', lang))}</a>")


def build_app(*, data_dir: Any = None, lang: str = "id",
              defer_survival: bool = False) -> Explorer:
    """The explorer on the dataset in ``data_dir`` (default: the bundled data, or the folder
    in the environment variable ``ASNRESEARCH_DATA``), starting in ``lang``
    (``defer_survival``: see :class:`Explorer`).

    Examples
    --------
    >>> app = build_app(lang="en")
    >>> app.controls["province"].value = "35"
    >>> app.filters() == Filters(province="35"), app.updates
    (True, 2)
    >>> '<span data-testid="n-cases">' in app.views["headline"].value
    True
    """
    from asnresearch.io import load_dataset, load_headcount, load_reference, read_cutoff_date

    return Explorer(load_dataset(data_dir), headcount=load_headcount(data_dir),
                    tiles=load_reference("province_tiles", data_dir),
                    cutoff=read_cutoff_date(data_dir), lang=lang,
                    defer_survival=defer_survival)


def voila_command(*, port: int,
                  notebook: str | Path = NOTEBOOK) -> tuple[list[str], dict[str, str]]:
    """The command line and the environment additions that serve ``notebook`` with the
    Voila of this Python's environment on 127.0.0.1:``port`` (:data:`VOILA_OPTIONS`;
    ``JUPYTER_PATH`` finds the page template beside the notebooks), through
    :func:`serve_voila`.

    Examples
    --------
    >>> command, env = voila_command(port=8866)
    >>> command[1:5], env["JUPYTER_PATH"].endswith("notebooks")
    (['-m', 'asnresearch.explore', '--port=8866', '--no-browser'], True)
    """
    import sys

    folder = Path(notebook).resolve().parent
    return ([sys.executable, "-m", "asnresearch.explore", f"--port={port}", *VOILA_OPTIONS,
             str(notebook)], {"JUPYTER_PATH": str(folder)})


def serve_voila(argv: list[str]) -> int:
    """Run Voila's command line with ``argv``, without the optional ``rfc3987_syntax``.

    jsonschema imports that package, when it is installed, only to check the ``iri`` string
    format, which no Jupyter schema uses; building its grammar on import takes about 1.8 s of
    the server's start (jupyter_server issue 1559), a third of the explorer's first-render
    budget. Marking it absent makes jsonschema skip that one format check, as it does when the
    package is not installed.
    """
    import sys

    sys.modules["rfc3987_syntax"] = None  # an import of it now raises ImportError
    from voila.app import main

    sys.argv = ["voila", *argv]
    return main()


if __name__ == "__main__":
    import sys

    sys.exit(serve_voila(sys.argv[1:]))
