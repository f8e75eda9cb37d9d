"""The explorer's pure functions against pandas, its CSV export, both languages, and the app's
wiring without a browser (tests/test_explore_browser.py drives the served page)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from asnresearch import explore
from asnresearch.codebook import load_codebook
from asnresearch.explore import Filters
from asnresearch.io import load_dataset, load_headcount, load_reference
from asnresearch.patterns import rate_per_asn

ROOT = Path(__file__).resolve().parents[1]
CB = load_codebook()


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def app():
    return explore.build_app(lang="en")


def choose_by_pandas(ds, filters: Filters) -> pd.Series:
    """The filters written out with pandas and the codebook alone."""
    cases, events = ds["cases"], ds["events"]
    keep = pd.Series(True, index=cases.index)
    if filters.province:
        keep &= cases["province_code"] == filters.province
    if filters.regency:
        keep &= cases["regency_code"] == filters.regency
    if filters.years:
        keep &= cases["incident_date"].dt.year.between(*filters.years).fillna(False)
    if filters.misconduct_type:
        keep &= cases["misconduct_type"].astype(str) == filters.misconduct_type
    if filters.misconduct_group:
        members = CB.raw["groupings"]["misconduct_group"]["groups"][filters.misconduct_group]
        keep &= cases["misconduct_type"].astype(str).isin(members)
    if filters.channel:
        members = CB.raw["groupings"]["channel"]["groups"][filters.channel]
        keep &= cases["surfaced_via"].astype(str).isin(members)
    if filters.stage:
        actions = CB.rules["stages"][filters.stage]["actions"]
        keep &= cases["case_id"].isin(events.loc[events["action"].isin(actions), "case_id"])
    if filters.sanction_type:
        hit = events.loc[events["sanction_type"].astype(str) == filters.sanction_type, "case_id"]
        keep &= cases["case_id"].isin(hit)
    return keep.astype(bool)


FILTERS = [
    Filters(),
    Filters(province="35"),
    Filters(province="35", years=(2018, 2025)),
    Filters(years=(2021, 2021)),
    Filters(regency="31.71"),
    Filters(misconduct_group="conduct", channel="viral"),
    Filters(misconduct_type="absence_truancy", stage="response"),
    Filters(stage="sanction"),
    Filters(sanction_type="ptdh"),
    Filters(province="11", stage="sanction", sanction_type="teguran_tertulis"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_select_cases_equals_pandas(ds, filters):
    got = explore.select_cases(ds, filters)
    assert got.tolist() == choose_by_pandas(ds, filters).tolist()


def test_the_filters_are_not_all_trivial(ds):
    sizes = {int(choose_by_pandas(ds, f).sum()) for f in FILTERS}
    assert len(sizes) >= 6 and 0 < min(sizes - {0}) < len(ds["cases"])


def test_filter_dataset_keeps_the_chosen_cases_in_every_table(ds):
    filters = Filters(province="35", years=(2018, 2025))
    sub, derived = explore.filter_dataset(ds, filters)
    ids = set(ds["cases"].loc[choose_by_pandas(ds, filters), "case_id"])
    assert set(sub["cases"]["case_id"]) == ids and list(derived["case_id"]) == list(
        sub["cases"]["case_id"])
    for name in ("sources", "events", "reactions"):
        expected = ds[name][ds[name]["case_id"].isin(ids)]
        assert len(sub[name]) == len(expected) and set(sub[name]["case_id"]) <= ids


@pytest.mark.parametrize("filters", FILTERS[:4], ids=repr)
def test_headline_counts_equal_pandas(ds, filters):
    sub, derived = explore.filter_dataset(ds, filters)
    chosen = ds["cases"][choose_by_pandas(ds, filters)]
    events = ds["events"]
    response, *_, sanction = CB.stages()

    def reached(actions):
        return int(chosen["case_id"].isin(events.loc[events["action"].isin(actions),
                                                     "case_id"]).sum())

    known = chosen.loc[chosen["province_code"] != CB.unknown, "province_code"]
    assert explore.count_headline(sub["cases"], derived) == {
        "cases": len(chosen), "provinces": known.nunique(),
        "responded": reached(CB.stages()[response]),
        "sanctioned": reached(CB.stages()[sanction]),
        "final": reached(CB.rules["final_actions"]),
    }


def test_map_values_count_every_case_and_carry_the_rates(ds):
    tiles = load_reference("province_tiles")
    provinces = list(tiles["province_code"])
    filters = Filters(years=(2019, 2024))
    sub, _ = explore.filter_dataset(ds, filters)
    headcount = load_headcount()
    values = explore.map_values(sub["cases"], headcount, provinces=provinces,
                                years=filters.years)
    assert list(values["province_code"]) == provinces
    counts = sub["cases"]["province_code"].value_counts()
    assert values.set_index("province_code")["n"].to_dict() == {
        p: int(counts.get(p, 0)) for p in provinces}
    rates = rate_per_asn(sub["cases"], headcount, years=range(2019, 2025)).set_index(
        "province_code")
    by_code = values.set_index("province_code")
    for code in provinces:
        assert by_code.loc[code, "n_rate"] == rates.loc[code, "n"]
        assert by_code.loc[code, "rate"] == pytest.approx(float(rates.loc[code, "rate"]))
        assert by_code.loc[code, "ci_upper"] == pytest.approx(
            float(rates.loc[code, "ci_upper"]))


def test_map_values_of_no_dated_case_still_have_the_exposure(ds):
    undated = ds["cases"][ds["cases"]["incident_date"].isna()]
    values = explore.map_values(undated, load_headcount(), provinces=["35"],
                                years=(2020, 2021))
    assert values.attrs["years"] == (2020, 2021) and values["n_rate"].tolist() == [0]


def test_tile_map_has_every_province_and_its_interval_on_hover(ds):
    tiles = load_reference("province_tiles")
    values = explore.map_values(ds["cases"], load_headcount(),
                                provinces=list(tiles["province_code"]), years=(2013, 2026))
    for lang in CB.langs:
        svg = explore.draw_tile_map(values, tiles, lang=lang, measure="rate")
        assert svg.count('<g class="tile"') == len(tiles) == 38
        row = values.set_index("province_code").loc["35"]
        title = re.search(r'data-province="35".*?<title>(.*?)</title>', svg).group(1)
        assert f"(35): {int(row['n'])} " in title
        assert ("95%" in title) and str(int(row["n_rate"])) in title
    no_headcount = values.assign(has_denominator=False, rate=pd.NA)
    svg = explore.draw_tile_map(no_headcount, tiles, lang="en", measure="rate")
    assert svg.count('fill="#cccccc"') == 38 and "no headcount" in svg


def test_case_table_in_both_languages_names_codes_from_the_codebook(ds):
    sub, derived = explore.filter_dataset(ds, Filters(stage="sanction"))
    for lang in CB.langs:
        table = explore.build_case_table(sub, derived, lang=lang)
        assert len(table) == len(sub["cases"])
        assert set(table["channel"]) <= set(CB.group_labels("channel", lang).values())
        assert set(table["stage_reached"]) <= set(CB.stage_labels(lang).values())
        assert set(table["final_outcome"]) <= set(CB.labels("tristate", lang).values())
        assert table["sanction_type"].str.len().gt(0).all()  # every case here has a sanction
    first = sub["sources"].loc[sub["sources"]["case_id"] == table["case_id"][0], "url"]
    assert table["sources"][0].split() == list(first)


def test_say_date_keeps_the_precision():
    day = pd.Timestamp("2024-03-05")
    assert [explore.say_date(day, p, "en") for p in ("day", "month", "year", "unknown")] == [
        "2024-03-05", "2024-03", "2024", CB.labels("date_precision", "en")[CB.unknown]]


def test_csv_export_is_formula_safe():
    table = pd.DataFrame({"summary": ["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "-2+3",
                                      "\tx", "-5", "plain"], "n": [1, 2, 3, 4, 5, 6, -7]})
    rows = list(csv.reader(io.StringIO(explore.export_cases_csv(table).decode("utf-8"))))
    cells = [r[0] for r in rows[1:]]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "'-2+3", "'\tx", "-5",
                     "plain"]
    assert [r[1] for r in rows[1:]][-1] == "-7"


def test_download_link_carries_the_safe_csv(ds):
    import base64

    sub, derived = explore.filter_dataset(ds, Filters(province="35"))
    table = explore.build_case_table(sub, derived, lang="id")
    link = explore._download_link(table, lang="id")
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1))
    assert data == explore.export_cases_csv(table)
    assert len(list(csv.reader(io.StringIO(data.decode("utf-8"))))) == len(table) + 1


def test_every_text_has_both_languages_and_the_same_fields():
    for key, texts in explore.TEXT.items():
        assert set(texts) == set(CB.langs), key
        fields = [set(re.findall(r"{(\w+)}", texts[lang])) for lang in CB.langs]
        assert all(f == fields[0] for f in fields), key


def test_bad_filter_values_get_one_line():
    with pytest.raises(ValueError, match=r"^filter stage='appeal' is not allowed; allowed: "):
        explore.select_cases(load_dataset(), Filters(stage="appeal"))
    with pytest.raises(ValueError, match="runs backwards"):
        explore.select_cases(load_dataset(), Filters(years=(2025, 2020)))


def test_app_views_follow_the_filters_and_the_language(app, ds):
    c = app.controls
    c["province"].value = "35"
    c["years"].value = (2018, 2025)
    want = int(choose_by_pandas(ds, Filters(province="35", years=(2018, 2025))).sum())
    head = app.views["headline"].value
    assert f'<span data-testid="n-cases">{want}</span>' in head and " cases in " in head
    assert app.views["table"].value.count('data-testid="case-row"') == want
    assert all('data-testid="chart-' in view.value for view in app.charts.values())
    c["language"].value = "id"
    assert " kasus dari " in app.views["headline"].value
    assert app.filters() == Filters(province="35", years=(2018, 2025))  # kept
    labels = dict((v, k) for k, v in c["channel"].options)
    assert labels["viral"] == CB.group_labels("channel", "id")["viral"]
    c["language"].value = "en"
    assert dict((v, k) for k, v in c["channel"].options)["official_found"] == (
        CB.group_labels("channel", "en")["official_found"])
    c["measure"].value = "rate"
    assert "per 100,000" in app.headings["map"].value and "2018–2025" in app.headings["map"].value
    assert 'data-value="0"' in app.views["map"].value  # rates now, zero outside the province
    c["measure"].value = "cases"
    c["years"].value = (app.span[0], app.span[1])
    c["province"].value = ""
    assert app.filters() == Filters()


def test_app_narrows_dependent_choices_and_shows_an_empty_choice(app):
    c = app.controls
    c["misconduct_group"].value = "political"
    assert [v for _, v in c["misconduct_type"].options] == [
        "", *CB.raw["groupings"]["misconduct_group"]["groups"]["political"]]
    c["misconduct_group"].value = ""
    assert c["regency"].disabled
    c["province"].value = "31"
    assert not c["regency"].disabled and all(
        v.startswith("31.") for _, v in c["regency"].options[1:])
    c["sanction_type"].value = "ptdh"
    c["years"].value = (app.span[0], app.span[0])
    if '<span data-testid="n-cases">0</span>' in app.views["headline"].value:
        assert all("<img" not in view.value for view in app.charts.values())
    c["sanction_type"].value, c["province"].value = "", ""
    c["years"].value = app.span


def test_makefile_serves_the_explorer_with_the_same_options():
    recipe = (ROOT / "Makefile").read_text().split("\nexplore:", 1)[1].split("\n\n", 1)[0]
    for option in (*explore.VOILA_OPTIONS, "--port=8866"):
        assert option in recipe
    assert "JUPYTER_PATH=$(NBDIR)" in recipe
    assert (ROOT / "notebooks" / "voila" / "templates" / "explore" / "index.html.j2").exists()


def test_charts_show_the_chosen_cases(ds):
    from asnresearch.brief import estimate_response_by_channel
    from asnresearch.enforcement import count_stages
    from asnresearch.io import read_cutoff_date

    filters = Filters(years=(2018, 2025))
    sub, _ = explore.filter_dataset(ds, filters)
    chosen = ds["cases"][choose_by_pandas(ds, filters)]
    for lang in CB.langs:
        svg = explore.draw_cases_over_time(explore.count_over_time(sub["cases"]), lang=lang,
                                           years=filters.years)
        bars = [(int(y), int(n)) for y, n in
                re.findall(r'<rect data-year="(\d+)" data-group="\w+" data-n="(\d+)"', svg)]
        by_year = pd.Series([n for _, n in bars], index=[y for y, _ in bars])
        assert by_year.groupby(level=0).sum().to_dict() == (
            chosen["incident_date"].dt.year.astype(int).value_counts().sort_index().to_dict())
        funnel = explore.draw_funnel(count_stages(sub), lang=lang)
        stages = dict(re.findall(r'data-stage="(\w+)" data-n="(\d+)"', funnel))
        assert stages == {s: str(n) for s, n in zip(count_stages(sub)["stage"],
                                                    count_stages(sub)["n"])}
        assert set(CB.stage_labels(lang).values()) <= set(re.findall(r">([^<>]+)</text>",
                                                                     funnel))
        km = estimate_response_by_channel(sub, cutoff=read_cutoff_date())
        curves = re.findall(r'<path data-group="(\w+)"', explore.draw_survival(km, lang=lang))
        assert curves == sorted(km["group"].astype(str).unique())


def test_deferred_survival_chart_is_drawn_and_never_stale(ds):
    from asnresearch.brief import estimate_response_by_channel

    first = explore.build_app(lang="en", defer_survival=True)
    assert "chart-survival" not in first.charts["survival"].value  # a placeholder at first
    first.deferred.join(timeout=60)
    want = explore.draw_survival(estimate_response_by_channel(ds, cutoff=first.cutoff),
                                 lang="en")
    assert first.charts["survival"].value == want
    # a filter change before the thread ends wins: the thread's older chart is dropped
    later = explore.build_app(lang="en", defer_survival=True)
    later.controls["province"].value = "35"
    later.deferred.join(timeout=60)
    sub, _ = explore.filter_dataset(ds, Filters(province="35"))
    assert later.charts["survival"].value == explore.draw_survival(
        estimate_response_by_channel(sub, cutoff=later.cutoff), lang="en")
