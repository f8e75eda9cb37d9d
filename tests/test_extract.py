"""Coding assistant: field accuracy on the project's labelled articles, evidence spans that
point at the text, codes only from the codebook, and robustness on random and adversarial
text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from asnresearch.codebook import load_codebook
from asnresearch.extract import (
    CODED_FIELDS,
    NONE,
    NOT_APPLICABLE,
    UNKNOWN,
    extract_case,
    extract_place,
)
from asnresearch.gazetteer import find_region_code
from asnresearch.io import load_regions

ARTICLES = Path(__file__).parent / "data" / "articles"
MUST_SHOW = ["published_date", "incident_date", "province_code", "regency_code",
             "misconduct_type", "surfaced_via", "first_responder"]
CB = load_codebook()


def _read_labels(name: str) -> pd.DataFrame:
    labels = pd.read_csv(ARTICLES / name, dtype=str, keep_default_na=False)
    labels["text"] = [(ARTICLES / f"{a}.txt").read_text(encoding="utf-8")
                      for a in labels["article_id"]]
    labels["province_code"] = [find_region_code(p, level="province") for p in labels["province"]]
    labels["regency_code"] = [
        UNKNOWN if r == UNKNOWN else find_region_code(r, province_code=p, level="regency")
        for r, p in zip(labels["regency"], labels["province_code"])]
    return labels


@pytest.fixture(scope="module")
def labelled():
    """Both labelled sets: the development articles and the ones written blind."""
    labels = pd.concat([_read_labels("labels.csv"), _read_labels("heldout_labels.csv")],
                       ignore_index=True).fillna("")
    labels["draft"] = [extract_case(t) for t in labels["text"]]
    return labels


def _accuracy(labels, name):
    return ([d[name].value for d in labels["draft"]] == labels[name]).mean()


@pytest.mark.parametrize("name", MUST_SHOW)
def test_must_show_fields_reach_90_percent(labelled, name):
    assert len(labelled) >= 50
    assert _accuracy(labelled, name) >= 0.9, name


def test_place_alone_matches_the_full_draft(labelled):
    for text, draft in zip(labelled["text"], labelled["draft"]):
        assert extract_place(text) == {k: draft[k] for k in ("province_code", "regency_code")}


def test_a_kecamatan_places_the_case_in_its_regency():
    text = "Warga mengeluhkan Kantor Kecamatan Diwek yang kosong pada jam kerja."
    place = extract_place(text)
    assert place["regency_code"].value == "35.17"  # Kabupaten Jombang
    assert text[slice(*place["regency_code"].span)] == "Kecamatan Diwek"
    shared = "Camat Kediri di Kabupaten Tabanan menegur pegawai."  # not Kabupaten Kediri
    assert extract_place(shared)["regency_code"].value == "51.02"


def _fields(draft):
    yield from draft.items()
    for r in draft.responses:
        yield from (("actor", r.actor), ("action", r.action), ("date", r.date))
    for r in draft.reactions:
        yield from (("speaker_kind", r.speaker_kind), ("stance", r.stance))
    yield from (("citation", c) for c in draft.citations)


def test_every_found_value_has_a_span_that_points_at_its_evidence(labelled):
    names = dict(load_regions()[["code", "name"]].itertuples(index=False))
    checked = 0
    for text, draft in zip(labelled["text"], labelled["draft"]):
        for name, field in _fields(draft):
            if field.value in (UNKNOWN, NONE, NOT_APPLICABLE):
                continue
            assert field.span is not None, (name, field)
            start, end = field.span
            assert 0 <= start < end <= len(text) and text[start:end].strip(), (name, field)
            assert 0 < field.confidence <= 1, (name, field)
            checked += 1
        place = draft["regency_code"]
        base = names[place.value].split(" ", 1)[1].replace("Administrasi ", "")
        evidence = "".join(text[slice(*place.span)].lower().split())
        assert "".join(base.lower().split()) in evidence or evidence.startswith("kec")
    assert checked > 20 * len(labelled)


def test_spans_show_the_cue_that_decided(labelled):
    draft = labelled.set_index("article_id").loc["A01", "draft"]
    text = labelled.set_index("article_id").loc["A01", "text"]
    show = {k: text[slice(*draft[k].span)] for k in
            ("incident_date", "misconduct_type", "in_uniform", "n_asn_involved", "platform")}
    assert show == {"incident_date": "(19/12/2025)", "misconduct_type": "Karaoke",
                    "in_uniform": "Berseragam", "n_asn_involved":
                    "sekitar sepuluh aparatur sipil negara", "platform": "TikTok"}


def test_citations_are_normalised():
    draft = extract_case("Ia dijerat Pasal 44 ayat (1) Undang-Undang Nomor 23 Tahun 2004, "
                         "sesuai Peraturan Pemerintah Nomor 94 Tahun 2021 dan PP 10 Tahun "
                         "1983 jo. PP 45 Tahun 1990, serta Pasal 27 ayat (2) UU ITE.")
    assert [c.value for c in draft.citations] == [
        "UU 23/2004 Pasal 44 ayat (1)", "PP 94/2021", "PP 10/1983", "PP 45/1990",
        "UU ITE Pasal 27 ayat (2)"]


def test_threatened_sanctions_and_promises_are_not_taken_as_done():
    draft = extract_case("Kepala BKPSDM mengatakan pegawai itu akan dipanggil. Pelanggaran "
                         "dapat dijatuhi hukuman disiplin mulai dari teguran lisan hingga "
                         "pemberhentian.")
    assert draft["sanction_type"].value == NONE
    # a promise to summon is the official's statement (rule A4), not a summons
    assert [(r.actor.value, r.action.value) for r in draft.responses] == [
        ("personnel_agency", "statement")]


def test_reactions_name_the_speaker_kind_and_the_demand():
    draft = extract_case("Lembaga Bantuan Hukum setempat mendesak Bupati memberi sanksi "
                         "tegas.\nAnggota DPRD meminta pengawasan diperketat.")
    assert [(r.speaker_kind.value, r.stance.value) for r in draft.reactions] == [
        ("civil_society", "demand_sanction"), ("legislator", "call_for_oversight")]


def test_exported_evidence_has_personal_data_scrubbed():
    from asnresearch.extract import draft_to_dict, evidence_table

    text = "Aktivis LBH mengkritik Bupati, hubungi 0812-3456-7890 atau lbh@contoh.id."
    draft = extract_case(text)
    assert draft.reactions and draft.reactions[0].stance.value == "criticise"
    exported = " ".join(evidence_table({"a": draft}, {"a": text})["evidence"].dropna())
    exported += str(draft_to_dict(draft, text))
    assert "0812" not in exported and "lbh@contoh.id" not in exported
    assert "[TELEPON]" in exported and "[EMAIL]" in exported


def test_published_argument_sets_the_year_of_short_dates():
    text = "Insiden terjadi pada Rabu (5/11) sekitar pukul 14.00 WITA di Kota Makassar."
    assert extract_case(text, published="2025-11-06")["incident_date"].value == "2025-11-05"
    assert extract_case(text, published="2026-01-03")["incident_date"].value == "2025-11-05"
    assert extract_case(text)["incident_date"].value == UNKNOWN
    with pytest.raises(ValueError, match="published must be a date"):
        extract_case(text, published="5 Nov")


def _allowed(name):
    codes = set(CB.codes(CODED_FIELDS[name])) if name in CODED_FIELDS else None
    return codes | {UNKNOWN, NONE} if codes else None


def _check_codes(draft, text):
    regions = set(load_regions()["code"]) | {UNKNOWN}
    for name, field in draft.items():
        allowed = _allowed(name)
        if allowed:
            assert field.value in allowed, (name, field.value)
        if name in ("province_code", "regency_code"):
            assert field.value in regions
        if field.span is not None:
            assert 0 <= field.span[0] < field.span[1] <= len(text)
    for r in draft.responses:
        assert r.actor.value in CB.codes("actor_role") and r.action.value in CB.codes("action")
    for r in draft.reactions:
        assert r.speaker_kind.value in CB.codes("speaker_kind")
        assert r.stance.value in CB.codes("stance")


@pytest.mark.parametrize("text", [None, "", " " * 10, "x" * 100_000, "<p>Kota</p> &amp;",
                                  "١٢٣ 漢字 Kabupaten", "Kota " * 5000, "0" * 1000,
                                  "(31/2/2025) (99/99) 32 Desember 2025 tahun anggaran 0000",
                                  "<div class='x'>Bupati <b>Bangkalan</b> memanggil</div>",
                                  "1 2 3 4 5 ASN 6/7/8 9.10 Pasal 11 ayat (12) PP 13 " * 400])
def test_garbage_never_crashes(text):
    draft = extract_case(text)
    _check_codes(draft, text if isinstance(text, str) else "")


def test_random_text_returns_only_codebook_codes():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(["Kabupaten", "Kab.", "Pemkot", "Kota", "Bangkalan", "Kupang",
                             "Jayapura", "Jawa Timur", "BANGKALAN,", "Provinsi", "Bupati",
                             "Wali Kota", "dipanggil", "BKPSDM", "akan", "teguran tertulis",
                             "(23/12/2025)", "Selasa", "(20/3)", "kemarin", "Desember 2025",
                             "sekitar", "sepuluh", "ASN", "belasan", "pegawai", "viral",
                             "TikTok", "video", "jam kerja", "di luar", "Pasal 4", "PP 94",
                             "<br>", "\n", "\"", ".", "LBH", "mendesak", "sanksi"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.one_of(words, st.text(max_size=20)), max_size=40).map(" ".join))
    def check(text):
        _check_codes(extract_case(text), text)

    check()


def test_a_100_kb_article_is_read_in_reasonable_time():
    import time

    text = (ARTICLES / "A01.txt").read_text(encoding="utf-8") * 40  # about 100 KB
    start = time.perf_counter()
    extract_case(text)
    assert time.perf_counter() - start < 5  # a bound against runaway regexes, not a benchmark


# ----------------------------------------------------------------------------- command line
def test_cli_prints_a_draft_with_its_evidence(capsys):
    from asnresearch.cli import main

    assert main(["extract", str(ARTICLES / "A01.txt")]) == 0
    out = capsys.readouterr().out
    assert "misconduct_type          leisure_during_hours" in out
    assert "<- 'TikTok'" in out and "first_responder          vice_regent" in out


def test_cli_json_has_every_field_with_span_and_evidence(capsys):
    import json

    from asnresearch.cli import main

    assert main(["extract", str(ARTICLES / "A14.txt"), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["article_id"] == "A14"
    assert record["regency_code"] == {"value": "61.71", "confidence": 1.0,
                                      "span": record["regency_code"]["span"],
                                      "evidence": "Wali Kota Pontianak"}
    assert record["n_asn_involved"]["value"] == "37"


def test_cli_folder_writes_drafts_in_the_cases_schema_and_compares(tmp_path, capsys):
    from asnresearch.cli import main

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("A01", "A02", "A03"):
        (folder / f"{name}.txt").write_text((ARTICLES / f"{name}.txt").read_text("utf-8"),
                                            encoding="utf-8")
    out = tmp_path / "out" / "drafts.csv"
    assert main(["extract", str(folder), "-o", str(out), "--quiet",
                 "--compare", str(ARTICLES / "labels.csv")]) == 0
    printed = capsys.readouterr().out
    drafts = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(drafts.columns[1:len(CB.columns("cases")) + 1]) == CB.columns("cases")
    assert drafts["article_id"].tolist() == ["A01", "A02", "A03"]
    assert drafts["regency_code"].tolist() == ["35.26", "35.17", "74.71"]
    evidence = pd.read_csv(tmp_path / "out" / "drafts.evidence.csv", dtype=str)
    assert {"article_id", "field", "value", "confidence", "start", "end",
            "evidence"} == set(evidence.columns)
    assert "misconduct_type" in printed and "share" in printed


def test_cli_compares_a_case_file_with_the_bundled_dataset(tmp_path, capsys):
    from asnresearch.cli import main

    article = tmp_path / "ASN-2025-0001.txt"
    article.write_text("Seorang ASN Pemkab Bangkalan ditangkap polisi, Senin (3/2/2025).",
                       encoding="utf-8")
    assert main(["extract", str(article), "--compare"]) == 0
    printed = capsys.readouterr().out
    assert "province_code" in printed and "coded" in printed


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "nothing", "no article here"),
    (lambda d: (d / "x.txt").write_bytes(b"\xff\xfe bad") and d / "x.txt", "not UTF-8"),
    (lambda d: (d / "x.txt").write_bytes(b"PK\x03\x04\x00\x00") and d / "x.txt",
     "a NUL byte at character 5, so not a text file"),
    (lambda d: (d / "x.txt").write_text("\n \n", encoding="utf-8") and d / "x.txt",
     "no text in this article"),
    (lambda d: (d / "x.pdf").write_text("%PDF-1.4", encoding="utf-8") and d / "x.pdf",
     "not a .txt file; allowed: an article as plain UTF-8 text (.txt)"),
])
def test_cli_bad_input_is_refused_with_the_file_named(tmp_path, capsys, make, message):
    from asnresearch.cli import main

    path = make(tmp_path)
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err


def test_coded_file_without_article_id_or_with_duplicates_is_refused(tmp_path):
    from asnresearch.extract import read_coded

    bad = tmp_path / "coded.csv"
    bad.write_text("id,misconduct_type\nA01,drugs\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no column 'article_id'"):
        read_coded(bad)
    bad.write_text("article_id,misconduct_type\nA01,drugs\nA01,other\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 3, column article_id: duplicate id 'A01'"):
        read_coded(bad)


@pytest.mark.parametrize("coded, message", [
    ("article_id;province_code\na1;35\n",
     "coded.csv, row 1: the columns are separated by ';'; allowed: comma-separated columns"),
    ("article_id,province_code\nzz,35\n",
     "coded.csv: no coded case for any of the 1 article(s) (e.g. 'a1')"),
])
def test_cli_compare_refuses_a_file_it_cannot_compare_with_in_one_line(tmp_path, capsys,
                                                                       coded, message):
    from asnresearch.cli import main

    (tmp_path / "a1.txt").write_text("Jakarta - Seorang PNS ditangkap polisi.", encoding="utf-8")
    (tmp_path / "coded.csv").write_text(coded, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a1.txt"), "--compare",
                 str(tmp_path / "coded.csv"), "--quiet"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and len(captured.err.strip().splitlines()) == 1
    assert captured.out == ""  # refused before any draft is printed


def test_cli_reads_txt_of_any_case_and_writes_only_csv(tmp_path, capsys):
    from asnresearch.cli import main

    (tmp_path / "A1.TXT").write_text("Jakarta - Seorang PNS ditangkap polisi.", encoding="utf-8")
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "d.xlsx"), "--quiet"]) == 2
    assert "d.xlsx: drafts are written as CSV; name the output *.csv" in capsys.readouterr().err
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "d.csv"), "--quiet"]) == 0
    assert pd.read_csv(tmp_path / "d.csv")["article_id"].tolist() == ["A1"]
