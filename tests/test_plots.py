"""Figures carry a title, labelled axes with units, and a source line (checked on artists)."""

from __future__ import annotations

import pandas as pd
import pytest

from asnresearch.models import estimate_survival
from asnresearch.plots import FIGURE_TEXT, plot_funnel, plot_survival

SOURCE = FIGURE_TEXT["source"]["en"]


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_funnel_figure():
    funnel = pd.DataFrame({"stage": ["surfaced", "response", "sanction"], "n": [10, 6, 2],
                           "share": [1.0, 0.6, 0.2]})
    ax = plot_funnel(funnel)
    fig = ax.figure
    assert ax.get_title(loc="left") == "How far reported cases get"
    assert ax.get_xlabel() == "cases (number)" and ax.get_ylabel() == "stage reached"
    assert [round(p.get_width()) for p in ax.patches] == [10, 6, 2]
    assert SOURCE in _texts(fig)
    assert [a.get_text() for a in ax.texts] == ["100%", "60%", "20%"]


def test_funnel_of_few_cases_gives_counts_not_percentages():
    funnel = pd.DataFrame({"stage": ["surfaced", "response", "sanction"], "n": [3, 2, 0],
                           "share": [1.0, 2 / 3, 0.0]})
    ax = plot_funnel(funnel)
    assert [a.get_text() for a in ax.texts] == ["3/3", "2/3", "0/3"]


def test_survival_figure_one_line_per_group():
    data = pd.DataFrame({"d": [1, 2, 3, 4, 5, 6], "e": [True] * 6, "g": list("aabbbb")})
    km = estimate_survival(data, duration="d", event="e", by="g")
    ax = plot_survival(km, title="T")
    fig = ax.figure
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
    ax = plot_survival(estimate_survival(data, duration="d", event="e", by="g"), title="T")
    lines = ax.get_lines()
    assert len({tuple(line.get_color()) for line in lines}) == 4
    assert len({str(line.get_linestyle()) for line in lines}) == 4
    # curve "a" drops entirely on day 0: the axis starts left of 0 so it is not on the spine
    assert ax.get_xlim()[0] < 0


def test_year_chart_keeps_years_without_cases():
    from asnresearch.patterns import count_cases
    from asnresearch.plots import plot_mix_over_time

    cases = pd.DataFrame({
        "case_id": list("abcd"), "incident_time": ["unknown"] * 4,
        "incident_date": pd.to_datetime(["2019-05-01", "2019-06-01", "2022-01-03", None]),
        "incident_date_precision": ["day", "day", "day", "unknown"],
        "misconduct_type": ["absence_truancy", "drugs", "absence_truancy", "drugs"],
        "surfaced_via": ["viral_video"] * 4, "government_level": ["regency"] * 4})
    mix = count_cases(cases, by=["incident_year", "misconduct_group"], within="incident_year")
    ax = plot_mix_over_time(mix)
    heights = {}
    for bar in ax.patches:
        year = round(bar.get_x() + bar.get_width() / 2)
        heights[year] = heights.get(year, 0) + bar.get_height()
    assert heights == {2019: 2, 2020: 0, 2021: 0, 2022: 1}  # 2020 and 2021 stay empty slots
    assert "(1 undated" in ax.get_title(loc="left")
    wider = plot_mix_over_time(mix, years=(2018, 2023))
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
        plot_rate_funnel,
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
        "funnel": plot_rate_funnel(rates),
        "surfacing": plot_surfacing_mix(surfacing_mix(cases, grouped=True)),
    }
    for name, ax in figures.items():
        fig = ax.figure
        assert ax.get_title(loc="left"), name
        assert "(" in ax.get_xlabel() + ax.get_ylabel(), name  # a unit is stated
        assert ax.get_ylabel(), name
        assert SOURCE in _texts(fig), name
    # the stacked bars add up to the dated cases; the title counts the undated ones
    bars = sum(p.get_height() for p in figures["mix"].patches)
    undated = int(cases["incident_date"].isna().sum())
    assert bars == len(cases) - undated
    assert f"({undated} undated" in figures["mix"].get_title(loc="left")
    assert len(figures["rates"].patches) == 5
    assert "without a headcount" in figures["rates"].get_title(loc="left")


def _drawn_words(ax):
    """Every word an Axes and its figure show: title, axis and tick labels, legend, source."""
    import re

    texts = [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel(),
             *(t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()),
             *(t.get_text() for t in ax.figure.texts)]
    legend = ax.get_legend()
    if legend is not None:
        texts += [legend.get_title().get_text(), *(t.get_text() for t in legend.get_texts())]
    return {w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text)}


