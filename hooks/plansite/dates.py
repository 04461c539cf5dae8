"""Dates in each reader's convention: 20 May 2022 / 令和4年（2022年）5月20日, FY2019 / 令和元年度（2019年度）.

The one date formatter of the site: templates, feeds and pages all call it. The words
and their order are each language's labels (data/labels.yaml: month_1 ... month_12,
date_day, date_month, day_of_month, fiscal_year, period_*), handed over as `DateWords`;
this module only picks the pattern and fills it. A pattern with an {era} placeholder is
written in the Japanese calendar: the era (令和4年) comes from ERAS below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Sequence

from . import wording

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# Japanese eras and the day each began, newest first: the calendar itself, which the
# labels' {era} placeholder is filled from.
ERAS: list[tuple[dt.date, str]] = [
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
]

# The first day the site can write in the Japanese calendar: data checks refuse earlier dates.
EARLIEST = ERAS[-1][0]


@dataclass(frozen=True)
class DateWords:
    """The words and patterns one language writes dates with (data/labels.yaml)."""

    months: Sequence[str]  # month_1 ... month_12: January ... / 1月 ...
    date_day: str  # a day: {day} {month} {year}
    date_month: str  # a month without a day: {month} {year}
    day_of_month: str  # a day in a yearly period: {day} {month}
    fiscal_year: str  # FY{year}
    period_every_month: str  # a campaign over one month (or one day of it): every {month}
    period_days_of_month: str  # over days of one month: {first}–{last} {month} every year
    period_from_to: str  # from one day or month to another: {first} to {last} every year

    # The words of one language, from a function that gives a label's text in it.
    @classmethod
    def from_labels(cls, label: Callable[[str], str]) -> "DateWords":
        """DateWords from `label(key)`, the text of a label of data/labels.yaml in one language."""
        return cls(
            months=[label(f"month_{n}") for n in range(1, 13)],
            date_day=label("date_day"),
            date_month=label("date_month"),
            day_of_month=label("day_of_month"),
            fiscal_year=label("fiscal_year"),
            period_every_month=label("period_every_month"),
            period_days_of_month=label("period_days_of_month"),
            period_from_to=label("period_from_to"),
        )


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


# Format a date given as YYYY-MM-DD or YYYY-MM (or a date object) in a language's words.
def format_date(value: str | dt.date, words: DateWords) -> str:
    """A date (YYYY-MM-DD, YYYY-MM or a date object) as `words` write it: 20 May 2022, May 2019."""
    year, month, day = _parts(value)
    pattern = words.date_day if day else words.date_month
    # A month without a day takes the era of its first day.
    return _fill(pattern, dt.date(year, month, day or 1), year=year, month=words.months[month - 1], day=day or "")


# Format a fiscal year (April to March, named by the year it starts in).
def format_fiscal_year(year: int, words: DateWords) -> str:
    """A fiscal year (April to March, named by the year it starts in) as `words` write it."""
    # Government names a fiscal year by the era its calendar year ends in:
    # FY2019 began in Heisei but is 令和元年度, FY1989 is 平成元年度.
    return _fill(words.fiscal_year, dt.date(year, 12, 31), year=year)


# Format an awareness month's yearly period: 12–25 November; every July; February to May.
def format_period(start: tuple[int, int | None], end: tuple[int, int | None], words: DateWords) -> str:
    """An awareness month's yearly period, (month, day or None) to (month, day or None), as `words` write it."""
    (m1, d1), (m2, d2) = start, end
    if m1 == m2 and d1 and d2 and d1 != d2:
        return wording.fill(words.period_days_of_month, {"first": d1, "last": d2, "month": words.months[m1 - 1]})
    if (m1, d1) == (m2, d2):
        return wording.fill(words.period_every_month, {"month": _day_of_month(m1, d1, words)})
    return wording.fill(words.period_from_to, {"first": _day_of_month(m1, d1, words), "last": _day_of_month(m2, d2, words)})


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


# A day of a month in a yearly period (12 November), or the month alone (November).
def _day_of_month(month: int, day: int | None, words: DateWords) -> str:
    name = words.months[month - 1]
    return wording.fill(words.day_of_month, {"day": day, "month": name}) if day else name


# A date pattern filled, with the era of `when` where the pattern writes one.
def _fill(pattern: str, when: dt.date, **values: object) -> str:
    if "era" in wording.placeholders(pattern):
        values["era"] = _era_year(when)
    return wording.fill(pattern, values)


# 令和4年, 令和元年, 平成31年: the era and the year within it.
def _era_year(date: dt.date) -> str:
    for start, name in ERAS:
        if date >= start:
            number = date.year - start.year + 1
            return f"{name}{'元' if number == 1 else number}年"
    raise ValueError(f"no Japanese era known for {date.isoformat()}")
