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

from . import changes, opendata, render, validate
from .schema import SCHEMA_DIR
from .model import Catalogue
from .pages import PageSpec, plan_pages, sources

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass
class Session:
    """The checked catalogue, its pages, and their Markdown, rendered at most once per language."""

    catalogue: Catalogue
    specs: list[PageSpec]
    env: jinja2.Environment
    _markdown: dict[tuple[str, str], str] = field(default_factory=dict)
    _open_data: dict[str, dict[str, str | bytes]] = field(default_factory=dict)
    root: Path = Path(".")
    _changed: dict | None = None

    # Built once: every page's breadcrumbs and notice look their page up here.
    @cached_property
    def spec_by_path(self) -> dict[str, PageSpec]:
        return {spec.path: spec for spec in self.specs}

    # The open data files and feeds, by their path in the site.
    def open_data(self, base_url: str) -> dict[str, str | bytes]:
        if base_url not in self._open_data:
            c = self.catalogue
            stamp = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), dt.timezone.utc)
            files: dict[str, str | bytes] = {
                "data/measures.json": opendata.measures_json(c),
                "data/measures.csv": opendata.measures_csv(c),
                "data/awareness-months.ics": opendata.awareness_ics(c, stamp),
                "feed.xml": opendata.atom_feed(self.env, c, "en", base_url),
                "ja/feed.xml": opendata.atom_feed(self.env, c, "ja", base_url),
            }
            for path in sorted(SCHEMA_DIR.glob("*.json")):
                files[f"schemas/{path.name}"] = path.read_text(encoding="utf-8")
            self._open_data[base_url] = files
        return self._open_data[base_url]

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

    # The Markdown of one page in one language.
    def markdown(self, spec: PageSpec, lang: str) -> str:
        key = (spec.path, lang)
        if key not in self._markdown:
            self._markdown[key] = render.render(self.env, spec, lang, self.catalogue)
        return self._markdown[key]


_cache: dict[tuple, Session] = {}

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The session for the data as it is now: reused while no data file or template changed.
def session_for(data_dir: Path, root: Path) -> Session:
    key = (str(data_dir), _fingerprint(data_dir), _fingerprint(render.TEMPLATES))
    if key not in _cache:
        catalogue = validate.check(data_dir, root)
        _cache.clear()
        _cache[key] = Session(catalogue, plan_pages(catalogue), render.environment(), root=root)
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
