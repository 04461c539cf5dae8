"""Reading built pages: links, alternates and text, resolved to files of the built site."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


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
