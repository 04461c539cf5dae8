"""Which pages the data makes: a path, a template, the objects it shows, and its place in the site.

Pure: from a catalogue to a list of page specifications, the same for both languages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import a11y, opendata, wording
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
    c = catalogue
    label = c.label
    specs = [PageSpec("index", "home.html.j2", c.site_name, None)]
    specs.append(PageSpec("plans/index", "plans.html.j2", label("plans"), "index"))
    for plan in c.plans:
        base = f"plans/{plan.id}"
        specs.append(PageSpec(f"{base}/index", "plan.html.j2", plan.short_title, "plans/index", {"plan": plan}))
        specs.append(PageSpec(f"{base}/full-text", "full-text.html.j2", _of(label("full_text"), plan, c, "of_plan"), f"{base}/index", {"plan": plan}))
        if not plan.has_measure_pages:
            continue
        specs.append(PageSpec(f"{base}/pillars/index", "pillars.html.j2", _of(plan.division, plan, c, "list_of"), f"{base}/index", {"plan": plan}))
        for pillar in plan.pillars:
            specs.append(
                PageSpec(f"{base}/pillars/{pillar.slug}", "pillar.html.j2", _numbered(pillar.title, pillar.number), f"{base}/pillars/index", {"plan": plan, "pillar": pillar})
            )
        specs.append(PageSpec(f"{base}/measures/index", "measures.html.j2", _of(label("measures"), plan, c, "of_plan"), f"{base}/index", {"plan": plan}))
        for measure in plan.measures:
            specs.append(
                PageSpec(f"{base}/measures/{measure.slug}", "measure.html.j2", measure.title, f"{base}/pillars/{measure.pillar.slug}", {"plan": plan, "measure": measure})
            )
    specs += _collection("ministries", label("ministries"), "ministry", c.ministries, "name", "ministries.html.j2")
    specs += _collection("awareness-months", label("awareness_months"), "month", c.months, "name", "months.html.j2")
    specs += _collection("reports", label("reports"), "report", c.reports, "title")
    specs += _collection("meetings", label("meetings"), "meeting", c.meetings, "title")
    specs.append(PageSpec("translation-status", "translation-status.html.j2", label("translation_status"), "index"))
    specs.append(PageSpec("open-data", "open-data.html.j2", label("open_data"), "index", {"tables": opendata.TABLES}))
    specs.append(PageSpec("finder", "finder.html.j2", label("finder"), "index"))
    specs.append(PageSpec("help", "help.html.j2", label("help"), "index"))
    if c.accessibility:
        specs.append(PageSpec("accessibility-results", "accessibility-results.html.j2", label("a11y_results"), "index", {"results": a11y.view(c.accessibility)}))
    return specs


# The data files a page shows, so that it can say when its content last changed.
def sources(spec: PageSpec, catalogue: Catalogue) -> list[str]:
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
def page_changes(spec: PageSpec) -> list[Change]:
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
            current = "index" if current != "index" else None
            continue
        steps.append((spec.title.get(lang) or spec.title.en, current))
        current = spec.parent
    return list(reversed(steps))


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# An index page and a page per item under it: ministries/index, ministries/npa, ...
def _collection(folder: str, title: Text, key: str, items: list[Any], title_field: str, index_template: str | None = None) -> list[PageSpec]:
    specs = [PageSpec(f"{folder}/index", index_template or f"{folder}.html.j2", title, "index")]
    for item in items:
        specs.append(PageSpec(f"{folder}/{item.id}", f"{key}.html.j2", getattr(item, title_field), f"{folder}/index", {key: item}))
    return specs


# "Pillar 3: Promotion of ..." / "柱3　..."
def _numbered(title: Text, number: int) -> Text:
    return Text(f"{number}. {title.en}", f"{number}．{title.ja}")


# A title built from a label and a plan's short title, e.g. "Measures of the 2022 Plan".
def _of(what: Text, plan: Any, c: Catalogue, pattern: str) -> Text:
    form = c.label(pattern)
    return Text(
        wording.fill(form.en, {"what": what.en, "plan": plan.short_title.en}),
        wording.fill(form.ja, {"what": what.ja, "plan": plan.short_title.ja}),
    )

