"""Many articles, one incident, measured on real news: the grouping of ``asnresearch extract``
and its flag of cases already in the dataset, on the development articles only.

The articles are the development cases' pages (``dev_keys.txt``, never the held-out keys)
plus the dropped key of each merge of ``scripts/coding/v2/merges.csv`` whose kept key is a
development case (the dropped record is the same incident as the kept one). Truth: two
articles report one incident when their keys map to one released case
(``scripts/coding/case_ids.json``, a dropped key taking its kept key's case).

- Grouping, over article pairs: precision = share of the pairs grouped together that are one
  case; recall = share of the pairs of one case grouped together. The pairs of
  ``scripts/coding/v2/distinct.csv`` (alike, but different incidents) are hard negatives:
  how many of them the rule groups.
- Dataset flag: for each article, is its own released case among the flagged matches
  (recall), and how many other cases are flagged with it (precision).

Each figure is given as the command runs (publication date read from the text) and with the
primary source's publication date given (as ``evaluate.py`` drafts). Besides the codebook's
rule, a few variants show what each condition does. Writes scripts/assistant/group-dev.csv
(case key, case id, group, flagged case ids: no article text).

Run from the repository root: ``.venv/bin/python scripts/assistant/group_eval.py
[--articles FOLDER]``.
"""

import argparse
import csv
import dataclasses
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts/assistant"))
from evaluate import (  # noqa: E402
    ARTICLES,
    HERE,
    articles_present,
    primary_dates,
    split_keys,
)

V2 = ROOT / "scripts/coding/v2"


def read_pairs(name):
    with open(V2 / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def article_cases(articles: Path):
    """case_key -> released case id of the development articles and the merges' dropped
    keys whose kept key is a development case."""
    ids = json.loads((ROOT / "scripts/coding/case_ids.json").read_text())
    dev = split_keys("dev")
    truth = {k: ids[k] for k in dev}
    for m in read_pairs("merges.csv"):
        if m["keep"] in truth:
            truth[m["drop"]] = truth[m["keep"]]
    present = articles_present(articles, list(truth), "the development split")
    return {k: truth[k] for k in present}, ids


def pair_figures(groups: dict, truth: dict, distinct, texts: dict) -> dict:
    """Pair precision and recall, the hard negatives grouped, and the wrong pairs whose two
    pages are one text (a round-up of several cases: one draft per page cannot split it)."""
    keys = sorted(groups)
    predicted = {p for p in itertools.combinations(keys, 2) if groups[p[0]] == groups[p[1]]}
    actual = {p for p in itertools.combinations(keys, 2) if truth[p[0]] == truth[p[1]]}
    hard = [tuple(sorted((d["first"], d["second"]))) for d in distinct
            if d["first"] in groups and d["second"] in groups]
    tp = len(predicted & actual)
    return {"pairs grouped": len(predicted), "true pairs": len(actual), "both": tp,
            "precision": tp / len(predicted) if predicted else float("nan"),
            "recall": tp / len(actual) if actual else float("nan"),
            "hard negatives": len(hard), "hard grouped": sum(p in predicted for p in hard),
            "wrong pairs on one round-up page": sum(texts[a] == texts[b]
                                                    for a, b in predicted - actual),
            "largest group": max(list(groups.values()).count(g) for g in set(groups.values()))}


def flag_figures(flags: dict, truth: dict) -> dict:
    """Own case flagged (recall) and other cases flagged per article."""
    import statistics

    own = [truth[k] in flags[k] for k in flags]
    others = [len([c for c in flags[k] if c != truth[k]]) for k in flags]
    return {"articles": len(flags), "own case flagged": sum(own),
            "recall": sum(own) / len(own),
            "other cases per article (mean)": statistics.mean(others),
            "median": statistics.median(others), "max": max(others),
            "articles with no other case": sum(o == 0 for o in others),
            "precision (own / all flagged)": sum(own) / max(1, sum(own) + sum(others))}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES,
                        help=f"folder of <case_key>.txt articles (default {ARTICLES})")
    args = parser.parse_args(argv)

    from asnresearch.extract import coded_first_steps, extract_case
    from asnresearch.extract.group import (
        group_drafts,
        index_coded_cases,
        load_group_rule,
        match_coded_cases,
    )
    from asnresearch.io import load_dataset, write_csv

    truth, ids = article_cases(args.articles)
    texts = {k: (args.articles / f"{k}.txt").read_text(encoding="utf-8") for k in sorted(truth)}
    ds = load_dataset()
    given = primary_dates(ds, {**ids, **{k: ids[v] for k, v in
                                         ((m["drop"], m["keep"]) for m in read_pairs("merges.csv"))
                                         if v in ids}})
    distinct = read_pairs("distinct.csv")
    coded = coded_first_steps(ds)
    rule = load_group_rule()
    variants = {
        "codebook rule": rule,
        "no responder condition": dataclasses.replace(rule, shared_responder=False),
        "regency must be known": dataclasses.replace(
            rule, same=(*rule.same, "regency_code"),
            same_unless_unknown=tuple(f for f in rule.same_unless_unknown
                                      if f != "regency_code")),
        "flag needs dates": dataclasses.replace(rule, flag_undated=False),
        "years count as dates": dataclasses.replace(
            rule, dated_precisions=rule.dated_precisions | {"year"}),
        "window 30 days": dataclasses.replace(rule, window_days=30),
        "window 90 days": dataclasses.replace(rule, window_days=90),
    }
    print(f"{len(texts)} development articles, {len(set(truth.values()))} released cases; "
          f"dataset of {len(coded)} cases")
    rows = None
    for dates in ("read from the text", "primary source's date given"):
        drafts = {k: extract_case(t, published=given.get(k) if "given" in dates else None)
                  for k, t in texts.items()}
        print(f"\n== publication date {dates} ==")
        for name, variant in variants.items():
            start = time.perf_counter()
            groups = group_drafts(drafts, rule=variant)
            index = index_coded_cases(coded, rule=variant)
            flags = {k: [m.case_id for m in match_coded_cases([d], index)]
                     for k, d in drafts.items()}
            seconds = time.perf_counter() - start
            pairs = pair_figures(groups, truth, distinct, texts)
            flagged = flag_figures(flags, truth)
            print(f"-- {name} ({seconds:.2f} s for grouping and flags)")
            print("   grouping: " + ", ".join(f"{k} {_fmt(v)}" for k, v in pairs.items()))
            print("   flag:     " + ", ".join(f"{k} {_fmt(v)}" for k, v in flagged.items()))
            if rows is None:  # the command as it runs: the codebook rule, dates from the text
                rows = [{"case_key": k, "case_id": truth[k], "group": groups[k],
                         "flagged": "; ".join(flags[k]), "own_case_flagged": truth[k] in flags[k]}
                        for k in texts]
    out = HERE / "group-dev.csv"
    import pandas as pd

    write_csv(pd.DataFrame(rows), out, overwrite=True)
    print(f"\nwrote {out.relative_to(ROOT)}")


def _fmt(value):
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    main()
