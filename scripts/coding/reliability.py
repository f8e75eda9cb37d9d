"""Inter-coder reliability: the blind re-code of the 20% sample against the released coding.

Run from the repository root::

    .venv/bin/python scripts/coding/reliability.py                  # release 1 (26 cases)
    .venv/bin/python scripts/coding/reliability.py v2/reliability --drop-not-in-store

The folder (under scripts/coding/, default ``reliability``) holds every re-code as
``recode*.jsonl`` (the second coder, who saw only the URLs in ``recode_input.jsonl``); the
released coding is data/. Writes the folder's agreement.csv (Krippendorff's alpha with a
bootstrap interval, and Cohen's kappa for the nominal variables) and disagreements.csv, and
prints the Markdown table that data/README.md quotes. ``--drop-not-in-store`` leaves out the
cases the second coder coded from the URL alone (status ``source_not_in_store``: no stored
page) and writes the table with them to agreement_all.csv.

The first official step of both codings is the first by the coding guide's rule A13
(asnresearch.derive.order_steps), never the order a coder listed the steps in.

The second coder also dated the surfacing, the sources and every official step, so the
durations are double-coded too: both codings go through the same
asnresearch.enforcement.build_timelines, and the days from surfacing to the first official
step and to the first sanction are compared where a coder reports that step with a
day-precise date (a duration censored at the cut-off is not a coded value).
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, ".")
import pandas as pd  # noqa: E402

from asnresearch.codebook import load_codebook  # noqa: E402
from asnresearch.derive import find_first_steps  # noqa: E402
from asnresearch.enforcement import build_timelines  # noqa: E402
from asnresearch.gazetteer import find_region_code  # noqa: E402
from asnresearch.io import load_dataset, read_cutoff_date, write_csv  # noqa: E402
from asnresearch.reliability import measure_agreement  # noqa: E402

CODING = Path(__file__).parent
UNKNOWN = load_codebook().unknown
CASE_VARS = ["misconduct_type", "surfaced_via", "platform", "during_working_hours", "in_uniform",
             "government_level", "agency_type", "asn_status", "n_asn_involved",
             "n_asn_precision", "incident_date_precision", "incident_year", "province_code",
             "regency_code"]
DERIVED_VARS = ["first_action", "first_actor", "sanction_reported", "any_reaction"]
# The clock of the durations, and the first and the last stage of the codebook (any official
# step; a sanction): the dates that the timing analyses rest on.
FIRST_STAGE, *_, LAST_STAGE = load_codebook().stages()
DURATION_VARS = ["start_date", f"{FIRST_STAGE}_date", f"{FIRST_STAGE}_days",
                 f"{LAST_STAGE}_date", f"{LAST_STAGE}_days"]
# Level of measurement per variable. Codes are nominal. The incident year is interval (2021
# against 2022 is a smaller slip than against 2016). The number of ASN is a count from a true
# zero: ratio, so 1 against 2 weighs more than 10 against 11 and a raid of eleven does not
# swamp the rest. Durations are interval, not ratio: most are day 0, and ratio would make
# 0 against 1 day as large a disagreement as 0 against 1,000. The dates themselves are
# compared as codes (the same day or not).
LEVELS = {var: "nominal" for var in CASE_VARS + DERIVED_VARS + DURATION_VARS}
LEVELS |= {"incident_year": "interval", "n_asn_involved": "ratio",
           f"{FIRST_STAGE}_days": "interval", f"{LAST_STAGE}_days": "interval"}
DRAWS, SEED = 2000, 20261204
ALIASES = {"DKI Jakarta": "Daerah Khusus Ibukota Jakarta", "DI Yogyakarta":
           "Daerah Istimewa Yogyakarta"}


def region(name, level, province=None):
    if not name or name == UNKNOWN:
        return UNKNOWN
    name = ALIASES.get(name, name)
    try:
        return find_region_code(name, province_code=province, level=level)
    except KeyError:
        return "unresolved"


def read_recode(folder):
    """Every record of the folder's recode*.jsonl, with its released case_id (a key merged
    into another record, v2/merges.csv, takes the id of the case kept)."""
    import csv

    ids = json.loads((CODING / "case_ids.json").read_text())
    merged = {m["drop"]: m["keep"]
              for m in csv.DictReader(open(CODING / "v2/merges.csv", encoding="utf-8"))}
    records = []
    for path in sorted(folder.glob("recode*.jsonl")):
        if path.name == "recode_input.jsonl":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                records.append({**r, "case_id": ids[merged.get(r["case_key"], r["case_key"])]})
    return records


def recoded_table(records, ds):
    # the first step as in the released table: the steps in order by rule A13 (ds: the
    # records as tables, recoded_dataset)
    first = find_first_steps(ds)
    rows = []
    for r in records:
        c = r["case"]
        prov = region(c["province"], "province")
        events = r.get("events", [])
        step = first.loc[r["case_id"]] if r["case_id"] in first.index else None
        rows.append({
            "case_id": r["case_id"], **{v: str(c.get(v, UNKNOWN)) for v in CASE_VARS
                                        if v in c},
            "incident_year": c["incident_date"][:4] if c["incident_date"] != UNKNOWN
            else UNKNOWN,
            "province_code": prov,
            "regency_code": region(c["regency"], "regency", None if prov in (UNKNOWN,
                                                                              "unresolved")
                                   else prov),
            "first_action": step["action"] if step is not None else "none",
            "first_actor": step["actor_role"] if step is not None else "none",
            "sanction_reported": str(any(e["action"] == "sanction_imposed" for e in events)),
            "any_reaction": str(bool(r.get("reactions"))),
            "store": r["recheck"]["status"],
        })
    return pd.DataFrame(rows)


def released_table(ids):
    ds = load_dataset()
    cases = ds["cases"][ds["cases"]["case_id"].isin(ids)].copy()
    for col in CASE_VARS:
        if col in cases:
            # pandas 3 keeps <NA> through astype(str): name it unknown, as the re-code does
            cases[col] = cases[col].astype(object).where(cases[col].notna(), UNKNOWN).astype(str)
    cases["incident_year"] = cases["incident_date"].dt.year.astype("Int64").astype("string") \
        .fillna(UNKNOWN)
    ev = ds["events"]
    first = find_first_steps(ds)  # rule A13
    cases["first_action"] = cases["case_id"].map(first["action"].astype(str)).fillna("none")
    cases["first_actor"] = cases["case_id"].map(first["actor_role"].astype(str)).fillna("none")
    sanctioned = set(ev.loc[ev["action"] == "sanction_imposed", "case_id"])
    cases["sanction_reported"] = cases["case_id"].isin(sanctioned).astype(str)
    cases["any_reaction"] = cases["case_id"].isin(set(ds["reactions"]["case_id"])).astype(str)
    return cases


def _date(text):
    """A partial date as the loader types it: the start of its period; NaT for unknown."""
    if text == UNKNOWN:
        return pd.NaT
    return pd.Timestamp(text + "-01" * (2 - text.count("-")))


def recoded_dataset(records):
    """The second coding as the tables build_timelines reads (dates typed like the loader)."""
    cases, sources, events = [], [], []
    for r in records:
        cid = r["case_id"]
        cases.append({**r["case"], "case_id": cid})
        for s in r["sources"]:
            sources.append({**s, "case_id": cid, "source_id": f"{cid}-{s['key']}"})
        for i, e in enumerate(r["events"]):
            events.append({**e, "case_id": cid, "event_id": f"{cid}-{i:02d}",
                           "source_id": f"{cid}-{e['source']}"})
    frames = {"cases": pd.DataFrame(cases), "sources": pd.DataFrame(sources),
              "events": pd.DataFrame(events),
              "reactions": pd.DataFrame({"case_id": [r["case_id"] for r in records
                                                     for _ in r["reactions"]]})}
    for table, col in [("cases", "incident_date"), ("cases", "surfaced_date"),
                       ("sources", "published_date"), ("events", "event_date")]:
        frames[table][col] = pd.to_datetime(frames[table][col].map(_date)).astype(
            "datetime64[s]")
    return frames


def durations(ds, ids):
    """The start date, and the date of and days to the first step of the first and the last
    stage; missing where the step is not reported or not dated to the day (censored times
    are not codings)."""
    timelines = build_timelines(ds, cutoff=read_cutoff_date())
    out = timelines.loc[timelines["case_id"].isin(ids), ["case_id"]].copy()
    out["start_date"] = timelines["start_date"].dt.strftime("%Y-%m-%d")
    for stage in (FIRST_STAGE, LAST_STAGE):
        out[f"{stage}_date"] = timelines[f"{stage}_date"].dt.strftime("%Y-%m-%d")
        out[f"{stage}_days"] = timelines[f"{stage}_days"].where(timelines[f"{stage}_observed"])
    return out


def compare(records=None, *, draws=DRAWS):
    """Both codings side by side (first = released, second = re-code; by default release 1's
    re-code) and the agreement table, with Cohen's kappa beside alpha for the nominal
    variables."""
    records = records or read_recode(CODING / "reliability")
    recoded = recoded_dataset(records)
    second = recoded_table(records, recoded)
    ids = set(second["case_id"])
    second = second.merge(durations(recoded, ids), on="case_id")
    first = released_table(ids).merge(durations(load_dataset(), ids), on="case_id")
    table = measure_agreement(first, second, key="case_id", levels=LEVELS, draws=draws,
                              seed=SEED)
    table.insert(5, "kappa", [measure_kappa(first, second, var) if level == "nominal"
                              else float("nan") for var, level in LEVELS.items()])
    return first, second, table


def measure_kappa(first, second, var):
    """Cohen's kappa (scikit-learn) over the cases both coders gave a value (unknown is
    missing, as for alpha); NaN when the pairs hold fewer than two distinct values, where
    kappa is undefined. Kappa takes each coder's own marginal shares, alpha pools them; on
    the same pairs they differ little unless the coders use the codes at different rates."""
    from sklearn.metrics import cohen_kappa_score

    pairs = first[["case_id", var]].merge(second[["case_id", var]], on="case_id",
                                          suffixes=("_1", "_2"))
    a, b = (pairs[f"{var}_{i}"].astype(object).where(pairs[f"{var}_{i}"].notna(), UNKNOWN)
            .astype(str) for i in (1, 2))
    known = (a != UNKNOWN) & (b != UNKNOWN)
    a, b = a[known], b[known]
    if len(set(a) | set(b)) < 2:
        return float("nan")
    return float(cohen_kappa_score(a, b))


def list_disagreements(first, second):
    """Every unit where the codings differ, marking those where one coder said unknown."""
    merged = first[["case_id", *LEVELS]].merge(second, on="case_id", suffixes=("_1", "_2"))
    rows = []
    for _, r in merged.iterrows():
        for v in LEVELS:
            a, b = (UNKNOWN if pd.isna(x) else str(x) for x in (r[f"{v}_1"], r[f"{v}_2"]))
            if a != b:
                rows.append({"case_id": r["case_id"], "variable": v, "first": a, "second": b,
                             "one_unknown": UNKNOWN in (a, b)})
    return pd.DataFrame(rows)


def format_table(table):
    lines = ["| variable | level | n | agreement | alpha | 95% interval | kappa | one unknown |",
             "|---|---|---|---|---|---|---|---|"]
    for r in table.itertuples():
        agreement = "n/a" if pd.isna(r.agreement) else f"{r.agreement:.0%}"
        alpha = "n/a" if pd.isna(r.alpha) else f"{r.alpha:.2f}"
        kappa = "n/a" if pd.isna(r.kappa) else f"{r.kappa:.2f}"
        interval = ("n/a" if pd.isna(r.alpha_lower)
                    else f"{r.alpha_lower:.2f} to {r.alpha_upper:.2f}")
        lines.append(f"| `{r.variable}` | {r.level} | {r.n} | {agreement} | {alpha} | "
                     f"{interval} | {kappa} | {r.one_unknown} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="reliability",
                        help="folder of the re-code under scripts/coding/")
    parser.add_argument("--drop-not-in-store", action="store_true",
                        help="leave out cases re-coded without a stored page")
    args = parser.parse_args(argv)
    here = CODING / args.folder
    records = read_recode(here)
    if not records:
        raise SystemExit(f"{here}: no recode*.jsonl with a record")
    if args.drop_not_in_store:
        _, _, whole = compare(records)
        write_csv(whole.round(3), here / "agreement_all.csv", overwrite=True)
        print(f"with the cases coded without a stored page ({len(records)} cases):")
        print(format_table(whole))
        dropped = [r["case_id"] for r in records
                   if r["recheck"]["status"] == "source_not_in_store"]
        records = [r for r in records if r["recheck"]["status"] != "source_not_in_store"]
        print(f"left out, coded without a stored page: {', '.join(sorted(dropped))}")
    first, second, table = compare(records)
    write_csv(table.round(3), here / "agreement.csv", overwrite=True)
    rows = list_disagreements(first, second)
    write_csv(rows, here / "disagreements.csv", overwrite=True)
    print(f"{len(second)} cases re-coded; stored page found for "
          f"{(second['store'] == 'confirmed').sum()}")
    print(f"alpha from the krippendorff package; 95% percentile interval from {DRAWS} "
          f"bootstrap draws of cases (seed {SEED}); unknown is missing")
    print(format_table(table))
    undefined = table[table["undefined_draws"] > 0]
    print("bootstrap draws without a defined alpha (left out): " + ", ".join(
        f"{r.variable} {r.undefined_draws}" for r in undefined.itertuples()))
    case_rows = rows[rows["variable"].isin(CASE_VARS + DERIVED_VARS)]
    print(f"{len(rows)} disagreements written to {here / 'disagreements.csv'}; "
          f"of the {len(case_rows)} on case variables, {case_rows['one_unknown'].sum()} have "
          f"one coder unknown")


if __name__ == "__main__":
    main()
