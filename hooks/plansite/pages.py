"""Which pages the data makes: a path, a template, the objects it shows, and its place in the site.

Pure: from a catalogue to a list of page specifications, the same for both languages;
and, for `mkdocs serve` started on broken data, the stand-ins for the navigation's pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import a11y, opendata, paths, wording
from .model import Catalogue, Change, Text

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass
class PageSpec:
    """One page, in both languages."""

    path: str  # the page's source path without language or .md, e.g. ministries/npa
    template: str  # a template in hooks/templates/
    title: Text
    parent: str | None  # the path of the page above it in the breadcrumb trail
    context: dict[str, Any] = field(default_factory=dict)
    status: str = "reference"  # whose Japanese the page shows: reference or official

    # The page's Japanese is official only when everything it shows is.
    def __post_init__(self) -> None:
        statuses = {getattr(value, "ja_status", None) for value in self.context.values()} - {None}
        if statuses:
            self.status = "official" if statuses == {"official"} else "reference"

    # The Markdown source name for one language, as the i18n plugin expects it.
    def src_uri(self, lang: str) -> str:
        """The page's Markdown source name in one language (`a/b.ja.md`), as i18n expects it."""
        return f"{self.path}.{lang}.md"


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Every generated page, parents before children.
def plan_pages(catalogue: Catalogue) -> list[PageSpec]:
    """Every page the data makes, parents before children."""
    label = catalogue.label
    specs = [PageSpec(paths.home(), "home.html.j2", catalogue.site_name, None)]
    specs.append(PageSpec(paths.plans(), "plans.html.j2", label("plans"), paths.home()))
    for plan in catalogue.plans:
        specs.append(PageSpec(paths.plan(plan), "plan.html.j2", plan.short_title, paths.plans(), {"plan": plan}))
        specs.append(PageSpec(paths.full_text(plan), "full-text.html.j2", _title_for_plan(label("full_text"), plan, catalogue, "of_plan"), paths.plan(plan), {"plan": plan}))
        if not plan.has_measure_pages:
            continue
        specs.append(PageSpec(paths.pillars(plan), "pillars.html.j2", _title_for_plan(plan.division, plan, catalogue, "list_of"), paths.plan(plan), {"plan": plan}))
        for pillar in plan.pillars:
            specs.append(PageSpec(paths.pillar(pillar), "pillar.html.j2", _numbered(pillar.title, pillar.number, catalogue), paths.pillars(plan), {"plan": plan, "pillar": pillar}))
        specs.append(PageSpec(paths.measures(plan), "measures.html.j2", _title_for_plan(label("measures"), plan, catalogue, "of_plan"), paths.plan(plan), {"plan": plan}))
        for measure in plan.measures:
            specs.append(PageSpec(paths.measure(measure), "measure.html.j2", measure.title, paths.pillar(measure.pillar), {"plan": plan, "measure": measure}))
    specs += _collection(paths.MINISTRIES, label("ministries"), "ministry", catalogue.ministries, "name", "ministries.html.j2")
    specs += _collection(paths.MONTHS, label("awareness_months"), "month", catalogue.months, "name", "months.html.j2")
    specs += _collection(paths.REPORTS, label("reports"), "report", catalogue.reports, "title")
    specs += _collection(paths.MEETINGS, label("meetings"), "meeting", catalogue.meetings, "title")
    specs.append(PageSpec(paths.translation_status(), "translation-status.html.j2", label("translation_status"), paths.home()))
    specs.append(PageSpec(paths.open_data(), "open-data.html.j2", label("open_data"), paths.home(), {"tables": opendata.TABLES}))
    specs.append(PageSpec(paths.finder(), "finder.html.j2", label("finder"), paths.home()))
    specs.append(PageSpec(paths.help(), "help.html.j2", label("help"), paths.home()))
    if catalogue.accessibility:
        specs.append(PageSpec(paths.accessibility_results(), "accessibility-results.html.j2", label("a11y_results"), paths.home(), {"results": a11y.view(catalogue.accessibility)}))
    return specs


