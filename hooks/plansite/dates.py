"""Dates in each reader's convention: 20 May 2022 / 令和4年（2022年）5月20日, FY2019 / 令和元年度（2019年度）.

The one date formatter of the site: templates, feeds and pages all call it.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from .languages import uses_japanese_calendar

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# Japanese eras and the day each began, newest first.
ERAS: list[tuple[dt.date, str]] = [
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
]

# The first day the site can write in the Japanese calendar: data checks refuse earlier dates.
EARLIEST = ERAS[-1][0]


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Whether a date (YYYY-MM-DD or YYYY-MM, or text that is no date at all) lies before EARLIEST.
def too_early(value: object) -> bool:
    """True for a well-formed date before the first era in ERAS."""
    try:
        year, month, day = _parts(str(value))
        return dt.date(year, month, day or 1) < EARLIEST
    except (ValueError, TypeError):
        return False


# Format a date given as YYYY-MM-DD or YYYY-MM (or a date object) for a language whose
# month names (January ... / 1月 ..., data/labels.yaml month_1 ...) are `months`.
def format_date(value: str | dt.date, lang: str, months: Sequence[str]) -> str:
    """Format a date given as YYYY-MM-DD or YYYY-MM (or a date object) for a language whose month names ..."""
    year, month, day = _parts(value)
    if uses_japanese_calendar(lang):
        # A month without a day takes the era of its first day.
        era = _era_year(dt.date(year, month, day or 1))
        return f"{era}（{year}年）{months[month - 1]}" + (f"{day}日" if day else "")
    return (f"{day} " if day else "") + f"{months[month - 1]} {year}"


# Format a fiscal year (April to March, named by the year it starts in).
def format_fiscal_year(year: int, lang: str) -> str:
    """Format a fiscal year (April to March, named by the year it starts in)."""
    if uses_japanese_calendar(lang):
        # Government names a fiscal year by the era its calendar year ends in:
        # FY2019 began in Heisei but is 令和元年度, FY1989 is 平成元年度.
        return f"{_era_year(dt.date(year, 12, 31))}度（{year}年度）"
    return f"FY{year}"


# Format an awareness month's yearly period: 12–25 November; every July; February to May.
def format_period(start: tuple[int, int | None], end: tuple[int, int | None], lang: str, months: Sequence[str]) -> str:
    """Format an awareness month's yearly period: 12–25 November; every July; February to May."""
    (m1, d1), (m2, d2) = start, end
    if uses_japanese_calendar(lang):
        first = months[m1 - 1] + (f"{d1}日" if d1 else "")
        if (m1, d1) == (m2, d2):
            return f"毎年{first}"
        if m1 == m2 and d1 and d2:
            return f"毎年{first}～{d2}日"
        if m1 == m2:
            return f"毎年{first}"
        return f"毎年{first}～{months[m2 - 1]}" + (f"{d2}日" if d2 else "")
    if m1 == m2 and d1 and d2:
        return f"{d1}–{d2} {months[m1 - 1]} every year"
    if m1 == m2:
        return f"every {months[m1 - 1]}"
    first = (f"{d1} " if d1 else "") + months[m1 - 1]
    last = (f"{d2} " if d2 else "") + months[m2 - 1]
    return f"{first} to {last} every year"


# A date as the ISO text used in machine-readable places (<time datetime>, feeds).
def iso(value: str | dt.date) -> str:
    """The date as ISO 8601 text (YYYY-MM-DD or YYYY-MM), for machines."""
    year, month, day = _parts(value)
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _parts(value: str | dt.date) -> tuple[int, int, int | None]:
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    pieces = [int(piece) for piece in str(value).split("-")]
    if len(pieces) == 2:
        dt.date(pieces[0], pieces[1], 1)
        return pieces[0], pieces[1], None
    date = dt.date(*pieces)
    return date.year, date.month, date.day


# 令和4年, 令和元年, 平成31年: the era and the year within it.
def _era_year(date: dt.date) -> str:
    for start, name in ERAS:
        if date >= start:
            number = date.year - start.year + 1
            return f"{name}{'元' if number == 1 else number}年"
    raise ValueError(f"no Japanese era known for {date.isoformat()}")
