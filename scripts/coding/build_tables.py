"""Turn coders' JSONL (one object per case) into the dataset's four CSV tables."""

import csv
import datetime as dt
import glob
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, ".")
from asnresearch.codebook import load_codebook
from asnresearch.gazetteer import build_regions, find_region_code
from asnresearch.schemas import parse_partial_date

cb = load_codebook()
# re-check status of the coders' JSONL -> the codebook's source_check (mechanical rows are the
# five cases checked by hand in release 1.0.0, see mechanical.py)
CHECK = {
    "confirmed": "confirmed",
    "new_case": "confirmed",
    "mechanical": "confirmed",
    "partly_confirmed": "corrected",
    "contradicted": "corrected",
    "source_not_in_store": "not_in_store",
}
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "data")
files = sorted(glob.glob("scripts/coding/coded/part-*.jsonl")) + [
    "scripts/coding/coded/extra.jsonl"
]
# how each file's cases were found (the codebook's found_by); the research records and their
# re-check came from the release 1.0.0 search protocol, extra.jsonl from a search aimed at the
# provinces and years that had no case
FOUND_BY = {"scripts/coding/coded/extra.jsonl": "targeted_search"}
records = []
seen = set()
for f in files:
    for line in open(f, encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        if r["case_key"] in seen:
            print("duplicate key, keeping first:", r["case_key"])
            continue
        seen.add(r["case_key"])
        r["found_by"] = FOUND_BY.get(f, "systematic_search")
        records.append(r)
print(len(records), "coded records")
for line in open("build/coding/part-mech.jsonl", encoding="utf-8"):
    r = json.loads(line)
    if r["case_key"] not in seen:
        seen.add(r["case_key"])
        records.append(r)
print(len(records), "records with mechanical fallback")

regions = build_regions()
prov_by_name = {}
ALIASES = {
    "DKI Jakarta": "DKI Jakarta",
    "Daerah Istimewa Yogyakarta": "DI Yogyakarta",
    "Bangka Belitung": "Kepulauan Bangka Belitung",
    "Kep. Bangka Belitung": "Kepulauan Bangka Belitung",
}


def prov_code(name):
    if not name or name == "unknown":
        return "unknown"
    name = ALIASES.get(name, name)
    return find_region_code(name, level="province")


def reg_code(name, prov):
    if not name or name == "unknown":
        return "unknown"
    n = re.split(r"[;(/]| and ", name)[0].strip()
    try:
        return find_region_code(
            n, province_code=None if prov == "unknown" else prov, level="regency"
        )
    except KeyError:
        if not n.startswith(("Kabupaten", "Kota")):
            for pre in ("Kabupaten ", "Kota "):
                try:
                    return find_region_code(
                        pre + n, province_code=None if prov == "unknown" else prov, level="regency"
                    )
                except KeyError:
                    pass
        raise


def year_of(r):
    for d in (r["case"]["incident_date"], r["case"]["surfaced_date"]):
        p = parse_partial_date(d) if d and d != "unknown" else None
        if p:
            return p[0].year, p[0]
    dates = [
        parse_partial_date(s["published_date"])
        for s in r["sources"]
        if s.get("published_date") not in (None, "unknown")
    ]
    dates = [d for d in dates if d]
    if dates:
        d = min(dates)[0]
        return d.year, d
    return 0, None


def sort_key(r):
    y, d = year_of(r)
    return (y, d or dt.date(9999, 1, 1), r["case_key"])


# stable ids: keep an existing key->id map if present
idmap_path = Path(os.environ.get("IDMAP", "scripts/coding/case_ids.json"))
idmap = json.loads(idmap_path.read_text()) if idmap_path.exists() else {}
counters = {}
for v in idmap.values():
    y, n = v.split("-")[1], int(v.split("-")[2])
    counters[y] = max(counters.get(y, 0), n)
for r in sorted(records, key=sort_key):
    if r["case_key"] in idmap:
        continue
    y = f"{year_of(r)[0]:04d}"
    counters[y] = counters.get(y, 0) + 1
    idmap[r["case_key"]] = f"ASN-{y}-{counters[y]:04d}"
idmap_path.write_text(json.dumps(idmap, indent=1, sort_keys=True))

LINKED = {"events": "EVT", "reactions": "RXN"}  # table -> id prefix
cases, sources = [], []
linked = {table: [] for table in LINKED}
numbers = dict.fromkeys(LINKED, 0)
errors = []
src_n = 0
for r in sorted(records, key=lambda r: idmap[r["case_key"]]):
    cid = idmap[r["case_key"]]
    c = dict(r["case"])
    try:
        pc = prov_code(c.pop("province"))
        rc = reg_code(c.pop("regency"), pc)
    except KeyError as e:
        errors.append((r["case_key"], str(e)))
        pc, rc = "unknown", "unknown"
    row = {"case_id": cid}
    for col in cb.columns("cases")[1:]:
        if col == "province_code":
            row[col] = pc
        elif col == "regency_code":
            row[col] = rc
        elif col == "pp94_provision":
            try:
                row[col] = cb.provision_for(c["misconduct_type"])
            except KeyError:
                row[col] = "unknown"
        elif col == "source_check":
            row[col] = CHECK[r["recheck"]["status"]]
        elif col == "found_by":
            row[col] = r.get("found_by", "systematic_search")
        else:
            v = c.get(col, "unknown")
            row[col] = (
                ""
                if (v is None and col == "coding_note")
                else ("unknown" if v is None else str(v))
            )
    if row["regency_code"] == "unknown" and row["geo_precision"] == "regency":
        row["geo_precision"] = "province" if row["province_code"] != "unknown" else "national"
    cases.append(row)
    keymap = {}
    for s in r["sources"]:
        src_n += 1
        sid = f"SRC-{src_n:05d}"
        keymap[s["key"]] = sid
        sources.append(
            {
                "source_id": sid,
                "case_id": cid,
                **{k: str(s.get(k, "unknown")) for k in cb.columns("sources")[2:]},
            }
        )
    # events and reactions: numbered across cases, linked to the case's sources
    for table, prefix in LINKED.items():
        for item in r.get(table, []):
            numbers[table] += 1
            linked[table].append(
                {
                    cb.columns(table)[0]: f"{prefix}-{numbers[table]:05d}",
                    "case_id": cid,
                    **{k: str(item.get(k, "unknown")) for k in cb.columns(table)[2:-1]},
                    "source_id": keymap.get(item.get("source"), "MISSING"),
                }
            )

tables = {"cases": cases, "sources": sources, **linked}
for table, rows in tables.items():
    with open(OUT / cb.table(table)["file"], "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cb.columns(table), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
print(*[item for table, rows in tables.items() for item in (table, len(rows))])
print("region errors:", errors)
