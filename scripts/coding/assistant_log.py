"""The coding assistant's honest test: its drafts of new cases against their final coding.

Each case of release 2.0's searches was drafted with ``asnresearch extract`` from its primary
article BEFORE a coder coded it (scripts/coding/v2/drafts/<case_key>.json, field values only).
This script compares each draft with the released coding of the same case and writes
scripts/coding/v2/assistant_agreement.csv (case_id, field, draft, coded, agree: codes only,
no article text), then prints the share per field. Drafts of a record merged into another
case count for the case kept. Run from the repository root after build_tables.py.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "scripts/coding/v2/assistant_agreement.csv"


def main():
    import csv

    import pandas as pd

    from asnresearch.extract import COMPARED, coded_first_steps, compare_fields
    from asnresearch.io import load_dataset

    ids = json.loads((ROOT / "scripts/coding/case_ids.json").read_text())
    merged = {m["drop"]: m["keep"]
              for m in csv.DictReader(open(ROOT / "scripts/coding/v2/merges.csv"))}
    drafts = []
    for path in sorted((ROOT / "scripts/coding/v2/drafts").glob("*.json")):
        key = merged.get(path.stem, path.stem)
        if key not in ids:
            raise SystemExit(f"{path}: no released case has the key {path.stem}")
        values = json.loads(path.read_text())
        drafts.append({"case_id": ids[key], "draft_key": path.stem,
                       **{f: values.get(f, "unknown") for f in COMPARED}})
    drafts = pd.DataFrame(drafts)
    coded = coded_first_steps(load_dataset())
    # one comparison per draft (a merged case has two drafts, of two articles)
    coded = drafts[["draft_key", "case_id"]].merge(coded, on="case_id")
    table = compare_fields(drafts.drop(columns="case_id"), coded.drop(columns="case_id"),
                           on="draft_key")
    table = table.merge(drafts[["draft_key", "case_id"]], on="draft_key")[
        ["case_id", "draft_key", "field", "draft", "coded", "agree"]]
    tmp = OUT.with_suffix(".tmp")
    table.to_csv(tmp, index=False, lineterminator="\n")
    tmp.replace(OUT)
    summary = table.groupby("field", sort=False)["agree"].agg(n="size", agree="sum")
    summary["share"] = (summary["agree"] / summary["n"]).round(2)
    print(f"{drafts['draft_key'].nunique()} drafts of {drafts['case_id'].nunique()} cases")
    print(summary.to_string())
    print("overall", round(table["agree"].mean(), 3), "of", len(table), "field comparisons")


if __name__ == "__main__":
    main()
