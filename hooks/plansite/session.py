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

from . import checked, editions, glossary, last_changed, opendata, paths, render, reuse
from .links import SiteMap, doc_pages
from .model import Catalogue
from .pages import PageSpec, plan_pages, source_files
from .prose import Prose
from .schema import SCHEMA_DIR
from .settings import SiteSettings

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
    settings: SiteSettings | None = None
    # Each page's rendering by all it depends on besides the session's own data:
    # (page path, language, the language's folder). Gone with the session.
    _html: dict[tuple[str, str, str], render.Rendered] = field(default_factory=dict)
    _open_data: dict[str, dict[str, str | bytes]] = field(default_factory=dict)
    _last_changed_by_file: dict | None = None
    _anchors: set[tuple[str, str, str, str]] = field(default_factory=set)
    _plain_labels: dict = field(default_factory=dict)

    # The site's languages, the default first (from the site's configuration).
    @property
    def languages(self) -> tuple[str, ...]:
        """The site's languages, the default first (from the site's configuration)."""
        return self.settings.languages

    # Built once: every page's breadcrumbs and notice look their page up here.
    @cached_property
    def spec_by_path(self) -> dict[str, PageSpec]:
        """Every page specification, by page path."""
        return {spec.path: spec for spec in self.specs}

    # The data's prose as HTML, converted once per text and language for both builds.
    @cached_property
    def prose(self) -> Prose:
        """The converter of the data's prose to HTML, shared by every language."""
        return Prose(self.catalogue)

    # What the pages may link to: the generated pages, those in docs/, and the open data.
    @cached_property
    def site_map(self) -> SiteMap:
        """What the pages may link to: generated pages, docs/ pages, open data, PDFs."""
        pages = frozenset(self.spec_by_path) | frozenset(doc_pages(self.docs_dir))
        pdfs = frozenset(edition.path for edition in self.pdf_editions.values())
        return SiteMap(pages, frozenset(self._open_data_files()) | pdfs)

    # The plans' PDF editions that `make publish` made for the project as it is now.
    @cached_property
    def pdf_editions(self) -> dict[tuple[str, str], editions.Edition]:
        """The current PDF editions, by (plan id, language)."""
        return editions.current(self.root)

    # The open data files and feeds, by their path in the site.
    def open_data(self, base_url: str) -> dict[str, str | bytes]:
        """The open data files and feeds by their path in the site, for a site at `base_url`."""
        if base_url not in self._open_data:
            self._open_data[base_url] = {path: make(base_url) for path, make in self._open_data_files().items()}
        return self._open_data[base_url]

    # The open data files under data/ (JSON, CSV, calendar, data package), made once.
    @cached_property
    def _data_files(self) -> dict[str, str | bytes]:
        stamp = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), dt.timezone.utc)
        return opendata.data_files(self.catalogue, stamp)

    # How to make each open data file, by its path in the site (feeds need the site's address).
    def _open_data_files(self) -> dict:
        catalogue = self.catalogue
        files: dict = {paths.data_file(name): lambda base, name=name: self._data_files[name] for name in self._data_files}
        for lang in self.languages:
            folder = self.settings.folder(lang)
            files[paths.feed(folder)] = lambda base, lang=lang, folder=folder: opendata.atom_feed(self.env, catalogue, lang, base, folder, self.prose.inline)
        for path in sorted(SCHEMA_DIR.glob("*.json")):
            files[paths.schema(path.name)] = lambda base, path=path: path.read_text(encoding="utf-8")
        return files

    # The words, names, dates and links of one page in one language ('folder': where that
    # language's pages are in the site, '' or 'ja/').
    # `anchors`: where it records the links to parts of pages (the session's, unless given).
    def localiser(self, lang: str, here: str, folder: str, anchors: set | None = None) -> render.Localiser:
        """The Localiser of the page `here` in `lang`, whose language folder is `folder`."""
        pdfs = {edition.plan: edition for edition in self.pdf_editions.values() if edition.lang == lang}
        return render.Localiser(self.catalogue, lang, self.prose, self.site_map, here, folder, pdfs, self.settings, self._anchors if anchors is None else anchors, self._plain_labels)

    # A page's last-changed date (plansite.last_changed): its data files, or its own file in docs/.
    def last_changed(self, spec: PageSpec | None, doc_file: str) -> dt.date:
        """When a page's content last changed: a generated page's data, or a docs/ file."""
        if self._last_changed_by_file is None:
            self._last_changed_by_file = last_changed.by_file(self.root)
        by_file = self._last_changed_by_file
        if spec is None:
            return last_changed.latest(by_file, [doc_file])
        files = source_files(spec, self.catalogue)
        if files == ["*"]:
            files = [path for path in by_file if path.startswith("data/")] or ["data"]
        return last_changed.latest(by_file, files)

    # One page in one language: its HTML, sections and anchors. The translation-status
    # page also lists the glossary names still to be confirmed that the other pages use.
    def html(self, spec: PageSpec, lang: str, folder: str) -> render.Rendered:
        """One page rendered in `lang`, whose pages are in the site's `folder` ('' or 'ja/'), rendered once."""
        key = (spec.path, lang, folder)
        if key not in self._html:
            if spec.template == STATUS_TEMPLATE:
                # Made from the other pages' HTML, not only from what it reads: always rendered.
                unverified = [
                    (entry, [(page, self.spec_by_path[page].title if page in self.spec_by_path else None) for page in pages])
                    for entry, pages in self.unverified_names()
                ]
                self._html[key] = render.render(self.env, spec, self.localiser(lang, spec.path, folder), unverified=unverified)
            else:
                # Under `make serve`, kept from an earlier session if nothing it read changed (plansite.reuse).
                self._html[key] = reuse.renderings.rendered(
                    spec.path, key, lambda anchors: render.render(self.env, spec, self.localiser(lang, spec.path, folder, anchors)), self._anchors,
                )
        return self._html[key]

    # The links to a part of a generated page (page#anchor) made so far in `lang` whose
    # page, made in `folder`, has no such part: (linking page, page, anchor). Links are
    # checked like this once the pages are made, as an anchor exists only in a page's HTML.
    def missing_anchors(self, lang: str, folder: str) -> list[tuple[str, str, str]]:
        """The links to a part of a page made so far in `lang` whose page lacks that part: (linking page, page, anchor)."""
        missing = []
        for linked_lang, path, anchor, here in sorted(self._anchors):
            spec = self.spec_by_path.get(path)
            if linked_lang == lang and spec is not None and anchor not in self.html(spec, lang, folder).anchors:
                missing.append((here, path, anchor))
        return missing

    # The glossary's names (data/glossary.yaml) that the pages of the translated languages
    # use, with the pages that use each, in the order of the glossary.
    @cached_property
    def glossary_use(self) -> dict[glossary.Entry, list[str]]:
        """The glossary's names that the translated languages' pages use, with the pages that use each."""
        found = glossary.entries(self.catalogue.glossary, self.languages)
        uses: dict[glossary.Entry, list[str]] = {}
        for lang in self.languages[1:]:
            for entry, pages in glossary.used_on(found, self.page_texts(lang), lang, keep=reuse.renderings.on).items():
                uses.setdefault(entry, [])
                uses[entry] += [page for page in pages if page not in uses[entry]]
        return {entry: uses[entry] for entry in found if entry in uses}

    # The names in use that are not yet confirmed against an official source.
    def unverified_names(self) -> list[tuple[glossary.Entry, list[str]]]:
        """The names in use that are not yet confirmed, with their pages."""
        return [(entry, pages) for entry, pages in self.glossary_use.items() if not entry.verified]

    # The text of every page in one language, by path: the generated pages (but the
    # translation-status page, which lists names rather than uses them) and those in docs/.
    # The pages are the build's own, made where the build puts that language (a page is
    # rendered once: this was a sixth of the build when the pages were rendered twice).
    def page_texts(self, lang: str) -> dict[str, str]:
        """The visible text of every page in one language, by page path."""
        folder = self.settings.folder(lang)
        texts = glossary.texts_of({spec.path: self.html(spec, lang, folder).html for spec in self.specs if spec.template != STATUS_TEMPLATE}, lang, keep=reuse.renderings.on)
        texts.update(glossary.doc_texts(self.docs_dir, lang))
        return texts


