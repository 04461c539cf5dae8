"""MkDocs hook: index the built site with Pagefind, one index per language.

Pagefind (the extended binary from npm, with Japanese word segmentation) indexes each
page as MkDocs renders it and puts its index and its JavaScript API (which the site's
own search dialog, docs/assets/search.js, uses; Pagefind's UI is not) in pagefind/ at the
top of the site, served from the site itself. Each page's <html lang> decides its index, so
the search box on a Japanese page finds Japanese pages only.

The index's files are kept in .cache/search-index/ by the hash of everything Pagefind is
given (its executable, the settings, every page's HTML): a build of exactly the same pages
writes them at once (plansite.searchindex).

The pages go to a Pagefind process that runs beside the build (plansite.searchindex),
so Pagefind parses them, and loads its Japanese segmentation, on another core while
MkDocs renders the rest. The index is built in one part per language: once a language's
build has rendered its pages, Pagefind builds that language's files while MkDocs renders
the next language; only the last language's files wait for the end. Under `mkdocs serve`,
where a rebuilt page should be served at once, the pages are only noted while the site
is written, and given to Pagefind in the background once the build has ended
(plansite.searchpreview.DeferredIndex).

mkdocs-static-i18n builds the other languages inside the default language's
on_post_build (priority -100), and every hook event fires in those inner builds too:
the index is started before the outer build, takes the pages of every language's
build, and is written by this hook's on_post_build (-200) once the plugin is no longer
building, that is once, after the outer build, when every language is done.

Events (a higher priority runs first; the default is 0; mkdocs-static-i18n 1.3.1 runs
its on_post_page and on_post_build at -100, and nothing at these others):

| event          | priority | against i18n     | why                                                   |
|----------------|----------|------------------|-------------------------------------------------------|
| on_config      | 0        | before its -100  | where the templates find pagefind/, and the ranking;  |
|                |          |                  | the same in every language                            |
| on_startup     | 0        | (i18n has none)  | under `serve`, write the index in the background      |
| on_pre_build   | 0        | (i18n has none)  | start Pagefind once per outer build, before any page  |
|                |          |                  | (under `serve`: in a thread, the last build's index   |
|                |          |                  | stopped if an older one is in place)                  |
| on_post_page   | -200     | after its -100   | index each page last, as written (after hooks/site.py |
|                |          |                  | at 0 and i18n's changes), in its language's part      |
| on_post_build  | -40      | before its -100  | under `make serve`, the pages not written again (they |
|  _index_unwr.. |          |                  | did not change) go in from their files, before their  |
|                |          |                  | language's part is sealed                             |
|  _seal_language| -50      | before its -100  | this language's pages are all in: Pagefind builds its |
|                |          |                  | part while i18n's -100 builds the next language       |
|  _write_index  | -200     | after its -100   | i18n's -100 builds the other languages: write the     |
|                |          |                  | index only after every language is in it              |
| on_build_error | 0        | (i18n has none)  | leave no Pagefind process behind                      |
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page

import upstream
from plansite import incremental, languages, searchindex, searchpreview
from plansite.searchindex import SearchIndex, SearchIndexError
from plansite.searchpreview import DeferredIndex

log = logging.getLogger("mkdocs.hooks.search")

# Only the article is indexed (main.html marks it data-pagefind-body); the breadcrumb
# trail repeats the same titles on every page and would drown the ranking, and the
# reference-translation notice of every Japanese page would open every excerpt.
EXCLUDE = [".breadcrumbs", ".back-to-top", ".translation-notice"]

# How results are ranked (Pagefind's ranking options, passed to the UI through the
# header's dialog): pages are short (a measure) or long (a ministry listing dozens of
# measures, each with its ministries); weighing page length fully keeps the short page
# about a term above the long lists that mention it in passing. Measured with
# tools/bench/search.py (recall@5 / MRR, Pagefind 1.6.0): 1.0 gives en 99.3% / 0.928,
# ja 97.5% / 0.876; Pagefind's defaults en 99.3% / 0.925, ja 96.9% / 0.869; pageLength
# 0.5 or a lower termSaturation (0.5) do worse (ja 96.3%, 94.4%).
RANKING = {"pageLength": 1.0}

# The folder, under the project, where the last index's files are kept with the hash of
# every input that made them: a build whose pages are all unchanged (a test run, CI, a
# publish after a build) writes them without waiting for Pagefind.
CACHE = Path(".cache") / "search-index"


# Pagefind 1.5 segmented the pages' Japanese with Lindera (IPADIC) but the queries with
# the browser's Intl.Segmenter (ICU), and the two disagreed on katakana loanwords
# (Pagefind issue #1237); the site patched Pagefind's scripts to search a katakana run by
# its first word. Pagefind 1.6 segments the pages with ICU4X, close to Intl.Segmenter:
# measured on tests/search/ (tools/bench/search.py), Japanese recall@5 went from 89.8%
# (1.5.2 with the patch) to 96.0% (1.6.0 without it; 96.0% with it too), so the patch is gone.

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# The index of the build under way, if any.
_state: dict[str, SearchIndex | DeferredIndex] = {}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Where the templates find Pagefind's files: an absolute path under the site's address.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    base = urlsplit(config.site_url or "/").path or "/"
    config.extra["pagefind_bundle"] = base.rstrip("/") + "/pagefind/"
    config.extra["pagefind_ranking"] = json.dumps(RANKING)
    return config


# Under `mkdocs serve` a rebuilt page is served as soon as the build ends; Pagefind is
# given the pages and the search index written in the background just after.
def on_startup(command: str, dirty: bool) -> None:
    searchpreview.write_in_background(command == "serve")


# A fresh index for every outer build (`mkdocs serve` builds many times in one process),
# started early so that Pagefind is ready when the first page is rendered.
def on_pre_build(config: MkDocsConfig) -> None:
    if _inner_build(config):
        return
    # Under `mkdocs serve`, the last build's index, if still being made, is of pages this
    # build is about to change: it is stopped (its thread ends before any page is written).
    searchpreview.stop_background()
    _stop()
    # Pagefind loads a language's segmentation model when it meets that language's first
    # page; shown a sample at once, it loads it while MkDocs builds the default language.
    # Under `mkdocs serve`, Pagefind is given the pages once the build has ended, with the
    # writing of the index (plansite.searchpreview.DeferredIndex): a rebuilt page is served
    # without waiting for Pagefind to read every page of the site.
    kind = DeferredIndex if searchpreview.writes_in_background() else SearchIndex
    try:
        _state["index"] = kind(EXCLUDE, warm_up=languages.segmentation_warm_up(_built_languages(config)), parts=_built_languages(config), cache=_cache(config))
    except SearchIndexError as error:
        raise Abort(f"Pagefind could not start indexing the site: {error}") from None


# Every page of every language, as written to the site (last, after any other change):
# its path in the site (ja/... for Japanese pages) gives Pagefind its address. The page's
# HTML is now in Pagefind and about to be written: MkDocs need not keep it
# (hooks/upstream.py, release_content).
@event_priority(-200)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    index = _state.get("index")
    if index is not None:
        try:
            index.add(page.file.dest_uri, output, part=upstream.page_language(page) or upstream.current_language(config))
        except SearchIndexError as error:
            _stop()
            raise Abort(f"Pagefind could not index {page.file.dest_uri}: {error}") from None
    upstream.release_content(page)
    return output


# Under `make serve`, the pages that did not change are not written again (hooks/site.py,
# plansite.incremental): they go into the index from their files, as they were written.
# In every language's build, after hooks/site.py's on_post_build (0) has recorded them and
# before _seal_language (-50) closes the language's part.
@event_priority(-40)
def _index_unwritten_pages(config: MkDocsConfig) -> None:
    index = _state.get("index")
    part = upstream.current_language(config)  # this build's language: its pages only
    for path, file in incremental.written.take_unwritten():
        if index is None:
            continue
        try:
            index.add_file(path, file, part=part)
        except SearchIndexError as error:
            _stop()
            raise Abort(f"Pagefind could not index {path}: {error}") from None


# A language's build has rendered all its pages: Pagefind builds that language's part of
# the index now, on its own core, while the plugin builds the next language (for the last
# language, just before the index is written).
@event_priority(-50)
def _seal_language(config: MkDocsConfig) -> None:
    index = _state.get("index")
    if index is not None:
        try:
            index.seal(upstream.current_language(config))
        except SearchIndexError as error:
            _stop()
            raise Abort(f"Pagefind could not index the site: {error}") from None


# Once every language is built: write the index and make it reproducible.
@event_priority(-200)
def _write_index(config: MkDocsConfig) -> None:
    if _inner_build(config):
        return  # an inner build of one language; the outer build writes the index
    index = _state.pop("index", None)
    if index is None:
        raise Abort("Pagefind was not started for this build: no search index was written.")
    output = Path(config.site_dir) / "pagefind"
    if searchpreview.writes_in_background():
        searchpreview.finish_in_background(index, output, finish_bundle, lambda error: log.error("Pagefind could not index the site: %s", error))
        return
    try:
        pages = index.finish(output)
    except SearchIndexError as error:
        raise Abort(f"Pagefind could not index the site: {error}") from None
    log.info("Pagefind: indexed %d pages", pages)
    finish_bundle(output)


on_post_build = CombinedEvent(_index_unwritten_pages, _seal_language, _write_index)


# A failed build (in either language) leaves no Pagefind process behind.
def on_build_error(error: Exception) -> None:
    _stop()


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Make Pagefind's output reproducible.
def finish_bundle(bundle: Path) -> None:
    # Pagefind writes its languages in a random order; sorted, two builds are byte-identical.
    entry = bundle / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# Whether this is one language's build inside the outer build (mkdocs-static-i18n;
# hooks/upstream.py).
def _inner_build(config: MkDocsConfig) -> bool:
    return upstream.is_inner_build(config)


# Where the index's files are kept for a later build of the very same pages (plansite.searchindex).
def _cache(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / CACHE


# The languages this build makes pages in (one, for a one-language preview): the index's parts.
def _built_languages(config: MkDocsConfig) -> list[str]:
    only = upstream.build_only_locale(config)
    return [only] if only else upstream.languages(config)


def _stop() -> None:
    index = _state.pop("index", None)
    if index is not None:
        index.close()
