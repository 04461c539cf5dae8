"""Every place the site leans on its upstream packages' internals, in one module.

MkDocs, Material for MkDocs and mkdocs-static-i18n are bumped by Dependabot every week
(Material is in maintenance mode: its internals may change without notice), and Pagefind
by hand (the Makefile's PAGEFIND_VERSION). Wherever the site relies on more than their
documented interfaces -- an attribute of a plugin, the shape of a token, a file of the
theme copied or replaced, a string of the theme's output replaced -- the reliance is
named here, once, with the upstream version and file it targets and why it is there.
`hooks/site.py` and `hooks/search.py` call these functions instead of reaching into the
packages themselves; `overrides/` holds the theme's templates the site replaces.

`UPSTREAM_FILES` records the SHA-256 of every upstream file the site copies, replaces or
depends on by shape; `tests/test_upstream.py` recomputes each from the installed
packages, so that an upgrade that changes one of them stops the tests and names what to
re-check, instead of being discovered on the published site. `OVERRIDES` names, for
every file in `overrides/`, the theme file it replaces or extends.

When a test here fails after an upgrade: read the upstream file's diff between the two
versions (`pip download <package>==<old>` and `==<new>`, or the project's changelog)
against the `why` of its entry, adapt the function or override that relies on it, and
record the new hash and version.

This is MkDocs' side of the site: `plansite` knows nothing of MkDocs, and nothing of
this module either.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import jinja2
from watchdog.observers.polling import PollingObserver
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs import utils as mkdocs_utils
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from plansite.incremental import folder_state
from plansite.searchindex import NPM_PREFIX

# The versions every entry below was read against.
MKDOCS = "1.6.1"
MATERIAL = "9.8.1"
I18N = "1.3.1"
PAGEFIND = "1.6.0"


@dataclass(frozen=True)
class UpstreamFile:
    """One upstream file the site copies, replaces or depends on by shape."""

    package: str  # its distribution's name on PyPI, or "npm:<name>" for an npm package
    version: str  # the version the hash was recorded from
    path: str  # inside the installed package (site-packages, or the npm package's folder)
    sha256: str
    why: str  # what the site takes from it: what to re-check when it changes


# -----------------------------------------------------------------------------
# MkDocs (1.6.1)
# -----------------------------------------------------------------------------


# Generated pages skip Markdown (hooks/site.py), so nothing fills the table of contents
# and the anchor list that MkDocs' Markdown rendering would: they are set here from the
# page's own headings and ids. `toc_tokens` are Python-Markdown toc extension's tokens
# ({level, id, name, children}) as mkdocs/structure/toc.py's get_toc reads them (MkDocs
# 1.6.1); `anchors` is what mkdocs/structure/pages.py's Page.render would leave in
# present_anchor_ids, which MkDocs' link validation checks other pages' #anchors against.
def set_outline(page: Page, toc_tokens: list[dict], anchors: set[str]) -> None:
    """Give a page whose Markdown was skipped its table of contents and its anchors."""
    page.toc = get_toc(toc_tokens)
    page.present_anchor_ids = anchors


# A generated page has no Markdown (hooks/site.py gives it an empty source), yet MkDocs
# 1.6.1's _populate_page (mkdocs/commands/build.py) calls Page.render on it, which makes a
# Python-Markdown converter with every extension for nothing: 70 ms a build for the ~400
# generated pages of both languages, a twentieth of a rebuild under `make serve`. Set on
# the page, a render that leaves what Page.render (mkdocs/structure/pages.py) leaves of an
# empty source shadows the method: no HTML, no title, no headings, no anchors, no links.
def skip_markdown(page: Page) -> None:
    """Make MkDocs' Markdown rendering of `page` (whose source is empty) do nothing but leave an empty page."""

    def render(config: MkDocsConfig, files) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}

    page.render = render


# MkDocs lists the theme's files anew in every build (Files.add_files_from_theme,
# mkdocs/structure/files.py, MkDocs 1.6.1): every name under the theme's folders, through
# the Jinja environment of Theme.get_env (mkdocs/theme.py), Material's 14,500 icons among
# them, each matched against its patterns: 45 ms of every language's build. Under
# `mkdocs serve` the answer is kept: the environment lists what it listed last while the
# theme's folders, the filter's inputs (the theme's static_templates and MkDocs' Markdown
# extensions: its patterns) and the custom folder's files (by time and size: overrides/ is
# watched and edited) are as they were; the installed theme does not change under serve.
_theme_listing: dict[tuple, list[str]] = {}
# One per language's build (mkdocs-static-i18n 1.3.1 puts its sitemap template's folder in
# the theme's folders again for each other language), and a few edits of overrides/.
_THEME_LISTINGS_KEPT = 8


