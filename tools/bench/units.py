"""Figures as the report writes them (– when not measured)."""

from __future__ import annotations

from typing import Any


# Seconds, two decimals.
def s(value: float | None) -> str:
    """Seconds as `1.23 s`."""
    return "–" if value is None else f"{value:.2f} s"


# Bytes in MiB.
def mib(value: int | None) -> str:
    """Bytes as `12 MiB`."""
    return "–" if value is None else f"{value / 2**20:.0f} MiB"


# Bytes in KB (1,000 bytes).
def kb(value: int | None) -> str:
    """Bytes as `12.3 KB` (1,000 bytes)."""
    return "–" if value is None else f"{value / 1000:.1f} KB"


# Bytes in MB (1,000,000 bytes).
def mb(value: int | None) -> str:
    """Bytes as `1.2 MB` (1,000,000 bytes)."""
    return "–" if value is None else f"{value / 1e6:.1f} MB"


# A share as a percentage.
def pct(value: float | None) -> str:
    """A share as `12.3%`."""
    return "–" if value is None else f"{value:.1%}"


# A Markdown table, with a blank line after it.
def table(head: list[str], rows: list[list[Any]]) -> list[str]:
    """Lines of a Markdown table; `|` in cells escaped."""
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return lines + [""]
