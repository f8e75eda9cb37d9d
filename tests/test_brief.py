"""The policy brief: both languages, no code, the data's own figures, 4 to 8 pages, figures
embedded, province variants; and the templated text on its own."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from asnresearch.brief import TEXT, compute_key_figures, say, select_scope
from asnresearch.io import load_dataset

CODE_MARKERS = ("import ", "load_dataset(", "def ", "display(", "say(", "figures[", "lang ==")


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    from asnresearch.report import build_report

    out = tmp_path_factory.mktemp("reports")
    build_report(out, notebooks=())
    return out


def text_of(pdf):
    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


def test_every_template_exists_in_both_languages():
    assert all(set(v) == {"id", "en"} for v in TEXT.values())
    assert say("figure", "en", n=3) == "Figure 3."
    with pytest.raises(ValueError, match="lang must be one of"):
        say("figure", "fr", n=1)


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
    assert (figures["cases"], figures["viral"], figures["sanctioned"]) == (
        n, int(viral.sum()), int(sanctioned.sum()))
    assert f"Median days to the first official response {figures['median_days']}" in text


def test_median_days_match_a_hand_kaplan_meier():
    from asnresearch.enforcement import build_timelines
    from tests.test_models import km_by_hand

    ds = load_dataset()
    t = build_timelines(ds).dropna(subset=["response_days"])
    t = t[t["response_days"] >= 0]
    table = km_by_hand(t["response_days"].astype(int).tolist(),
                       t["response_observed"].tolist())
    expected = min(time for time, *_, s in table if s <= 0.5)
    assert compute_key_figures(ds)["median_days"] == expected


def test_province_brief_from_the_command_line(tmp_path, capsys):
    from asnresearch.cli import main

    assert main(["report", "--province", "Jawa Timur", "--lang", "en", "--out",
                 str(tmp_path)]) == 0
    text = " ".join(text_of(tmp_path / "brief-en-jawa-timur.pdf").split())
    figures = compute_key_figures(select_scope(load_dataset(), province="Jawa Timur"))
    assert "Province of Jawa Timur" in text and f"Reported cases {figures['cases']}" in text
    assert not (tmp_path / "brief-id-jawa-timur.pdf").exists()


def test_small_province_says_so_plainly(tmp_path):
    from asnresearch.report import build_report

    build_report(tmp_path, langs=["id"], province="Jambi", notebooks=())
    text = " ".join(text_of(tmp_path / "brief-id-jambi.pdf").split())
    assert "terlalu sedikit kasus" in text


def test_unknown_province_is_refused_with_the_allowed_names(capsys):
    from asnresearch.cli import main

    assert main(["report", "--province", "Atlantis"]) == 2
    err = capsys.readouterr().err
    assert "unknown province 'Atlantis'" in err and "Jawa Timur" in err
