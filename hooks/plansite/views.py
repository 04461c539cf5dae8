"""The arithmetic behind the pages' tables and blocks, done here rather than in Jinja.

Pure functions from the catalogue's objects to plain values that the templates in
hooks/templates/ lay out: the ministry x pillar matrix, the awareness calendar's
parts of months, the help block's direct lines and their `tel:` addresses, files'
sizes, and the translation-status page's counts.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from math import ceil

from .model import Campaign, Catalogue, Hotline, Ministry, Pillar, Plan

# How many shades the matrix uses for non-zero counts (components.css: .shade-1 to .shade-4).
SHADES = 4

# A leap year, so that a campaign may run to 29 February.
_YEAR = 2024

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    """One cell of the matrix: a ministry's measures in one pillar."""

    pillar: Pillar
    count: int
    shade: int  # 0 for an empty cell, else 1..SHADES


@dataclass(frozen=True)
class MatrixRow:
    """One ministry's counts, one per pillar in the plan's order, and its total."""

    ministry: Ministry
    counts: list[int]
    shades: list[int]  # 0 for an empty cell, else 1..SHADES
    total: int
    pillars: list[Pillar]

    # The row's cells with their pillar, for the template to lay out without indexing.
    @property
    def cells(self) -> list[MatrixCell]:
        """The row's cells in the plan's order of pillars, each with its pillar, count and shade."""
        return [MatrixCell(*cell) for cell in zip(self.pillars, self.counts, self.shades)]


@dataclass(frozen=True)
class Matrix:
    """Measures per ministry and pillar of one plan; a measure counts for each of its ministries."""

    pillars: list[Pillar]
    rows: list[MatrixRow]
    most: int  # the largest count in a cell (at least 1)

    # The count that each shade starts at, for the legend: [(shade, lowest, highest), ...].
    @property
    def legend(self) -> list[tuple[int, int, int]]:
        """The legend's rows: (shade, lowest count, highest count)."""
        steps = []
        for shade in range(1, SHADES + 1):
            counts = [n for n in range(1, self.most + 1) if shade_of(n, self.most) == shade]
            if counts:
                steps.append((shade, counts[0], counts[-1]))
        return steps


@dataclass(frozen=True)
class TranslationCounts:
    """How many of a plan's measures have official Japanese, a reference translation, or English only."""

    official: int
    reference: int
    english_only: int


@dataclass(frozen=True)
class Span:
    """The part of one calendar month during which a campaign runs (days inclusive)."""

    month: int
    first_day: int
    last_day: int
    days_in_month: int
    starts: bool  # the campaign begins in this month
    ends: bool  # the campaign ends in this month

    @property
    def whole(self) -> bool:
        """Whether the span covers its whole month."""
        return self.first_day == 1 and self.last_day == self.days_in_month

    # Where the part begins and ends, as percentages of the month's width.
    @property
    def left(self) -> int:
        """Where the span begins, as a percentage of the month's width."""
        return round((self.first_day - 1) * 100 / self.days_in_month)

    @property
    def width(self) -> int:
        """How wide the span is, as a percentage of the month's width."""
        return round(self.last_day * 100 / self.days_in_month) - self.left


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The shade (1..SHADES) of a non-zero count, in equal steps of the largest count; 0 stays 0.
def shade_of(n: int, most: int) -> int:
    """Shade a count: 0 for none, else 1..SHADES, proportional to `most` (the largest count)."""
    return min(SHADES, ceil(n * SHADES / max(most, 1))) if n > 0 else 0


# The ministry x pillar matrix of a plan, with totals and shades.
def matrix(catalogue: Catalogue, plan: Plan) -> Matrix:
    """Count the plan's measures per ministry (rows, in data order) and pillar (columns).

    A measure with several ministries counts once for each; a ministry's total is its
    number of measures in the plan (not the sum of a row, which is the same, as each
    measure has one pillar). Ministries without measures in the plan keep their row.
    """
    counts = [[sum(1 for m in pillar.measures if ministry in m.ministries) for pillar in plan.pillars] for ministry in catalogue.ministries]
    most = max([n for row in counts for n in row] + [1])
    rows = [
        MatrixRow(ministry, row, [shade_of(n, most) for n in row], len(catalogue.measures_of(ministry, plan)), list(plan.pillars))
        for ministry, row in zip(catalogue.ministries, counts)
    ]
    return Matrix(list(plan.pillars), rows, most)


# The parts of calendar months (1-12, in the order of the year) in which a campaign runs.
def spans(campaign: Campaign) -> list[Span]:
    """Split a campaign's yearly period into one Span per calendar month it touches.

    `campaign.start` and `campaign.end` are (month, day or None); a missing day means the
    month's first (start) or last (end) day. A period may wrap past December.
    """
    first_month, first_day = campaign.start
    last_month, last_day = campaign.end
    found = []
    for m in campaign.months:
        days = _calendar.monthrange(_YEAR, m)[1]
        starts, ends = m == first_month, m == last_month
        found.append(
            Span(
                month=m,
                first_day=(first_day or 1) if starts else 1,
                last_day=(last_day or days) if ends else days,
                days_in_month=days,
                starts=starts,
                ends=ends,
            )
        )
    return sorted(found, key=lambda s: s.month)


# A campaign's parts of months by month number, for a row of the calendar.
def spans_by_month(campaign: Campaign) -> dict[int, Span]:
    """The Span of each calendar month (1-12) the campaign touches; months it misses are absent."""
    return {span.month: span for span in spans(campaign)}


# Every campaign's part of each month: {month number: [(campaign, span), ...]} for 1..12.
def by_month(campaigns: list[Campaign]) -> dict[int, list[tuple[Campaign, Span]]]:
    """The calendar turned round: for each month of the year, the campaigns running in it."""
    table: dict[int, list[tuple[Campaign, Span]]] = {m: [] for m in range(1, 13)}
    for campaign in campaigns:
        for span in spans(campaign):
            table[span.month].append((campaign, span))
    return table


# The services someone in danger calls directly: the national three-digit numbers (110, 189).
def direct_lines(catalogue: Catalogue) -> list[Hotline]:
    """The hotlines whose number is a national three-digit number, dialled as is, in data order."""
    return [h for h in catalogue.hotlines if h.number and re.fullmatch(r"[0-9]{3}", h.number)]


# A file's size as Japanese government sites and GOV.UK write it: 1.2 MB, 340 KB.
def file_size(size: int) -> tuple[str, str]:
    """The label (size_mb or size_kb) and the number to fill it with, for `size` bytes."""
    if size >= 1024 * 1024:
        return "size_mb", f"{size / 1024 / 1024:.1f}"
    return "size_kb", str(ceil(size / 1024))


# The translation-status page's row for one plan.
def translation_counts(plan: Plan) -> TranslationCounts:
    """Count the plan's measures by the state of their Japanese."""
    done = [m for m in plan.measures if m.translated]
    return TranslationCounts(
        official=sum(1 for m in done if m.ja_status == "official"),
        reference=sum(1 for m in done if m.ja_status == "reference"),
        english_only=len(plan.measures) - len(done),
    )
