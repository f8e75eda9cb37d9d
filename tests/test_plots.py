"""Figures carry a title, labelled axes with units, and a source line (checked on artists)."""

from __future__ import annotations

import pandas as pd

from asnresearch.models import estimate_survival
from asnresearch.plots import SOURCE, plot_funnel, plot_survival


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_funnel_figure():
    funnel = pd.DataFrame({"stage": ["surfaced", "response", "sanction"], "n": [10, 6, 2],
                           "share": [1.0, 0.6, 0.2]})
    fig = plot_funnel(funnel)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "How far reported cases get"
    assert ax.get_xlabel() == "cases (number)" and ax.get_ylabel() == "stage reached"
    assert [round(p.get_width()) for p in ax.patches] == [10, 6, 2]
    assert SOURCE in _texts(fig)
    assert [a.get_text() for a in ax.texts] == ["100%", "60%", "20%"]


def test_funnel_of_few_cases_gives_counts_not_percentages():
    funnel = pd.DataFrame({"stage": ["surfaced", "response", "sanction"], "n": [3, 2, 0],
                           "share": [1.0, 2 / 3, 0.0]})
    ax = plot_funnel(funnel).axes[0]
    assert [a.get_text() for a in ax.texts] == ["3/3", "2/3", "0/3"]


def test_survival_figure_one_line_per_group():
    data = pd.DataFrame({"d": [1, 2, 3, 4, 5, 6], "e": [True] * 6, "g": list("aabbbb")})
    km = estimate_survival(data, duration="d", event="e", by="g")
    fig = plot_survival(km, title="T")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["a", "b"]
    assert ax.get_xlabel() == "days since the case surfaced"
    assert ax.get_ylabel() == "share of cases still waiting"
    assert ax.get_title(loc="left") == "T" and SOURCE in _texts(fig)
    # each curve starts at 1 on day 0 and ends at the last survival value
    xs, ys = ax.get_lines()[0].get_data()
    assert (xs[0], ys[0]) == (0, 1.0) and ys[-1] == 0.0


def test_survival_curves_differ_in_colour_and_style_and_show_beside_day_0():
    data = pd.DataFrame({"d": [0, 0, 1, 2, 3, 4, 5, 6], "e": [True] * 8,
                         "g": list("aabbccdd")})
    fig = plot_survival(estimate_survival(data, duration="d", event="e", by="g"), title="T")
    lines = fig.axes[0].get_lines()
    assert len({tuple(line.get_color()) for line in lines}) == 4
    assert len({str(line.get_linestyle()) for line in lines}) == 4
    # curve "a" drops entirely on day 0: the axis starts left of 0 so it is not on the spine
    assert fig.axes[0].get_xlim()[0] < 0


def test_year_chart_keeps_years_without_cases():
    from asnresearch.patterns import count_cases
    from asnresearch.plots import plot_mix_over_time

    cases = pd.DataFrame({
        "incident_date": pd.to_datetime(["2019-05-01", "2019-06-01", "2022-01-03", None]),
        "incident_date_precision": ["day", "day", "day", "unknown"],
        "misconduct_type": ["absence_truancy", "drugs", "absence_truancy", "drugs"],
        "surfaced_via": ["viral_video"] * 4, "government_level": ["regency"] * 4})
    mix = count_cases(cases, by=["incident_year", "misconduct_group"], within="incident_year")
    ax = plot_mix_over_time(mix).axes[0]
    heights = {}
    for bar in ax.patches:
        year = round(bar.get_x() + bar.get_width() / 2)
        heights[year] = heights.get(year, 0) + bar.get_height()
    assert heights == {2019: 2, 2020: 0, 2021: 0, 2022: 1}  # 2020 and 2021 stay empty slots
    assert "(1 undated" in ax.get_title(loc="left")
    wider = plot_mix_over_time(mix, years=(2018, 2023)).axes[0]
    assert wider.get_xlim()[0] < 2018 < 2023 < wider.get_xlim()[1]


def test_pattern_figures_have_titles_units_and_sources():
    from asnresearch.io import load_cases, load_headcount
    from asnresearch.patterns import (
        calendar_profile,
        count_cases,
        rate_per_asn,
        surfacing_mix,
    )
    from asnresearch.plots import (
        plot_mix_over_time,
        plot_province_rates,
        plot_surfacing_mix,
        plot_weekday_hour,
    )

    cases = load_cases()
    mix = count_cases(cases, by=["incident_year", "misconduct_group"], within="incident_year")
    rates = rate_per_asn(cases, load_headcount(), series="BKN semester I 2023")
    figures = {
        "mix": plot_mix_over_time(mix),
        "calendar": plot_weekday_hour(calendar_profile(cases, by="weekday_hour")),
        "rates": plot_province_rates(rates, top=5),
        "surfacing": plot_surfacing_mix(surfacing_mix(cases, grouped=True)),
    }
    for name, fig in figures.items():
        ax = fig.axes[0]
        assert ax.get_title(loc="left"), name
        assert "(" in ax.get_xlabel() + ax.get_ylabel(), name  # a unit is stated
        assert ax.get_ylabel(), name
        assert SOURCE in _texts(fig), name
    # the stacked bars add up to the dated cases; the title counts the undated ones
    bars = sum(p.get_height() for p in figures["mix"].axes[0].patches)
    undated = int(cases["incident_date"].isna().sum())
    assert bars == len(cases) - undated
    assert f"({undated} undated" in figures["mix"].axes[0].get_title(loc="left")
    assert len(figures["rates"].axes[0].patches) == 5
    assert "without a headcount" in figures["rates"].axes[0].get_title(loc="left")
