"""Render page specifications to HTML through the Jinja templates in hooks/templates/.

The templates hold the layout and write HTML, which Jinja escapes; the data's prose
becomes HTML through `prose`. Each template gets one `L` object (a `Localiser`) for
its page and language, with the site's words (`L.label('key', ...)`, from
data/labels.yaml), names, dates, links checked against the pages that exist, and the
fallback to English where a text has no Japanese yet; and `catalogue`, the data. The
theme (MkDocs and Material) puts the result in its page layout.

Headings and anchors are declared, not parsed back: a template writes each heading that
belongs in the table of contents with `L.heading(level, id, content)` and every other
id with `L.anchor(id)`. `render` returns the HTML with those sections and anchors
(`Rendered`): the page's table of contents, and the anchors that links to a part of the
page are checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import dates, model, paths, views, wording
from .links import SiteMap
from .editions import Edition
from .languages import SOURCE, WRITTEN
from .model import Campaign, Catalogue, Change, Measure, Ministry, Plan, Text
from .pages import PageSpec
from .prose import Prose
from .settings import SiteSettings

TEMPLATES = Path(__file__).parent.parent / "templates"

# A character that makes a heading's words differ from its HTML: a tag, or one HTML escapes.
_HTML_SPECIAL = re.compile(r"[<>&\"']")

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"]

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One heading of a generated page, as its template declared it: the table of contents is made of these."""

    id: str  # the heading's anchor
    title: Markup  # its words, without tags, HTML-escaped
    level: int  # 2 for an <h2>, ...


@dataclass(frozen=True)
class Rendered:
    """A generated page's HTML with what the theme needs to know of it, declared while it was written."""

    html: str
    sections: tuple[Section, ...]  # its headings with anchors, in order
    anchors: frozenset[str]  # every id in it: the parts other pages may link to


@dataclass
class Outline:
    """The headings and anchors one template declares while it writes a page (Localiser.heading, .anchor)."""

    sections: list[Section] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)


