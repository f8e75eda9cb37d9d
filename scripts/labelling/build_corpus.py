"""Assemble the real reaction corpus (issue 16) and measure the second annotator's agreement.

Reads the harvesters' files ``real_reactions/R*.jsonl`` (LABELLING_GUIDE.md), checks each item
(codes from the codebook, at most 40 words, no text twice, personal data scrubbed), assigns
train/dev/test **by article** with a stated seed, and writes

- ``corpus.csv``: one row per text with its labels, source and split;
- ``agreement.csv``: per label, the number of doubly labelled items, raw agreement, Cohen's
  kappa (statsmodels) and Krippendorff's alpha (nominal) between the first labels and the
  blind second annotation ``second_annotation.jsonl`` (sample: second_annotation_sample.txt).

Run from the repository root: ``python scripts/labelling/build_corpus.py``. Prints the counts.
"""

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = ROOT / "scripts/labelling"
SEED = 20261204
SHARES = {"train": 0.60, "dev": 0.15, "test": 0.25}  # of articles
# The harvests split at random by article. The later top-ups (R4, R5: harvested after the
# test split had been scored once, weighted to the labels the corpus lacked, from articles
# of no other harvest) are never trained on: they are a second test set, TOPUP_SPLIT.
RANDOM_SPLIT = ("R1", "R2", "R3")
TOPUP_SPLIT = "topup_test"
LABELS = ("speaker_kind", "sentiment", "stance", "sarcasm")
MAX_WORDS = 40


def read_items():
    """Every harvested item, checked; stops naming file, line and field on a bad one."""
    from asnresearch.codebook import load_codebook
    from asnresearch.privacy import find_personal_data

    cb = load_codebook()
    allowed = {name: set(cb.codes(name)) for name in ("speaker_kind", "sentiment", "stance")}
    items, texts = [], {}
    for path in sorted((HERE / "real_reactions").glob("R*.jsonl")):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            where = f"{path.name}, line {n}"
            for name, codes in allowed.items():
                if item[name] not in codes:
                    raise SystemExit(f"{where}, {name}: {item[name]!r}; allowed: {sorted(codes)}")
            if not isinstance(item["sarcasm"], bool):
                raise SystemExit(f"{where}, sarcasm: {item['sarcasm']!r}; allowed: true, false")
            words = len(item["text"].split())
            if words > MAX_WORDS:
                raise SystemExit(f"{where}, text: {words} words; allowed: at most {MAX_WORDS}")
            found = find_personal_data(item["text"])
            if found:
                raise SystemExit(f"{where}, text: personal data ({found[0]}); scrub it")
            key = " ".join(item["text"].lower().split())
            if key in texts:
                raise SystemExit(f"{where}, text: the same text as {texts[key]}")
            texts[key] = item["item_key"]
            item["harvest"], item["where"] = path.stem, where
            items.append(item)
    return items


def assign_splits(items):
    """Split by article: all texts of an article fall in one split. The articles of the
    RANDOM_SPLIT harvests are shuffled with SEED and cut at the SHARES of articles; the
    texts of later top-ups go to TOPUP_SPLIT, and a top-up may not reuse an article of those."""
    articles = sorted({i["article_url"] for i in items if i["harvest"] in RANDOM_SPLIT})
    for i in items:
        if i["harvest"] not in RANDOM_SPLIT and i["article_url"] in articles:
            raise SystemExit(f"{i['where']}, article_url: {i['article_url']} is already in "
                             f"{', '.join(RANDOM_SPLIT)}; a top-up needs new articles")
    random.Random(SEED).shuffle(articles)
    cut_train = round(SHARES["train"] * len(articles))
    cut_dev = cut_train + round(SHARES["dev"] * len(articles))
    split = {a: "train" if k < cut_train else "dev" if k < cut_dev else "test"
             for k, a in enumerate(articles)}
    for i in items:
        i["split"] = split.get(i["article_url"], TOPUP_SPLIT)


def measure_agreement(items):
    """Per label: n, raw agreement, Cohen's kappa and Krippendorff's alpha (nominal)."""
    import krippendorff
    import numpy as np
    import pandas as pd
    from statsmodels.stats.inter_rater import cohens_kappa

    path = HERE / "second_annotation.jsonl"
    second = {r["item_key"]: r for r in map(json.loads, open(path, encoding="utf-8"))}
    first = {i["item_key"]: i for i in items if i["item_key"] in second}
    rows = []
    for label in LABELS:
        a = [str(first[k][label]) for k in first]
        b = [str(second[k][label]) for k in first]
        table = pd.crosstab(pd.Series(a, name="first"), pd.Series(b, name="second"))
        codes = sorted(set(a) | set(b))
        table = table.reindex(index=codes, columns=codes, fill_value=0)
        kappa = cohens_kappa(table.to_numpy()).kappa
        index = {c: k for k, c in enumerate(codes)}
        alpha = krippendorff.alpha(reliability_data=np.array(
            [[index[x] for x in a], [index[x] for x in b]], dtype=float),
            level_of_measurement="nominal")
        rows.append({"label": label, "n": len(a),
                     "agreement": round(float(np.mean(np.array(a) == np.array(b))), 3),
                     "cohen_kappa": round(float(kappa), 3),
                     "krippendorff_alpha": round(float(alpha), 3)})
    return pd.DataFrame(rows)


def write_atomic(frame, path):
    tmp = path.with_suffix(".tmp")
    frame.to_csv(tmp, index=False, lineterminator="\n")
    tmp.replace(path)


def main(argv=None):
    import argparse

    import pandas as pd

    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)

    items = read_items()
    assign_splits(items)
    columns = ["item_key", "split", "harvest", "text", *LABELS, "organisation", "article_url",
               "outlet", "published", "case_gist", "query", "label_note"]
    corpus = pd.DataFrame(items)[columns]
    write_atomic(corpus, HERE / "corpus.csv")
    agreement = measure_agreement(items)
    write_atomic(agreement, HERE / "agreement.csv")
    print(len(corpus), "texts from", corpus["article_url"].nunique(), "articles")
    print(corpus.groupby("split").agg(texts=("item_key", "size"),
                                      articles=("article_url", "nunique")).to_string())
    print(agreement.to_string(index=False))


if __name__ == "__main__":
    main()
