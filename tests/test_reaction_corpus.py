"""The real reaction corpus (scripts/labelling/corpus.csv) keeps the rules of its guide."""

from pathlib import Path

import pandas as pd
import pytest

from asnresearch.codebook import load_codebook
from asnresearch.privacy import find_personal_data

HERE = Path(__file__).resolve().parents[1] / "scripts/labelling"


@pytest.fixture(scope="module")
def corpus():
    return pd.read_csv(HERE / "corpus.csv", dtype=str, keep_default_na=False)


def test_each_article_sits_in_one_split(corpus):
    assert corpus.groupby("article_url")["split"].nunique().max() == 1
    assert set(corpus["split"]) == {"train", "dev", "test", "topup_test"}
    assert (corpus["split"] == "test").sum() >= 200


def test_items_are_short_scrubbed_unique_and_coded(corpus):
    cb = load_codebook()
    assert corpus["text"].str.split().str.len().max() <= 40
    assert not corpus["text"].str.lower().str.split().str.join(" ").duplicated().any()
    assert not any(find_personal_data(text) for text in corpus["text"])
    for label in ("speaker_kind", "sentiment", "stance"):
        assert set(corpus[label]) <= set(cb.codes(label)), label
    assert set(corpus["sarcasm"]) <= {"True", "False"}
    assert len(corpus) >= 800 and corpus["article_url"].nunique() >= 200


def test_second_annotation_covers_a_fifth(corpus):
    agreement = pd.read_csv(HERE / "agreement.csv")
    assert set(agreement["label"]) == {"speaker_kind", "sentiment", "stance", "sarcasm"}
    assert (agreement["n"] >= 0.2 * len(corpus)).all()