# The data files a page shows, so that it can say when its content last changed.
def source_files(spec: PageSpec, catalogue: Catalogue) -> list[str]:
    """The data files a page shows (`['*']`: all of them), for its last-changed date."""
    context = spec.context
    found: list[str] = []
    if "measure" in context:
        return [context["measure"].source]
    if "ministry" in context:
        return ["data/ministries.yaml"] + [m.source for m in catalogue.measures_of(context["ministry"])]
    if "month" in context:
        return ["data/awareness-months.yaml"] + [m.source for m in catalogue.measures_in(context["month"])]
    if "results" in context:
        return ["data/accessibility-results.yaml"]
    for key in ("plan", "report", "meeting"):
        if key in context:
            found.append(context[key].source)
    if "pillar" in context:
        found += [m.source for m in context["pillar"].measures]
    elif "plan" in context and spec.template in ("measures.html.j2", "full-text.html.j2"):
        found += [m.source for m in context["plan"].measures]
    return found or ["*"]


# The change history a page shows (`changes:` in the data file of the plan, measure,
# report or meeting it is about); other pages have none.
def change_history(spec: PageSpec) -> list[Change]:
    """The change history a page shows, newest first; empty for most pages."""
    for key in ("measure", "report", "meeting"):
        if key in spec.context:
            return spec.context[key].changes
    if spec.template == "plan.html.j2":
        return spec.context["plan"].changes
    return []


# The trail from the home page to a page: (title, path) pairs, the page itself last.
def trail(path: str, specs: dict[str, PageSpec], lang: str, own_title: str | None = None) -> list[tuple[str, str]]:
    """The (title, path) pairs from the home page to `path` in `lang`, the page itself last."""
    steps = []
    current: str | None = path
    while current is not None:
        spec = specs.get(current)
        if spec is None:
            steps.append((own_title or current, current))
            current = paths.home() if current != paths.home() else None
            continue
        steps.append((spec.title.or_source(lang), current))
        current = spec.parent
    return list(reversed(steps))


# The page paths a navigation (mkdocs.yml's `nav`) names, at any depth: about.md, plans/index.md.
def nav_page_paths(nav: list) -> list[str]:
    """The Markdown paths that `nav` names, in its order, nested sections included."""
    found = []
    for item in nav:
        target = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(target, list):
            found += nav_page_paths(target)
        elif isinstance(target, str) and target.endswith(".md"):
            found.append(target)
    return found


# While no page of the data is known (serve started on broken data), a stand-in for every
# page of the navigation not written in docs/, so that the navigation and the home page exist.
def stand_in_sources(nav: list, docs_dir: Path, languages: list[str] | tuple[str, ...]) -> list[str]:
    """The source names (`plans/index.en.md`) of the navigation's pages that docs/ lacks, in every language."""
    stems = [path.removesuffix(".md") for path in nav_page_paths(nav)]
    return [f"{stem}.{lang}.md" for stem in stems if not any(docs_dir.glob(f"{stem}.*md")) for lang in languages]


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# An index page and a page per item under it: ministries/index, ministries/npa, ...
def _collection(folder: str, title: Text, key: str, items: list[Any], title_field: str, index_template: str | None = None) -> list[PageSpec]:
    specs = [PageSpec(paths.collection(folder), index_template or f"{folder}.html.j2", title, paths.home())]
    for item in items:
        specs.append(PageSpec(paths.item(folder, item), f"{key}.html.j2", getattr(item, title_field), paths.collection(folder), {key: item}))
    return specs


# "3. Promotion of ..." / "3．..." (data/labels.yaml: numbered).
def _numbered(title: Text, number: int, catalogue: Catalogue) -> Text:
    return _filled(catalogue.label("numbered"), n=number, title=title)


# A title built from a label and a plan's short title, e.g. "Measures of the 2022 Plan".
def _title_for_plan(what: Text, plan: Any, catalogue: Catalogue, pattern: str) -> Text:
    return _filled(catalogue.label(pattern), what=what, plan=plan.short_title)


# A label filled in each language that it and all its texts have; the title falls back
# to the source language in the others, as every text does.
def _filled(form: Text, **values: Text | int) -> Text:
    filled = {}
    for lang in form.languages:
        given = {key: value.get(lang) if isinstance(value, Text) else value for key, value in values.items()}
        if None not in given.values():
            filled[lang] = wording.fill(form.get(lang), given)
    return Text(filled)

