"""The policy brief: both languages, no code, the data's own figures, 4 to 8 pages, figures
embedded, province and period variants; its text composed for every scope and checked; and
the templated text on its own."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from asnresearch.brief import (
    MIN_CASES,
    TEXT,
    compose_brief,
    compute_key_figures,
    say,
    say_count,
    say_share,
    select_scope,
)
from asnresearch.io import load_dataset, load_regions

CODE_MARKERS = ("import ", "load_dataset(", "def ", "display(", "say(", "figures[", "lang ==")
# words that betray the other language (whole words, any case)
MARKERS = {"id": {"the", "of", "and", "with", "case", "cases", "none", "only", "reported",
                  "figure", "table", "not", "days"},
           "en": {"yang", "dan", "kasus", "dari", "tidak", "dengan", "untuk", "gambar", "tabel",
                  "atau", "hari", "diberitakan"}}
TOO_FEW = {"id": "terlalu sedikit kasus", "en": "too few cases"}


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    from asnresearch.report import build_report

    out = tmp_path_factory.mktemp("reports")
    build_report(out, notebooks=())
    return out


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def text_of(pdf, pages=None):
    reader = PdfReader(str(pdf))
    return "\n".join(page.extract_text() for page in reader.pages[:pages])


def flatten(brief) -> str:
    """Every string of a composed brief, one per line."""
    out = []
    for value in brief.values():
        if isinstance(value, dict):
            out.append(flatten(value))
        elif isinstance(value, str):
            out.append(value)
    return "\n".join(out)


def check_brief(brief, lang, ds, *, province=None, years=None):
    """The checks every composed brief must pass; returns its text."""
    text = flatten(brief)
    n = len(select_scope(ds, province=province, period=years)["cases"])
    scope = brief["scope"]
    assert say_count(n, lang) in scope, scope
    if province:
        assert province in brief["title"] and province in scope
    if years:
        first, _, last = years.partition("-")
        shown = first if not last or last == first else f"{first}–{last}"
        assert shown in brief["title"] and shown in scope
    assert (TOO_FEW[lang] in brief["about"]) == (n < MIN_CASES)
    assert not re.search(r"\b1 (cases|days)\b", text), text
    assert not re.search(r"\b(nan|None|NaN|<NA>)\b", text)
    assert "{" not in text and "}" not in text
    prose = "\n".join(re.sub(r"^\s*(- |\d+\. )", "", line) for line in text.splitlines()
                      if not line.startswith("|-"))
    assert not re.search(r"(?<![\w-])-(?![\w-])", prose), "a lone '-' placeholder"
    assert "| |" not in text, "an empty table cell"
    words = set(re.findall(r"[a-z]+", text.lower()))
    other = "en" if lang == "id" else "id"
    assert not words & MARKERS[lang], (lang, words & MARKERS[lang])
    assert words & MARKERS[other]  # the markers are real words of the language itself
    return text


def test_every_template_exists_in_both_languages():
    assert all(set(v) == {"id", "en"} for v in TEXT.values())
    assert say("figure", "en", n=3) == "Figure 3."
    with pytest.raises(ValueError, match="lang must be one of"):
        say("figure", "fr", n=1)


def test_counts_agree_and_shares_need_ten_cases():
    assert [say_count(k, "en") for k in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]
    assert say_count(1, "id") == say_count(1, "id") == "1 kasus"
    assert say_share(1, 1, "en") == "1 of 1 case"
    assert say_share(2, 9, "en") == "2 of the 9 cases"
    assert say_share(2, 10, "id") == "20% dari 10 kasus"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_province_composes_a_right_brief(dataset, lang):
    regions = load_regions()
    provinces = regions.loc[regions["level"] == "province", ["code", "name"]]
    counts = dataset["cases"]["province_code"].astype(str).value_counts()
    assert len(provinces) == 38
    for code, name in provinces.itertuples(index=False):
        if counts.get(code, 0) == 0:  # a province without a case: one clear line
            with pytest.raises(ValueError, match=f"no reported case in scope Province of {name}"):
                compose_brief(dataset, lang=lang, province=name)
            continue
        check_brief(compose_brief(dataset, lang=lang, province=name), lang, dataset,
                    province=name)


def one_case_scope(ds):
    cases = ds["cases"].assign(year=ds["cases"]["incident_date"].dt.year)
    sizes = cases.dropna(subset=["year"]).groupby(["province_code", "year"]).size()
    code, year = sizes[sizes == 1].index[0]
    regions = load_regions()
    return regions.set_index("code").loc[code, "name"], str(int(year))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_periods_compose_a_right_brief(dataset, lang):
    for period in ("2021-2025", "2024", "2013-2014"):
        check_brief(compose_brief(dataset, lang=lang, period=period), lang, dataset,
                    years=period)
    province, year = one_case_scope(dataset)
    brief = compose_brief(dataset, lang=lang, province=province, period=year)
    text = check_brief(brief, lang, dataset, province=province, years=year)
    assert say_count(1, lang) in brief["scope"] and TOO_FEW[lang] in text


@pytest.mark.parametrize(("province", "period", "message"), [
    (None, "2030", "no reported case in scope All of Indonesia, incidents 2030; the data hold"),
    ("Jawa Timur", "2014", "no reported case in scope Province of Jawa Timur, incidents 2014"),
    (None, "2025-2021", "period '2025-2021' runs backwards; write it as 2021-2025"),
    (None, "21-25", "period must be YEAR or YEAR-YEAR"),
])
def test_bad_or_empty_scopes_fail_in_one_line(dataset, province, period, message):
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        compose_brief(dataset, lang="en", province=province, period=period)
    assert "\n" not in str(info.value)


def test_empty_scope_exits_2_before_any_notebook_runs(tmp_path, capsys):
    from asnresearch.cli import main

    out = tmp_path / "new" / "reports"
    assert main(["report", "--period", "2030", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "no reported case" in err
    assert not out.exists()  # nothing written, not even an empty folder


def contradiction_scopes(ds):
    """Every province for all years and for 2021-2026, and the country for each year with
    a case: the scopes the contradiction test composes a brief for."""
    years = sorted(int(y) for y in ds["cases"]["incident_date"].dt.year.dropna().unique())
    scopes = [(None, None)] + [(None, str(y)) for y in years]
    for name in load_regions().query("level == 'province'")["name"]:
        for period in (None, "2021-2026"):
            try:
                select_scope(ds, province=name, period=period)
            except ValueError:  # no case in that scope: no brief to check
                continue
            scopes.append((name, period))
    return scopes


def test_no_sentence_contradicts_its_numbers(dataset):
    """For every province and period, each interpretive sentence of the brief holds for
    numbers computed here apart from the brief: shares with statsmodels' Wilson interval,
    the median by a hand Kaplan-Meier, Fisher's test by scipy."""
    from scipy.stats import fisher_exact
    from statsmodels.stats.proportion import proportion_confint

    from asnresearch.brief import (
        CLAIM_ALPHA,
        FAST_DAYS,
        MIN_SHARE_BASE,
        MIN_TIMED,
        RARE_SHARE,
    )
    from asnresearch.codebook import load_codebook
    from asnresearch.enforcement import build_timelines
    from tests.test_models import km_by_hand

    cb = load_codebook()
    response, *_, sanction = cb.stages()
    sanctioning = set(cb.stages()[sanction])
    scopes = contradiction_scopes(dataset)
    assert len(scopes) > 60
    claimed = dict.fromkeys(("fast", "rare_sanction", "lebaran_excess", "demand_gap"), 0)
    for province, period in scopes:
        brief = compose_brief(dataset, lang="en", province=province, period=period)
        sub = select_scope(dataset, province=province, period=period)
        figures, claims = brief["figures"], brief["claims"]
        text = " ".join(brief[k] for k in ("key", "findings", "when", "reactions",
                                            "recommendations"))
        where = f"{province or 'Indonesia'} {period or 'all years'}"
        n = len(sub["cases"])
        sanctioned = sub["events"].loc[sub["events"]["action"].isin(sanctioning),
                                       "case_id"].nunique()
        assert (figures["cases"], figures["sanctioned"]) == (n, sanctioned), where
        # every percentage in a sentence rests on at least MIN_SHARE_BASE cases or responses
        for pct_base in re.findall(r"\d+% (?:\(95% CI [^)]*\) )?of the (\d+) ", text):
            assert int(pct_base) >= MIN_SHARE_BASE, where
        if n < MIN_CASES:
            assert TOO_FEW["en"] in brief["about"], where
        # "sanctions are rarely reported": the whole interval below RARE_SHARE
        assert claims["rare_sanction"] == ("Sanctions are rarely reported" in text), where
        if claims["rare_sanction"]:
            upper = proportion_confint(sanctioned, n, method="wilson")[1]
            assert n >= MIN_SHARE_BASE and upper < RARE_SHARE, where
        # "a first official response was reported quickly": the median of the cases no
        # official act surfaced, by hand,
        # over at least MIN_TIMED of them, with its whole interval within FAST_DAYS
        assert claims["fast"] == ("response was reported quickly" in text), where
        assert ("A first response is reported quickly" in text) <= claims["fast"], where
        if claims["fast"]:
            t = build_timelines(sub)
            t = t[~t["official_act"]].dropna(subset=[f"{response}_days"])
            table = km_by_hand(t[f"{response}_days"].astype(int).tolist(),
                               t[f"{response}_observed"].tolist())
            median = min(time for time, *_, s in table if s <= 0.5)
            assert len(t) >= MIN_TIMED and median == figures["median_days"] <= FAST_DAYS, where
            assert figures["median_upper"] is not None, where
            assert figures["median_upper"] <= FAST_DAYS, where
        # calendar excess: more than expected and a Holm-adjusted exact p below CLAIM_ALPHA
        for which, words in (("early", "Monday to Wednesday holds more cases"),
                             ("lebaran", "The days after Idul Fitri hold more cases")):
            assert claims[f"{which}_excess"] == (words in text), where
            if claims[f"{which}_excess"]:
                assert figures["dated"] >= MIN_CASES, where
                assert figures[which] > figures[f"{which}_expected"], where
                assert figures[f"{which}_p"] < CLAIM_ALPHA, where
        # an excess comes with how many of its cases inspections found, on days officials
        # choose, counted by hand; the recommendation does not rest on the excess
        looked = sub["cases"]["surfaced_via"].astype(str).isin(
            cb.raw["groupings"]["channel"]["groups"][cb.rules["scheduled_channel_group"]])
        said_looked = re.findall(r"(\d+) of those (\d+) were found by an official act", text)
        expected_looked = []
        for which in ("early", "lebaran"):
            if claims[f"{which}_excess"]:
                expected_looked.append((str(figures[f"{which}_looked"]), str(figures[which])))
                assert figures[f"{which}_looked"] <= min(figures[which], int(looked.sum()))
        assert said_looked == expected_looked, where
        assert "after the Idul Fitri break" not in brief["recommendations"], where
        assert re.search(r"attendance\s+checks,\s+not spot checks", text), where
        # the response share is also given without the cases an official act surfaced, and
        # the sanction share without those that entered the news through their sanction
        other = sub["cases"].loc[~sub["cases"]["surfaced_via"].astype(str).isin(
            cb.official_act_channels()), "case_id"]
        responding = set(sub["events"].loc[sub["events"]["action"].isin(
            cb.stages()[response]), "case_id"])
        assert (figures["other_cases"], figures["other_responded"]) == (
            len(other), len(set(other) & responding)), where
        assert ("Leaving out the cases an official act surfaced" in text) == (
            0 < len(other) < n), where
        entered = int(build_timelines(sub)["entered_by_sanction"].sum()) if n else 0
        assert figures["entered_by_sanction"] == entered, where
        said_entered = re.search(r"(\d+) cases? entered the news through (?:their|its) "
                                 r"sanction; leaving (?:them|it) out, a sanction is reported "
                                 r"for (?:\d+% \(95% CI [^)]*\) of the|(\d+) of the) (\d+) ",
                                 text)
        assert bool(said_entered) == (0 < entered < n and sanctioned > 0), where
        if said_entered:
            assert int(said_entered.group(1)) == entered, where
            assert int(said_entered.group(3)) == n - entered, where
        # the work and viral shares also over the systematic search alone, counted by hand
        systematic = sub["cases"]["found_by"].astype(str).isin(cb.rules["default_found_by"])
        assert figures["systematic"] == int(systematic.sum()), where
        viral_codes = cb.raw["groupings"]["channel"]["groups"][cb.rules["online_group"]["group"]]
        assert figures["online_systematic"] == int(
            (systematic & sub["cases"]["surfaced_via"].astype(str).isin(viral_codes)).sum()), where
        assert text.count("Cases of the systematic search alone") == (
            (0 < int(systematic.sum()) < n) * (bool(figures["work"]) + bool(figures["online"]))
        ), where
        # demands are compared only among cases no official act surfaced (there the act is
        # the response), counted by hand; the claim is an association, by Fisher's test
        demand = cb.rules["public_demand"]
        rx = sub["reactions"]
        demanded = set(rx.loc[(rx["stance"] == demand["stance"])
                              & rx["speaker_kind"].astype(str).isin(demand["speakers"]),
                              "case_id"])
        kept = set(sub["cases"].loc[~sub["cases"]["surfaced_via"].astype(str).isin(
            cb.official_act_channels()), "case_id"])
        assert figures["demand_cases"] == len(demanded), where
        assert (figures["with_cases"], figures["without_cases"]) == (
            len(kept & demanded), len(kept - demanded)), where
        assert "stay silent" not in text and "come where" not in text, where
        assert claims["demand_gap"] == ("less often have a reported response" in text), where
        if claims["demand_gap"]:
            assert "an association, not a cause" in text, where
            w, wr = figures["with_cases"], figures["with_response"]
            o, orr = figures["without_cases"], figures["without_response"]
            p = fisher_exact([[wr, w - wr], [orr, o - orr]])[1]
            assert min(w, o) >= MIN_SHARE_BASE and wr / w < orr / o and p < CLAIM_ALPHA, where
        for claim in claimed:
            claimed[claim] += bool(claims[claim])
    # the test checks claims that are made somewhere, not only their absence
    assert claimed["fast"] and claimed["lebaran_excess"] and claimed["demand_gap"], claimed


