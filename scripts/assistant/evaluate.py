"""The coding assistant measured on real news: drafts of release 1.3.0's new cases against their
released coding, field by field, with the confidence the draft gave each field.

The 342 new cases of release 1.3.0 (the keys of scripts/coding/v2/drafts that are released
cases) are split once: heldout_keys.txt holds ``random.Random(20261207).sample`` of 103 of
them (30%), set aside before any rule changed and reported once, at the end (``--split
heldout --final``); the other 239 are the development set. For each case the article
``<case_key>.txt`` of the articles folder (kept outside the repository: article texts are
never committed) is drafted with ``extract_case``, given the publication date of the released
primary source when it is known to the day. Drafts and coding are compared by
``asnresearch.extract.compare_fields`` on ``coded_first_steps`` of the released data, as
scripts/coding/assistant_log.py does; ``published_date`` is compared only where the draft had
to read it from the text. Writes scripts/assistant/results-<split>.csv (case_key, field,
draft, coded, agree, confidence: codes only, no article text) and prints the accuracy per
field, per confidence band, and the speed (articles/s, one core).

Run from the repository root: ``.venv/bin/python scripts/assistant/evaluate.py [--split dev]
[--articles FOLDER]``.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = ROOT / "scripts/assistant"
HELDOUT, DEV = HERE / "heldout_keys.txt", HERE / "dev_keys.txt"
SEED, HELDOUT_SIZE, POOL_SIZE = 20261207, 103, 342
ARTICLES = Path("/work/cache/real_articles")
BANDS = (0.0, 0.5, 0.7, 0.9, 1.0)  # [0, 0.5), [0.5, 0.7), [0.7, 0.9), [0.9, 1.0]


def articles_present(articles: Path, keys: list[str], what: str) -> list[str]:
    """The keys whose article (``<key>.txt``) is in ``articles``, in order; names the others
    on stderr, and stops when there is none."""
    missing = [k for k in keys if not (articles / f"{k}.txt").is_file()]
    if len(missing) == len(keys):
        raise SystemExit(f"{articles}: no article of {what} here (expected files such as "
                         f"{keys[0]}.txt)")
    if missing:
        print(f"{len(missing)} case(s) of {what} have no article in {articles}, left out: "
              f"{', '.join(missing)}", file=sys.stderr)
    return [k for k in keys if k not in missing]


def split_keys(split: str) -> list[str]:
    """The case keys of a split, checked against the seed that drew the held-out set.

    The pool is release 1.3.0's 342 new cases, kept as dev_keys.txt plus heldout_keys.txt:
    later releases add drafts (1.4.0 added 12), which must not move the split.
    """
    heldout = sorted(k for k in HELDOUT.read_text().split() if k)
    dev = sorted(k for k in DEV.read_text().split() if k)
    pool = sorted(heldout + dev)
    if len(pool) != POOL_SIZE or sorted(random.Random(SEED).sample(pool, HELDOUT_SIZE)) != heldout:
        raise SystemExit(f"{HELDOUT}, {DEV}: not the sample of seed {SEED} over release "
                         f"1.3.0's {POOL_SIZE} new cases; the split must not change")
    return heldout if split == "heldout" else dev


def primary_dates(ds, ids: dict[str, str]) -> dict[str, str]:
    """case_key -> publication date (YYYY-MM-DD) of the released primary source, where it is
    known to the day."""
    sources = ds["sources"]
    primary = sources[(sources["source_role"].astype(str) == "primary")
                      & (sources["published_date_precision"].astype(str) == "day")]
    by_id = dict(zip(primary["case_id"], primary["published_date"].dt.strftime("%Y-%m-%d")))
    return {key: by_id[case_id] for key, case_id in ids.items() if case_id in by_id}


def draft_cases(texts: dict[str, str], published: dict[str, str]):
    """Drafts of every text on one core, and the articles per second of the drafting."""
    from asnresearch.extract import extract_case

    extract_case(next(iter(texts.values())))  # compile the cues outside the timing
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {max(cores)})
    try:
        start = time.perf_counter()
        drafts = {key: extract_case(text, published=published.get(key))
                  for key, text in texts.items()}
        rate = len(texts) / (time.perf_counter() - start)
    finally:
        os.sched_setaffinity(0, cores)
    return drafts, rate


def band_table(results):
    """Share of agreeing fields per confidence band."""
    import pandas as pd

    labels = [f"{lo:.1f}-{hi:.1f}" for lo, hi in zip(BANDS, BANDS[1:])]
    band = pd.cut(results["confidence"], list(BANDS), labels=labels, right=False,
                  include_lowest=True)
    band = band.where(results["confidence"] < 1.0, labels[-1])  # 1.0 closes the last band
    out = results.groupby(band, observed=False)["agree"].agg(n="size", correct="mean")
    out["correct"] = out["correct"].round(3)
    return out.rename_axis("confidence").reset_index()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--final", action="store_true",
                        help="required with --split heldout: the held-out set is run once")
    parser.add_argument("--articles", type=Path, default=ARTICLES,
                        help=f"folder of <case_key>.txt articles (default {ARTICLES})")
    args = parser.parse_args(argv)
    if args.split == "heldout":
        if not args.final:
            parser.error("--split heldout needs --final: the held-out set is reported once, "
                         "after the last rule change")
        print("WARNING: the held-out split is to be run ONCE, after the last rule change; "
              "report its figures as they come out", file=sys.stderr)

    import pandas as pd

    from asnresearch.extract import (
        coded_first_steps,
        compare_fields,
        draft_table,
        summarise_agreement,
    )
    from asnresearch.io import load_dataset, write_csv

    keys = articles_present(args.articles, split_keys(args.split), f"the {args.split} split")
    texts = {k: (args.articles / f"{k}.txt").read_text(encoding="utf-8") for k in keys}

    ds = load_dataset()
    ids = json.loads((ROOT / "scripts/coding/case_ids.json").read_text())
    published = primary_dates(ds, ids)
    drafts, rate = draft_cases(texts, published)

    table = draft_table(drafts).rename(columns={"article_id": "case_key"})
    coded = coded_first_steps(ds)
    coded.insert(0, "case_key", coded["case_id"].map({v: k for k, v in ids.items()}))
    coded = coded[coded["case_key"].isin(texts)].drop(columns="case_id")
    results = compare_fields(table, coded, on="case_key")
    given = results["case_key"].isin(published) & (results["field"] == "published_date")
    results = results[~given].reset_index(drop=True)  # an input there, not a draft
    results["confidence"] = [drafts[k][f].confidence
                             for k, f in zip(results["case_key"], results["field"])]
    out = HERE / f"results-{args.split}.csv"
    write_csv(results, out, overwrite=True)

    per_field = summarise_agreement(results)
    with pd.option_context("display.width", 120):
        print(f"{args.split}: {len(texts)} cases ({sum(k in published for k in texts)} with "
              f"the primary source's date given), {len(results)} field comparisons; "
              f"wrote {out.relative_to(ROOT)}")
        print(per_field.to_string(index=False))
        print(f"overall {results['agree'].mean():.3f} of {len(results)}")
        print(band_table(results).to_string(index=False))
        print(f"speed: {rate:,.0f} articles/s (one core, {len(texts)} articles)")


if __name__ == "__main__":
    main()