def _english_only_words():
    """Words of the English figure texts and codebook labels that Indonesian never uses."""
    import re

    from asnresearch.codebook import load_codebook

    cb = load_codebook()
    english, indonesian = [], []
    for text in FIGURE_TEXT.values():
        english.append(text["en"])
        indonesian.append(text["id"])
    for name in cb.raw["groupings"]:
        english += [cb.grouping_label(name, "en"), *cb.group_labels(name, "en").values()]
        indonesian += [cb.grouping_label(name, "id"), *cb.group_labels(name, "id").values()]
    english += [*cb.stage_labels("en").values(), *cb.weekdays("en")]
    indonesian += [*cb.stage_labels("id").values(), *cb.weekdays("id")]

    def words(texts):
        return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)}

    return words(english) - words(indonesian)


def test_indonesian_figures_draw_no_english_word():
    from asnresearch.codebook import load_codebook
    from asnresearch.io import load_cases, load_dataset, load_headcount
    from asnresearch.patterns import calendar_profile, count_cases, rate_per_asn, surfacing_mix
    from asnresearch.plots import (
        plot_mix_over_time,
        plot_province_rates,
        plot_rate_funnel,
        plot_surfacing_mix,
        plot_weekday_hour,
    )

    cb = load_codebook()
    cases = load_cases()
    funnel = pd.DataFrame({"stage": list(cb.stage_labels()), "n": [10, 8, 6, 4, 2][
        :len(cb.stage_labels())], "share": [1.0, 0.8, 0.6, 0.4, 0.2][:len(cb.stage_labels())]})
    from asnresearch.brief import estimate_response_by_channel

    km = estimate_response_by_channel(load_dataset())
    axes = {
        "funnel": plot_funnel(funnel, lang="id"),
        "survival": plot_survival(km, lang="id"),
        "mix": plot_mix_over_time(count_cases(cases, by=["incident_year", "misconduct_group"],
                                              within="incident_year"), lang="id"),
        "calendar": plot_weekday_hour(calendar_profile(cases, by="weekday_hour"), lang="id"),
        "rates": plot_province_rates(rate_per_asn(cases, load_headcount(),
                                                  series="BKN semester I 2023"), lang="id"),
        "surfacing": plot_surfacing_mix(surfacing_mix(cases, grouped=True), lang="id"),
        "rate_funnel": plot_rate_funnel(rate_per_asn(cases, load_headcount()), lang="id"),
    }
    english = _english_only_words()
    for name, ax in axes.items():
        assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel(), name
        assert FIGURE_TEXT["source"]["id"] in _texts(ax.figure), name
        assert not _drawn_words(ax) & english, (name, _drawn_words(ax) & english)
    # the names come from the codebook in Indonesian
    ticks = [t.get_text() for t in axes["funnel"].get_yticklabels()]
    assert ticks == list(cb.stage_labels("id").values())
    legend = axes["survival"].get_legend()
    assert legend.get_title().get_text() == cb.grouping_label("channel", "id")
    assert {t.get_text() for t in legend.get_texts()} <= set(
        cb.group_labels("channel", "id").values())
    assert axes["mix"].get_xlabel() == FIGURE_TEXT["mix_x"]["id"]
    assert [t.get_text() for t in axes["calendar"].get_yticklabels()] == cb.weekdays("id")
    assert "100.000 PNS" in plot_province_rates(rate_per_asn(cases, load_headcount()),
                                                lang="id").get_xlabel()
    assert {t.get_text() for t in axes["surfacing"].get_yticklabels()} <= set(
        cb.group_labels("channel", "id").values())


def test_figure_draws_on_the_given_axes_with_one_source_line():
    import matplotlib.pyplot as plt

    funnel = pd.DataFrame({"stage": ["surfaced", "response"], "n": [10, 6], "share": [1, 0.6]})
    fig, (left, right) = plt.subplots(1, 2)
    assert plot_funnel(funnel, ax=left) is left
    assert plot_funnel(funnel, ax=right, lang="id") is right
    assert right.get_xlabel() == FIGURE_TEXT["funnel_x"]["id"] and len(right.patches) == 2
    assert _texts(fig).count(SOURCE) == 1
    plt.close(fig)


