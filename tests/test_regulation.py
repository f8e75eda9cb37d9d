"""The absence ladders: every band edge of PP 94/2021 and PP 53/2010, and the regime switch."""

from __future__ import annotations

import datetime as dt

import pytest

from asnresearch.codebook import load_codebook
from asnresearch.regulation import _ladder, prescribed_sanction, regime_on

PP94 = dt.date(2024, 5, 2)
PP53 = dt.date(2015, 5, 4)

# (days, level, type, months) from the fact sheet's table A.5 and A.10, written out by hand
PP94_TABLE = [
    (2, None, None, None), (3, "ringan", "teguran_lisan", None),
    (4, "ringan", "teguran_tertulis", None), (6, "ringan", "teguran_tertulis", None),
    (7, "ringan", "pernyataan_tidak_puas", None), (10, "ringan", "pernyataan_tidak_puas", None),
    (11, "sedang", "potong_tukin_6", 6), (13, "sedang", "potong_tukin_6", 6),
    (14, "sedang", "potong_tukin_9", 9), (16, "sedang", "potong_tukin_9", 9),
    (17, "sedang", "potong_tukin_12", 12), (20, "sedang", "potong_tukin_12", 12),
    (21, "berat", "penurunan_jabatan", 12), (24, "berat", "penurunan_jabatan", 12),
    (25, "berat", "pembebasan_jabatan", 12), (27, "berat", "pembebasan_jabatan", 12),
    (28, "berat", "pdhtaps", None), (200, "berat", "pdhtaps", None),
]
PP53_TABLE = [
    (4, None, None, None), (5, "ringan", "teguran_lisan", None),
    (6, "ringan", "teguran_tertulis", None), (10, "ringan", "teguran_tertulis", None),
    (11, "ringan", "pernyataan_tidak_puas", None), (15, "ringan", "pernyataan_tidak_puas", None),
    (16, "sedang", "penundaan_kgb", 12), (20, "sedang", "penundaan_kgb", 12),
    (21, "sedang", "penundaan_kp", 12), (25, "sedang", "penundaan_kp", 12),
    (26, "sedang", "penurunan_pangkat_1", 12), (30, "sedang", "penurunan_pangkat_1", 12),
    (31, "berat", "penurunan_pangkat_3", 36), (35, "berat", "penurunan_pangkat_3", 36),
    (36, "berat", "penurunan_jabatan", None), (40, "berat", "penurunan_jabatan", None),
    (41, "berat", "pembebasan_jabatan", None), (45, "berat", "pembebasan_jabatan", None),
    (46, "berat", "pdhtaps", None),
]


@pytest.mark.parametrize(
    "on,regime,days,level,kind,months",
    [(PP94, "pp94", *row) for row in PP94_TABLE] + [(PP53, "pp53", *row) for row in PP53_TABLE],
)
def test_band_edges(on, regime, days, level, kind, months):
    got = prescribed_sanction(absence_days=days, on=on)
    if level is None:
        assert got is None
    else:
        assert (got.level, got.type, got.duration_months, got.regime) == (
            level, kind, months, regime)
        assert got.legal_basis.startswith({"pp94": "PP 94/2021", "pp53": "PP 53/2010"}[regime])
        assert got.source_url.startswith("http")


@pytest.mark.parametrize("days,sub", [(11, "penundaan_kgb"), (14, "penundaan_kp"),
                                      (20, "penurunan_pangkat_1")])
def test_transitional_substitutes_for_tukin_cuts(days, sub):
    got = prescribed_sanction(absence_days=days, on=PP94)
    assert got.transitional_substitute.type == sub
    assert got.transitional_substitute.confidence == "uncertain"


def test_no_substitute_outside_sedang():
    assert prescribed_sanction(absence_days=3, on=PP94).transitional_substitute is None


@pytest.mark.parametrize("run,expected", [(9, "pernyataan_tidak_puas"), (10, "pdhtaps")])
def test_ten_consecutive_days_rule(run, expected):
    assert prescribed_sanction(absence_days=run, consecutive_days=run, on=PP94).type == (
        expected)


def test_consecutive_rule_not_in_pp53():
    assert prescribed_sanction(absence_days=10, consecutive_days=10, on=PP53).type == (
        "teguran_tertulis")


def test_regime_switches_on_31_august_2021():
    assert regime_on(dt.date(2021, 8, 30)) == "pp53"
    assert regime_on(dt.date(2021, 8, 31)) == "pp94"
    assert prescribed_sanction(absence_days=5, on=dt.date(2021, 8, 30)).type == "teguran_lisan"
    assert prescribed_sanction(absence_days=5, on=dt.date(2021, 8, 31)).type == (
        "teguran_tertulis")