# The current session (one at most), by everything it is made from: see session_for.
_cache: dict[tuple, Session] = {}

STATUS_TEMPLATE = "translation-status.html.j2"

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The session for the data as it is now: reused while nothing it is made from changed
# (data, templates, docs/, the PDF editions `make publish` made, the site's settings).
# Compiled templates are kept in .cache/jinja/ under the project.
def session_for(data_dir: Path, root: Path, settings: SiteSettings) -> Session:
    """The checked data and its pages, for the site described by `settings`."""
    docs_dir = settings.docs_dir
    made_from = (data_dir, render.TEMPLATES, docs_dir, root / editions.FOLDER)
    key = (str(data_dir), *(_fingerprint(folder) for folder in made_from), settings)
    if key not in _cache:
        catalogue = checked.check(data_dir, root, settings)
        _cache.clear()
        session = _cache[key] = Session(catalogue, plan_pages(catalogue), render.environment(cache=root / ".cache" / "jinja"), root=root, docs_dir=docs_dir, settings=settings)
        if reuse.renderings.on:
            reuse.renderings.start(_structure(session, key[2:]), {spec.path: spec for spec in session.specs})
    return _cache[key]


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# Everything a page's rendering is given besides its specification and the Texts' words
# (plansite.reuse): the catalogue, the site's settings, pages, files and PDF editions, the
# templates, docs/ and .cache/pdf/ as they are (`folders`), and the words the prose's
# converters hold for every page (the ministries' names, as abbreviations).
def _structure(session: Session, folders: tuple) -> tuple:
    names = [(m.abbr, [(lang, m.name.get(lang)) for lang in m.name.languages]) for m in session.catalogue.ministries if m.abbr]
    return (session.catalogue, session.settings, str(session.root), str(session.docs_dir), folders, session.site_map, session.pdf_editions, names)


# Every file under `folder` by name, time and size (none if there is no such folder).
def _fingerprint(folder: Path) -> tuple:
    return tuple(
        (path.as_posix(), stat.st_mtime_ns, stat.st_size)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )
