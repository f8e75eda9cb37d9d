"""The agency, government level, misconduct and working-hours rules of the coding assistant
on real news (issue 15), each on short sentences written for the test (no article text)."""

import pytest

from asnresearch.extract import extract_case


def field(text, name):
    return extract_case(text)[name].value


@pytest.mark.parametrize("text, agency", [
    # "Kelurahan X, Kecamatan Y" is where someone lives or where it happened, not the office
    ("Seorang PNS warga Kelurahan Sukamaju, Kecamatan Cibeunying, ditangkap karena sabu.",
     "unknown"),
    ("Seorang pegawai kantor kecamatan bolos kerja sebulan.", "subdistrict_office"),
    ("Seorang staf kapanewon diduga berselingkuh.", "subdistrict_office"),
    # units the codebook names but the draft never gave
    ("Seorang PNS Dinas Pertanian bolos kerja selama sebulan.", "economy_agriculture"),
    ("Kepala Bappeda ditahan jaksa karena korupsi.", "other_regional_agency"),
    # the Satpol PP that raids is not the unit of the accused; its own staff are
    ("Petugas Satpol PP menjaring dua ASN di warung kopi.", "unknown"),
    ("Seorang oknum Satpol PP ditangkap polisi karena sabu.", "civil_service_police"),
    # a case surfaced by a Satpol PP raid: the Satpol PP named is the raiding unit
    ("Satpol PP menjaring tiga ASN di sebuah kafe dalam razia.", "unknown"),
    ("Tiga guru terjaring razia Satpol PP di sebuah kafe.", "education"),
    # several units at once: multiple (the codebook's rule for agency_type)
    ("Sidak di tiga SKPD menemukan 20 ASN bolos.", "multiple"),
    ("BKD menggelar sidak ke 40 OPD dan menemukan 34 PNS bolos.", "multiple"),
    # the ministry that rules on ASN is not the unit of the accused
    ("Kementerian PANRB meminta pemerintah daerah menindak PNS yang bolos.", "unknown"),
    ("Pegawai Kantor Pertanahan diduga memungut biaya sertifikat.", "central_agency"),
    ("Seorang Kabag di Setdako diduga berselingkuh.", "regional_secretariat"),
    # a police hospital where a suspect is tested is no unit of the accused
    ("Dua PNS ditangkap karena sabu lalu diperiksa di Rumah Sakit Bhayangkara.", "unknown"),
])
def test_agency_type(text, agency):
    assert field(text, "agency_type") == agency


@pytest.mark.parametrize("text, misconduct", [
    ("Seorang guru SD diduga mencabuli muridnya.", "sexual_or_marital_misconduct"),
    ("Oknum PNS digerebek warga saat berbuat mesum.", "sexual_or_marital_misconduct"),
    ("Dua PNS ditangkap karena menjual kupon togel.", "other"),
    ("Seorang ASN diringkus karena mengedarkan uang palsu.", "other"),
    ("Puluhan ASN tidak ikut apel pagi.", "absence_truancy"),
    ("Sejumlah ASN kedapatan ngopi di warung.", "leisure_during_hours"),
])
def test_misconduct_type(text, misconduct):
    assert field(text, "misconduct_type") == misconduct


@pytest.mark.parametrize("text, hours", [
    # the weekday of a dated statement, or "minggu" the week, says nothing of the act
    ("Dua ASN ditangkap karena sabu, kata Kapolres, Sabtu (7/4/2018).", "unknown"),
    ("Dua ASN ditangkap karena sabu. Polisi menyelidiki selama dua minggu.", "unknown"),
    ("Dua ASN ditangkap karena sabu. Diperbarui Minggu, Maret 20, 2022", "unknown"),
    # staff on maternity leave in an attendance count are not the accused on leave
    ("Sebanyak 20 ASN ditangkap karena sabu; lima pegawai lain cuti bersalin.", "unknown"),
    ("Dua ASN pesta sabu pada Sabtu malam.", "no"),
    ("Seorang ASN ditangkap karena sabu saat sedang cuti.", "no"),
])
def test_during_working_hours(text, hours):
    assert field(text, "during_working_hours") == hours


@pytest.mark.parametrize("text, level", [
    # Jakarta's administrative cities have no government of their own: provincial staff
    ("Seorang PNS di Jakarta Barat bolos kerja sebulan.", "province"),
    ("Seorang PNS di Kota Bandung bolos kerja sebulan.", "city"),
    # the detention centre that holds a suspect is not the employer
    ("Kepala Bappeda Kabupaten Sleman ditahan di Rutan Kelas IIB.", "regency"),
    ("Seorang petugas rutan ditangkap karena sabu.", "central"),
    ("Pegawai Kantor Pertanahan diduga memungut biaya sertifikat.", "central"),
])
def test_government_level(text, level):
    assert field(text, "government_level") == level
