"""Personal data: one definition for the scrubber and the dataset validator. Recall 100% on
generated realistic strings for both, no false alarm on the dataset or on ordinary numbers,
the vectorised pre-check a superset of the scrubber, and salted pseudonyms."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from asnresearch.codebook import load_codebook
from asnresearch.io import DATA_DIR
from asnresearch.privacy import (
    _HINT,
    _HINT_RE,
    _SCRUB,
    DATASET_KINDS,
    KINDS,
    PLACEHOLDERS,
    _placeholder,
    find_personal_data,
    hash_author,
    scrub_text,
    scrub_texts,
)

FIRST = ["budi", "siti", "andi", "dewi", "rina", "agus", "yanti", "joko", "tri", "nur"]
DOMAINS = ["gmail.com", "yahoo.co.id", "pemkab-bangkalan.go.id", "mail.ugm.ac.id", "outlook.com"]
BANKS = ["BRI", "BNI", "BCA", "Mandiri", "BSI", "Bank Jatim", "BJB", "CIMB Niaga", "Danamon"]
AREAS = ["21", "22", "24", "31", "61", "274", "341", "361", "411", "911"]
# Each generator gives (kind, item, secret): the scrubbed text must keep no part of the
# secret (its digits, its account or address name) and must hold the kind's placeholder.


def join(rng, groups):
    sep = rng.choice([" ", "-", ".", ""])
    return sep.join(groups)


def digits(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def phones(rng):
    """Mobile numbers of 9 to 12 digits after the 0 in every prefix and grouping, and
    landlines with 2- or 3-digit area codes."""
    groups = [f"8{rng.randint(11, 99)}", digits(rng, rng.choice([3, 4])),
              digits(rng, rng.choice([3, 4, 5]))]
    out = [prefix + join(rng, groups) for prefix in ["0", "+62", "62", "+62 ", "+62-", "0"]]
    out.append(f"(0{groups[0]}) {groups[1]}-{groups[2]}")
    area = rng.choice(AREAS)
    line = digits(rng, rng.choice([7, 8] if len(area) == 2 else [6, 7]))
    split = len(line) - 4 if len(line) > 6 else 3
    out += [f"0{area}-{line}", f"(0{area}) {line[:split]}-{line[split:]}", f"0{area} {line}",
            f"+62 {area} {line}", f"+62 ({area}) {line[:split]} {line[split:]}",
            f"0{area}.{line[:split]}.{line[split:]}"]
    return [("phone", p, re.sub(r"\D", "", p)) for p in out]


def niks(rng):
    """Region (6), birth date (6) and serial (4), unbroken or grouped 4-4-4-4, 6-6-4, 2-2-2-6-4."""
    nik = f"{rng.randint(11, 94)}{rng.randint(10, 99)}{rng.randint(10, 99)}" \
          f"{rng.randint(1, 71):02d}{rng.randint(1, 12):02d}{rng.randint(50, 99)}" \
          f"{rng.randint(1, 9999):04d}"
    fours = [nik[i:i + 4] for i in range(0, 16, 4)]
    forms = [nik, " ".join(fours), ".".join(fours), "-".join(fours),
             join(rng, [nik[:6], nik[6:12], nik[12:]]),
             ".".join([nik[:2], nik[2:4], nik[4:6]]) + join(rng, ["", nik[6:12], nik[12:]])]
    return [("nik", f, nik) for f in forms]


def nips(rng):
    """Birth date (8), appointment month (6), sex (1), serial (3): 8-6-1-3 or unbroken."""
    nip = f"19{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" \
          f"20{rng.randint(0, 24):02d}{rng.randint(1, 12):02d}{rng.randint(1, 2)}" \
          f"{rng.randint(1, 999):03d}"
    groups = [nip[:8], nip[8:14], nip[14], nip[15:]]
    forms = [nip, " ".join(groups), ".".join(groups), "-".join(groups), join(rng, groups)]
    return [("nip", f, nip) for f in forms]


def bank_accounts(rng):
    number = digits(rng, rng.choice([10, 12, 13, 15]))
    grouped = join(rng, [number[i:i + 4] for i in range(0, len(number), 4)])
    out = []
    for cue in ["rek.", "rekening", "no. rek", "no rek", "norek", "No.Rek:", "nomor rekening"]:
        bank = rng.choice(BANKS + [""])
        out.append(f"{cue} {bank} {rng.choice([number, grouped])}".replace("  ", " "))
    return [("bank_account", b, number) for b in out]


def emails(rng):
    name = f"{rng.choice(FIRST)}{rng.randint(1, 99)}"
    domain = rng.choice(DOMAINS)
    worded = domain.replace(".", rng.choice([" dot ", " [dot] ", "(dot)"]))
    return [("email", f"{name}@{domain}", name),
            ("email", f"{name}.{rng.choice(FIRST)}+aduan@{domain}", name),
            ("email", f"{name}[at]{domain}", name), ("email", f"{name} (at) {worded}", name),
            ("email", f"{name} at {worded}", name), ("email", f"{name}(at){domain}", name),
            ("email", f"{name} [at] {worded}", name)]


def urls(rng):
    slug = f"{rng.choice(FIRST)}{rng.randint(10, 999)}"
    forms = [("url", f"https://www.tiktok.com/@{slug}/video/{rng.randint(10**9, 10**10)}"),
             ("url", f"http://berita-daerah.id/asn-{slug}"), ("url", f"www.{slug}.com"),
             ("url", f"bit.ly/{slug}"), ("url", f"{slug}.blogspot.com/2025/01/post.html"),
             ("site", f"{slug}.blogspot.com")]
    return [(kind, form, slug) for kind, form in forms]


def handles(rng):
    name = f"{rng.choice(FIRST)}{rng.choice(['_', '.', ''])}{rng.choice(FIRST)}"
    marked = f"{rng.choice(FIRST)}{rng.choice(['_', '.'])}{rng.choice(FIRST)}{rng.randint(1, 99)}"
    plain = rng.choice(FIRST) + rng.choice(FIRST)
    return [("handle", f"@{name}", name), ("handle", f"@{marked}", marked),
            ("handle", f"IG: {plain}", plain), ("handle", f"ig {marked}", marked),
            ("handle", f"tiktok: @{name}", name), ("handle", f"TikTok @{plain}", plain),
            ("handle", f"Instagram: @{name}", name), ("handle", f"instagram {marked}", marked),
            ("handle", f"twitter: {marked}", marked), ("handle", f"X: @{name}", name),
            ("handle", f"FB: {plain}", plain), ("handle", f"fb {marked}", marked),
            ("handle", f"akun @{name}", name)]


TEMPLATES = ["hubungi {} aja", "wa: {}", "({})", "kirim ke {}.", "cek {}, viral!!", "{}",
             "kontak admin {} 🙏", "ini orangnya {} wkwk", "Data pelapor: {}; mohon dirahasiakan",
             "katanya pegawai dinas itu {}, tolong diusut pak bupati",
             "Sumber terpercaya menyebut {} sebagai pelaku pungli."]
GENERATORS = [phones, niks, nips, bank_accounts, emails, urls, handles]


def generated(seed=2026, n=40):
    rng = random.Random(seed)
    return [(kind, item, secret, rng.choice(TEMPLATES).format(item))
            for _ in range(n) for make in GENERATORS for kind, item, secret in make(rng)]


ITEMS = generated()


def test_the_generated_set_is_large_and_varied():
    assert len(ITEMS) > 1500
    assert {kind for kind, *_ in ITEMS} == set(KINDS)


def test_the_scrubber_removes_every_generated_item_whole():
    missed = []
    for kind, item, secret, text in ITEMS:
        clean = scrub_text(text)
        leaked = secret.lower() in clean.lower() or item in clean
        brackets = clean.count("(") - clean.count(")") != text.count("(") - text.count(")")
        if leaked or PLACEHOLDERS[kind] not in clean or re.search(r"\d", clean) or brackets:
            missed.append((kind, text, clean))  # templates hold no digit: none may be left
    assert not missed, missed[:10]
    assert scrub_texts([t for *_, t in ITEMS]) == [scrub_text(t) for *_, t in ITEMS]


def test_the_validator_reports_every_generated_item():
    missed = [(kind, text, find_personal_data(text)) for kind, _, _, text in ITEMS
              if find_personal_data(text) != [kind]]
    assert not missed, missed[:10]
    refused = [text for kind, _, _, text in ITEMS if kind in DATASET_KINDS]
    assert all(find_personal_data(t, kinds=DATASET_KINDS) for t in refused)


def test_the_issue_examples_are_found_by_both():
    for text in ["NIK 3578 0112 3456 0001", "wa +62 813 2222 1111", "hubungi 021-7654321",
                 "https://bit.ly/asn123", "NIP 19850312 201001 1 005", "NIP 198503122010011005",
                 "NIP 19850312.201001.1.005", "rek. BRI 1234-5678-9012", "rekening 0123456789",
                 "no rek 1234567890", "norek 1234567890", "nama[at]mail.com",
                 "nama (at) mail dot com", "IG: nama", "ig nama_akun", "tiktok: @x"]:
        assert find_personal_data(text, kinds=DATASET_KINDS), text
        assert scrub_text(text) != text, text


@pytest.mark.parametrize("note, refused", [
    ("Checked against the stored Kompas.com and Suara.com pages.", False),
    ("The reader's tip gave NIP 19850312 201001 1 005.", True),
    ("Donations went to rek. BRI 1234-5678-9012.", True),
    ("Video at https://kompas.com/read/x (now removed).", True),
    ("Posted by IG: budi_s, then reshared.", True),
    ("Contact nama (at) mail dot com.", True),
])
def test_the_loaders_schema_refuses_what_the_definition_finds(note, refused):
    from asnresearch.schemas import DataError, build_schema

    row = {v.name: [str(v.spec["example"])] for v in load_codebook().variables("cases")}
    frame = pd.DataFrame(row | {"coding_note": [note]})
    if refused:
        with pytest.raises(DataError, match="without personal data"):
            build_schema("cases").validate(frame)
    else:
        build_schema("cases").validate(frame)


def dataset_cells():
    """Every cell of the bundled tables as stored (the text the validator reads), except the
    sources' URLs, which are citations."""
    cb = load_codebook()
    for table in cb.table_names:
        frame = pd.read_csv(DATA_DIR / cb.table(table)["file"], dtype=str,
                            keep_default_na=False)
        for column in frame.columns.drop("url", errors="ignore"):
            for row, value in enumerate(frame[column], start=2):
                yield f"{table}.csv row {row} {column}", value


