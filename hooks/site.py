"""MkDocs hooks: the thin layer that turns the plans' data into MkDocs pages.

Loading, validating, modelling and rendering live in the `plansite` package, which
knows nothing of MkDocs; this file only wires it into MkDocs' events.

mkdocs-static-i18n rebuilds every File in its own on_files (priority -100) and drops
in-memory content, so generated pages are added in two phases: their File objects
before the plugin runs, their (empty) Markdown after it. Their title, content, table of
contents and anchors come straight from their page specification and template (no
front matter to parse, no HTML parsed back): Python-Markdown and MkDocs' link
processing were two thirds of the build time and have nothing to do for them. The
plugin also re-runs the whole build for Japanese, so every event below runs once per
language.

Under `mkdocs serve` (and only there), data with problems does not stop the server:
every page, and the 404 page, becomes a page listing the problems, until a save fixes
them and live reload brings the site back. `mkdocs build` still stops on them.

`make serve` runs `mkdocs serve --dirty`: every page is still read and made (a generated
page's HTML kept from the last rebuild where nothing it read of the data changed:
plansite.reuse), but only the pages whose output can differ from what was last written go
through the theme (see "Under `make serve`" below); `mkdocs build` and plain `mkdocs
serve` write every page. Under serve the theme's files are listed once, not in every build.

Events, in the order MkDocs fires them (a higher priority runs first; the default is 0;
mkdocs-static-i18n 1.3.1 runs its on_config, on_files, on_nav, on_post_page and
on_post_build at -100, its on_page_markdown and on_page_context at 50):

| event            | priority | against i18n      | why                                                      |
|------------------|----------|-------------------|----------------------------------------------------------|
| on_startup       | 0        | (i18n has none)   | note the command: `serve` shows data problems in pages    |
| on_config        | -110     | after its -100    | i18n has set the build's language: load the data once,    |
|                  |          |                   | put that language's words in config.extra; in a build,    |
|                  |          |                   | freeze what lives to its end (no cycle collection of it)  |
| on_files         | 50       | before its -100   | announce every generated page in every language, so that  |
|  _announce_pages |          |                   | i18n pairs them as alternates                             |
|  _fill_pages     | -110     | after its -100    | i18n has rebuilt the Files: give this language's their    |
|                  |          |                   | (empty) source (i18n drops content set before it)         |
|  _add_open_data  | -120     | after             | open data, feeds, schemas: not pages, nothing to pair     |
|  _add_editions   | -120     | after             | the PDF editions, likewise                                |
| on_nav           | -110     | after its -100    | under `make serve`: every page is read and made            |
| on_page_markdown | 0        | after its 50      | titles (generated pages': from their spec), escaped;      |
|                  |          |                   | abbreviations for docs/ pages; generated pages have no    |
|                  |          |                   | Markdown                                                  |
| on_page_content  | 0        | (i18n has none)   | generated pages' HTML, table of contents and anchors;     |
|                  |          |                   | breadcrumbs, notice, last changed                         |
| on_env           | 0        | independent       | keep the theme's compiled templates between builds;       |
|  _plan_writes    |          |                   | under `make serve`, choose the pages to write: those that |
|                  |          |                   | changed (plansite.incremental)                            |
| on_post_page     | 0        | before its -100   | the problems page under serve; Material's unnamed toggles |
| on_post_template | 0        | (i18n has none)   | each language's 404 page in its own folder                |
| on_post_build    | 0        | before its -100   | record the pages written (each language's build)          |
| on_serve         | 0        | (i18n has none)   | notice a save and rebuild sooner than MkDocs would        |
|                  |          |                   | (plansite.incremental: POLL_S, SETTLE_S)                  |
| on_build_error   | 0        | (i18n has none)   | forget them: the next build writes them again             |
| on_shutdown      | 0        | (i18n has none)   | MkDocs exits: no last cycle collection of the build's     |
|                  |          |                   | objects on the way out                                    |
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import jinja2
from markupsafe import Markup
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import upstream
from plansite import compose, errorpage, feedback, incremental, render, reuse, structured, theme
from plansite.links import UnknownLink
from plansite.pages import stand_in_sources
from plansite.problems import DataError
from plansite.session import Session, session_for
from plansite.settings import SiteSettings

log = logging.getLogger("mkdocs.hooks.site")

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# "session": the checked data (under serve, the last that passed); "problems": the
# data's problems, under serve, while it has any; "command": MkDocs' command.
_state: dict[str, object] = {}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Which command MkDocs runs (once per invocation, before any build): see _shows_problems_in_pages
# and _write_only_changes.
def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command
    _write_only_changes(command, dirty)


# Load and check the data (once per change of the data, not once per language) and
# stop the build before anything is written if it has problems; under `mkdocs serve`,
# keep serving and show the problems in every page instead.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    if incremental.written.on:
        upstream.keep_theme_listing(config)  # the theme's files are listed once, not in every build
    try:
        _state["session"] = session_for(root / "data", root, _settings(config))
        _state.pop("problems", None)
    except DataError as error:
        if not _shows_problems_in_pages():
            raise Abort(f"{error}\nNothing was published.") from None
        _state["problems"] = error.problems
        # Not a warning: `strict` would turn it into a stop, and the server would hang.
        log.info("%s\nEvery page shows these problems until they are fixed.", error)
    if "session" not in _state:
        # Served from broken data from the start: no word of the data is known yet.
        config.extra["labels"] = {}
        config.extra["urls"] = {}
        return config
    # The theme's words and links in this build's language (plansite.theme).
    lang = _language(config)
    settings = theme.theme_settings(_session(), lang, urlsplit(config.site_url or "/").path, _folder(lang, config))
    config.site_name = settings.site_name
    config.site_description = settings.site_description
    config.extra.update(settings.extra)
    _freeze_for_the_build()
    return config


# Phase one: announce every generated page in both languages, as files in docs/,
# so that the i18n plugin pairs them as alternates of each other.
@event_priority(50)
def _announce_pages(files: Files, config: MkDocsConfig) -> Files:
    if "session" not in _state:
        for src_uri in _stand_ins(config):
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        return files
    for spec in _session().specs:
        for lang in _languages(config):
            files.append(File(spec.src_uri(lang), config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


# Phase two, after the i18n plugin: give the generated pages of this language their
# (empty) source; their title comes in on_page_markdown, their HTML in on_page_content.
@event_priority(-110)
def _fill_pages(files: Files, config: MkDocsConfig) -> Files:
    if "session" not in _state:
        stand_ins = set(_stand_ins(config))
        for file in files:
            if file.src_uri in stand_ins:
                file.content_string = ""
        return files
    generated = {spec.src_uri(lang) for spec in _session().specs for lang in _languages(config)}
    for file in files:
        if file.src_uri in generated:
            file.content_string = ""
    return files


# Open data, feeds and schemas, in every language's build so that pages of either
# language can link to them (MkDocs writes the same bytes twice).
@event_priority(-120)
def _add_open_data(files: Files, config: MkDocsConfig) -> Files:
    if _problems():
        return files
    base = config.site_url or "/"
    for path, content in _session().open_data(base).items():
        files.append(File.generated(config, path, content=content))
    return files


# The plans' PDF editions that `make publish` made for the data as it is (none in a
# plain `make build`), copied into the site from .cache/pdf/.
@event_priority(-120)
def _add_editions(files: Files, config: MkDocsConfig) -> Files:
    if _problems() or "session" not in _state:
        return files
    for edition in _session().pdf_editions.values():
        files.append(File.generated(config, edition.path, abs_src_path=str(edition.source)))
    return files


on_files = CombinedEvent(_announce_pages, _fill_pages, _add_open_data, _add_editions)


# The pages written in docs/ get the ministries' abbreviations; generated pages have no
# Markdown to convert, and take their title from their specification (under serve with
# data problems, from the last good data's: each is then shown as the problems page).
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    spec = _spec(page) if "session" in _state else None
    if spec:
        page.meta["title"] = spec.title.or_source(_page_language(page, config))
        upstream.skip_markdown(page)  # nothing to convert: its HTML comes in on_page_content
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = theme.escaped(page.meta[key])
    if _problems() or spec:
        return ""
    return markdown + "\n\n" + render.abbreviations(_session().catalogue, _page_language(page, config)) + "\n"


# Generated pages get their HTML, table of contents and anchors; every page gets its
# breadcrumb trail, notice and last-changed date around it (plansite.compose).
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _problems():
        return ""
    session = _session()
    lang = _page_language(page, config)
    path = _path(page)
    folder = _folder(lang, config)
    spec = _spec(page)
    if spec:
        try:
            rendered = session.html(spec, lang, folder)
        except (UnknownLink, KeyError, jinja2.TemplateError) as error:
            raise Abort(f"The page {path} ({lang}) cannot be made: {error}\nNothing was published.") from None
        html = rendered.html
        upstream.set_outline(page, render.table_of_contents(rendered.sections), set(rendered.anchors))
    doc_file = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    content = compose.page_content(session, path, lang, folder, html, title=page.title, status=page.meta.get("ja_status", "official"), doc_file=doc_file)
    page.meta["date_modified"] = content.last_changed.isoformat()
    return content.html


# What every page says about itself, for overrides/main.html and the footer: its
# JSON-LD and OpenGraph (plansite.structured) and the link that reports a problem with it.
# Under `make serve` _plan_writes has described every page already (its description is
# part of its fingerprint): not twice.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    if "json_ld" not in page.meta:
        _describe(page, config)
    return context


# A page's JSON-LD, OpenGraph and problem-report link, in its metadata (see on_page_context).
def _describe(page: Page, config: MkDocsConfig) -> None:
    # Under serve while the data has problems, the page is the problems page (on_post_page).
    if _problems() or "session" not in _state:
        return
    session = _session()
    catalogue = session.catalogue
    lang = _page_language(page, config)
    site = config.site_url or "/"
    # The title as text (the page carries it escaped for the theme's templates).
    title = Markup(page.title).unescape() if page.title else ""
    place = structured.page_place(
        session.spec_by_path, _path(page), lang, _languages(config), title, site, _folder(lang, config), page.url,
        page.meta.get("date_modified", ""), sorted(session.open_data(site)),
    )
    page.meta["json_ld"] = structured.script_json(structured.json_ld(catalogue, place))
    page.meta["open_graph"] = structured.open_graph(catalogue, place)
    page.meta["report_problem"] = feedback.page_report_link(catalogue, lang, place.url, title)


# The theme's templates compile once and are then reused, by the other language's build
# and by later builds (`mkdocs serve`, tests, publishing): compiling them was a tenth of
# the build. Jinja checks each cached template against its source, so an edit in
# overrides/ or an upgrade of the theme is picked up.
def _cache_templates(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    upstream.add_template_globals(env)
    return env


# Under `mkdocs serve`, while the data has problems: the problems page, in the page's
# language, in place of the whole page (live reload's script is added when it is served).
# Otherwise the page without Material's unnamed toggles (hooks/upstream.py).
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _problems():
        return errorpage.problems_page(_problems(), [_page_language(page, config)])
    return upstream.without_unnamed_toggles(output, config)


# MkDocs writes theme templates such as 404.html to the top of the site in every
# language's build; the other languages' error page belongs in their own folder
# (hooks/upstream.py, write_elsewhere).
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    output = upstream.without_unnamed_toggles(output, config)
    if template_name == "404.html" and _problems():
        # Served for any address with no page (every page of the data, when serve started
        # on broken data), whatever its language: worded in all of them.
        output = errorpage.problems_page(_problems(), _languages(config))
    lang = _language(config)
    if template_name != "404.html" or lang == _default_language(config):
        return output
    return upstream.write_elsewhere(output, template_name, lang, config)


# The checked data, the templates and the modules imported so far live as long as the
# build: frozen, Python's cycle collector no longer walks them at each of its full
# collections (two fifths of the collector's time in a build). Only in a one-off build
# (`mkdocs build`, `gh-deploy`): under `mkdocs serve` the data changes and the old must go.
def _freeze_for_the_build() -> None:
    if _state.get("command") in ("build", "gh-deploy"):
        gc.freeze()


# MkDocs is about to exit (`mkdocs build`, or a server stopped): nothing more will be
# made, yet Python's last cycle collection would walk every object the build left (pages,
# navigation, the data, the rendered HTML), 0.05-0.1 s of a build's wall time. Frozen,
# they are left to the process's end, which frees its memory at once.
def on_shutdown() -> None:
    gc.freeze()


# -----------------------------------------------------------------------------
# Under `make serve` (`mkdocs serve --dirty`): write only the pages that changed
# -----------------------------------------------------------------------------
#
# MkDocs' dirty build reads a page and writes it only when its File says it is modified
# (hooks/upstream.py, set_modified). Every page is read and made as in a full build
# (its content, title and table of contents are what the navigation and the other pages
# show, and what tells whether it changed); then plansite.incremental compares each page's
# fingerprint with the one it was last written with, and only the pages that differ go
# through the theme. The pages left alone still go into the search index (hooks/search.py).
# A generated page's HTML itself is rendered again only when the data's structure or a
# text the page read changed (plansite.reuse); else its last rendering is used.


# Under `mkdocs serve --dirty` only (`make serve`): every other build writes every page.
def _write_only_changes(command: str, dirty: bool) -> None:
    incremental.written.on = command == "serve" and dirty
    reuse.renderings.on = incremental.written.on  # and render again only the pages whose data changed
    if incremental.written.on:
        upstream.quiet_dirty_warning()


# A save is noticed, and its rebuild started, as plansite.incremental's POLL_S and
# SETTLE_S say (hooks/upstream.py, poll_every).
def on_serve(server, config: MkDocsConfig, builder):
    return upstream.poll_every(server, incremental.POLL_S, incremental.SETTLE_S)


# Every page of this language's build is read and made, whatever MkDocs' file times say
# (after the i18n plugin's navigation, -100: the Files are this language's).
@event_priority(-110)
def on_nav(nav, config: MkDocsConfig, files: Files):
    _state["nav"] = nav
    if incremental.written.on:
        for file in files.documentation_pages():
            upstream.set_modified(file, True)
    return nav


# Once every page is made, before any is written: which pages must be written (their
# fingerprint changed, or their file is gone); the others are left as they are on disk.
def _plan_writes(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if not incremental.written.on:
        return env
    # What every page shows alike, fingerprinted once (it holds every word of the site).
    site = incremental.fingerprint(_site_parts(config))
    pages = {}
    folders: dict[str, str] = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        _describe(page, config)
        pages[_page_key(file, config, folders)] = (incremental.fingerprint(site, _page_parts(page)), file.dest_uri, Path(file.abs_dest_path))
    write = incremental.written.plan((config.site_dir, _language(config)), pages)
    for file in files.documentation_pages():
        if file.page is not None:
            upstream.set_modified(file, _page_key(file, config, folders) in write)
    if len(write) < len(pages):
        log.info("Writing the %d of %d pages (%s) that changed; the others are as they were", len(write), len(pages), _language(config))
    return env


on_env = CombinedEvent(_cache_templates, _plan_writes)


# A page of one build: the site's folder (each `mkdocs serve` has its own), the page, its
# language and that language's folder in the site.
def _page_key(file: File, config: MkDocsConfig, folders: dict[str, str]) -> tuple:
    lang = _page_language(file.page, config)
    if lang not in folders:
        folders[lang] = _folder(lang, config)
    return (config.site_dir, file.src_uri, lang, folders[lang])


# What every page shows alike: the site's words, settings and addresses, the navigation,
# the theme and the hooks (by their files), the data's problems.
def _site_parts(config: MkDocsConfig) -> list:
    root = Path(config.config_file_path).parent
    extra = {key: value for key, value in config.extra.items() if key != "alternate"}  # per page: _page_parts
    settings = [config.site_url, config.site_name, config.site_description, config.copyright, repr(config.theme), config.extra_css, config.extra_javascript]
    nav = _state.get("nav")
    overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []  # the installed theme does not change under serve
    code = incremental.folder_state(Path(config.config_file_path), root / "hooks", *overrides)
    return [extra, settings, upstream.nav_outline(nav) if nav else "", nav.homepage.url if nav and nav.homepage else "", code, [str(p) for p in _problems()], upstream.MATERIAL]


# What one page shows of its own: content, title, contents, metadata (dates, JSON-LD, ...),
# its neighbours in the navigation and its counterparts in the other languages.
def _page_parts(page: Page) -> list:
    neighbours = [(other.title, other.url) if other else None for other in (page.previous_page, page.next_page)]
    alternates = upstream.alternate_urls(page)
    return [page.content, page.title, page.url, upstream.toc_outline(page), page.meta, neighbours, alternates, page.is_homepage]


# The build has written what it planned (each language's build, the inner ones included).
def on_post_build(config: MkDocsConfig) -> None:
    if incremental.written.on:
        incremental.written.commit()


# A failed build: its pages are written again by the next.
def on_build_error(error: Exception) -> None:
    incremental.written.discard()


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _session() -> Session:
    return _state["session"]


# The data's problems while `mkdocs serve` shows them in place of the pages; else none.
def _problems() -> list:
    return _state.get("problems") or []


# Under `mkdocs serve` started on broken data, no page of the data is known: a stand-in
# (shown as the problems page) for every page of the navigation not written in docs/.
def _stand_ins(config: MkDocsConfig) -> list[str]:
    return stand_in_sources(config.nav or [], Path(config.docs_dir), _languages(config))


# Whether a data error becomes a page instead of stopping the build: only under
# `mkdocs serve`, as MkDocs' startup event says (its `command`, "serve" only for
# `mkdocs serve` without --clean, whose builds are thrown away). Where that event did not
# come (a build started some other way) the answer is no: the build stops, as it must.
def _shows_problems_in_pages() -> bool:
    return _state.get("command") == "serve"


# The generated page behind a MkDocs page, or None for a page written in docs/.
def _spec(page: Page):
    return _session().spec_by_path.get(_path(page))


# A page's source path without language or extension: ministries/npa, about.
def _path(page: Page) -> str:
    return page.file.src_uri.rsplit(".", 2)[0]


def _page_language(page: Page, config: MkDocsConfig) -> str:
    return upstream.page_language(page) or _language(config)


# Where a language's pages are in the site (plansite.settings says, for this build).
def _folder(lang: str, config: MkDocsConfig) -> str:
    return _settings(config).folder(lang)


# What plansite needs of this site's configuration: languages (default first), docs, Markdown.
def _settings(config: MkDocsConfig) -> SiteSettings:
    default = _default_language(config)
    languages = tuple([default] + [lang for lang in _languages(config) if lang != default])
    extensions = tuple(ext if isinstance(ext, str) else next(iter(ext)) for ext in config.markdown_extensions)
    return SiteSettings(languages, Path(config.docs_dir), extensions, upstream.build_only_locale(config))


def _languages(config: MkDocsConfig) -> list[str]:
    return upstream.languages(config)


def _default_language(config: MkDocsConfig) -> str:
    return upstream.default_language(config)


def _language(config: MkDocsConfig) -> str:
    return upstream.current_language(config)