def keep_theme_listing(config: MkDocsConfig) -> None:
    """Make this build's theme environment list the theme's files from the last listing when nothing it depends on changed."""
    theme = config.theme
    if getattr(theme.get_env, "keeps_its_listing", False):
        return  # the same configuration, another language's build
    get_env = theme.get_env

    def env_keeping_its_listing() -> jinja2.Environment:
        env = get_env()
        list_templates = env.list_templates

        def listed(extensions=None, filter_func=None) -> list[str]:
            custom = [Path(theme.custom_dir)] if theme.custom_dir else []
            key = (tuple(theme.dirs), extensions, filter_func is None, tuple(sorted(theme.static_templates)),
                   tuple(mkdocs_utils.markdown_extensions), tuple(folder_state(*custom)))
            if key not in _theme_listing:
                while len(_theme_listing) >= _THEME_LISTINGS_KEPT:
                    del _theme_listing[next(iter(_theme_listing))]  # the oldest
                _theme_listing[key] = list_templates(extensions, filter_func)
            return list(_theme_listing[key])

        env.list_templates = listed
        return env

    env_keeping_its_listing.keeps_its_listing = True
    theme.get_env = env_keeping_its_listing


# MkDocs keeps every page's HTML (page.content) until the build ends, but reads it only
# while it builds that page (mkdocs/commands/build.py, _build_page, MkDocs 1.6.1; the
# theme's templates read the current page's): once the page is written, its HTML can go
# (62 MiB at 20x the data). An empty string, not None: Page.title falls back to the
# Markdown's first heading when content is None (mkdocs/structure/pages.py).
def release_content(page: Page) -> None:
    """Let a written page's HTML go; MkDocs does not read it again."""
    page.content = ""


# MkDocs writes the theme's static templates (Material's 404.html) at the top of the site
# (mkdocs/commands/build.py, _build_theme_template, MkDocs 1.6.1), in every language's
# build of mkdocs-static-i18n, each over the last; and it writes nothing for a template
# whose output is empty. So another language's error page is written here to its own
# folder (ja/404.html), and the empty string returned leaves the top one alone.
def write_elsewhere(output: str, template_name: str, folder: str, config: MkDocsConfig) -> str:
    """Write a theme template's output under `folder` of the site; return what MkDocs should write in its place (nothing)."""
    target = Path(config.site_dir) / folder / template_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""


# Under `mkdocs serve --dirty` (make serve), MkDocs 1.6.1 reads and renders a page
# (_populate_page) and writes it through the theme (_build_page) only when
# `page.file.is_modified()` (mkdocs/commands/build.py); File.is_modified compares the
# source's and the output's file times, and says yes for any File with content, as every
# generated page has (mkdocs/structure/files.py). The site decides per page instead
# (plansite.incremental): set on the File object, the answer shadows the method.
def set_modified(file: File, modified: bool) -> None:
    """Make MkDocs' dirty build treat `file`'s page as changed (read and written) or not (left as written)."""
    file.is_modified = lambda: modified


# mkdocs-static-i18n 1.3.1 builds the other languages dirty only when it finds `--dirty` in
# sys.argv (plugin.py, on_post_build), as `make serve` runs MkDocs; otherwise they are built
# whole, every page written (slower, never wrong).

