"""Inter-coder agreement: the blind re-code of the 20% sample against the released coding.

Run from the repository root: .venv/bin/python scripts/coding/reliability.py
Reads reliability/recode.jsonl (the second coder, who saw only the URLs in
reliability/recode_input.jsonl) and data/ (the released coding), writes
reliability/agreement.csv and reliability/disagreements.csv, and prints the Markdown table
that data/README.md quotes.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, ".")
import pandas as pd  # noqa: E402

from asnresearch.gazetteer import find_region_code  # noqa: E402
from asnresearch.io import load_dataset  # noqa: E402
from asnresearch.reliability import measure_agreement  # noqa: E402

HERE = Path(__file__).parent / "reliability"
CASE_VARS = ["misconduct_type", "surfaced_via", "platform", "during_working_hours", "in_uniform",
             "government_level", "agency_type", "asn_status", "n_asn_involved",
             "n_asn_precision", "incident_date_precision", "incident_year", "province_code",
             "regency_code"]
DERIVED_VARS = ["first_action", "first_actor", "sanction_reported", "any_reaction"]
ALIASES = {"DKI Jakarta": "Daerah Khusus Ibukota Jakarta", "DI Yogyakarta":
           "Daerah Istimewa Yogyakarta"}


def region(name, level, province=None):
    if not name or name == "unknown":
        return "unknown"
    name = ALIASES.get(name, name)
    try:
        return find_region_code(name, province_code=province, level=level)
    except KeyError:
        return "unresolved"


def recoded_table():
    ids = json.loads(Path("scripts/coding/case_ids.json").read_text())
    rows = []
    for line in (HERE / "recode.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        c = r["case"]
        prov = region(c["province"], "province")
        events = r.get("events", [])
        rows.append({
            "case_id": ids[r["case_key"]], **{v: str(c.get(v, "unknown")) for v in CASE_VARS
                                               if v in c},
            "incident_year": c["incident_date"][:4] if c["incident_date"] != "unknown"
            else "unknown",
            "province_code": prov,
            "regency_code": region(c["regency"], "regency", None if prov in ("unknown",
                                                                              "unresolved")
                                   else prov),
            "first_action": events[0]["action"] if events else "none",
            "first_actor": events[0]["actor_role"] if events else "none",
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
            cases[col] = cases[col].astype(str).replace({"<NA>": "unknown"})
    cases["incident_year"] = cases["incident_date"].dt.year.astype("Int64").astype("string") \
        .fillna("unknown")
    ev = ds["events"].sort_values(["case_id", "event_date", "event_id"])
    first = ev.drop_duplicates("case_id").set_index("case_id")
    cases["first_action"] = cases["case_id"].map(first["action"].astype(str)).fillna("none")
    cases["first_actor"] = cases["case_id"].map(first["actor_role"].astype(str)).fillna("none")
    sanctioned = set(ev.loc[ev["action"] == "sanction_imposed", "case_id"])
    cases["sanction_reported"] = cases["case_id"].isin(sanctioned).astype(str)
    cases["any_reaction"] = cases["case_id"].isin(set(ds["reactions"]["case_id"])).astype(str)
    return cases


def main():
    second = recoded_table()
    first = released_table(set(second["case_id"]))
    variables = CASE_VARS + DERIVED_VARS
    table = measure_agreement(first, second, key="case_id", variables=variables)
    table.to_csv(HERE / "agreement.csv", index=False, float_format="%.3f")
    merged = first[["case_id", *variables]].merge(second, on="case_id", suffixes=("_1", "_2"))
    rows = [{"case_id": r["case_id"], "variable": v, "first": r[f"{v}_1"],
             "second": r[f"{v}_2"]}
            for _, r in merged.iterrows() for v in variables if r[f"{v}_1"] != r[f"{v}_2"]]
    pd.DataFrame(rows).to_csv(HERE / "disagreements.csv", index=False)
    print(f"{len(second)} cases re-coded; stored page found for "
          f"{(second['store'] == 'confirmed').sum()}")
    print("| variable | n | agreement | Cohen's kappa |\n|---|---|---|---|")
    for r in table.itertuples():
        kappa = "n/a" if pd.isna(r.kappa) else f"{r.kappa:.2f}"
        print(f"| `{r.variable}` | {r.n} | {r.agreement:.0%} | {kappa} |")
    print(f"{len(rows)} disagreements written to {HERE / 'disagreements.csv'}")


if __name__ == "__main__":
    main()
