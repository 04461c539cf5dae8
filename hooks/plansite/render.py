"""Render page specifications to Markdown through the Jinja templates in hooks/templates/.

The templates hold the layout; this module gives them one `L` object per language
with the site's words (from data/labels.yaml), dates, links and the fallback to
English where a text has no Japanese yet.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from . import dates
from .model import Catalogue, Measure, Ministry, Month, Text
from .pages import PageSpec

TEMPLATES = Path(__file__).parent.parent / "templates"

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"]

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


class Localiser:
    """What a template needs to write one language: words, names, dates, links."""

    def __init__(self, catalogue: Catalogue, lang: str):
        self.c = catalogue
        self.lang = lang

    # A word or sentence of the site, from data/labels.yaml; {placeholders} filled in.
    def t(self, key: str, **values: object) -> str:
        text = self.c.label(key).get(self.lang) or self.c.label(key).en
        return text.format(**values) if values else text

    # A name or title in this language (names always have both).
    def name(self, text: Text) -> str:
        return text.get(self.lang) or text.en

    # A block of text; English marked as such where the Japanese is still missing.
    def text(self, text: Text | None) -> str:
        if text is None:
            return ""
        value = text.get(self.lang)
        if value is not None:
            return value
        return f'<div lang="en" markdown="1">\n\n{text.en}\n\n</div>'

    # A short text inside a line; English marked as such where the Japanese is missing.
    def inline(self, text: Text | None) -> str:
        if text is None:
            return ""
        value = text.get(self.lang)
        return value if value is not None else f'<span lang="en">{text.en}</span>'

    # Whether a text lacks this language and falls back to English.
    def missing(self, text: Text | None) -> bool:
        return text is not None and text.get(self.lang) is None

    # A link target: an absolute path to the page's source, which MkDocs resolves per language.
    def link(self, path: str) -> str:
        return f"/{path}.md"

    def date(self, value: str) -> str:
        return dates.format_date(value, self.lang)

    def fiscal_year(self, year: int) -> str:
        return dates.format_fiscal_year(year, self.lang)

    def period(self, month: Month) -> str:
        return dates.format_period(month.start, month.end, self.lang)

    def iso(self, value: str) -> str:
        return dates.iso(value)

    # "1-14" for the 2022 plan, "2(1)-(iii)" for a plan that numbers in roman.
    def number(self, measure: Measure) -> str:
        sub = f"({measure.subsection.number})" if measure.subsection else ""
        if measure.plan.numbering == "roman":
            return f"{measure.pillar.number}{sub}-({ROMAN[measure.number - 1]})"
        return f"{measure.pillar.number}{sub}-{measure.number}"

    # A Markdown link to a ministry's page.
    def ministry(self, ministry: Ministry) -> str:
        return f"[{self.name(ministry.name)}]({self.link(f'ministries/{ministry.id}')})"

    # The ministries of a part or item, linked, with the source's "etc." kept.
    def ministries(self, ministries: list[Ministry], others: str | None = None) -> str:
        joined = self.t("list_separator").join(self.ministry(m) for m in ministries)
        if others:
            joined += self.t(f"others_{others.replace('-', '_')}")
        return joined

    # A Markdown link to a measure, with its number.
    def measure(self, measure: Measure, with_plan: bool = False) -> str:
        title = self.name(measure.title)
        plan = f"{self.name(measure.plan.short_title)} " if with_plan else ""
        return f"[{plan}{self.number(measure)} {title}]({self.link(f'plans/{measure.plan.id}/measures/{measure.slug}')})"


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The Jinja environment for page templates: Markdown out, so no HTML autoescaping,
# and unknown variables fail the build instead of printing nothing.
def environment(template_dir: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    # Front matter values are written as JSON strings, which YAML reads as they are.
    env.filters["quote"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return env


# Render one page in one language to Markdown.
def render(env: jinja2.Environment, spec: PageSpec, lang: str, catalogue: Catalogue) -> str:
    template = env.get_template(spec.template)
    L = Localiser(catalogue, lang)
    return template.render(c=catalogue, lang=lang, L=L, spec=spec, title=L.name(spec.title), **spec.context)


# The breadcrumb trail above a page, as Markdown.
def breadcrumbs(env: jinja2.Environment, steps: list[tuple[str, str]], lang: str, catalogue: Catalogue) -> str:
    L = Localiser(catalogue, lang)
    return env.get_template("breadcrumbs.md.j2").render(steps=steps, L=L)


# The short notice on pages whose Japanese is the project's reference translation.
def notice(env: jinja2.Environment, lang: str, catalogue: Catalogue) -> str:
    return env.get_template("notice.md.j2").render(L=Localiser(catalogue, lang))


# The line at the end of a page that says when its content last changed.
def updated(env: jinja2.Environment, date: object, lang: str, catalogue: Catalogue) -> str:
    L = Localiser(catalogue, lang)
    return env.get_template("updated.md.j2").render(L=L, date=dates.iso(date))


# Abbreviation definitions for every ministry that has one, so NPA shows its full name.
def abbreviations(catalogue: Catalogue, lang: str) -> str:
    return "\n".join(f"*[{m.abbr}]: {m.name.get(lang)}" for m in catalogue.ministries if m.abbr)
