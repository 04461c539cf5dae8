"""Render page specifications to HTML through the Jinja templates in hooks/templates/.

The templates hold the layout and write HTML, which Jinja escapes; the data's prose
becomes HTML through `prose`. Each template gets one `L` object for its page and
language, with the site's words (from data/labels.yaml), dates, links checked against
the pages that exist, and the fallback to English where a text has no Japanese yet.
The theme (MkDocs and Material) puts the result in its page layout.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import dates, paths, views, wording
from .links import SiteMap
from .editions import Edition
from .languages import SOURCE, WRITTEN
from .model import Catalogue, Change, Measure, Ministry, Month, Plan, Text
from .pages import PageSpec
from .prose import Prose
from .settings import SiteSettings

TEMPLATES = Path(__file__).parent.parent / "templates"

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"]

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


class Localiser:
    """What a template needs to write one page in one language: words, names, dates, links."""

    def __init__(self, catalogue: Catalogue, lang: str, prose: Prose, site: SiteMap, here: str = paths.home(), folder: str = "", editions: dict[str, Edition] | None = None, settings: SiteSettings | None = None, anchors: set | None = None):
        self.c = catalogue
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

    # A word or sentence of the site, from data/labels.yaml; {placeholders} filled in
    # (escaped, unless they are HTML made here, such as a link).
    def t(self, key: str, **values: object) -> Markup:
        """A word or sentence of the site, from data/labels.yaml; {placeholders} filled in (escaped, unless ..."""
        text = self.c.label(key).or_source(self.lang)
        return Markup(wording.fill(text, values, escape))

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
        """Whether the data is written in this page's language at all (its texts may still lack it one by ..."""
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
        """Localiser."""
        return dates.format_date(value, self.lang, self.c.month_names(self.lang))

    # A date as HTML, readable by machines too.
    def time(self, value: str) -> Markup:
        """A date as a <time> element, readable by machines too."""
        return Markup('<time datetime="{}">{}</time>').format(dates.iso(value), self.date(value))

    def fiscal_year(self, year: int) -> str:
        """A fiscal year as this language writes it."""
        return dates.format_fiscal_year(year, self.lang)

    def period(self, month: Month) -> str:
        """Localiser."""
        return dates.format_period(month.start, month.end, self.lang, self.c.month_names(self.lang))

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
        joined = self.t("list_separator").join(self.ministry(m) for m in ministries)
        if others:
            joined += self.t(f"others_{others.replace('-', '_')}")
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


# Render one page in one language to HTML.
def render(env: jinja2.Environment, spec: PageSpec, L: Localiser, **extra: object) -> str:
    """One page's HTML in the language of `L`."""
    template = env.get_template(spec.template)
    return template.render(c=L.c, lang=L.lang, L=L, spec=spec, title=L.name(spec.title), **spec.context, **extra)


# The page's title and other settings as the front matter of an otherwise empty page
# source (the HTML is the page's content, not Markdown to convert).
def front_matter(title: str) -> str:
    """An empty page source whose front matter gives the page's title."""
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"


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


# The end of a page: when its content last changed (its files in git), and its change
# history (`changes:` in its data, newest first), as GOV.UK's "Show all updates".
def updated(env: jinja2.Environment, date: object, L: Localiser, changes: list[Change] = ()) -> str:
    """The HTML of a page's last-changed date and change history."""
    return env.get_template("updated.html.j2").render(L=L, date=dates.iso(date), changes=list(changes))


# Abbreviation definitions (Markdown) for the pages written by hand in docs/.
def abbreviations(catalogue: Catalogue, lang: str) -> str:
    """Abbreviation definitions (Markdown) for the pages written by hand in docs/."""
    return "\n".join(f"*[{m.abbr}]: {m.name.or_source(lang)}" for m in catalogue.ministries if m.abbr)


# The headings of a page's HTML with their ids, nested, for the theme's table of contents.
def headings(html: str) -> list[dict]:
    """The headings of `html` with their ids, nested as a table of contents."""
    top: list[dict] = []
    open_: list[dict] = []
    for match in _HEADING.finditer(html):
        level = int(match.group(1))
        name = _TAG.sub("", match.group(3)).strip()
        token = {"level": level, "id": match.group(2), "name": name, "html": name, "children": []}
        while open_ and open_[-1]["level"] >= level:
            open_.pop()
        (open_[-1]["children"] if open_ else top).append(token)
        open_.append(token)
    return top


# Every id in a page's HTML: the anchors other pages may link to.
def anchors(html: str) -> set[str]:
    """Every id in `html`."""
    return set(_ID.findall(html))


_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r'\sid="([^"]+)"')