# A dirty build logs a warning that its navigation may be wrong (build.py, MkDocs 1.6.1),
# which `strict: true` turns into a stop at the end of every build. The site's dirty
# builds rewrite every page whose navigation changed (plansite.incremental), so the
# warning does not apply; it is dropped, that message only, at its logger.
DIRTY_WARNING = "A 'dirty' build is being performed"


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    """Drop MkDocs' warning about dirty builds (once per process: the same filter is added once)."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


# `mkdocs serve` notices a save by looking at every watched file every 0.5 s: a watchdog
# PollingObserver made with that timeout in LiveReloadServer.__init__, whose watches
# (server.watch, server._watched_paths) each get an emitter polling at the observer's
# timeout (mkdocs/livereload/__init__.py, MkDocs 1.6.1; watchdog 7.1's public
# PollingObserver(timeout=...)). Half a second is, on average, a quarter of a second of
# every edit loop; the site's few hundred watched files are looked at in about a
# millisecond. So the observer is replaced, before it starts (the `serve` event of
# mkdocs/commands/serve.py comes after the docs and mkdocs.yml are watched and before the
# `--watch` folders are), and what was watched is watched again on the new one. Once a
# save is seen, the server waits until none came for its build_delay (0.1 s) before it
# rebuilds; that is set too, where the server has one.
def poll_every(server: LiveReloadServer, seconds: float, settle: float) -> LiveReloadServer:
    """Make `mkdocs serve` look for saved files every `seconds` (its default: 0.5) and rebuild once none came for `settle` (its default: 0.1)."""
    if not isinstance(getattr(server, "observer", None), PollingObserver) or not isinstance(getattr(server, "_watched_paths", None), dict):
        return server  # a server made otherwise: left as it is (saves noticed at its own pace)
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = settle
    watched = dict(server._watched_paths)
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=seconds)
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return server


# What the theme shows of the navigation and of a page's table of contents, as text:
# MkDocs' own printouts (Navigation.__str__ of mkdocs/structure/nav.py, each item's repr
# with its title and address, sections with their children; TableOfContents.__str__ of
# mkdocs/structure/toc.py, each heading's title and anchor), so that a change of either
# changes a page's fingerprint (plansite.incremental).
def nav_outline(nav: Navigation) -> str:
    """The navigation's titles and addresses, nested, as text."""
    return str(nav)


def toc_outline(page: Page) -> str:
    """A page's table of contents (titles and anchors, nested), as text."""
    return str(page.toc)


# -----------------------------------------------------------------------------
# mkdocs-static-i18n (1.3.1)
# -----------------------------------------------------------------------------


# The plugin's own configuration (mkdocs_static_i18n/config.py): its `languages`, each
# with `locale` and `default`, and `build_only_locale`. Read from the plugin object, not
# from mkdocs.yml, so that it is the configuration as the plugin validated it.
def _i18n_config(config: MkDocsConfig):
    return config.plugins["i18n"].config


def languages(config: MkDocsConfig) -> list[str]:
    """The site's languages, as mkdocs.yml's i18n plugin lists them."""
    return [lang["locale"] for lang in _i18n_config(config)["languages"]]


def default_language(config: MkDocsConfig) -> str:
    """The language the plugin builds at the top of the site."""
    return next(lang["locale"] for lang in _i18n_config(config)["languages"] if lang["default"])


def build_only_locale(config: MkDocsConfig) -> str | None:
    """The one language built (`make serve ONLY=ja`), at the top of the site; else None."""
    return _i18n_config(config).get("build_only_locale")


# The language of the build under way: the plugin's `current_language` attribute
# (mkdocs_static_i18n/plugin.py, 1.3.1), set in its on_config (-100) and changed for each
# language's inner build. Before the plugin has set it, the default language.
def current_language(config: MkDocsConfig) -> str:
    """The language the i18n plugin is building now."""
    return config.plugins["i18n"].current_language or default_language(config)


# The plugin builds the other languages inside the default language's on_post_build
# (-100), setting its `building` attribute meanwhile (mkdocs_static_i18n/plugin.py, 1.3.1):
# every hook event fires again in those inner builds.
def is_inner_build(config: MkDocsConfig) -> bool:
    """Whether this is one language's build inside the default language's."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))


# The language of a page's source, which the plugin sets on every File it rebuilds in its
# on_files (-100), as `file.locale` (mkdocs_static_i18n/suffix.py, create_i18n_file, 1.3.1).
# Pages the plugin has not seen (none, today) have none.
def page_language(page: Page) -> str | None:
    """The language of a page's source file, as the i18n plugin recorded it."""
    return getattr(page.file, "locale", None)


# The plugin also sets `file.alternates` ({locale: File} of the page in each language,
# suffix.py): the language selector's links, by language (none for a page it has not seen).
def alternate_urls(page: Page) -> dict[str, str]:
    """The addresses of a page's counterparts in each language, as the i18n plugin paired them."""
    return {lang: other.url for lang, other in (getattr(page.file, "alternates", None) or {}).items()}


