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

sys.path.insert(0, "scripts/coding")
import release2  # noqa: E402

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
for line in open(os.environ.get("MECH", "build/coding/part-mech.jsonl"), encoding="utf-8"):
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
    """(year, first day) of the case id: the incident date, else the surfaced date, else the
    earliest published date of its sources, else the year its case_key ends with; (0, None)
    when none is known."""
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
    key_year = re.search(r"-((?:19|20)\d\d)$", r["case_key"])
    if key_year:
        return int(key_year[1]), None
    return 0, None


def sort_key(r):
    y, d = year_of(r)
    return (y, d or dt.date(9999, 1, 1), r["case_key"])


def province_of(r):
    try:
        return prov_code(r["case"]["province"])
    except KeyError:
        return "unknown"


# stable ids: keep an existing key->id map if present; ids are never reused, and an id
# whose year is 0000 (no date was known) is replaced once the case has a year
idmap_path = Path(os.environ.get("IDMAP", "scripts/coding/case_ids.json"))
idmap = json.loads(idmap_path.read_text()) if idmap_path.exists() else {}
retired_path = Path(os.environ.get("RETIRED", "scripts/coding/retired_ids.json"))
retired = json.loads(retired_path.read_text()) if retired_path.exists() else {}
counters = {}
for v in [*idmap.values(), *retired]:
    y, n = v.split("-")[1], int(v.split("-")[2])
    counters[y] = max(counters.get(y, 0), n)

# items (sources, steps, reactions) keep their ids too: key = case_key#position in the coded
# record, or case_key#origin for an item a merge, follow-up or fix added (release2.py)
itemmap_path = Path(os.environ.get("ITEMMAP", "scripts/coding/item_ids.json"))
item_ids = json.loads(itemmap_path.read_text()) if itemmap_path.exists() else {}

# release 2.0 (release2.py): new cases (a key coded twice stops the build), duplicates
# folded into one record, outcome follow-ups, fixes, then the check for alike records
if os.environ.get("RELEASE") != "1":
    for r in release2.load_new():
        if r["case_key"] in seen:
            raise SystemExit(f"{r.pop('_file')}: case_key {r['case_key']} is already coded")
        seen.add(r["case_key"])
        records.append(r)
    records = release2.merge_duplicates(records)
    print(len(records), "records after merging duplicates")
    key_of = release2.keys_by_id(idmap, retired)
    print(release2.add_followups(records, key_of), "follow-ups added")
    print(release2.apply_fixes(records, item_ids, key_of), "fixes applied")
    release2.check_alike(records, province_of)

for r in sorted(records, key=sort_key):
    old = idmap.get(r["case_key"])
    if old and (not old.startswith("ASN-0000-") or os.environ.get("RELEASE") == "1"):
        continue
    y = f"{year_of(r)[0]:04d}"
    if old and y == "0000":
        continue
    counters[y] = counters.get(y, 0) + 1
    idmap[r["case_key"]] = f"ASN-{y}-{counters[y]:04d}"
    if old:
        retired[old] = idmap[r["case_key"]]
idmap_path.write_text(json.dumps(idmap, indent=1, sort_keys=True))
if retired:
    retired_path.write_text(json.dumps(retired, indent=1, sort_keys=True))

PREFIX = {"sources": "SRC", "events": "EVT", "reactions": "RXN"}  # table -> id prefix
counts = {t: max([int(v[4:]) for v in item_ids.get(t, {}).values()] or [0]) for t in PREFIX}


def item_id(table, r, i, item):
    """The item's id: its release id, else the next number of its table."""
    ids = item_ids.setdefault(table, {})
    key = f"{r['case_key']}#{item.get('_origin', i)}"
    if key not in ids:
        counts[table] += 1
        ids[key] = f"{PREFIX[table]}-{counts[table]:05d}"
    return ids[key]


cases = []
rows = {table: [] for table in PREFIX}
errors = []
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
    # sources, then the steps and reactions that cite them; a dropped item keeps its id unused
    keymap = {}
    for table in PREFIX:
        for i, item in enumerate(r.get(table, [])):
            iid = item_id(table, r, i, item)
            if item.get("drop"):
                continue
            if table == "sources":
                keymap[item["key"]] = iid
                rows[table].append({"source_id": iid, "case_id": cid,
                                    **{k: str(item.get(k, "unknown"))
                                       for k in cb.columns("sources")[2:]}})
            else:
                rows[table].append({
                    cb.columns(table)[0]: iid,
                    "case_id": cid,
                    **{k: str(item.get(k, "unknown")) for k in cb.columns(table)[2:-1]},
                    "source_id": keymap.get(item.get("source"), "MISSING"),
                })
itemmap_path.write_text(json.dumps(item_ids, indent=1, sort_keys=True))
for table in rows:
    rows[table].sort(key=lambda row: (row["case_id"], next(iter(row.values()))))
linked = {t: rows[t] for t in ("events", "reactions")}
sources = rows["sources"]

tables = {"cases": cases, "sources": sources, **linked}
for table, rows in tables.items():
    with open(OUT / cb.table(table)["file"], "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cb.columns(table), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
print(*[item for table, rows in tables.items() for item in (table, len(rows))])
print("region errors:", errors)
