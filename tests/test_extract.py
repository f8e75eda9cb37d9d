"""Coding assistant, first step (place): accuracy on the project's labelled articles,
evidence spans that point at the text, and robustness on random and adversarial text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from asnresearch.extract import extract_place
from asnresearch.gazetteer import find_region_code
from asnresearch.io import load_regions

ARTICLES = Path(__file__).parent / "data" / "articles"


@pytest.fixture(scope="module")
def labelled():
    labels = pd.read_csv(ARTICLES / "labels.csv", dtype=str, keep_default_na=False)
    labels["text"] = [(ARTICLES / f"{a}.txt").read_text(encoding="utf-8")
                      for a in labels["article_id"]]
    labels["province_code"] = [find_region_code(p, level="province") for p in labels["province"]]
    labels["regency_code"] = [
        "unknown" if r == "unknown" else find_region_code(r, province_code=p, level="regency")
        for r, p in zip(labels["regency"], labels["province_code"])]
    return labels


def test_place_accuracy_on_the_labelled_articles(labelled):
    drafts = [extract_place(t) for t in labelled["text"]]
    province = [d["province_code"].value for d in drafts] == labelled["province_code"]
    regency = [d["regency_code"].value for d in drafts] == labelled["regency_code"]
    assert len(labelled) >= 30
    assert province.mean() >= 0.9 and regency.mean() >= 0.9, (province.mean(), regency.mean())


def test_every_evidence_span_points_at_the_place_name(labelled):
    names = dict(load_regions()[["code", "name"]].itertuples(index=False))
    for text in labelled["text"]:
        field = extract_place(text)["regency_code"]
        if field.value == "unknown":
            continue
        start, end = field.span
        base = names[field.value].split(" ", 1)[1].replace("Administrasi ", "")
        assert base.lower().split()[-1] in text[start:end].lower(), (text[start:end], base)
        assert 0 < field.confidence <= 1


@pytest.mark.parametrize("text", [None, "", " " * 10, "x" * 100_000, "<p>Kota</p> &amp;",
                                  "١٢٣ 漢字 Kabupaten", "Kota " * 5000, "0" * 1000])
def test_garbage_never_crashes(text):
    draft = extract_place(text)
    assert set(draft) == {"province_code", "regency_code"}


def test_random_text_returns_only_gazetteer_codes():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    codes = set(load_regions()["code"]) | {"unknown"}
    words = st.sampled_from(["Kabupaten", "Kab.", "Pemkot", "Kota", "Bangkalan", "Kupang",
                             "Jayapura", "Jawa Timur", "BANGKALAN,", "Provinsi", "Papua", "di",
                             "\n", "Bupati", "Wali Kota", "Jakarta Barat"])
    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.one_of(words, st.text(max_size=20)), max_size=30).map(" ".join))
    def check(text):
        draft = extract_place(text)
        for field in draft.values():
            assert field.value in codes
            if field.span is not None:
                assert 0 <= field.span[0] < field.span[1] <= len(text)

    check()