def test_no_false_alarm_on_the_dataset():
    cells = list(dataset_cells())
    assert len(cells) > 5000
    alarms = [(where, value) for where, value in cells
              if find_personal_data(value, kinds=DATASET_KINDS)]
    assert not alarms, alarms[:10]
    # the scrubber also removes the site names that name outlets, and nothing else
    found = {kind for _, value in cells for kind in find_personal_data(value)}
    assert found == {"site"}


ORDINARY = [
    "rapat dimulai pukul 08.30 WIB", "pukul 14.00 WIB", "08.30", "jam 0830", "09.00-17.00",
    "sebanyak 13 ASN terjaring razia", "tahun 2025 dan 2026", "2019, 2020, 2021", "nomor 1 dan 2",
    "23/12/2025", "2025-12-23", "Selasa (23/12/2025)", "tanggal 12/04/2025", "02-12-2025",
    "Senin, 2 Desember 2025", "Rp 1.250.000", "Rp1,5 miliar", "Rp 150 juta", "Rp 62.500.000",
    "Rp 1.062.500.000", "gaji Rp 3.500.000 per bulan", "Rp 0,5 miliar", "skor 2-1", "62,5 persen",
    "ASN-2025-0001", "EVT-00012", "SRC-00242", "RXN-00001", "ASN-0000-0002",
    "PP 94/2021", "pasal 4 huruf f PP 94/2021", "UU 23/2004 Pasal 44 ayat (1)", "Perpres 21/2023",
    "Nomor 800/1234/2025", "SK Nomor 821.2/0345/2025", "Perda No. 02 Tahun 2020", "RT 02 RW 05",
    "kode wilayah 35.78", "12,5%", "turun 40 persen", "Kecamatan Diwek", "Kecamatan Tanjung Priok",
    "video viral di Instagram", "diunggah akun Instagram resmi Pemkab", "viral di ig kemarin.",
    "ramai di TikTok dan Facebook", "Platform Instagram: a DPR RI member reshared the video",
    "viral di tiktok 2 hari lalu", "rekening koran tahun 2025", "saldo rekening Rp 150.000.000",
    "pemblokiran rekening pada 2025-12-23", "rekening sebanyak 3 kali", "sidak pukul 07.45",
    "An official at the regency office was filmed at 10.15 on 2025-02-19.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_not_personal_data(text):
    assert find_personal_data(text) == []
    assert scrub_text(text) == text


def test_the_fast_hint_finds_every_text_the_scrubber_would_change():
    import pyarrow as pa
    import pyarrow.compute as pc
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["0", "62", "+62", "8", "12", " ", "-", ".", "(", ")", "@", "a",
                              "com", "id", "/", "www", "http://", "7", "345", "1985", "2010",
                              "rek", "rekening ", "bri ", "ig", "IG", "tiktok", ": ", "_", "[at]",
                              "(at)", " at ", " dot ", "[dot]", "x", "nama", "Rp ", ".000"])
    hints = {k: re.compile(kind.hint, re.IGNORECASE | re.ASCII) for k, kind in KINDS.items()}

    @settings(max_examples=600, deadline=None)
    @given(st.lists(pieces, max_size=16).map("".join))
    def check(text):
        for m in _SCRUB.finditer(text):  # each kind's hint lies inside each of its matches
            assert hints[m.lastgroup].search(m.group()), (m.lastgroup, text)
        if _SCRUB.search(text):
            assert _HINT_RE.search(text), text
        full = _SCRUB.sub(_placeholder, text)
        assert scrub_text(text) == full, text  # the per-text kind subset changes nothing
        assert scrub_texts([text]) == [full], text  # nor does the vectorised one
        for hint, rx in [(_HINT, _HINT_RE)] + [(kind.hint, hints[k]) for k, kind in KINDS.items()]:
            arrow = pc.match_substring_regex(pa.array([text]), hint, ignore_case=True)[0]
            assert arrow.as_py() == bool(rx.search(text)), (hint, text)  # RE2 agrees with re

    check()
    texts = pa.array([t for *_, t in ITEMS])
    assert pc.all(pc.match_substring_regex(texts, _HINT, ignore_case=True)).as_py()


@pytest.mark.parametrize("text", [None, "", "😂😂😂", "x" * 100_000, "١٢٣ 漢字 العربية",
                                  "@" * 5000, "1-" * 5000, "rek " * 5000])
def test_garbage_is_handled(text):
    assert isinstance(scrub_text(text), str)


def test_find_personal_data_names_the_kinds_in_order():
    assert find_personal_data("a@b.co.id dan 081234567890") == ["email", "phone"]
    assert find_personal_data("stored Kompas.com page, https://kompas.com/x",
                              kinds=DATASET_KINDS) == ["url"]


def test_pseudonyms_are_stable_salted_and_distinct():
    assert hash_author("u1", salt="a") == hash_author("u1", salt="a")
    assert hash_author("u1", salt="a") != hash_author("u1", salt="b")
    assert hash_author("u1", salt="a") != hash_author("u2", salt="a")
    with pytest.raises(ValueError, match="salt"):
        hash_author("u1", salt="")