class Localiser:
    """What a template needs to write one page in one language: words, names, dates, links.

    Templates call it `L` (a short name: they use it on nearly every line). It also records
    the headings and anchors the template declares (`heading`, `anchor`), which `render`
    returns with the HTML.
    """

    def __init__(self, catalogue: Catalogue, lang: str, prose: Prose, site: SiteMap, here: str = paths.home(), folder: str = "", editions: dict[str, Edition] | None = None, settings: SiteSettings | None = None, anchors: set | None = None,
                 plain_labels: dict | None = None):
        self.catalogue = catalogue
        # The labels without values given, by (key, language), filled once for every page
        # that shares this dict (a session's): eight in nine of the labels the pages use.
        # Each is kept with its Text, which a page reading it still notes (plansite.reuse).
        self.plain_labels = plain_labels if plain_labels is not None else {}
        self.editions = editions or {}
        self.settings = settings
        # Where this page links to a part of a page, (language, page, anchor, this page), for
        # Session.missing_anchors to check once the pages are made.
        self.anchors = anchors if anchors is not None else set()
        self.lang = lang
        self.prose = prose
        self.site = site
        self.here = here
        self.folder = folder
        self.outline = Outline()

    # A heading with an anchor, recorded as a section of the page's table of contents;
    # `content` is escaped unless it is HTML made here (a link, an abbreviation).
    def heading(self, level: int, id: str, content: object, css_class: str | None = None) -> Markup:
        """`<hN id="id">content</hN>`, recorded as Section(id, its words, N) and as an anchor."""
        content = escape(content)
        # Without a tag or a character HTML escapes, its words are the content, spaces
        # collapsed (as striptags would make them, at a tenth of the cost).
        words = escape(Markup(content).striptags()) if _HTML_SPECIAL.search(content) else Markup(" ".join(content.split()))
        self.outline.sections.append(Section(id, words, level))
        self.outline.anchors.add(id)
        attributes = Markup(' class="{}"').format(css_class) if css_class else ""
        return Markup(f'<h{escape(level)} id="{escape(id)}"{attributes}>{content}</h{escape(level)}>')

    # An id for an element that is not a heading (a form, a caption), recorded as an anchor of the page.
    def anchor(self, id: str) -> str:
        """Record `id` as an anchor of the page and return it, for an `id="..."` attribute."""
        self.outline.anchors.add(id)
        return id

    # A word or sentence of the site: the label `key` of data/labels.yaml in this page's
    # language, {placeholders} filled in (escaped, unless they are HTML made here, such as a link).
    def label(self, key: str, **values: object) -> Markup:
        """The label `key` of data/labels.yaml in this language, its placeholders filled (values escaped unless Markup)."""
        if not values and (key, self.lang) in self.plain_labels:
            label, filled = self.plain_labels[(key, self.lang)]
            if model.reads is not None:
                model.reads.add(id(label))  # read by this page too (plansite.reuse), though filled once
            return filled
        label = self.catalogue.label(key)
        filled = Markup(wording.fill(label.or_source(self.lang), values, escape))
        if not values:
            self.plain_labels[(key, self.lang)] = (label, filled)
        return filled

    # A name or title in this language (names always have both).
    def name(self, text: Text) -> str:
        """A name or title in this language (names always have both)."""
        return text.or_source(self.lang)

    # A block of prose; English marked as such where the Japanese is still missing.
    def text(self, text: Text | None) -> Markup:
        """A block of prose as HTML; the source language's text, marked with its language, where this one has none."""
        if text is None:
            return Markup("")
        value = text.get(self.lang)
        if value is not None:
            return self.prose.block(value, self.lang)
        return Markup('<div lang="{}">\n{}\n</div>').format(SOURCE, self.prose.block(text.source, SOURCE))

    # A short text inside a line; English marked as such where the Japanese is missing.
    def inline(self, text: Text | None) -> Markup:
        """A short text as inline HTML; the source language's text, marked with its language, where this one has none."""
        if text is None:
            return Markup("")
        value = text.get(self.lang)
        if value is not None:
            return self.prose.inline(value, self.lang)
        return Markup('<span lang="{}">{}</span>').format(SOURCE, self.prose.inline(text.source, SOURCE))

    # The language texts fall back to where they lack this page's (languages.SOURCE).
    source_language = SOURCE

    # Whether the data is written in this page's language at all (its texts may still lack
    # it one by one): a language the data has no text in shows no per-page notices.
    @property
    def written(self) -> bool:
        """Whether the data is written in this page's language at all (its texts may still lack it one by one)."""
        return self.lang in WRITTEN

    # Whether a text lacks this language and falls back to English.
    def missing(self, text: Text | None) -> bool:
        """Whether `text` lacks this language (and so falls back to English)."""
        return text is not None and text.get(self.lang) is None

    # The address of a page (by its source path, e.g. ministries/npa) or file, relative to this page.
    def url(self, path: str, anchor: str | None = None) -> str:
        """The address of a page (by its source path, e.g. ministries/npa) or file, relative to this page."""
        if anchor:
            self.anchors.add((self.lang, path, anchor, self.here))
        return self.site.url(path, self.here, self.folder, anchor)

    # A link to a page or file; the label is escaped unless it is HTML made here.
    def link(self, path: str, label: object, anchor: str | None = None) -> Markup:
        """An HTML link to a page or file of the site."""
        return Markup(f'<a href="{escape(self.url(path, anchor))}">{escape(label)}</a>')

    # Each language's feed: (language, path of its feed file), the default language first.
    def feeds(self) -> list[tuple[str, str]]:
        """Each language's feed: (language, path of its feed file), the default language first."""
        return [(lang, paths.feed(self.settings.folder(lang))) for lang in self.settings.languages]

    # A link to another site (https only: the data's settings give such addresses).
    def external(self, url: str, label: object) -> Markup:
        """An HTML link to another site (https only)."""
        if not url.startswith("https://"):
            raise ValueError(f"not an https address: {url!r}")
        return Markup('<a href="{}">{}</a>').format(url, label)

    # A plan's PDF edition in this language, where `make publish` made one (else None).
    def edition(self, plan: Plan) -> Edition | None:
        """A plan's PDF edition in this language, or None."""
        return self.editions.get(plan.id)

    def date(self, value: str) -> str:
        """A date as this language writes it, with the month names of the labels."""
        return dates.format_date(value, self.catalogue.date_words(self.lang))

    # A date as HTML, readable by machines too.
    def time(self, value: str) -> Markup:
        """A date as a <time> element, readable by machines too."""
        return Markup('<time datetime="{}">{}</time>').format(dates.iso(value), self.date(value))

    def fiscal_year(self, year: int) -> str:
        """A fiscal year as this language writes it."""
        return dates.format_fiscal_year(year, self.catalogue.date_words(self.lang))

    # When a campaign runs every year, as this language writes it.
    def period(self, campaign: Campaign) -> str:
        """A campaign's yearly period in this language ("every 1 to 30 November")."""
        return dates.format_period(campaign.start, campaign.end, self.catalogue.date_words(self.lang))

    def iso(self, value: str) -> str:
        """A date as ISO 8601 text."""
        return dates.iso(value)

    # "1-14" for the 2022 plan, "2(1)-(iii)" for a plan that numbers in roman.
    def number(self, measure: Measure) -> str:
        """A measure's number as its plan writes it (`1-14`, `2(1)-(iii)`)."""
        sub = f"({measure.subsection.number})" if measure.subsection else ""
        if measure.plan.numbering == "roman":
            return f"{measure.pillar.number}{sub}-({ROMAN[measure.number - 1]})"
        return f"{measure.pillar.number}{sub}-{measure.number}"

    # A ministry's abbreviation, with its full name for readers and screen readers.
    def abbr(self, ministry: Ministry) -> Markup:
        """A ministry's abbreviation as <abbr>, with its full name."""
        return Markup('<abbr title="{}">{}</abbr>').format(self.name(ministry.name), ministry.abbr)

    # A link to a ministry's page.
    def ministry(self, ministry: Ministry) -> Markup:
        """A link to a ministry's page."""
        return self.link(paths.ministry(ministry), self.name(ministry.name))

    # The ministries of a part or item, linked, with the source's "etc." kept.
    def ministries(self, ministries: list[Ministry], others: str | None = None) -> Markup:
        """The ministries linked, separated as this language does, with the source's "etc."."""
        joined = self.label("list_separator").join(self.ministry(m) for m in ministries)
        if others:
            joined += self.label(f"others_{others.replace('-', '_')}")
        return joined

    # A link to a measure, with its number.
    def measure(self, measure: Measure, with_plan: bool = False) -> Markup:
        """A link to a measure with its number (and its plan, if asked)."""
        plan = f"{self.name(measure.plan.short_title)} " if with_plan else ""
        return self.link(paths.measure(measure), f"{plan}{self.number(measure)} {self.name(measure.title)}")


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The Jinja environment for page templates: HTML out, escaped by default, and unknown
# variables fail the build instead of printing nothing. With a cache folder, compiled
# templates are kept there for the next build (checked against their source).
def environment(template_dir: Path = TEMPLATES, cache: Path | None = None) -> jinja2.Environment:
    """The Jinja environment of the page templates: autoescaped, strict about unknown names."""
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache is not None else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,
    )
    # The tables' and blocks' arithmetic (plansite.views), for templates to call.
    env.globals["views"] = views
    # Every page's and anchor's address (plansite.paths): templates spell none themselves.
    env.globals["paths"] = paths
    return env


