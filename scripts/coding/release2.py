"""Release 2.0 steps of build_tables.py: new cases, merges, outcome follow-ups and fixes.

Every step changes the coders' records (one dict per case, the JSONL format of
CODING_GUIDE.md) before they become tables, and each reads a reviewed file under
scripts/coding/v2/, so the decisions are data, not code:

- ``load_new``: the new cases of the systematic and targeted searches (coded/v2/*.jsonl but
  the follow-ups);
- ``merge_duplicates``: two records of one incident become one (v2/merges.csv: keep, drop,
  reason), keeping every source, step and reaction;
- ``add_followups``: the outcome follow-ups of the released cases (coded/v2/followups-*.jsonl);
- ``apply_fixes``: corrections of the audit and of the coders' notes (v2/fixes.py);
- ``check_alike``: a pair the build finds alike and no file decides stops the build
  (v2/distinct.csv lists pairs judged different incidents).

A dropped step or source keeps its place in its record with ``"drop": true``, so the ids of
the others stay the same (item_ids.json). An item that a merge, a follow-up or a fix adds
carries ``_origin`` (where it came from: the merged record, the follow-up file and line, or
the fix's place in FIXES, with its table and position there); build_tables.py keys its id by
that origin rather than by its position in the record, so a later follow-up, whose items come
before the fixes' in the record, moves no id. FIXES and the follow-up files are therefore
only appended to.
"""

import csv
import json
from pathlib import Path

from asnresearch.schemas import parse_partial_date

V2 = Path("scripts/coding/v2")
CODED = Path("scripts/coding/coded/v2")
LINKED = ("sources", "events", "reactions")


def load_new():
    """New-case records of coded/v2, each with the file it came from."""
    records = []
    for path in sorted(CODED.glob("*.jsonl")):
        if path.name.startswith("followups"):
            continue
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if line.strip():
                r = json.loads(line)
                r["_file"] = f"{path.name}:{n}"
                records.append(r)
    return records


def _when(r):
    """First day of the incident date, else of the surfaced date (None when neither)."""
    for name in ("incident_date", "surfaced_date"):
        parsed = parse_partial_date(str(r["case"].get(name)))
        if parsed:
            return parsed[0]
    return None


def find_alike(records, province_of):
    """Pairs of records that may be one incident, with why: a shared URL, or the same
    province, regency (unless one is unknown) and misconduct type with dates at most 45 days
    apart."""
    urls = {}
    pairs = {}
    for r in records:
        for s in r["sources"]:
            u = s["url"].split("://", 1)[-1].removeprefix("www.").rstrip("/")
            if u in urls and urls[u] != r["case_key"]:
                pairs[tuple(sorted((urls[u], r["case_key"])))] = "shared URL " + u
            urls[u] = r["case_key"]
    keyed = [(r["case_key"], province_of(r), r["case"].get("regency", "unknown"),
              r["case"]["misconduct_type"], _when(r)) for r in records]
    for i, (k1, p1, g1, t1, d1) in enumerate(keyed):
        for k2, p2, g2, t2, d2 in keyed[i + 1:]:
            if (p1 == p2 != "unknown" and t1 == t2 and d1 and d2
                    and abs((d1 - d2).days) <= 45 and (g1 == g2 or "unknown" in (g1, g2))):
                pairs.setdefault(tuple(sorted((k1, k2))), f"same place and type, {d1} ~ {d2}")
    return pairs


def _read_pairs(name):
    path = V2 / name
    if not path.exists():
        return []
    return list(csv.DictReader(open(path, encoding="utf-8")))


def check_alike(records, province_of):
    """Stop on a pair of alike records that neither merges.csv nor distinct.csv decides."""
    decided = {tuple(sorted((m["keep"], m["drop"]))) for m in _read_pairs("merges.csv")}
    decided |= {tuple(sorted((d["first"], d["second"]))) for d in _read_pairs("distinct.csv")}
    undecided = {p: why for p, why in find_alike(records, province_of).items()
                 if p not in decided}
    if undecided:
        lines = [f"{a},{b},{why}" for (a, b), why in sorted(undecided.items())]
        raise SystemExit("undecided alike records (add them to scripts/coding/v2/merges.csv "
                         "or distinct.csv):\n" + "\n".join(lines))


def merge_duplicates(records):
    """Fold each ``drop`` record of merges.csv into its ``keep`` record.

    Run before the follow-ups and fixes, so that the positions the fixes name items by,
    ``(case, table, position)``, stay where they were when first released."""
    by_key = {r["case_key"]: r for r in records}
    merges = _read_pairs("merges.csv")
    for m in merges:
        keep, drop = by_key[m["keep"]], by_key.pop(m["drop"])
        _fold(keep, drop, prefix=f"m{len(keep['sources'])}-", origin=f"merge:{m['drop']}")
        if drop.get("found_by") == "systematic_search":
            keep["found_by"] = "systematic_search"
        keep.setdefault("merged_from", []).append(drop["case_key"])
    return [r for r in records if r["case_key"] in by_key]


