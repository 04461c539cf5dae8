"""Check all the data at once and report every problem, before any page is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import docs, incremental, paths, schema
from .links import doc_pages
from .load import Document, load_all, load_file
from .model import Catalogue, build
from .pages import plan_pages
from .problems import DataError, FieldPath, Problem
from .settings import SiteSettings

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Load, check and model the data under `data_dir`; raise DataError listing every problem.
# Every check runs in the one pass, so that an editor sees all of a file's problems at once.
def check(data_dir: Path, root: Path | None = None, site: SiteSettings | None = None) -> Catalogue:
    """Check every data file (fields, safety, references) and, given the site's settings,
    the pages in docs/ and the pages data links to; return the catalogue or raise DataError."""
    root = root or data_dir.parent
    # Each file read and checked against its schema once per content (under `make serve`,
    # a save reads and checks the saved file only).
    documents, problems = load_all(data_dir, root, read=incremental.once_per_content(_read_and_check))
    problems += _files_present(documents, data_dir, root)
    # References are checked in every file whose fields allow it; while a whole registry
    # (ministries, months, plans) is missing, its references would only add noise.
    if not _missing(problems):
        problems += _references(documents)
    if site is not None:
        # Links to pages are checked once the data says which pages there are.
        generated = None if problems else {spec.path for spec in plan_pages(build(documents))}
        pages = None if generated is None else doc_pages(site.docs_dir) | generated
        problems += docs.check(site.docs_dir, root, site.languages, pages, site.extensions)
        problems += _page_links(documents, pages)
    if problems:
        raise DataError(problems)
    return build(documents)


# One data file, read and checked against its schema.
def _read_and_check(path: Path, root: Path, kind: str, problems: list[Problem]) -> Document | None:
    document = load_file(path, root, kind, problems)
    if document is not None:
        problems += schema.check(document)
    return document


# -----------------------------------------------------------------------------
# Helper functions: pages
# -----------------------------------------------------------------------------


# A field that names a page of the site (updates.yaml's link) must name one that exists.
def _page_links(documents: list[Document], pages: set[str] | None) -> list[Problem]:
    if pages is None:
        return []
    problems = []
    for d in documents:
        if d.kind != "updates" or not isinstance(d.data, list):
            continue
        for index, item in enumerate(_items(d.data)):
            link = item.get("link")
            if isinstance(link, str) and paths.from_address(link, pages) not in pages:
                problems.append(d.problem((index, "link"), f"'{link}' is not a page of the site. Write the page's address without the language, for example reports/fy2019/."))
    return problems


# -----------------------------------------------------------------------------
# Helper functions: files
# -----------------------------------------------------------------------------

_REQUIRED = ["site", "labels", "ministries", "awareness-months"]


def _missing(problems: list[Problem]) -> bool:
    return any("this file is missing" in p.message or "there is no plan" in p.message for p in problems)


def _files_present(documents: list[Document], data_dir: Path, root: Path) -> list[Problem]:
    kinds = {d.kind for d in documents}
    problems = []
    folder = data_dir.relative_to(root).as_posix() if data_dir.is_relative_to(root) else data_dir.as_posix()
    for kind in _REQUIRED:
        if kind not in kinds:
            problems.append(Problem(f"{folder}/{kind}.yaml", 1, "", "this file is missing (or could not be read)."))
    if "plan" not in kinds:
        problems.append(Problem(f"{folder}/plans", 1, "", "there is no plan: add at least one file data/plans/<id>.yaml."))
    return problems


# -----------------------------------------------------------------------------
# Helper functions: references between files
# -----------------------------------------------------------------------------


class _Known:
    """The ids each kind of reference may use, to check references against and to list in messages.

    Taken from every file, including those with problems of their own: what can be read
    of them still counts, so that one mistake does not hide the next.
    """

    def __init__(self, documents: list[Document]):
        self.ministries = {m.get("id") for d in documents if d.kind == "ministries" for m in _items(d.data)}
        self.months = {m.get("id") for d in documents if d.kind == "awareness-months" for m in _items(d.data)}
        self.plans = {d.data.get("id"): d.data for d in documents if d.kind == "plan" and isinstance(d.data, dict)}
        self.meetings = {d.data.get("id") for d in documents if d.kind == "meeting" and isinstance(d.data, dict)}
        self.measures: dict[str, Document] = {}
        for d in documents:
            if d.kind == "measure":
                try:
                    self.measures.setdefault(_measure_ref(d.data), d)
                except (KeyError, TypeError, AttributeError):
                    pass

    def pillars(self, plan: str) -> dict[int, dict]:
        return {p.get("number"): p for p in _items(self.plans.get(plan, {}).get("pillars", []))}


# The mappings of a list that should hold mappings, skipping what the schema already refused.
def _items(value: Any) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


# Run one reference check on a file whose fields may be wrong: where a field the check needs
# is missing or of the wrong type, the schema has said so already, and the check says nothing.
def _guarded(checker: Any, *args: Any) -> list[Problem]:
    try:
        return checker(*args)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        return []


def _measure_ref(raw: dict) -> str:
    middle = f"-{raw['subsection']}" if raw.get("subsection") else ""
    return f"{raw['plan']}/{raw['pillar']}{middle}-{raw['number']}"


# The message for a reference to something that does not exist, listing what does.
def _unknown(what: str, value: object, known: set | list) -> str:
    listed = ", ".join(str(k) for k in sorted(known)) or "none yet"
    return f"unknown {what} '{value}'. Known {what} codes: {listed}."


def _references(documents: list[Document]) -> list[Problem]:
    known = _Known(documents)
    problems: list[Problem] = []
    problems += _guarded(_duplicates, documents)
    for d in documents:
        checker = _CHECKS.get(d.kind)
        if checker:
            problems += _guarded(checker, d, known)
    plans = [d for d in documents if d.kind == "plan" and isinstance(d.data, dict)]
    current = [d for d in plans if d.data.get("current") is True]
    if not plans:
        return problems
    if len(current) != 1:
        where = current[0] if current else plans[0]
        problems.append(
            where.problem(("current",), f"exactly one plan must be marked 'current: true'; {len(current)} are.")
        )
    return problems


# Kinds whose items sit in one file, so a duplicate can be in the same file as the first.
_LISTED_TWICE = {"ministry", "awareness month"}


# Two things with the same id, or two files for the same measure.
def _duplicates(documents: list[Document]) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, str], Document] = {}

    def claim(kind: str, value: str, document: Document, path: FieldPath) -> None:
        first = seen.setdefault((kind, value), document)
        if first is not document or kind in _LISTED_TWICE and (kind, value) in listed:
            problems.append(
                document.problem(path, f"the {kind} '{value}' is defined twice (also in {first.name}). Each must be unique.")
            )
        listed.add((kind, value))

    listed: set[tuple[str, str]] = set()
    for d in documents:
        if d.kind in ("ministries", "awareness-months"):
            for index, item in enumerate(d.data):
                claim("ministry" if d.kind == "ministries" else "awareness month", item["id"], d, (index, "id"))
        elif d.kind == "measure":
            claim("measure", _measure_ref(d.data), d, ("number",))
        elif d.kind in ("plan", "report", "meeting"):
            claim(d.kind, d.data["id"], d, ("id",))
        if d.kind == "report":
            claim("fiscal year", str(d.data["fiscal_year"]), d, ("fiscal_year",))
        if d.kind == "plan":
            for index, pillar in enumerate(d.data["pillars"]):
                if any(p["number"] == pillar["number"] for p in d.data["pillars"][:index]):
                    problems.append(d.problem(("pillars", index, "number"), f"pillar {pillar['number']} is defined twice."))
    return problems


def _check_ministries(d: Document, known: _Known, path: FieldPath, codes: list[str]) -> list[Problem]:
    return [
        d.problem(path + (i,), _unknown("ministry", code, known.ministries))
        for i, code in enumerate(codes)
        if code not in known.ministries
    ]


def _check_measure_refs(d: Document, known: _Known, path: FieldPath, refs: list[str]) -> list[Problem]:
    return [
        d.problem(path + (i,), f"unknown measure '{ref}': no file in data/measures/ has that plan, pillar and number.")
        for i, ref in enumerate(refs)
        if ref not in known.measures
    ]


def _check_plan(d: Document, known: _Known) -> list[Problem]:
    problems = []
    if d.path.stem != d.data["id"]:
        problems.append(d.problem(("id",), f"the id '{d.data['id']}' must equal the file name '{d.path.stem}'."))
    for i, pillar in enumerate(d.data["pillars"]):
        for j, main in enumerate(pillar.get("main_measures", [])):
            problems += _check_ministries(d, known, ("pillars", i, "main_measures", j, "ministries"), main["ministries"])
        ref = pillar.get("continues")
        if ref:
            plan, _, number = ref.partition("/")
            if plan not in known.plans or int(number) not in known.pillars(plan):
                problems.append(d.problem(("pillars", i, "continues"), f"unknown pillar '{ref}'."))
    return problems


def _check_measure(d: Document, known: _Known) -> list[Problem]:
    raw = d.data
    problems = []
    if raw["plan"] not in known.plans:
        return [d.problem(("plan",), _unknown("plan", raw["plan"], known.plans))]
    pillars = known.pillars(raw["plan"])
    pillar = pillars.get(raw["pillar"])
    if pillar is None:
        problems.append(d.problem(("pillar",), _unknown(f"pillar of {raw['plan']}", raw["pillar"], pillars)))
    else:
        subsections = {s["number"] for s in pillar.get("subsections", [])}
        if subsections and raw.get("subsection") not in subsections:
            problems.append(
                d.problem(("subsection",), f"pillar {raw['pillar']} of {raw['plan']} has sub-sections {sorted(subsections)}; say which one.")
            )
        if not subsections and "subsection" in raw:
            problems.append(d.problem(("subsection",), f"pillar {raw['pillar']} of {raw['plan']} has no sub-sections."))
    expected = _measure_ref(raw).split("/")[1]
    if d.path.stem != expected or d.path.parent.name != raw["plan"]:
        problems.append(
            d.problem(("number",), f"this measure must be in the file data/measures/{raw['plan']}/{expected}.yaml (plan, pillar and number say so).")
        )
    for i, part in enumerate(raw["parts"]):
        problems += _check_ministries(d, known, ("parts", i, "ministries"), part["ministries"])
    for i, month in enumerate(raw.get("awareness_months", [])):
        if month not in known.months:
            problems.append(d.problem(("awareness_months", i), _unknown("awareness month", month, known.months)))
    problems += _check_measure_refs(d, known, ("continues",), raw.get("continues", []))
    return problems


def _check_report(d: Document, known: _Known) -> list[Problem]:
    raw = d.data
    problems = []
    if d.path.stem != raw["id"]:
        problems.append(d.problem(("id",), f"the id '{raw['id']}' must equal the file name '{d.path.stem}'."))
    if raw["id"] != f"fy{raw['fiscal_year']}":
        problems.append(d.problem(("fiscal_year",), f"the report for fiscal year {raw['fiscal_year']} must be the file data/reports/fy{raw['fiscal_year']}.yaml with the id 'fy{raw['fiscal_year']}' (this file says '{raw['id']}')."))
    if raw["plan"] not in known.plans:
        return problems + [d.problem(("plan",), _unknown("plan", raw["plan"], known.plans))]
    pillars = known.pillars(raw["plan"])
    for i, item in enumerate(raw["items"]):
        if item["pillar"] not in pillars:
            problems.append(d.problem(("items", i, "pillar"), _unknown(f"pillar of {raw['plan']}", item["pillar"], pillars)))
        problems += _check_ministries(d, known, ("items", i, "ministries"), item["ministries"])
        problems += _check_measure_refs(d, known, ("items", i, "measures"), item["measures"])
        if item.get("meeting") and item["meeting"] not in known.meetings:
            problems.append(d.problem(("items", i, "meeting"), _unknown("meeting", item["meeting"], known.meetings)))
    return problems


def _check_meeting(d: Document, known: _Known) -> list[Problem]:
    problems = []
    if d.path.stem != d.data["id"]:
        problems.append(d.problem(("id",), f"the id '{d.data['id']}' must equal the file name '{d.path.stem}'."))
    organiser = d.data.get("organiser")
    if organiser and organiser not in known.ministries:
        problems.append(d.problem(("organiser",), _unknown("ministry", organiser, known.ministries)))
    return problems


def _check_history(d: Document, known: _Known) -> list[Problem]:
    return [
        d.problem((i, "plan"), _unknown("plan", event["plan"], known.plans))
        for i, event in enumerate(d.data)
        if event.get("plan") and event["plan"] not in known.plans
    ]


# The help page's consultation services: each names measures that exist, and each id once.
def _check_hotlines(d: Document, known: _Known) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, hotline in enumerate(d.data):
        if hotline["id"] in seen:
            problems.append(d.problem((i, "id"), f"the consultation service '{hotline['id']}' is defined twice. Each must be unique."))
        seen.add(hotline["id"])
        problems += _check_measure_refs(d, known, (i, "measures"), hotline.get("measures", []))
    return problems


# The site's licence is one it knows, and its publisher a ministry that exists.
def _check_site(d: Document, known: _Known) -> list[Problem]:
    problems = []
    licence, licences = d.data["licence"], d.data["licences"]
    if licence is not None and licence not in licences:
        problems.append(d.problem(("licence",), _unknown("licence", licence, set(licences))))
    if d.data["publisher"] not in known.ministries:
        problems.append(d.problem(("publisher",), _unknown("ministry", d.data["publisher"], known.ministries)))
    return problems


_CHECKS = {
    "site": _check_site,
    "hotlines": _check_hotlines,
    "plan": _check_plan,
    "measure": _check_measure,
    "report": _check_report,
    "meeting": _check_meeting,
    "history": _check_history,
}