def test_rate_funnel_draws_every_province_the_national_rate_and_names_the_outliers():
    import numpy as np

    from asnresearch.io import load_cases, load_headcount
    from asnresearch.patterns import compute_funnel_limits, rate_per_asn
    from asnresearch.plots import plot_rate_funnel

    rates = rate_per_asn(load_cases(), load_headcount())
    names = {code: f"P{code}" for code in rates["province_code"]}
    ax = plot_rate_funnel(rates, names=names)
    points = np.vstack([c.get_offsets() for c in ax.collections])
    drawn = rates[rates["has_denominator"]]
    assert len(points) == len(drawn)
    assert sorted(points[:, 1]) == pytest.approx(sorted(drawn["rate"].astype(float)))
    national = [line for line in ax.lines if len(set(line.get_ydata())) == 1]
    assert national[0].get_ydata()[0] == pytest.approx(rates.attrs["national_rate"])
    # outside the 95% limits, by an independent reading of the limits: named, others not
    limits = compute_funnel_limits(rates.attrs["national_rate"], drawn["person_years"])
    rate = drawn["rate"].astype(float).to_numpy()
    outside = (rate > limits["high_0.95"].to_numpy()) | (rate < limits["low_0.95"].to_numpy())
    assert {t.get_text() for t in ax.texts} == {names[c] for c in drawn["province_code"][outside]}
    assert ax.get_xscale() == "log"
    assert f"({int(drawn['n'].sum())} cases)" in ax.get_title(loc="left")
    # a province brief's province is marked and named, inside the limits or not
    inside = drawn["province_code"][~outside].iloc[0]
    marked = plot_rate_funnel(rates, names=names, highlight=inside)
    assert names[inside] in {t.get_text() for t in marked.texts}
    assert len(marked.collections) == len(ax.collections) + 1


def test_province_tiles_draw_every_province_coloured_by_its_value():
    import matplotlib as mpl
    from matplotlib.colors import to_rgba

    from asnresearch.io import load_reference
    from asnresearch.plots import plot_province_tiles

    tiles = load_reference("province_tiles")
    rates = pd.DataFrame({"province_code": ["35", "33", "11", "95"], "n": [4, 2, 0, 1],
                          "rate": [0.4, 0.2, 0.0, None]})
    rates.attrs = {"per": 100_000, "staff": "pns"}
    ax = plot_province_tiles(rates, column="rate")
    assert len(ax.patches) == 38
    face = {code: p.get_facecolor() for code, p in zip(tiles["province_code"], ax.patches)}
    blues = mpl.colormaps["Blues"]
    assert face["35"] == pytest.approx(blues(1.0)) and face["33"] == pytest.approx(blues(0.5))
    assert face["11"] == pytest.approx(blues(0.0))
    # no rate (no headcount) and no row at all: light grey, hatched, named in the legend
    grey = to_rgba("0.9")
    assert face["95"] == pytest.approx(grey) and face["12"] == pytest.approx(grey)
    hatched = {code for code, p in zip(tiles["province_code"], ax.patches) if p.get_hatch()}
    assert hatched == set(tiles["province_code"]) - {"35", "33", "11"}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        FIGURE_TEXT["tiles_missing_rate"]["en"]]
    labels = [t.get_text() for t in ax.texts]
    assert set(tiles["abbrev"]) <= set(labels) and "0.4" in labels
    assert ax.get_title(loc="left") == "Rates of reported cases by province (7 cases)"
    assert SOURCE in _texts(ax.figure)
    # every province's abbreviation sits on its own tile
    for text in ax.texts:
        if text.get_text() == "JI":
            assert text.get_position()[0] == 5


def test_province_tiles_speak_indonesian_and_mark_a_province():
    from asnresearch.io import load_cases, load_headcount
    from asnresearch.patterns import rate_per_asn
    from asnresearch.plots import plot_province_tiles

    rates = rate_per_asn(load_cases(), load_headcount())
    ax = plot_province_tiles(rates, column="rate", lang="id", highlight="35")
    bar = ax.child_axes[0]
    assert bar.get_xlabel() == "kasus yang diberitakan per 100.000 PNS per tahun"
    assert ax.get_title(loc="left").startswith("Angka kasus yang diberitakan menurut provinsi")
    assert FIGURE_TEXT["source"]["id"] in _texts(ax.figure)
    assert any("," in t.get_text() for t in ax.texts)  # decimal comma
    assert ax.get_legend() is None  # every province has a headcount in BPS 2023
    assert [p.get_linewidth() for p in ax.patches].count(2.5) == 1
    english = plot_province_tiles(rates, column="rate").child_axes[0].get_xlabel()
    assert english == "reported cases per 100,000 civil servants (PNS) per year"