# Render one page in one language to HTML, with the sections and anchors its template declared.
def render(env: jinja2.Environment, spec: PageSpec, L: Localiser, **extra: object) -> Rendered:
    """One page's HTML in the language of `L`, its table of contents' sections and its anchors."""
    L.outline = Outline()
    template = env.get_template(spec.template)
    html = template.render(catalogue=L.catalogue, lang=L.lang, L=L, spec=spec, title=L.name(spec.title), **spec.context, **extra)
    return Rendered(html, tuple(L.outline.sections), frozenset(L.outline.anchors))


# The breadcrumb trail above a page.
def breadcrumbs(env: jinja2.Environment, steps: list[tuple[str, str]], L: Localiser) -> str:
    """The HTML of the breadcrumb trail `steps` ((title, path) pairs)."""
    return env.get_template("breadcrumbs.html.j2").render(steps=steps, L=L)


# The short notice on pages whose Japanese is the project's reference translation.
def notice(env: jinja2.Environment, L: Localiser) -> str:
    """The HTML of the reference-translation notice."""
    return env.get_template("notice.html.j2").render(L=L)


# A page's HTML with `extra` right after its title (the first </h1>), or first if it has none.
def after_title(html: str, extra: str) -> str:
    """`html` with `extra` inserted after its first </h1> (or at its start)."""
    end = html.find("</h1>")
    if end < 0:
        return extra + html
    end += len("</h1>")
    return html[:end] + "\n" + extra + html[end:]


# The end of a page: its last-changed date (its files in git), and its change history
# (`changes:` in its data, newest first), as GOV.UK's "Show all updates".
def last_changed(env: jinja2.Environment, date: object, L: Localiser, history: list[Change] = ()) -> str:
    """The HTML of a page's last-changed date and change history."""
    return env.get_template("last-changed.html.j2").render(L=L, date=dates.iso(date), history=list(history))


# Abbreviation definitions (Markdown) for the pages written by hand in docs/.
def abbreviations(catalogue: Catalogue, lang: str) -> str:
    """Abbreviation definitions (Markdown) for the pages written by hand in docs/."""
    return "\n".join(f"*[{m.abbr}]: {m.name.or_source(lang)}" for m in catalogue.ministries if m.abbr)


# A page's sections nested as a table of contents: each under the nearest one before it
# of a higher level (the token shape MkDocs' get_toc takes: hooks/upstream.py, set_outline).
def table_of_contents(sections: tuple[Section, ...] | list[Section]) -> list[dict]:
    """The sections as nested table-of-contents tokens ({level, id, name, html, children})."""
    top: list[dict] = []
    open_: list[dict] = []
    for section in sections:
        token = {"level": section.level, "id": section.id, "name": str(section.title), "html": str(section.title), "children": []}
        while open_ and open_[-1]["level"] >= section.level:
            open_.pop()
        (open_[-1]["children"] if open_ else top).append(token)
        open_.append(token)
    return top
