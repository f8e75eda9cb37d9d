"""When: the publication date and the incident date, and every date of the text.

Dates are read in the forms "Selasa (23/12/2025)", "(Jumat, 7/3/2025)", "kemarin (20/3)",
"23 Desember 2025", "Agustus 2025" and "tahun anggaran 2023". The publication date is the
``published`` argument, else a date in the dateline or on a short date line near the top
(the page's), else the latest full date in the text (at a low confidence: on real news the
page mostly came out days later, or its date was not stated). "Kemarin", "pekan lalu" and a
weekday alone ("pada Senin") are resolved against the publication date (the codebook's
``relative`` dates); a weekday alone dates the incident only after a word of the incident.
The incident date is the earliest date up to publication (a date without its year takes the
year that puts it on or before publication), cut to the precision stated; ``unknown`` when
the text says the time is not known. A day that only dates a statement, a report (an
interview, a post, a letter: the codebook's ``report_words``) or the page itself dates the
incident to its year (coders date an undated incident so; rule A2 never takes the surfacing
date for the incident's), or to its month when the case came out through an arrest.

Examples
--------
>>> from asnresearch.extract.text import layout_text
>>> text = "Dua ASN bolos, Rabu (5/11). Bupati menegur mereka pada 7 November 2025."
>>> fields, dates = extract_dates(text, layout_text(text), "2025-11-08")
>>> fields["incident_date"].value, [d.iso for d in dates]
('2025-11-05', ['2025-11-05', '2025-11-07'])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from asnresearch.extract.cues import UNKNOWN, Field, load_cues
from asnresearch.extract.text import HEADLINE_WEIGHT, Layout

__all__ = ["Date", "find_dates", "resolve_dates", "relative_dates", "read_published",
           "extract_dates"]

_DATELINE_DASH = re.compile(r"\s[-–—]\s")


@dataclass(frozen=True)
class Date:
    """A date of the text: the first day of its period, its precision (day, month or year),
    its span and whether its year was written."""

    start: dt.date
    precision: str
    span: tuple[int, int]
    year_stated: bool
    weekday_only: bool = False  # "pada Senin": dates a step, the incident only with a cue

    @property
    def iso(self) -> str:
        """The date cut to its precision: ``2025-11-05``, ``2025-11`` or ``2025``."""
        return {"day": self.start.isoformat(), "month": self.start.isoformat()[:7],
                "year": str(self.start.year)}[self.precision]


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple]:
    """Every date mention in text order: (year or None, month, day, precision, span)."""
    cues = load_cues()
    found = []
    for m in cues.numeric_date.finditer(text):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        year = int(year) + (2000 if len(year) == 2 else 0) if year else None
        found.append((year, int(month), int(day), "day", m.span()))
    for m in cues.text_date.finditer(text):
        found.append((int(m[3]), cues.months[m[2].lower()], int(m[1]) if m[1] else 1,
                      "day" if m[1] else "month", m.span()))
    for m in cues.budget_year.finditer(text):
        found.append((int(m[1]), 1, 1, "year", m.span(1)))
    return sorted(found, key=lambda d: d[4][0])


def resolve_dates(mentions: list[tuple], published: dt.date | None, *,
                  lower_bound: bool = False) -> list[Date]:
    """Valid dates of the mentions. A day and month without a year take the year that puts
    them on or before publication ("(20/3)" read in early January is last year's); without
    a publication date they are left out. With ``lower_bound`` the date given is only the
    latest date of the text (publication came on or after it), and a day without its year
    takes the year that puts it nearest that date.

    Examples
    --------
    >>> mentions = find_dates("Ditangkap Minggu (18/2/2024), diperiksa Kamis (22/2).")
    >>> [d.iso for d in resolve_dates(mentions, dt.date(2024, 2, 18), lower_bound=True)]
    ['2024-02-18', '2024-02-22']
    """
    out = []
    for year, month, day, precision, span in mentions:
        stated = year is not None
        if not stated:
            if published is None:
                continue
            years = (published.year - 1, published.year, published.year + 1) if lower_bound \
                else (published.year, published.year - 1)
            dates = [d for d in (_make_date(y, month, day) for y in years)
                     if d and (lower_bound or d <= published)]
            date = min(dates, key=lambda d: abs(d - published)) if dates else None
        else:
            date = _make_date(year, month, day)
        if date:
            out.append(Date(date, precision, span, stated))
    return out


def relative_dates(text: str, published: dt.date | None) -> list[Date]:
    """Dates said relative to publication ("kemarin", "pekan lalu", "pada Senin"), with the
    precision the codebook's ``relative`` dates allow; none without a publication date.

    Examples
    --------
    >>> [d.iso for d in relative_dates("Ia bolos pada Senin, lalu kemarin.", dt.date(2025, 4, 11))]
    ['2025-04-07', '2025-04-10']
    """
    if published is None:
        return []
    cues = load_cues()
    out = []
    for m in cues.relative_date.finditer(text):
        if m["rel"]:
            days, precision = cues.relative[" ".join(m["rel"].lower().split())]
        else:
            weekday = next(i for i, w in enumerate(cues.weekdays)
                           if re.fullmatch(w, m["day"], re.IGNORECASE))
            days, precision = (published.weekday() - weekday - 1) % 7 + 1, "day"
        start = published - dt.timedelta(days=days)
        start = {"day": start, "month": start.replace(day=1),
                 "year": start.replace(month=1, day=1)}[precision]
        out.append(Date(start, precision, m.span(), False, weekday_only=not m["rel"]))
    return out


def _dateline_end(text: str, layout: Layout) -> int:
    """End of the dateline ("KOTA, Outlet (d/m/y) -"): the first dash of the first body
    paragraph, if it comes early."""
    paragraphs = layout.paragraphs
    body = paragraphs[1] if len(paragraphs) > 1 and paragraphs[0][2] == HEADLINE_WEIGHT \
        else (paragraphs[0] if paragraphs else (0, 0, 1))
    m = _DATELINE_DASH.search(text, body[0], min(body[1], body[0] + 120))
    return m.start() if m else -1


def read_published(value) -> dt.date | None:
    """A publication date given as a date, a datetime or ``YYYY-MM-DD`` text (None stays
    None).

    Raises
    ------
    ValueError
        When ``value`` is none of these.

    Examples
    --------
    >>> read_published("2025-11-06T08:00")
    datetime.date(2025, 11, 6)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"published must be a date or YYYY-MM-DD, got {value!r}") from None


