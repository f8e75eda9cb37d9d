"""The discipline rules as code: the absence ladders of PP 94/2021 and PP 53/2010.

The ladders live in ``data/reference/absence_ladder.csv``, read through
:func:`asnresearch.io.load_reference` (checksum and codebook schema); every row carries its
legal basis, a confidence mark and source URLs. Where sources are uncertain the table says so:

- The ayat and huruf of PP 94/2021 for the ringan and sedang bands (Pasal 9, Pasal 10 ayat (2))
  are not verified against the official PDF; the thresholds are, by five independent quotations.
- The transitional rule of Peraturan BKN 6/2022, which replaces the three tunjangan-kinerja cuts
  by PP 53/2010-type sanctions until the PNS pay regulation takes effect, is reported by news and
  transcriptions only; whether it still applies after 2024 was not found (``uncertain``).
- For dismissal, UU 20/2023 Pasal 52 ayat (4) classes dismissal for a berat breach as PTDH while
  PP 94/2021 prescribes PDHTAPS; the ladder follows PP 94/2021.

Absence is counted in working days, cumulatively to the end of the calendar year (PP 94/2021
Pasal 15 ayat (1)); 10 consecutive working days without valid reason is its own rule.

Examples
--------
>>> import datetime as dt
>>> s = prescribed_sanction(absence_days=12, on=dt.date(2024, 3, 1))
>>> s.level, s.type, s.duration_months
('sedang', 'potong_tukin_6', 6)
>>> s.transitional_substitute.type
'penundaan_kgb'
>>> prescribed_sanction(absence_days=12, on=dt.date(2019, 3, 1)).type
'pernyataan_tidak_puas'
>>> prescribed_sanction(absence_days=2, on=dt.date(2024, 3, 1)) is None
True
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from numbers import Integral

from asnresearch.codebook import WorkingHours, load_codebook
from asnresearch.io import load_reference

__all__ = [
    "PP53_IN_FORCE", "PP94_IN_FORCE", "PrescribedSanction", "regime_on", "prescribed_sanction",
    "national_holidays", "ramadan_days", "is_working_day", "is_working_time",
    "working_days_between", "sanction_severity",
]

PP53_IN_FORCE = dt.date(2010, 6, 6)
PP94_IN_FORCE = dt.date(2021, 8, 31)


@dataclass(frozen=True)
class PrescribedSanction:
    """A sanction a rule prescribes, with the rule that prescribes it."""

    level: str
    type: str
    duration_months: int | None
    legal_basis: str
    rule_id: str
    regime: str
    confidence: str
    source_url: str
    transitional_substitute: PrescribedSanction | None = None


@functools.cache
def _ladder() -> tuple[dict, ...]:
    """The ladder's rows (blank bounds and durations as None), checksummed and validated
    against the codebook by :func:`asnresearch.io.load_reference`."""
    frame = load_reference("absence_ladder").astype(object)
    return tuple(frame.where(frame.notna(), None).to_dict("records"))


def _to_sanction(row: dict[str, str], substitute: PrescribedSanction | None = None):
    return PrescribedSanction(
        level=row["sanction_level"],
        type=row["sanction_type"],
        duration_months=int(row["duration_months"]) if row["duration_months"] else None,
        legal_basis=row["legal_basis"],
        rule_id=row["rule_id"],
        regime=row["regime"],
        confidence=row["confidence"],
        source_url=row["source_url"],
        transitional_substitute=substitute,
    )


def regime_on(on: dt.date) -> str:
    """The discipline regulation in force on a date: ``pp53`` or ``pp94``.

    PP 53/2010 applies from 6 June 2010; PP 94/2021 from 31 August 2021.

    Examples
    --------
    >>> regime_on(dt.date(2021, 8, 30)), regime_on(dt.date(2021, 8, 31))
    ('pp53', 'pp94')
    """
    if isinstance(on, dt.datetime):
        on = on.date()
    if not isinstance(on, dt.date):
        raise TypeError(f"on must be a date, got {type(on).__name__} {on!r}")
    if on < PP53_IN_FORCE:
        raise ValueError(
            f"on={on.isoformat()} is before PP 53/2010 took effect ({PP53_IN_FORCE.isoformat()});"
            " the toolkit does not encode PP 30/1980"
        )
    return "pp94" if on >= PP94_IN_FORCE else "pp53"


def _check_days(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be a whole number of working days, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return int(value)


def prescribed_sanction(
    *, absence_days: int, consecutive_days: int = 0, on: dt.date
) -> PrescribedSanction | None:
    """The sanction the absence ladder prescribes.

    Parameters
    ----------
    absence_days : int
        Working days absent without valid reason, counted cumulatively in the calendar year.
    consecutive_days : int, default 0
        Longest run of consecutive working days absent (the 10-day rule of PP 94/2021).
    on : datetime.date
        Date of the breach; it selects PP 53/2010 (before 31 Aug 2021) or PP 94/2021.

    Returns
    -------
    PrescribedSanction or None
        None when the days stay below the first band (3 days under PP 94/2021, 5 under
        PP 53/2010). Under PP 94/2021 the sedang tukin cuts carry their transitional substitute.

    Raises
    ------
    TypeError, ValueError
        For non-integer or negative days, or a date before PP 53/2010.

    Examples
    --------
    >>> prescribed_sanction(absence_days=10, consecutive_days=10, on=dt.date(2025, 1, 6)).type
    'pdhtaps'
    >>> prescribed_sanction(absence_days=-1, on=dt.date(2025, 1, 6))
    Traceback (most recent call last):
    ...
    ValueError: absence_days must be >= 0, got -1
    """
    days = _check_days("absence_days", absence_days)
    run = _check_days("consecutive_days", consecutive_days)
    if run > days:
        raise ValueError(
            f"consecutive_days ({run}) cannot exceed the year's absence_days ({days})"
        )
    regime = regime_on(on)
    rows = [r for r in _ladder() if r["regime"] == regime]
    substitutes = {r["substitute_for"]: r for r in rows if r["substitute_for"]}

    def match(count: str, value: int) -> dict[str, str] | None:
        for r in rows:
            if r["count"] != count or r["substitute_for"]:
                continue
            hi = int(r["max_days"]) if r["max_days"] else None
            if value >= int(r["min_days"]) and (hi is None or value <= hi):
                return r
        return None

    consecutive = match("consecutive", run)
    row = consecutive or match("cumulative", days)
    if row is None:
        return None
    sub = substitutes.get(row["rule_id"])
    return _to_sanction(row, _to_sanction(sub) if sub else None)


# ----------------------------------------------------------------------------- working time
#
# The working hours of Perpres 21/2023 by day of the week, normal and in Ramadan, are the
# codebook's (rules.working_hours, with their sources); this calendar adds the holidays.


@functools.cache
def _day_hours(codebook, weekday: int, ramadan: bool) -> WorkingHours | None:
    return codebook.working_hours(weekday, ramadan=ramadan)


@functools.cache
def _holidays(year: int) -> dict[dt.date, str]:
    import holidays

    public = holidays.Indonesia(years=year)
    joint = holidays.Indonesia(years=year, categories=("government",))
    return {**dict(public.items()), **dict(joint.items())}


def national_holidays(year: int) -> dict[dt.date, str]:
    """National holidays and joint leave days (cuti bersama) of one year.

    From the maintained ``holidays`` package (``holidays.Indonesia``, categories public and
    government). Cuti bersama count as days off for ASN.

    Examples
    --------
    >>> hols = national_holidays(2025)
    >>> hols[dt.date(2025, 8, 17)]
    'Independence Day'
    >>> dt.date(2025, 4, 2) in hols  # Idul Fitri joint leave
    True
    """
    return dict(_holidays(year))


@functools.cache
def ramadan_days(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of Ramadan in a Gregorian year, as the calendar counts them.

    Taken as the 30 days before Idul Fitri (1 Syawal) in ``holidays.Indonesia``. Ramadan has
    29 or 30 days and the government's first day (sidang isbat) can fall a day later than
    this, so the first day is uncertain by one day.

    Examples
    --------
    >>> ramadan_days(2025)
    (datetime.date(2025, 3, 1), datetime.date(2025, 3, 30))
    """
    # names of coinciding holidays are joined by "; " (2021: Ascension Day; Eid al-Fitr), and
    # dates the package has not yet seen decreed carry " (estimated)" (2026)
    eid = min(d for d, name in _holidays(year).items()
              if "Eid al-Fitr" in (n.removesuffix(" (estimated)") for n in name.split("; ")))
    return eid - dt.timedelta(days=30), eid - dt.timedelta(days=1)


