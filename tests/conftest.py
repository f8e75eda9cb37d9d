"""Shared fixtures: a minimal valid copy of the dataset that tests can break on purpose."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from asnresearch.codebook import load_codebook
from asnresearch.io import DATA_DIR, write_datapackage

CUTOFF = "2026-11-24"

MINI = {
    "cases": [
        {
            "case_id": "ASN-2025-0001",
            "summary": "About ten ASN in Korpri batik filmed singing karaoke at a cafe.",
            "incident_date": "2025-12", "incident_date_precision": "month",
            "incident_time": "unknown", "province_code": "35", "regency_code": "35.26",
            "geo_precision": "regency", "government_level": "regency", "agency_type": "multiple",
            "n_asn_involved": "10", "n_asn_precision": "approximate", "asn_status": "unknown",
            "absence_days": "unknown", "absence_days_precision": "unknown",
            "absence_consecutive": "unknown",
            "misconduct_type": "leisure_during_hours", "pp94_provision": "pasal_4_f",
            "during_working_hours": "yes", "in_uniform": "yes", "surfaced_via": "viral_video",
            "platform": "unknown", "surfaced_date": "unknown",
            "surfaced_date_precision": "unknown",
            "reach_views": "unknown", "reach_comments": "unknown", "reach_shares": "unknown",
            "source_check": "confirmed", "found_by": "systematic_search", "coding_note": "",
        },
        {
            "case_id": "ASN-2025-0002",
            "summary": "Sub-district office found empty during working hours on a Friday morning.",
            "incident_date": "2025-04-11", "incident_date_precision": "day",
            "incident_time": "09.00", "province_code": "35", "regency_code": "35.17",
            "geo_precision": "regency", "government_level": "regency",
            "agency_type": "subdistrict_office", "n_asn_involved": "unknown",
            "n_asn_precision": "unknown", "asn_status": "unknown",
            "absence_days": "12", "absence_days_precision": "exact",
            "absence_consecutive": "no",
            "misconduct_type": "absence_truancy", "pp94_provision": "pasal_4_f",
            "during_working_hours": "yes", "in_uniform": "unknown", "surfaced_via": "viral_video",
            "platform": "unknown", "surfaced_date": "2025-04-11", "surfaced_date_precision": "day",
            "reach_views": "401000", "reach_comments": "unknown", "reach_shares": "unknown",
            "source_check": "corrected", "found_by": "targeted_search",
            "coding_note": "Staff were reportedly away on a social visit.",
        },
    ],
    "sources": [
        {"source_id": "SRC-00001", "case_id": "ASN-2025-0001",
         "url": "https://koneksimedia.com/video-viral-asn-karaoke/", "outlet": "Koneksi Media",
         "outlet_scale": "local", "source_role": "primary", "published_date": "2025-12-23",
         "published_date_precision": "day"},
        {"source_id": "SRC-00002", "case_id": "ASN-2025-0002",
         "url": "https://kabarjombang.com/lbham-desak-bupati", "outlet": "KabarJombang.com",
         "outlet_scale": "local", "source_role": "primary", "published_date": "2025-04-13",
         "published_date_precision": "day"},
    ],
    "events": [
        {"event_id": "EVT-00001", "case_id": "ASN-2025-0001", "event_date": "2025-12-23",
         "event_date_precision": "day", "actor_role": "vice_regent",
         "action": "investigation_ordered", "sanction_type": "not_applicable",
         "sanction_level": "not_applicable", "source_id": "SRC-00001"},
        {"event_id": "EVT-00002", "case_id": "ASN-2025-0002", "event_date": "2025-05",
         "event_date_precision": "month", "actor_role": "regent",
         "action": "sanction_imposed", "sanction_type": "teguran_tertulis",
         "sanction_level": "ringan", "source_id": "SRC-00002"},
    ],
    "reactions": [
        {"reaction_id": "RXN-00001", "case_id": "ASN-2025-0002", "reaction_date": "2025-04-13",
         "reaction_date_precision": "day", "speaker_kind": "civil_society",
         "organisation": "LBHAM", "stance": "demand_sanction", "sentiment": "negative",
         "source_id": "SRC-00002"},
    ],
}


def write_table(data_dir: Path, table: str, rows: list[dict[str, str]]) -> Path:
    """Write rows as the codebook's CSV (UTF-8, comma, header in codebook order)."""
    path = data_dir / load_codebook().table(table)["file"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=load_codebook().columns(table),
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A valid two-case dataset in a temporary folder, with its datapackage.json."""
    shutil.copytree(DATA_DIR / "reference", tmp_path / "reference")
    shutil.copytree(DATA_DIR / "lexicon", tmp_path / "lexicon")
    for table, rows in MINI.items():
        write_table(tmp_path, table, [dict(r) for r in rows])
    (tmp_path / "datapackage.json").write_text(json.dumps({"cutoff_date": CUTOFF}))
    write_datapackage(tmp_path)
    return tmp_path