def extract_dates(text: str, layout: Layout, published, found: dict | None = None
                  ) -> tuple[dict[str, Field], list[Date]]:
    """The publication and incident dates (``published_date``, ``incident_date``,
    ``incident_date_precision``), and every date of the text (for dating steps). A day that
    dates a statement (given the cue matches, ``found``), a report or the page, without a
    word of the incident near it, dates the incident only to its year, or to its month when
    an arrest surfaced the case (``found``'s ``caught_in_act`` cues).

    Examples
    --------
    >>> from asnresearch.extract.text import layout_text
    >>> text = "Kasus itu dibenarkan Kepala BKPSDM saat ditemui, Senin (3/3/2025)."
    >>> fields, _ = extract_dates(text, layout_text(text), "2025-03-04")
    >>> fields["incident_date"].value, fields["incident_date_precision"].value
    ('2025', 'year')
    """
    cues = load_cues()
    given = read_published(published)
    mentions = find_dates(text)
    page_lines = _date_lines(text, layout, mentions)
    lower_bound = False  # publication is only known to come on or after pub_date
    if given is not None:
        pub = Field(given.isoformat(), 1.0, None)
        pub_date = given
    else:
        stated = resolve_dates([m for m in mentions if m[0] is not None], None)
        days = [d for d in stated if d.precision == "day"]
        in_dateline = [d for d in days if _in_date_line(d, page_lines)]
        if in_dateline:
            pub = Field(in_dateline[0].iso, 0.9, in_dateline[0].span)
            pub_date = in_dateline[0].start
        elif days:
            # no date line: the latest full date, the day of the last statement reported, at
            # a low confidence (on real news the publication date mostly came days later, or
            # coders found it not stated); a day without its year takes the year that puts
            # it nearest that date, publication coming on or after it
            latest = max(days, key=lambda d: (d.start, -d.span[0]))
            pub, pub_date = Field(latest.iso, 0.2, latest.span), latest.start
            lower_bound = True
        else:
            pub, pub_date = Field(UNKNOWN, 0.0, None), None
    out = {"published_date": pub}
    dates = sorted(resolve_dates(mentions, pub_date, lower_bound=lower_bound)
                   + relative_dates(text, pub_date), key=lambda d: d.span[0])
    bound = None if lower_bound else pub_date  # no incident after publication
    before = [d for d in dates if (bound is None or d.start <= bound) and not (
        d.weekday_only and not cues.incident_word.search(text, max(0, d.span[0] - 80),
                                                         d.span[0]))
              and not cues.other_cases.search(text, *layout.sentence_of(d.span[0]))]
    # a relative period that holds a finer date of the text says less than it ("pekan
    # lalu" and "Senin (24/2)")
    before = [d for d in before if d.year_stated or d.precision == "day" or not any(
        o.precision != d.precision and o.iso.startswith(d.iso) for o in before)]
    unknown = cues.unknown_when.search(text)
    if unknown or not before:
        span = unknown.span() if unknown else None
        out["incident_date"] = Field(UNKNOWN, 0.8 if unknown else 0.0, span)
        out["incident_date_precision"] = Field(UNKNOWN, 0.8 if unknown else 0.0, span)
        return out, dates
    precision_rank = {"day": 0, "month": 1, "year": 2}
    # the page's own date stated again in the body is judged where the body states it
    earliest = min(before, key=lambda d: (d.start, precision_rank[d.precision],
                                          _in_date_line(d, page_lines), d.span[0]))
    cue = cues.incident_word.search(text, max(0, earliest.span[0] - 80), earliest.span[0])
    if not cue and earliest.precision == "day" and (
            _dates_a_step(text, layout, earliest, found) or _in_date_line(earliest, page_lines)):
        # the day of a statement, a report or the page: the incident came on or before it,
        # so only its year is known (never the statement's day as the incident's; coders
        # date an undated incident by its year), or its month when the case came out
        # through an arrest, which catches the act and is reported within days
        arrest = bool(found) and any(code in cues.caught_in_act
                                     for code, _ in found["surfaced_via"])
        start = earliest.start.replace(day=1) if arrest else earliest.start.replace(month=1,
                                                                                   day=1)
        earliest = Date(start, "month" if arrest else "year", earliest.span,
                        earliest.year_stated)
        confidence = 0.4  # right about four times in ten on real news
    else:
        confidence = 0.9 if cue else 0.5 if pub_date == earliest.start else 0.7
    out["incident_date"] = Field(earliest.iso, confidence, earliest.span)
    out["incident_date_precision"] = Field(earliest.precision, confidence, earliest.span)
    return out, dates


