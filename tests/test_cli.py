"""The command line: a bad path or a bad input gives one line and exit status 2, never a
traceback; outputs never replace inputs or existing files unasked; exported CSV is
formula-safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from asnresearch.cli import main

ARTICLE = "Seorang PNS Pemkot Medan bolos kerja, Senin (3/2/2025). Wali Kota memanggilnya.\n"
LINUX = pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")


def one_line_error(capsys, *expected: str) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    for text in expected:
        assert text in err, err
    return err


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("output, expected", [
    (lambda d: d, "is a folder"),
    (lambda d: d / "a.txt" / "drafts.csv", "a.txt: is a file, not a folder"),
    pytest.param(lambda d: Path("/proc/asnresearch/drafts.csv"), "cannot create this folder",
                 marks=LINUX),
    pytest.param(lambda d: Path("/proc/drafts.csv"), "cannot write a file", marks=LINUX),
    pytest.param(lambda d: Path("/sys/drafts.csv"), "cannot write a file in this folder "
                 "(Permission denied)", marks=LINUX),  # read-only, even for root
])
def test_extract_answers_a_bad_output_path_in_one_line(article, tmp_path, capsys, output,
                                                       expected):
    target = output(tmp_path)
    assert main(["extract", str(article), "-o", str(target)]) == 2
    one_line_error(capsys, "asnresearch extract: ", expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="a read-only folder binds everyone but root")
def test_extract_answers_a_read_only_folder_in_one_line(article, tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    assert main(["extract", str(article), "-o", str(folder / "d.csv")]) == 2
    one_line_error(capsys, str(folder), "cannot write a file")


def test_extract_creates_missing_folders(article, tmp_path):
    target = tmp_path / "new" / "deeper" / "drafts.csv"
    assert main(["extract", str(article), "-o", str(target), "--quiet"]) == 0
    assert target.exists() and target.with_suffix(".evidence.csv").exists()


@pytest.mark.parametrize("make, expected", [
    (lambda d: d / "missing.txt", "no article here"),
    (lambda d: d, "no article here"),  # a folder without .txt
    (lambda d: (d / "x.txt").write_bytes(b"Bupati \xff") and d / "x.txt", "not UTF-8"),
])
def test_extract_answers_a_bad_input_in_one_line(tmp_path, capsys, make, expected):
    path = make(tmp_path)
    assert main(["extract", str(path)]) == 2
    one_line_error(capsys, str(path), expected)


def test_extract_answers_a_coded_file_that_is_not_utf8(article, tmp_path, capsys):
    coded = tmp_path / "coded.csv"
    coded.write_bytes(b"article_id,misconduct_type\na,b\xe9\n")
    assert main(["extract", str(article), "--compare", str(coded)]) == 2
    one_line_error(capsys, str(coded), "not UTF-8")


def test_extract_never_writes_over_its_input(article, capsys):
    assert main(["extract", str(article), "-o", str(article), "--overwrite"]) == 2
    one_line_error(capsys, "is the input")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_extract_replaces_existing_drafts_only_with_overwrite(article, tmp_path, capsys):
    target = tmp_path / "drafts.csv"
    evidence = tmp_path / "drafts.evidence.csv"
    evidence.write_text("keep me\n", encoding="utf-8")
    assert main(["extract", str(article), "-o", str(target)]) == 2
    one_line_error(capsys, str(evidence), "already exists", "--overwrite")
    assert not target.exists() and evidence.read_text(encoding="utf-8") == "keep me\n"
    assert main(["extract", str(article), "-o", str(target), "--overwrite"]) == 0
    assert pd.read_csv(evidence)["article_id"].eq("a").all()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "drafts.csv",
                                                          "drafts.evidence.csv",
                                                          "drafts.groups.csv"]


def test_extract_json_and_output_exclude_each_other(article, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(article), "--json", "-o", str(tmp_path / "d.csv")])
    assert exit_.value.code == 2 and "not allowed with argument --json" in capsys.readouterr().err


def test_extract_writes_formula_safe_csv(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "=cmd.txt").write_text("=1+1 Aktivis ICW mengecam keras ulah ASN Pemkot Medan "
                                     "yang bolos kerja, Senin (3/2/2025).", encoding="utf-8")
    target = tmp_path / "drafts.csv"
    assert main(["extract", str(folder), "-o", str(target), "--quiet"]) == 0
    drafts = pd.read_csv(target, dtype=str, keep_default_na=False)
    evidence = pd.read_csv(tmp_path / "drafts.evidence.csv", keep_default_na=False)
    assert drafts["article_id"].tolist() == ["'=cmd"]
    assert drafts.loc[0, "regency_code"] == "12.71"
    assert set(evidence["article_id"]) == {"'=cmd"}
    cells = evidence["evidence"].astype(str)
    assert cells.str.startswith("'=1+1 Aktivis").any()
    assert not cells.str.match(r"[=+\-@\t\r]").any()
    assert pd.api.types.is_float_dtype(evidence["confidence"])  # numbers stay numbers


@pytest.mark.parametrize("out, expected", [
    (lambda d: d / "a-file", "is a file, not a folder"),
    (lambda d: d / "a-file" / "sub", "a-file is a file, not a folder"),
    pytest.param(lambda d: Path("/proc/asnresearch"), "cannot create this folder", marks=LINUX),
])
def test_report_answers_a_bad_folder_before_any_work(tmp_path, capsys, monkeypatch, out,
                                                     expected):
    import asnresearch.report

    def never(*args, **kwargs):
        raise AssertionError("build_report ran with a bad --out")

    monkeypatch.setattr(asnresearch.report, "build_report", never)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert main(["report", "--out", str(out(tmp_path))]) == 2
    one_line_error(capsys, "asnresearch report: ", expected)


def test_report_answers_a_failed_write_in_one_line(tmp_path, capsys, monkeypatch):
    import asnresearch.report

    def denied(out_dir, **options):
        raise PermissionError(13, "Permission denied", str(Path(out_dir) / "brief-id.pdf"))

    monkeypatch.setattr(asnresearch.report, "build_report", denied)
    assert main(["report", "--out", str(tmp_path)]) == 2
    one_line_error(capsys, f"{tmp_path / 'brief-id.pdf'}: Permission denied")


@LINUX
@pytest.mark.parametrize("args", [
    lambda d: ["extract", str(d / "a.txt"), "-o", str(d)],
    lambda d: ["report", "--out", "/proc/asnresearch"],
    lambda d: ["score-comments", str(d / "a.txt"), "-o", "/proc/asnresearch/s.parquet"],
])
def test_a_bad_path_never_prints_a_traceback(tmp_path, args):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "asnresearch.cli", *args(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, \
        run.stderr


def test_datapackage_rewrites_the_data_files_in_place(tmp_path, monkeypatch):
    import hashlib
    import json
    import shutil

    import asnresearch.io
    from asnresearch.codebook import render_codebook_markdown
    from asnresearch.io import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    monkeypatch.setattr(asnresearch.io, "DATA_DIR", data)
    assert main(["datapackage"]) == 0
    regions = (data / "reference/regions.csv").read_bytes()
    assert regions == (DATA_DIR / "reference/regions.csv").read_bytes()
    assert (data / "CODEBOOK.md").read_text("utf-8") == render_codebook_markdown() + "\n"
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    hashes = {r["path"]: r["hash"] for r in package["resources"]}
    assert hashes["reference/regions.csv"] == "sha256:" + hashlib.sha256(regions).hexdigest()
    assert not list(data.rglob("*.tmp"))
