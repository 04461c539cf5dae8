"""Reading built pages: links, alternates and text, resolved to files of the built site;
and where the pages are: the site's languages with their folders, a page's address in a
language, and a sample page of every kind in every language."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from helpers import ROOT
from plansite import paths
from plansite.settings import from_config

from tools.a11y_results import SAMPLE, sample

# The site's languages, the default first, each with the folder its pages are in
# ({"en": "", "ja": "ja/"}), as mkdocs.yml declares them.
_SETTINGS = from_config(ROOT)
LANGS: dict[str, str] = {lang: _SETTINGS.folder(lang) for lang in _SETTINGS.languages}
# The default language, whose pages are at the top of the site.
DEFAULT_LANG = _SETTINGS.default_language

# The names of the kinds of page sampled (home, plan, measure, ministry, help, ...): the
# pages that make a11y-results tests too (tools/a11y_results.py).
KINDS: tuple[str, ...] = tuple(SAMPLE)

# The kinds of page the browser tests open one by one in every language (a part of KINDS).
BROWSED: tuple[str, ...] = (
    "home", "plan", "pillar", "measure", "ministry", "month", "plans index", "pillars index",
    "measures index", "ministries index", "months index", "help", "finder", "accessibility",
    "open data",
)


class _Page(HTMLParser):
    """Collects what the tests look at in one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.alternates: dict[str, str] = {}
        self.canonical = ""
        self.switch: dict[str, str] = {}
        self.article_links: list[str] = []
        self.html_lang = ""
        self.article_text: list[str] = []
        self._article_depth = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang", "")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        if tag == "a" and "md-select__link" in (a.get("class") or "") and a.get("hreflang"):
            self.switch[a["hreflang"]] = a["href"]
        if tag == "article":
            self._article_depth += 1
        if self._article_depth and tag == "a" and a.get("href"):
            self.article_links.append(a["href"])
        if tag in ("script", "style", "nav"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self._article_depth -= 1
        if tag in ("script", "style", "nav"):
            self._skip -= 1

    def handle_data(self, data):
        if self._article_depth and not self._skip:
            self.article_text.append(data)


def read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


# A page's address in a language, below the site's root: ("ja", "help") -> "ja/help/".
def address(lang: str, path: str) -> str:
    """The address of the page at `path` (plansite.paths) in `lang`, relative to the site's root."""
    return LANGS[lang] + paths.address(path)


# The language of a site address (ja/help/ -> ja): the one whose folder begins it, else
# the default language, whose pages are at the top.
def lang_of(url: str) -> str:
    """The language of the page at `url`, an address relative to the site's root."""
    return next((lang for lang, folder in LANGS.items() if folder and url.startswith(folder)), DEFAULT_LANG)


# The same page's address in another language: ("ja/help/", "en") -> "help/".
def counterpart(url: str, lang: str) -> str:
    """The address of the page at `url` in `lang`."""
    return LANGS[lang] + url[len(LANGS[lang_of(url)]):]


# One page of every kind, by kind, as its address in every language:
# {"measure": {"en": "plans/plan-2022/measures/3-9/", "ja": "ja/plans/plan-2022/measures/3-9/"}, ...}.
def sample_pages(catalogue) -> dict[str, dict[str, str]]:
    """A sample page of every kind in KINDS, as its address (relative to the site's root) in each language."""
    return {kind: {lang: address(lang, path) for lang in LANGS} for kind, path in sample(catalogue).items()}


# The site path of a built file: site/ja/ministries/npa/index.html -> ja/ministries/npa/
def url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


# Resolve a link found on the page at `url` to a site path, or None if it leaves the site.
def resolve(url: str, href: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return url
    if parts.path.startswith("/"):
        # Absolute paths are relative to the site root (site_url is served at /).
        return parts.path.lstrip("/")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(url.rstrip("/") + "/x"), parts.path))
    joined = "" if joined == "." else joined
    return joined + "/" if parts.path.endswith("/") and joined else joined


# The built file for a site path.
def file_of(site: Path, url: str) -> Path:
    path = site / url
    return path / "index.html" if url == "" or url.endswith("/") else path


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "search" not in p.parts and "assets" not in p.parts)