@pytest.mark.parametrize("kwargs,error,text", [
    ({"absence_days": -1}, ValueError, "absence_days must be >= 0"),
    ({"absence_days": 3.5}, TypeError, "whole number"),
    ({"absence_days": True}, TypeError, "whole number"),
    ({"absence_days": "3"}, TypeError, "whole number"),
    ({"absence_days": 3, "consecutive_days": -2}, ValueError, "consecutive_days must be >= 0"),
    ({"absence_days": 3, "consecutive_days": 5}, ValueError, "cannot exceed"),
    ({"absence_days": 3, "on": dt.date(2009, 12, 31)}, ValueError, "before PP 53/2010"),
    ({"absence_days": 3, "on": "2024-01-01"}, TypeError, "must be a date"),
])
def test_invalid_input(kwargs, error, text):
    kwargs.setdefault("on", PP94)
    with pytest.raises(error, match=text):
        prescribed_sanction(**kwargs)


def test_ladder_codes_are_codebook_codes():
    cb = load_codebook()
    for row in _ladder():
        assert row["sanction_type"] in cb.codes("sanction_type")
        assert cb.sanction_level_for(row["sanction_type"]) == row["sanction_level"]


# ---------------------------------------------------------------- working-hours calendar

from asnresearch.regulation import (  # noqa: E402
    is_working_day,
    is_working_time,
    national_holidays,
    ramadan_days,
    working_days_between,
)


@pytest.mark.parametrize("stamp,expected", [
    (dt.datetime(2025, 12, 23, 10, 0), True),    # Tuesday morning
    (dt.datetime(2025, 12, 23, 7, 29), False),   # before 07.30
    (dt.datetime(2025, 12, 23, 12, 30), False),  # lunch rest
    (dt.datetime(2025, 12, 23, 15, 59), True),
    (dt.datetime(2025, 12, 23, 16, 0), False),   # Mon-Thu end 16.00
    (dt.datetime(2025, 4, 11, 9, 0), True),      # Friday morning (Kecamatan Diwek video)
    (dt.datetime(2025, 4, 11, 11, 45), False),   # Friday prayer break 11.30-13.00
    (dt.datetime(2025, 4, 11, 12, 59), False),
    (dt.datetime(2025, 4, 11, 16, 15), True),    # Friday ends 16.30
    (dt.datetime(2025, 12, 20, 10, 0), False),   # Saturday
    (dt.datetime(2025, 12, 21, 10, 0), False),   # Sunday
    (dt.datetime(2025, 8, 17, 10, 0), False),    # Independence Day (a Sunday)
    (dt.datetime(2025, 6, 6, 10, 0), False),     # Idul Adha, a Friday
    (dt.datetime(2025, 12, 26, 10, 0), False),   # Christmas cuti bersama
    (dt.datetime(2025, 3, 10, 7, 45), False),    # Ramadan: start 08.00
    (dt.datetime(2025, 3, 10, 8, 0), True),
    (dt.datetime(2025, 3, 10, 15, 15), False),   # Ramadan Mon-Thu end 15.00
    (dt.datetime(2025, 3, 14, 15, 15), True),    # Ramadan Friday end 15.30
    (dt.datetime(2025, 3, 14, 12, 0), False),    # Ramadan Friday rest
])
def test_is_working_time(stamp, expected):
    assert is_working_time(stamp) is expected


def test_holidays_come_from_the_holidays_package():
    hols = national_holidays(2024)
    assert dt.date(2024, 4, 10) in hols                       # Idul Fitri
    assert not is_working_day(dt.date(2024, 4, 10))
    assert is_working_day(dt.date(2024, 4, 16))               # first day back (Jombang apel)


def test_ramadan_window():
    assert ramadan_days(2025) == (dt.date(2025, 3, 1), dt.date(2025, 3, 30))
    # Idul Fitri 2021 (13 May) shares its date with Ascension Day in the holidays package
    assert ramadan_days(2021) == (dt.date(2021, 4, 13), dt.date(2021, 5, 12))


@pytest.mark.parametrize("year", range(2010, 2028))
def test_ramadan_window_exists_for_every_year_of_the_data(year):
    first, last = ramadan_days(year)
    assert (last - first).days == 29 and first.year == year


def test_working_days_between():
    monday, next_monday = dt.date(2025, 12, 1), dt.date(2025, 12, 8)
    assert working_days_between(monday, next_monday) == 5
    assert working_days_between(next_monday, monday) == -5
    assert working_days_between(monday, monday) == 0
    # Christmas week 2025: 25 (holiday) and 26 (cuti bersama) are off
    assert working_days_between(dt.date(2025, 12, 22), dt.date(2025, 12, 29)) == 3


def test_working_time_rejects_dates():
    with pytest.raises(TypeError, match="datetime"):
        is_working_time(dt.date(2025, 1, 6))