def _fold(keep, extra, *, prefix, origin):
    """Append extra's sources, steps and reactions to keep; a source whose URL keep already
    has is not added twice and the items citing it cite keep's copy. A new source's key gets
    ``prefix`` and, when an earlier follow-up used the same key, a number (``fu-f1.2``).
    Every item added carries ``_origin``: ``origin``, its table and its position in extra."""
    have = {s["url"]: s["key"] for s in keep["sources"]}
    used = {s["key"] for s in keep["sources"]}
    keys = {}
    for i, s in enumerate(extra.get("sources", [])):
        if s["url"] in have:
            keys[s["key"]] = have[s["url"]]
            continue
        extra_key = s["key"]
        key, n = prefix + extra_key, 2
        while key in used:
            key, n = f"{prefix}{s['key']}.{n}", n + 1
        used.add(key)
        s = dict(s, key=key, _origin=f"{origin}:sources:{i}")
        if s.get("source_role") == "primary":
            s["source_role"] = "secondary"
        keys[extra_key] = s["key"]
        keep["sources"].append(s)
    for table in ("events", "reactions"):
        for i, item in enumerate(extra.get(table, [])):
            keep.setdefault(table, []).append(dict(item, source=keys[item["source"]],
                                                   _origin=f"{origin}:{table}:{i}"))


def keys_by_id(idmap, retired):
    """case_id -> case_key, a retired id (retired_ids.json) naming the case it was replaced by:
    the follow-ups and fixes name cases by their release-1 ids."""
    key_of = {v: k for k, v in idmap.items()}
    return {**key_of, **{old: key_of[new] for old, new in retired.items()}}


def add_followups(records, key_of):
    """Add the follow-ups' sources and dated steps to the released cases they name
    (``key_of``: :func:`keys_by_id`)."""
    by_key = {r["case_key"]: r for r in records}
    n = 0
    for path in sorted(CODED.glob("followups-*.jsonl")):
        for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            f = json.loads(line)
            r = by_key[key_of[f["case_id"]]]
            _fold(r, f, prefix="fu-", origin=f"{path.stem}:{lineno}")
            r["followup"] = {k: f[k] for k in ("final_outcome", "last_report_date")}
            n += 1
    return n


def apply_fixes(records, item_ids, key_of):
    """Apply v2/fixes.py: case fields (a case named by its id or key), items by their
    release id, new items, drops (``key_of``: :func:`keys_by_id`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fixes", V2 / "fixes.py")
    fixes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixes)
    by_key = {r["case_key"]: r for r in records}
    where = {table: {v: k for k, v in ids.items()} for table, ids in item_ids.items()}
    prefix = {"EVT": "events", "SRC": "sources", "RXN": "reactions"}

    def locate(ref):
        """(case_key, table, position) of a release id or of (case, table, position)."""
        if isinstance(ref, tuple):
            case, table, i = ref
            return key_of.get(case, case), table, i
        table = prefix[ref[:3]]
        key, tag = where[table][ref].rsplit("#", 1)
        if tag.isdigit():
            return key, table, int(tag)
        return key, table, next(i for i, item in enumerate(by_key[key][table])
                                if item.get("_origin") == tag)

    for n, fix in enumerate(fixes.FIXES):
        if "item" in fix:
            key, table, i = locate(fix["item"])
            target = by_key[key][table][i]
        else:
            key = key_of.get(fix["case"], fix["case"])
            for table in LINKED:
                by_key[key].setdefault(table, []).extend(
                    dict(item, _origin=f"fix:{n}:{table}:{i}")
                    for i, item in enumerate(fix.get("add_" + table, [])))
            if "recheck_status" in fix:
                by_key[key]["recheck"]["status"] = fix["recheck_status"]
            target = by_key[key]["case"]
        for field, value in fix.get("set", {}).items():
            if field not in target and field != "drop":
                raise SystemExit(f"fixes.py: {fix.get('item') or fix['case']} has no {field}")
            if field == "source" and str(value).startswith("SRC-"):
                src_key, _, j = locate(value)
                if src_key != key:
                    raise SystemExit(f"fixes.py: {value} is not a source of {key}")
                value = by_key[key]["sources"][j]["key"]
            target[field] = value
        if fix.get("note"):
            case = by_key[key]["case"]
            case["coding_note"] = (case.get("coding_note") or "").rstrip() + " " + fix["note"]
    return len(fixes.FIXES)
