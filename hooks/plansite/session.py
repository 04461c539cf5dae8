"""The data of one build: loaded and checked once, shared by both languages' builds.

A build runs once per language, and `mkdocs serve` rebuilds on every save; the data
is read again only when a file under data/ (or a template) has changed.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jinja2

from . import changes, editions, opendata, render, validate
from .links import SiteMap, doc_pages
from .model import Catalogue
from .pages import PageSpec, plan_pages, sources
from .prose import Prose
from .schema import SCHEMA_DIR

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass
class Session:
    """The checked catalogue, its pages, and their HTML, rendered at most once per language."""

    catalogue: Catalogue
    specs: list[PageSpec]
    env: jinja2.Environment
    root: Path = Path(".")
    docs_dir: Path = Path("docs")
    _html: dict[tuple[str, str], str] = field(default_factory=dict)
    _open_data: dict[str, dict[str, str | bytes]] = field(default_factory=dict)
    _changed: dict | None = None

    # Built once: every page's breadcrumbs and notice look their page up here.
    @cached_property
    def spec_by_path(self) -> dict[str, PageSpec]:
        return {spec.path: spec for spec in self.specs}

    # The data's prose as HTML, converted once per text and language for both builds.
    @cached_property
    def prose(self) -> Prose:
        return Prose(self.catalogue)

    # What the pages may link to: the generated pages, those in docs/, and the open data.
    @cached_property
    def site_map(self) -> SiteMap:
        pages = frozenset(self.spec_by_path) | frozenset(doc_pages(self.docs_dir))
        pdfs = frozenset(edition.path for edition in self.pdf_editions.values())
        return SiteMap(pages, frozenset(self._open_data_files()) | pdfs)

    # The plans' PDF editions that `make publish` made for the project as it is now.
    @cached_property
    def pdf_editions(self) -> dict[tuple[str, str], editions.Edition]:
        return editions.current(self.root)

    # The open data files and feeds, by their path in the site.
    def open_data(self, base_url: str) -> dict[str, str | bytes]:
        if base_url not in self._open_data:
            self._open_data[base_url] = {path: make(base_url) for path, make in self._open_data_files().items()}
        return self._open_data[base_url]

    # How to make each open data file, by its path in the site (feeds need the site's address).
    def _open_data_files(self) -> dict:
        c = self.catalogue
        stamp = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), dt.timezone.utc)
        files = {
            "data/measures.json": lambda base: opendata.measures_json(c),
            "data/measures.csv": lambda base: opendata.measures_csv(c),
            "data/awareness-months.ics": lambda base: opendata.awareness_ics(c, stamp),
            "feed.xml": lambda base: opendata.atom_feed(self.env, c, "en", base),
            "ja/feed.xml": lambda base: opendata.atom_feed(self.env, c, "ja", base),
        }
        for path in sorted(SCHEMA_DIR.glob("*.json")):
            files[f"schemas/{path.name}"] = lambda base, path=path: path.read_text(encoding="utf-8")
        return files

    # The words, names, dates and links of one page in one language ('folder': where that
    # language's pages are in the site, '' or 'ja/').
    def localiser(self, lang: str, here: str, folder: str) -> render.Localiser:
        pdfs = {edition.plan: edition for edition in self.pdf_editions.values() if edition.lang == lang}
        return render.Localiser(self.catalogue, lang, self.prose, self.site_map, here, folder, pdfs)

    # When the content of a page last changed: its data files, or its own file in docs/.
    def updated(self, spec: PageSpec | None, doc_file: str) -> dt.date:
        if self._changed is None:
            self._changed = changes.last_changed(self.root)
        if spec is None:
            return changes.latest(self._changed, [doc_file])
        paths = sources(spec, self.catalogue)
        if paths == ["*"]:
            paths = [path for path in self._changed if path.startswith("data/")] or ["data"]
        return changes.latest(self._changed, paths)

    # The HTML of one page in one language.
    def html(self, spec: PageSpec, lang: str, folder: str) -> str:
        key = (spec.path, lang)
        if key not in self._html:
            self._html[key] = render.render(self.env, spec, self.localiser(lang, spec.path, folder))
        return self._html[key]


_cache: dict[tuple, Session] = {}

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The session for the data as it is now: reused while no data file or template changed.
# Compiled templates are kept in .cache/jinja/ under the project.
def session_for(data_dir: Path, root: Path, docs_dir: Path | None = None) -> Session:
    docs_dir = docs_dir or root / "docs"
    key = (str(data_dir), _fingerprint(data_dir), _fingerprint(render.TEMPLATES), str(docs_dir))
    if key not in _cache:
        catalogue = validate.check(data_dir, root)
        _cache.clear()
        _cache[key] = Session(catalogue, plan_pages(catalogue), render.environment(cache=root / ".cache" / "jinja"), root=root, docs_dir=docs_dir)
    return _cache[key]


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _fingerprint(folder: Path) -> tuple:
    return tuple(
        (path.as_posix(), stat.st_mtime_ns, stat.st_size)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )
