"""Accessibility test results (data/accessibility-results.yaml): what each success criterion's
result is, from what the automated checks found and what a person recorded.

Pure: from the data as loaded to results; tools/a11y_results.py writes the automated part
and the template of the test-results page shows the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .links import page_url
from .model import Text

# The results in the order the page counts them (WAIC's notation: 適合, 適合（注記）,
# 不適合, 適用なし, 未検証).
RESULTS = ["passed", "passed_with_note", "failed", "not_applicable", "not_tested"]

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass
class Row:
    """One success criterion as the test-results page shows it."""

    id: str
    level: str
    name: Text
    result: str
    method: str | None  # 'automated', 'manual' or None
    tools: list[str]
    decides: str | None
    failures: list[dict[str, Any]] = field(default_factory=list)
    date: str | None = None  # of a person's check
    note: Text | None = None


@dataclass
class Results:
    """The test results: when and how tested, on which pages, and every criterion."""

    tested: str
    tools: list[dict[str, str]]
    languages: list[str]
    pages: list[tuple[str, str]]  # (source path, address within a language's folder)
    rows: list[Row]
    counts: dict[str, int]
    conformance: str


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The results as the page shows them, from the data file as loaded.
def view(data: dict[str, Any]) -> Results:
    """The results as the page shows them, from the data file as loaded."""
    rows = []
    for criterion in data["criteria"]:
        auto = criterion.get("automated") or {}
        manual = criterion.get("manual") or {}
        how = method(criterion)
        rows.append(
            Row(
                id=criterion["id"],
                level=criterion["level"],
                name=Text.of(criterion["name"]),
                result=result(criterion),
                method=how,
                tools=auto.get("tools", []),
                decides=criterion.get("decides"),
                failures=auto.get("failures", []) if result(criterion) == "failed" else [],
                date=str(manual["date"]) if how == "manual" else None,
                note=Text.of(manual.get("note")) if how == "manual" else None,
            )
        )
    return Results(
        tested=str(data["tested"]),
        tools=data["tools"],
        languages=data["languages"],
        pages=[(path, page_url(path)) for path in data["pages"]],
        rows=rows,
        counts=counts(data["criteria"]),
        conformance=conformance(data["criteria"]),
    )



# A criterion's result: a failure the tools found stands whatever a person recorded
# earlier (it is newer evidence); otherwise a person's result, else the tools'.
def result(criterion: dict[str, Any]) -> str:
    """A criterion's result: a failure the tools found stands whatever a person recorded earlier (it is ..."""
    automated = (criterion.get("automated") or {}).get("result", "not_tested")
    manual = (criterion.get("manual") or {}).get("result")
    if automated == "failed":
        return "failed"
    return manual or automated


# How a criterion's result was reached: 'manual', 'automated' or None (not tested).
def method(criterion: dict[str, Any]) -> str | None:
    """How a criterion's result was reached: 'manual', 'automated' or None (not tested)."""
    if result(criterion) == "failed" and (criterion.get("automated") or {}).get("result") == "failed":
        return "automated"
    if criterion.get("manual"):
        return "manual"
    return "automated" if result(criterion) != "not_tested" else None


# How many criteria have each result, per level and in all, in RESULTS order.
def counts(criteria: list[dict[str, Any]]) -> dict[str, int]:
    """How many criteria have each result, per level and in all, in RESULTS order."""
    found = {name: 0 for name in RESULTS}
    for criterion in criteria:
        found[result(criterion)] += 1
    return found


# The page's conformance claim in WAIC's notation: 'conforms' (準拠) only when every
# criterion has a result and none failed; 'partially' (一部準拠) otherwise.
def conformance(criteria: list[dict[str, Any]]) -> str:
    """The page's conformance claim in WAIC's notation: 'conforms' (準拠) only when every criterion has a ..."""
    found = counts(criteria)
    return "conforms" if not found["failed"] and not found["not_tested"] else "partially"