# With reconfigure_material, the plugin rewrites config.extra.alternate for every
# page (reconfigure.py, reconfigure_page_context) so that each language's `link` is the
# page's counterpart, relative; and it gives templates `i18n_config` (plugin.py,
# on_page_context). overrides/main.html (site_meta) and overrides/partials/alternate.html
# read them there.


# -----------------------------------------------------------------------------
# Material for MkDocs (9.8.1)
# -----------------------------------------------------------------------------


# Material's checkboxes that toggle its menus, named by their labels; two of them can have
# no label, and so no name (HTML_CodeSniffer, WCAG 4.1.2):
# - its search's toggle (templates/base.html, 9.8.1), whose label is in its search partial,
#   which the site's header does not include when Material's search plugin is off (the
#   site's search is Pagefind's, hooks/search.py, with its own button). Only Material's
#   bundle looked it up (and threw without it); the pages no longer load the bundle
#   (MATERIAL_SCRIPTS_LEFT_OUT), so the toggle goes.
# - the table of contents' toggle (templates/partials/nav-item.html), whose label is in
#   the table of contents, which a page without headings does not have.
SEARCH_TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def material_search_on(config: MkDocsConfig) -> bool:
    """Whether Material's own search plugin is on (the site uses Pagefind; a configuration that turns Material's on gets its toggle back)."""
    return "material/search" in config.plugins


def without_unnamed_toggles(output: str, config: MkDocsConfig) -> str:
    """A page as Material wrote it, without its toggles that no label names."""
    if not material_search_on(config):
        output = output.replace(SEARCH_TOGGLE, "", 1)
    if 'for="__toc"' not in output:
        output = output.replace(TOC_TOGGLE, "", 1)
    return output


# overrides/main.html's scripts block loads the site's own scripts only: not Material's
# bundle (assets/javascripts/bundle.a5f9d56c.min.js, 114 KB, 35 KB gzipped: 40% of a first
# visit, issue 15), which base.html's scripts block loads. The pages keep
# <html class="no-js">, which the bundle would have replaced with "js": Material's
# stylesheet (main.57a0d79d.min.css, named in base.html, whose hash is guarded) then lays
# out the sidebars at their natural height (`.no-js .md-sidebar{height:auto}`) and the
# drawer and the nested navigation stay its CSS checkboxes. What the bundle did on these
# pages, and what takes its place; re-read this list against the bundle's features
# (Material's src/templates/assets/javascripts) when Material changes.
MATERIAL_SCRIPTS_LEFT_OUT: dict[str, str] = {
    "search (keys /, s, f)": "Material's search plugin is off; assets/search.js opens the site's dialog on /.",
    "keys p, n (previous, next page)": "not offered; the footer's previous and next links remain.",
    "content.tooltips": "the feature is off: the browser shows an abbreviation's or a link's title itself.",
    "tables wrapped for scrolling": "Material's stylesheet already scrolls a wide table inside itself "
    "(`.md-typeset table:not([class])`, display:inline-block, overflow:auto); the site's own tables have their own wrappers.",
    "sidebar height and scrolling the active link into view": "the sidebars take their natural height "
    "(Material's .no-js rules); the page scrolls the navigation with it.",
    "table of contents following the reading position": "the table of contents stays a plain list of links.",
    "header shadow once scrolled": "the site's header has its own border (docs/assets/site.css).",
    "language switch (alternate integration: sitemap.xml fetched next to each hreflang link)": "the "
    "switch is plain links to the page's counterpart (overrides/partials/alternate.html), opened by CSS on focus and hover.",
}


# Material's stylesheets as base.html's styles block links them (9.8.1): its main sheet,
# and its palette sheet when the theme has a palette, named by their content hashes (so
# base.html's hash guards them). hooks/stylesheet.py prunes them into one file, which
# overrides/main.html's styles block links in their place.
MATERIAL_STYLESHEET = "assets/stylesheets/main.57a0d79d.min.css"
MATERIAL_PALETTE_STYLESHEET = "assets/stylesheets/palette.fb2fffe2.min.css"