def is_working_day(day: dt.date) -> bool:
    """A day with working hours in the codebook (Monday to Friday) that is neither a national
    holiday nor cuti bersama.

    Examples
    --------
    >>> is_working_day(dt.date(2025, 4, 11)), is_working_day(dt.date(2025, 4, 12))
    (True, False)
    """
    day = _as_date(day)
    return (_day_hours(load_codebook(), day.weekday(), False) is not None
            and day not in _holidays(day.year))


def is_working_time(timestamp: dt.datetime) -> bool:
    """Whether a local clock time falls in ASN working hours (Perpres 21/2023).

    Parameters
    ----------
    timestamp : datetime.datetime or pandas.Timestamp
        Local time (WIB, WITA or WIT as where the incident happened), naive.

    Examples
    --------
    >>> is_working_time(dt.datetime(2025, 12, 22, 10, 0))   # Monday morning
    True
    >>> is_working_time(dt.datetime(2025, 12, 19, 12, 0))   # Friday prayer break
    False
    >>> is_working_time(dt.datetime(2025, 3, 10, 7, 45))    # Ramadan starts at 08.00
    False
    """
    if not isinstance(timestamp, dt.datetime):
        raise TypeError(f"timestamp must be a datetime, got {type(timestamp).__name__}")
    day = timestamp.date()
    if not is_working_day(day):
        return False
    first, last = ramadan_days(day.year)
    hours = _day_hours(load_codebook(), day.weekday(), first <= day <= last)
    return hours is not None and hours.covers(dt.time(timestamp.hour, timestamp.minute))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Number of working days from ``start`` (counted) up to ``end`` (not counted).

    Negative when ``end`` comes before ``start``, like ``numpy.busday_count``.

    Examples
    --------
    >>> working_days_between(dt.date(2025, 3, 27), dt.date(2025, 4, 10))  # Lebaran break
    3
    """
    start, end = _as_date(start), _as_date(end)
    if end < start:
        return -working_days_between(end, start)
    return sum(
        is_working_day(start + dt.timedelta(days=i)) for i in range((end - start).days)
    )


def _as_date(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a date, got {type(value).__name__} {value!r}")
    return value


# ----------------------------------------------------------------------------- severity scale


def sanction_severity(sanction_type: str) -> int | None:
    """Rank of a sanction on the shared ordinal scale of PP 94/2021 and PP 53/2010 (the
    codebook's ``rules.severity``, where the ranks are explained), or None when it has no rank.

    Examples
    --------
    >>> sanction_severity("teguran_lisan") < sanction_severity("potong_tukin_6")
    True
    >>> sanction_severity("penundaan_kgb") == sanction_severity("potong_tukin_6")
    True
    >>> sanction_severity("discipline_unspecified") is None
    True
    """
    return load_codebook().severity(sanction_type)