def test_prescribed_versus_imposed_follows_its_table(dataset):
    from asnresearch.enforcement import compare_prescribed_imposed

    gap = compare_prescribed_imposed(dataset)
    brief = compose_brief(dataset, lang="en")
    # every absence case with reported days is in the table, each under its own regime
    with_days = dataset["cases"]["absence_days"].notna().sum()
    assert len(gap) + gap.attrs["left_out"]["no_date"] == with_days
    for row in gap.itertuples():
        assert row.case_id in brief["gap"]
    regimes = {"pp53": "PP 53/2010", "pp94": "PP 94/2021"}
    third = brief["recommendations"].split("3. ")[1]
    for code, name in regimes.items():
        assert (name in third) == (code in set(gap["regime"]))
    assert f"of the {say_count(len(gap), 'en')} in Table" in third
    lighter = int((gap["gap"] < 0).fillna(False).sum())
    assert f", {lighter} got a lighter sanction" in third
    days_unknown = gap.attrs["left_out"]["days_unknown"]
    if days_unknown:
        assert f"Not shown: {say_count(days_unknown, 'en')} of absence" in brief["gap"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pdf_is_code_free_in_its_language_with_pages_and_figures(briefs, lang):
    pdf = briefs / f"brief-{lang}.pdf"
    reader = PdfReader(str(pdf))
    text = text_of(pdf)
    assert 4 <= len(reader.pages) <= 8
    assert sum(len(p.images) for p in reader.pages) >= 4
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
    other = "en" if lang == "id" else "id"
    for key in ("h_findings", "h_recommendations", "h_method", "h_citation"):
        assert TEXT[key][lang] in text and TEXT[key][other] not in text
    assert f"1 / {len(reader.pages)}" in text  # page numbers
    for marker in CODE_MARKERS:
        assert marker not in text
    assert {"en": "cut-off", "id": "batas data"}[other] not in text  # the date line too
    html = (briefs / f"brief-{lang}.html").read_text(encoding="utf-8")
    assert TEXT["h_findings"][lang] in html
    assert "load_dataset(" not in html and "say(" not in html
    assert (briefs / f"brief-{lang}-page1.png").stat().st_size > 10_000


def test_key_figures_equal_a_direct_computation(briefs):
    ds = load_dataset()
    cases, events = ds["cases"], ds["events"]
    n = len(cases)
    viral = cases["surfaced_via"].isin(["viral_video", "viral_photo", "social_media_post"])
    sanctioned = cases["case_id"].isin(events.loc[events["action"] == "sanction_imposed",
                                                  "case_id"])
    provinces = cases.loc[cases["province_code"] != "unknown", "province_code"].nunique()
    text = " ".join(text_of(briefs / "brief-en.pdf").split())
    assert f"Reported cases {n}" in text
    assert f"Provinces {provinces}" in text
    assert f"Surfaced through a viral video, photo or post {viral.mean():.0%}" in text
    assert f"With a reported sanction {sanctioned.mean():.0%}" in text
    figures = compute_key_figures(ds)
    assert (figures["cases"], figures["online"], figures["sanctioned"]) == (
        n, int(viral.sum()), int(sanctioned.sum()))
    assert (f"Median days to the first official response, other cases "
            f"{int(figures['median_days'])}") in text


def test_median_days_match_a_hand_kaplan_meier():
    from asnresearch.enforcement import build_timelines
    from tests.test_models import km_by_hand

    ds = load_dataset()
    t = build_timelines(ds).dropna(subset=["response_days"])
    t = t[(t["response_days"] >= 0) & ~t["official_act"]]  # the channels no official act
    table = km_by_hand(t["response_days"].astype(int).tolist(),
                       t["response_observed"].tolist())
    expected = min(time for time, *_, s in table if s <= 0.5)
    assert compute_key_figures(ds)["median_days"] == expected


def test_province_brief_from_the_command_line(tmp_path, dataset):
    from asnresearch.cli import main

    assert main(["report", "--province", "Jawa Timur", "--lang", "en", "--out",
                 str(tmp_path)]) == 0
    n = len(select_scope(dataset, province="Jawa Timur")["cases"])
    first = " ".join(text_of(tmp_path / "brief-en-jawa-timur.pdf", pages=1).split())
    scope = f"Province of Jawa Timur, all incident years: {n} cases reported"
    assert "civil servants in Jawa Timur" in first and scope in first
    assert f"Reported cases {n}" in first
    html = (tmp_path / "brief-en-jawa-timur.html").read_text(encoding="utf-8")
    assert f"<title>asnresearch policy brief – {scope}</title>" in html
    assert scope in html and "civil servants in Jawa Timur" in html
    assert not (tmp_path / "brief-id-jawa-timur.pdf").exists()


def test_period_brief_names_its_years_in_its_language(tmp_path, dataset):
    from asnresearch.report import build_report

    build_report(tmp_path, langs=["id"], period="2021-2025", notebooks=())
    n = len(select_scope(dataset, period="2021-2025")["cases"])
    scope = f"Seluruh Indonesia, kejadian 2021–2025: {n} kasus yang diberitakan"
    first = " ".join(text_of(tmp_path / "brief-id-2021-2025.pdf", pages=1).split())
    assert "di Indonesia, 2021–2025" in first and scope in first
    assert "batas data" in first and "cut-off" not in first and "built" not in first
    html = (tmp_path / "brief-id-2021-2025.html").read_text(encoding="utf-8")
    assert f"<title>Ringkasan kebijakan asnresearch – {scope}</title>" in html


def test_unknown_province_is_refused_with_the_allowed_names(capsys):
    from asnresearch.cli import main

    assert main(["report", "--province", "Atlantis"]) == 2
    err = capsys.readouterr().err
    assert "unknown province 'Atlantis'" in err and "Jawa Timur" in err


def test_brief_figures_follow_the_captions_in_the_briefs_language():
    from asnresearch.brief import compose_brief, draw_figures
    from asnresearch.codebook import load_codebook
    from asnresearch.io import load_dataset
    from asnresearch.plots import FIGURE_TEXT

    ds = load_dataset()
    for scope in ({}, {"province": "Jawa Timur", "period": "2025"}):
        brief = compose_brief(ds, lang="id", **scope)
        figures = draw_figures(ds, brief, lang="id", **scope)
        assert list(figures) == list(brief["captions"])
        rates = figures["fig_rates"].axes[0]  # every province, the scope's own named
        assert ("Jawa Timur" in [t.get_text() for t in rates.texts]) == ("province" in scope)
        tiles = figures["fig_map"].axes[0]  # every province, the scope's own outlined
        assert len(tiles.patches) == 38
        outlined = [p for p in tiles.patches if p.get_linewidth() > 1]
        assert len(outlined) == ("province" in scope)
        for key, fig in figures.items():
            assert FIGURE_TEXT["source"]["id"] in [t.get_text() for t in fig.texts], key
    funnel = figures["fig_funnel"].axes[0]
    assert ([t.get_text() for t in funnel.get_yticklabels()]
            == list(load_codebook().stage_labels("id").values()))


def test_map_caption_states_the_denominator_of_the_rates_it_shows(dataset):
    from asnresearch.io import load_headcount
    from asnresearch.patterns import rate_per_asn

    brief = compose_brief(dataset, lang="en", province="Jawa Timur", period="2021-2025")
    keys = list(brief["captions"])
    assert keys.index("fig_map") + 1 == keys.index("fig_rates")  # the funnel plot follows
    rates = rate_per_asn(select_scope(dataset, period="2021-2025")["cases"], load_headcount())
    drawn = rates[rates["has_denominator"]]
    caption = brief["captions"]["fig_map"]
    number = keys.index("fig_map") + 1
    assert caption.startswith(f"*Figure {number}. Reported cases per 100,000 PNS a year")
    assert f"2021–2025: {int(drawn['n'].sum())} cases found by the systematic search" in caption
    assert "PNS headcount of each province (BPS 2023, figures of 2023)" in caption
    assert "(5 years)" in caption and f"Figure {number + 1} sets the provinces" in caption
    assert f"{drawn['n'].min()} to {drawn['n'].max()} cases of one province" in caption
    # the singular where no province has more than one case in the period (a province with
    # that one case gives the scope)
    from asnresearch.io import load_regions

    names = load_regions().set_index("code")["name"]
    single = next(r for r in (rate_per_asn(select_scope(dataset, period=str(year))["cases"],
                                           load_headcount()) for year in range(2010, 2027))
                  if r["n"].max() == 1)
    first, _ = single.attrs["years"]
    province = names[single.loc[single["n"] == 1, "province_code"].iloc[0]]
    assert "0 to 1 case of one province" in compose_brief(
        dataset, lang="en", province=province, period=str(first))["captions"]["fig_map"]
    assert caption.endswith("The outlined tile is Jawa Timur.*")
    indonesian = compose_brief(dataset, lang="id", period="2021-2025")["captions"]["fig_map"]
    assert "Penyebutnya tahun-PNS" in indonesian and "bergaris tebal" not in indonesian