def material_stylesheets(config: MkDocsConfig) -> list[str]:
    """The theme's stylesheets that base.html would link, in its order, as paths under the site."""
    return [MATERIAL_STYLESHEET] + ([MATERIAL_PALETTE_STYLESHEET] if config.theme.get("palette") else [])


# overrides/main.html copies Material's site_meta block, which names the theme's version
# in its generator tag; the installed version is given to the templates instead of a
# literal that an upgrade would leave wrong.
def add_template_globals(env: jinja2.Environment) -> None:
    """Give the theme's templates the upstream facts they print."""
    env.globals["material_version"] = importlib.metadata.version("mkdocs-material")


# Each file in overrides/ and the Material file (in UPSTREAM_FILES) it replaces or
# extends, with what it takes from it; None for the site's own partials, which replace
# nothing. Material's templates declare blocks only in base.html; its partials have none,
# so a change to a partial replaces the whole partial: what the site adds of its own goes
# into partials of its own, so that the replaced ones are no longer than they must be.
OVERRIDES: dict[str, tuple[str | None, str]] = {
    "main.html": (
        "material/templates/main.html",
        "Replaces Material's main.html (which only extends base.html) to override base.html's "
        "blocks site_meta (copied, with absolute hreflang links), htmltitle (rewritten), "
        "header, extrahead and content (each around super()), styles (replaced: Material's "
        "stylesheets pruned into one by hooks/stylesheet.py, MATERIAL_STYLESHEET), scripts (replaced: the site's "
        "scripts without Material's bundle, MATERIAL_SCRIPTS_LEFT_OUT) and config (emptied: its "
        "__config JSON is for the bundle only).",
    ),
    "404.html": (
        "material/templates/404.html",
        "Replaces Material's error page (an English heading only) with the page's language's words.",
    ),
    "partials/header.html": (
        "material/templates/partials/header.html",
        "A whole-file replacement: Material's header partial has no blocks, and the design "
        "replaces its logo, title, topic and palette, and adds the help link and the search "
        "button (its dialog is partials/site-search.html). Kept from it: the <header "
        "class=md-header> and <nav class=md-header__inner> its stylesheet lays out, "
        "the drawer's label, the nav's name (lang.t('header')) and the include of "
        "partials/alternate.html; its search label and partial are left out.",
    ),
    "partials/site-search.html": (
        None,
        "The site's own: the Pagefind search dialog, included by partials/header.html.",
    ),
    "partials/alternate.html": (
        "material/templates/partials/alternate.html",
        "Replaces the language selector: a visible word beside the globe, each language "
        "link marked with lang; Material's md-select markup and classes kept.",
    ),
    "partials/copyright.html": (
        "material/templates/partials/copyright.html",
        "Replaces the footer's copyright with the responsible office and the accessibility and help links.",
    ),
}


# -----------------------------------------------------------------------------
# Pagefind (1.6.0, from npm)
# -----------------------------------------------------------------------------

# The site installs Pagefind from npm (the Makefile) and plansite/searchindex.py speaks its
# `--service` protocol itself, as the npm package's own client (lib/service.js, with the
# message types of types/internal.d.ts) does: both are guarded below. hooks/search.py's finish_bundle rewrites the index's
# pagefind-entry.json (sorted, for reproducible builds): a Pagefind that renames it stops
# the build there. The version is the Makefile's PAGEFIND_VERSION.


# -----------------------------------------------------------------------------
# The upstream files
# -----------------------------------------------------------------------------

