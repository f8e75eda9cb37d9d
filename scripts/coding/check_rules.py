"""Check the released tables against the coding guide's mechanical decision rules.

Run from the repository root: ``python scripts/coding/check_rules.py [DATA_DIR]`` (the
environment variables IDMAP and RETIRED point at other id maps, as for build_tables.py). Prints one
line per breach (rule, case, what was found, what the rule allows) and exits 1 when there is
any. The rules are numbered in CODING_GUIDE.md ("Decision rules"); the ones that need the
page (A1, A3-A6, A12) are not here, nor those the loader (``asnresearch.io``) already enforces
on every load: date order (A2, A8's first half) and sanction types and levels (A7). A13 (the
order of steps) is applied by ``asnresearch.derive.order_steps``, not coded by hand.
"""

import csv
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def check_reports(ds):
    """A8: a step's source cannot be published before the step (the loader already checks
    that nothing comes before the incident and no step before the surfacing)."""
    from asnresearch.derive import bound_dates

    events, sources = ds["events"], ds["sources"]
    _, pub_last = bound_dates(sources["published_date"], sources["published_date_precision"])
    ev_first, _ = bound_dates(events["event_date"], events["event_date_precision"])
    reported = events["source_id"].map(pub_last.set_axis(sources["source_id"]))
    return [("A8", cid, f"{eid} from {lo:%Y-%m-%d} told by a source published by {rep:%Y-%m-%d}")
            for eid, cid, lo, rep in zip(events["event_id"], events["case_id"], ev_first,
                                         reported) if rep < lo]


def check_sources(ds):
    """A9: one primary source per case; items cite a source of their own case."""
    sources = ds["sources"]
    owner = sources.set_index("source_id")["case_id"]
    primaries = sources[sources["source_role"] == "primary"].groupby("case_id").size()
    out = [("A9", cid, f"{primaries.get(cid, 0)} primary sources; allowed: exactly one")
           for cid in ds["cases"]["case_id"] if primaries.get(cid, 0) != 1]
    for table, id_col in (("events", "event_id"), ("reactions", "reaction_id")):
        for iid, cid, sid in ds[table][[id_col, "case_id", "source_id"]].itertuples(index=False):
            if owner.get(sid) != cid:
                out.append(("A9", cid, f"{iid} cites {sid}, a source of {owner.get(sid)}"))
    return out


def check_outcomes(ds, coded=ROOT / "scripts/coding/coded/v2"):
    """A10: a follow-up that found a final outcome left a step that ends the case."""
    from asnresearch.codebook import load_codebook

    final = set(load_codebook().rules["final_actions"])
    ended = set(ds["events"].loc[ds["events"]["action"].isin(final), "case_id"])
    renamed = _retired()
    spec = importlib.util.spec_from_file_location("fixes", ROOT / "scripts/coding/v2/fixes.py")
    fixes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixes)
    out = []
    for path in sorted(coded.glob("followups-*.jsonl")):
        for line in open(path, encoding="utf-8"):
            f = json.loads(line)
            cid = renamed.get(f["case_id"], f["case_id"])
            outcome = fixes.FOLLOWUP_OUTCOME.get(f["case_id"], (f["final_outcome"],))[0]
            if outcome != "none_found" and cid not in ended:
                out.append(("A10", cid, f"follow-up found '{f['final_outcome']}' but no step "
                            f"of final_actions is coded"))
    return out


def _retired():
    path = Path(os.environ.get("RETIRED", ROOT / "scripts/coding/retired_ids.json"))
    return json.loads(path.read_text()) if path.exists() else {}


def check_found_by(ds, v2=ROOT / "scripts/coding/v2/search_log"):
    """A11: a release-2.0 case logged new by the systematic search is ``systematic_search``;
    one logged only by a targeted search (T*.csv) is ``targeted_search``."""
    ids = json.loads(Path(os.environ.get("IDMAP", ROOT / "scripts/coding/case_ids.json"))
                     .read_text())
    found = ds["cases"].set_index("case_id")["found_by"]
    # a record merged into another (v2/merges.csv) was found for the case it joined
    merged = {m["drop"]: m["keep"] for m in csv.DictReader(
        open(ROOT / "scripts/coding/v2/merges.csv", encoding="utf-8"))}
    logged = {}
    for path in sorted(v2.glob("*.csv")):
        how = "targeted_search" if path.stem.startswith("T") else "systematic_search"
        for row in csv.DictReader(open(path, encoding="utf-8")):
            if row["decision"] == "new":  # a page of several incidents: "key1;key2", "k1 | k2"
                for key in filter(None, re.split(r"[;|]", row["key"])):
                    key = merged.get(key.strip(), key.strip())
                    logged.setdefault(key, set()).add(how)
    out = []
    for key, hows in logged.items():
        cid = ids.get(key)
        want = "systematic_search" if "systematic_search" in hows else "targeted_search"
        if cid not in found.index:
            out.append(("A11", key, "logged new in a search log but not in the data"))
        elif found[cid] != want:
            out.append(("A11", cid, f"found_by is {found[cid]}; its search logs give {want}"))
    return out


def check_surfacing_steps(ds):
    """A14: a case surfaced through a channel whose act is also a step (the codebook's
    ``surfacing_steps``: a police arrest or sting) has that step."""
    from asnresearch.codebook import load_codebook

    steps = load_codebook().rules["surfacing_steps"]
    events = ds["events"]
    have = set(zip(events["case_id"], events["action"].astype(str)))
    return [("A14", cid, f"surfaced via {via} but no '{steps[via]}' step is coded")
            for cid, via in zip(ds["cases"]["case_id"], ds["cases"]["surfaced_via"].astype(str))
            if via in steps and (cid, steps[via]) not in have]


CHECKS = (check_reports, check_sources, check_outcomes, check_found_by, check_surfacing_steps)


def check_rules(data_dir=None):
    """Every breach of the mechanical rules, as (rule, case_id, message) tuples."""
    from asnresearch.io import load_dataset

    ds = load_dataset(data_dir)
    return [breach for check in CHECKS for breach in check(ds)]


if __name__ == "__main__":
    from asnresearch.schemas import DataError

    try:
        breaches = check_rules(sys.argv[1] if len(sys.argv) > 1 else None)
    except DataError as error:  # the loader's own rules: one line per problem, no traceback
        sys.exit(str(error))
    for rule, cid, message in breaches:
        print(f"{rule} {cid}: {message}")
    print(f"{len(breaches)} breach(es) of the decision rules")
    sys.exit(1 if breaches else 0)
