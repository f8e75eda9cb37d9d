"""The released tables rebuild byte for byte from the coders' records (scripts/coding/).

The build keeps every case and item id in scripts/coding/*.json; a rebuild that moves an id
or adds one, or writes a different table, means the data and their sources have drifted
apart (README of scripts/coding). The research records of release 1 live in
``../shared/research``; without them the build cannot run and the test is skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from asnresearch.io import DATA_DIR

ROOT = DATA_DIR.parent
CODING = ROOT / "scripts" / "coding"
MAPS = {"IDMAP": "case_ids.json", "RETIRED": "retired_ids.json", "ITEMMAP": "item_ids.json"}


@pytest.mark.skipif(not (ROOT.parent / "shared" / "research" / "cases.jsonl").is_file(),
                    reason="needs ../shared/research/cases.jsonl (release 1's research records)")
def test_dataset_rebuilds_byte_for_byte_from_the_coded_records(tmp_path):
    env = {**os.environ, "MECH": str(tmp_path / "part-mech.jsonl")}
    for var, name in MAPS.items():
        shutil.copy(CODING / name, tmp_path / name)
        env[var] = str(tmp_path / name)
    out = tmp_path / "data"
    out.mkdir()
    for script, args in (("mechanical.py", [env["MECH"]]), ("build_tables.py", [str(out)])):
        run = subprocess.run([sys.executable, str(CODING / script), *args], cwd=ROOT, env=env,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-2000:]
    assert "region errors: []" in run.stdout
    for table in ("cases", "sources", "events", "reactions"):
        built = (out / f"{table}.csv").read_bytes()
        assert built == (DATA_DIR / f"{table}.csv").read_bytes(), f"{table}.csv differs"
    for name in MAPS.values():  # no id added, moved or retired by the rebuild
        assert json.loads((tmp_path / name).read_text()) == json.loads(
            (CODING / name).read_text()), name