def _date_lines(text: str, layout: Layout, mentions: list[tuple]
                ) -> tuple[int, list[tuple[int, int]]]:
    """Where the page states its own date: the end of the dateline ("KOTA, Outlet (d/m/y)
    -"; -1 without one) and the short lines near the top with few words besides their dates
    ("Kamis, 9 Januari 2025 - 14:55 WIB", "Jumat (30/1/2025).", not the sentence "Ia bolos
    Senin (7/4).")."""
    def is_date_line(start: int, end: int) -> bool:
        words = len(text[start:end].split()) - sum(
            len(text[a:b].split()) for _, _, _, _, (a, b) in mentions if start <= a < end)
        return words <= 1 or words <= 5 and not text[start:end].rstrip().endswith(".")

    lines = [(start, end) for start, end, _ in layout.paragraphs[:3]
             if end - start <= 60 and is_date_line(start, end)]
    return _dateline_end(text, layout), lines


def _in_date_line(date: Date, page_lines: tuple[int, list[tuple[int, int]]]) -> bool:
    """Whether ``date`` is the page's own date (in its dateline or a date line)."""
    dateline_end, lines = page_lines
    return date.span[0] < dateline_end or any(start <= date.span[0] < end
                                              for start, end in lines)


def _dates_a_step(text: str, layout: Layout, date: Date, found: dict | None) -> bool:
    """Whether ``date`` dates a statement or a report: a verb of speech ("kata Wabup, Selasa
    (23/12/2025)") or a word of the codebook's ``report_words`` ("saat ditemui", "diunggah
    pada") shortly before it in its sentence."""
    start, _ = layout.sentence_of(date.span[0])
    start = max(start, date.span[0] - 80)
    if load_cues().report_word.search(text, start, date.span[0]):
        return True
    return bool(found) and any(start <= span[0] < date.span[0] for _, span in found["speech"])
