"""Dates of the coding assistant on real news (issue 15): which day dates the incident, with
what precision, and the publication date; short sentences written for these tests, no
article text."""

import pytest

from asnresearch.extract import extract_case


def _incident(text, published=None):
    draft = extract_case(text, published=published)
    return draft["incident_date"].value, draft["incident_date_precision"].value


@pytest.mark.parametrize("text", [
    # an interview, a press release, a post: the day of a report, not of the act
    "Kepala BKPSDM membenarkan kasus itu saat ditemui di kantornya, Senin (3/3/2025).",
    "Polres menyebut hal itu dalam siaran pers, Senin (3/3/2025), tanpa merinci waktunya.",
    "Foto dua ASN main domino diunggah sebuah akun pada Senin (3/3/2025).",
    "Surat keputusan tertanggal 3 Maret 2025 menyebut pegawai itu melanggar disiplin.",
])
def test_the_day_of_a_report_dates_the_incident_to_its_year(text):
    assert _incident(text, "2025-03-05") == ("2025", "year")


def test_a_word_of_the_incident_keeps_its_day():
    text = "Kejadian itu terjadi pada Senin (3/3/2025), kata Kepala BKPSDM saat ditemui."
    assert _incident(text, "2025-03-05") == ("2025-03-03", "day")


def test_a_case_caught_by_an_arrest_is_dated_to_the_month_of_the_report():
    text = ("Seorang PNS ditangkap polisi karena membawa sabu. Hal itu dibenarkan Kasat "
            "Narkoba saat ditemui, Senin (3/3/2025).")
    assert _incident(text, "2025-03-05") == ("2025-03", "month")


def test_the_pages_own_date_alone_does_not_date_the_incident():
    text = ("ASN Joget di Kantor Jadi Sorotan\nKamis, 6 Maret 2025 10:15 WIB\n"
            "Video tiga pegawai berjoget di ruang kerja ramai dibicarakan warganet.")
    draft = extract_case(text)
    assert draft["published_date"].value == "2025-03-06"
    assert _incident(text) == ("2025", "year")


def test_the_pages_date_stated_again_in_the_body_is_judged_there():
    text = ("PNS Bolos Terjaring Razia\nKamis, 6 Maret 2025 10:15 WIB\n"
            "Satpol PP menjaring dua PNS di warung kopi, Kamis (6/3/2025) pagi.")
    assert _incident(text) == ("2025-03-06", "day")


def test_a_short_sentence_with_a_date_is_no_date_line():
    assert _incident("Ia bolos Senin (7/4).", "2025-04-11") == ("2025-04-07", "day")


def test_without_a_date_line_the_latest_date_is_a_weak_publication_date():
    # on real news the page mostly came out later, or coders found its date not stated
    draft = extract_case("Dua PNS ditangkap, Minggu (16/2/2025). Bupati menegur, Kamis (20/2).")
    assert draft["published_date"].value == "2025-02-16"
    assert draft["published_date"].confidence < 0.5


def test_a_day_without_its_year_lies_near_the_latest_date_when_publication_is_unknown():
    # "(20/2)" after the latest full date (16/2/2025) is the same year's, not last year's
    draft = extract_case("Bupati menegur dua PNS, Kamis (20/2). Keduanya diperiksa Minggu "
                         "(16/2/2025).")
    assert draft["incident_date"].value == "2025-02-16"