UPSTREAM_FILES: tuple[UpstreamFile, ...] = (
    UpstreamFile(
        "mkdocs", MKDOCS, "mkdocs/structure/toc.py",
        "f1e35ef66730a65154b67c2dc38ac4e876e44214a3a1df1b35a110dbe6710b2f",
        "set_outline: get_toc's token shape ({level, id, name, children}) that plansite.render.table_of_contents builds from the templates' sections; "
        "toc_outline: TableOfContents.__str__ prints every heading's title and anchor, nested.",
    ),
    UpstreamFile(
        "mkdocs", MKDOCS, "mkdocs/structure/pages.py",
        "28cc64c2f8b85b9272d49f0f2eb263851f86ed99796f8a593b11c0c7fbd11bf2",
        "set_outline: Page.toc and Page.present_anchor_ids, set by hand for generated pages; "
        "that Page.render still fills them only from Markdown and that link validation reads present_anchor_ids; "
        "skip_markdown: what Page.render leaves of an empty source (content, toc, _title_from_render, present_anchor_ids, links_to_anchors), "
        "a method an instance attribute can shadow; "
        "nav_outline: Page.__repr__ names the page's title and address; "
        "release_content: Page.title's fallback when content is None.",
    ),
    UpstreamFile(
        "mkdocs", MKDOCS, "mkdocs/commands/build.py",
        "77fb0135d13f14223066a60c5a7e0293e333d1e6a4b058cebbb6d8acf8cc3825",
        "write_elsewhere: static templates (404.html) written at the top of the site, nothing written for empty output; "
        "skip_markdown: _populate_page calls page.render after on_page_markdown and before on_page_content; "
        "the events' order the hooks' priorities are set against; release_content: page.content read only while its page "
        "is built; set_modified: a dirty build reads, renders and writes "
        "a page only when page.file.is_modified() (asked before _populate_page and again before _build_page, with every "
        "page read before any is written); quiet_dirty_warning: the dirty build's warning, its logger and words.",
    ),
    UpstreamFile(
        "mkdocs", MKDOCS, "mkdocs/livereload/__init__.py",
        "024073f7bc0989673f27d2d01ddd4b94f25e8638d25015875958d9af32d35673",
        "poll_every: LiveReloadServer.observer (a PollingObserver, started in serve()), watch/unwatch and _watched_paths "
        "(path -> count), each watch scheduled on the observer of the moment; build_delay, read by _build_loop at every "
        "rebuild, how long it waits for more saves.",
    ),
    UpstreamFile(
        "mkdocs", MKDOCS, "mkdocs/commands/serve.py",
        "54600af69a25048d416227716a0619b43650f3a287b1cdab47119d12d618791d",
        "poll_every: the serve event comes after the docs folder and mkdocs.yml are watched and before the --watch folders, "
        "and before the server starts its observer; `mkdocs serve --dirty` passes dirty=True to every build and to on_startup.",
    ),
    UpstreamFile(
        "mkdocs", MKDOCS, "mkdocs/structure/files.py",
        "4132e55a63c61e9a3494d9d913f2689a2f6096a811fc6641117adb35861726e4",
        "set_modified: File.is_modified, a method an instance attribute can shadow, true for a File with content; "
        "keep_theme_listing: add_files_from_theme lists the theme's files with env.list_templates, through a filter made "
        "only of the theme's static_templates and utils.markdown_extensions; "
        "copy_static_files(dirty=...) asks it of static files only.",
    ),
    UpstreamFile(
        "mkdocs", MKDOCS, "mkdocs/theme.py",
        "2319e57dfb4819dae1127845c485f693df05756f7c8501e1148bb02ccf8fac29",
        "keep_theme_listing: Theme.get_env, a method an instance attribute can shadow, makes the environment whose "
        "list_templates lists the theme's files; Theme.dirs, custom_dir and static_templates.",
    ),
    UpstreamFile(
        "mkdocs", MKDOCS, "mkdocs/structure/nav.py",
        "582c2be1a2309c5922dd3882233a34e3e7385152564fede1d8a3e6489d44a109",
        "nav_outline: Navigation.__str__ prints every item (title and address, sections with their children).",
    ),
    UpstreamFile(
        "mkdocs-static-i18n", I18N, "mkdocs_static_i18n/plugin.py",
        "a7139ee7a6bd9b1462b65ce64c40ca29f982919056a89560c6fe8ede2cf06db5",
        "current_language, is_inner_build (`building`), the i18n_config template variable; "
        "its on_config/on_files/on_post_build at priority -100, which hooks/site.py and hooks/search.py run around; "
        "its on_post_build builds the other languages dirty when `--dirty` is in sys.argv (as `make serve` runs MkDocs).",
    ),
    UpstreamFile(
        "mkdocs-static-i18n", I18N, "mkdocs_static_i18n/suffix.py",
        "9452eed8de4cf92bd25e01445cd1954c77263116b4a56b2243485cc2516e81ce",
        "page_language (`file.locale`) and `file.alternates` (overrides/main.html); the <name>.<locale>.md pairing "
        "that the generated pages' File objects rely on; that it makes new File objects, dropping content set before it "
        "(why hooks/site.py adds the generated pages in two phases, around its on_files).",
    ),
    UpstreamFile(
        "mkdocs-static-i18n", I18N, "mkdocs_static_i18n/reconfigure.py",
        "94f24ad7f87b10bf5e4b6690beb25dd839411decd91d4edb96dfca343e801a31",
        "config.extra.alternate rewritten per page to the counterpart's relative link "
        "(overrides/partials/alternate.html, overrides/main.html's hreflang links).",
    ),
    UpstreamFile(
        "mkdocs-static-i18n", I18N, "mkdocs_static_i18n/config.py",
        "ca47f98ce51e18ef897bac62592b535b7900c31fa298375716031764a113102f",
        "languages, default_language, build_only_locale: the plugin's configuration keys.",
    ),
    UpstreamFile(
        "mkdocs-material", MATERIAL, "material/templates/base.html",
        "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",
        "overrides/main.html: its site_meta block is a copy of this file's (re-copy it, keeping the hreflang change); "
        "the blocks htmltitle, header, extrahead, content, scripts it overrides (scripts: without Material's bundle, MATERIAL_SCRIPTS_LEFT_OUT); SEARCH_TOGGLE, the search checkbox it writes. "
        "It names Material's stylesheet and bundle by their content hashes, so any change to either (docs/assets/site.css "
        "styles Material's classes) changes this file too.",
    ),
    UpstreamFile(
        "mkdocs-material", MATERIAL, "material/templates/main.html",
        "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
        "overrides/main.html replaces it (Material's only extends base.html).",
    ),
    UpstreamFile(
        "mkdocs-material", MATERIAL, "material/templates/404.html",
        "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
        "overrides/404.html replaces it.",
    ),
    UpstreamFile(
        "mkdocs-material", MATERIAL, "material/templates/partials/header.html",
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
        "overrides/partials/header.html replaces it whole: compare the markup its stylesheet lays out (md-header, "
        "md-header__inner, the drawer label) and anything new it includes.",
    ),
    UpstreamFile(
        "mkdocs-material", MATERIAL, "material/templates/partials/alternate.html",
        "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
        "overrides/partials/alternate.html replaces it: the md-select markup.",
    ),
    UpstreamFile(
        "mkdocs-material", MATERIAL, "material/templates/partials/copyright.html",
        "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
        "overrides/partials/copyright.html replaces it.",
    ),
    UpstreamFile(
        "mkdocs-material", MATERIAL, "material/templates/partials/nav-item.html",
        "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
        "TOC_TOGGLE: the table of contents' checkbox it writes, removed on pages without a table of contents.",
    ),
    UpstreamFile(
        "npm:pagefind", PAGEFIND, "lib/service.js",
        "14d80b6108f6c51646a005fcaf4f4c9d5e2fca1c4f2c1db2a7c17cae28d14c3d",
        "plansite/searchindex.py speaks Pagefind's --service protocol as this, Pagefind's own client, does: "
        "base64 JSON messages ended by a comma, message ids, the answers' shape.",
    ),
    UpstreamFile(
        "npm:pagefind", PAGEFIND, "types/internal.d.ts",
        "98b0134666b58f6ccca9efbf9f504926d059b586eb712e40dfab84c6433a54ef",
        "plansite/searchindex.py: the --service requests it sends (NewIndex, AddFile, GetFiles) and the answers it reads.",
    ),
)


# Where an upstream file is installed: in its distribution's site-packages, or in the npm
# package `make` installed (plansite.searchindex.NPM_PREFIX).
def installed_path(entry: UpstreamFile) -> Path:
    """The installed copy of an upstream file (which may not exist)."""
    if entry.package.startswith("npm:"):
        return NPM_PREFIX / "node_modules" / entry.package.removeprefix("npm:") / entry.path
    return Path(importlib.metadata.distribution(entry.package).locate_file(entry.path))


def installed_version(entry: UpstreamFile) -> str | None:
    """The installed version of an upstream file's package, if it is installed."""
    if entry.package.startswith("npm:"):
        manifest = NPM_PREFIX / "node_modules" / entry.package.removeprefix("npm:") / "package.json"
        return json.loads(manifest.read_text(encoding="utf-8"))["version"] if manifest.is_file() else None
    try:
        return importlib.metadata.version(entry.package)
    except importlib.metadata.PackageNotFoundError:
        return None
