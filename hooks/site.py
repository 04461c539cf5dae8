"""MkDocs hooks: the thin layer that turns the plans' data into MkDocs pages.

Loading, validating, modelling and rendering live in the `plansite` package, which
knows nothing of MkDocs; this file only wires it into MkDocs' events.

mkdocs-static-i18n rebuilds every File in its own on_files (priority -100) and drops
in-memory content, so generated pages are added in two phases: their File objects
before the plugin runs, their front matter after it. Their content is HTML from the
project's templates, put in place of the (empty) Markdown: Python-Markdown and MkDocs'
link processing were two thirds of the build time and have nothing to do for it. The
plugin also re-runs the whole build for Japanese, so every event below runs once per
language.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from plansite import feedback, render, structured
from plansite.links import page_url
from plansite.pages import trail
from plansite.problems import DataError
from plansite.session import Session, session_for

log = logging.getLogger("mkdocs.hooks.site")

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

_state: dict[str, Session] = {}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Load and check the data (once per change of the data, not once per language) and
# stop the build before anything is written if it has problems.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        session = session_for(root / "data", root, Path(config.docs_dir))
    except DataError as error:
        raise Abort(str(error)) from None
    _state["session"] = session
    lang = _language(config)
    catalogue = session.catalogue
    config.extra["office"] = catalogue.office.get(lang)
    config.extra["site_name"] = catalogue.site_name.get(lang)
    config.extra["labels"] = {key: text.get(lang) or text.en for key, text in catalogue.labels.items()}
    config.site_name = catalogue.site_name.get(lang)
    # Search engines and link previews describe every page with the site's description.
    config.site_description = catalogue.label("site_description").get(lang)
    base = urlsplit(config.site_url or "/").path
    config.extra["home_url"] = base if lang == _default_language(config) else f"{base}{lang}/"
    return config


# Phase one: announce every generated page in both languages, as files in docs/,
# so that the i18n plugin pairs them as alternates of each other.
@event_priority(50)
def _announce_pages(files: Files, config: MkDocsConfig) -> Files:
    for spec in _session().specs:
        for lang in _languages(config):
            files.append(File(spec.src_uri(lang), config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


# Phase two, after the i18n plugin: give the generated pages of this language their
# title; their HTML comes in on_page_content.
@event_priority(-110)
def _fill_pages(files: Files, config: MkDocsConfig) -> Files:
    session = _session()
    by_src = {spec.src_uri(lang): (spec, lang) for spec in session.specs for lang in _languages(config)}
    for file in files:
        found = by_src.get(file.src_uri)
        if found:
            spec, lang = found
            file.content_string = render.front_matter(spec.title.get(lang) or spec.title.en)
    return files


# Open data, feeds and schemas, in every language's build so that pages of either
# language can link to them (MkDocs writes the same bytes twice).
@event_priority(-120)
def _add_open_data(files: Files, config: MkDocsConfig) -> Files:
    base = config.site_url or "/"
    for path, content in _session().open_data(base).items():
        files.append(File.generated(config, path, content=content))
    return files


on_files = CombinedEvent(_announce_pages, _fill_pages, _add_open_data)


# The pages written in docs/ get the ministries' abbreviations; generated pages have no
# Markdown to convert.
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _spec(page):
        return ""
    return markdown + "\n\n" + render.abbreviations(_session().catalogue, _page_language(page, config)) + "\n"


# Every page gets its breadcrumb trail, the reference-translation notice where it
# applies, and the date its content last changed; generated pages get their HTML.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    session = _session()
    lang = _page_language(page, config)
    path = _path(page)
    spec = _spec(page)
    L = session.localiser(lang, path, _folder(lang, config))
    if spec:
        html = session.html(spec, lang, L.folder)
        page.toc = get_toc(render.headings(html))
        page.present_anchor_ids = render.anchors(html)
    status = spec.status if spec else page.meta.get("ja_status", "official")
    top = ""
    if path != "index":
        top += render.breadcrumbs(session.env, trail(path, session.spec_by_path, lang, own_title=page.title), L)
    if lang != _default_language(config) and status == "reference":
        top += render.notice(session.env, L)
    changed = session.updated(spec, f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    page.meta["date_modified"] = changed.isoformat()
    return top + html + render.updated(session.env, changed, L)


# What every page says about itself, for overrides/main.html and the footer: its
# JSON-LD and OpenGraph (plansite.structured) and the link that reports a problem with it.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    session = _session()
    c = session.catalogue
    lang = _page_language(page, config)
    site = config.site_url or "/"
    home = site + _folder(lang, config)
    path = _path(page)
    url = site + page.url
    title = page.title or ""
    steps = trail(path, session.spec_by_path, lang, own_title=title)
    place = structured.PagePlace(
        lang=lang,
        langs=_languages(config),
        title=title,
        url=url,
        home=home,
        site=site,
        date_modified=page.meta.get("date_modified", ""),
        trail=[(name, home + page_url(step)) for name, step in steps],
        spec=_spec(page),
        files=sorted(session.open_data(site)),
    )
    page.meta["json_ld"] = structured.script_json(structured.json_ld(c, place))
    page.meta["open_graph"] = structured.open_graph(c, place)
    subject, body = (c.label(key).get(lang) or c.label(key).en for key in ("report_problem_subject", "report_problem_body"))
    page.meta["report_problem"] = feedback.report_link(c.site.get("feedback"), url, title, subject, body)
    return context


# The theme's templates compile once and are then reused, by the other language's build
# and by later builds (`mkdocs serve`, tests, publishing): compiling them was a tenth of
# the build. Jinja checks each cached template against its source, so an edit in
# overrides/ or an upgrade of the theme is picked up.
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


# MkDocs writes theme templates such as 404.html to the top of the site in every
# language's build; the other languages' error page belongs in their own folder.
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    lang = _language(config)
    if template_name != "404.html" or lang == _default_language(config):
        return output
    target = Path(config.site_dir) / lang / template_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _session() -> Session:
    return _state["session"]


# The generated page behind a MkDocs page, or None for a page written in docs/.
def _spec(page: Page):
    return _session().spec_by_path.get(_path(page))


# A page's source path without language or extension: ministries/npa, about.
def _path(page: Page) -> str:
    return page.file.src_uri.rsplit(".", 2)[0]


def _page_language(page: Page, config: MkDocsConfig) -> str:
    return getattr(page.file, "locale", None) or _language(config)


# Where a language's pages are in the site: the default language (or the only one
# built, under `make serve ONLY=ja`) at the top, others in a folder.
def _folder(lang: str, config: MkDocsConfig) -> str:
    only = config.plugins["i18n"].config.get("build_only_locale")
    return "" if lang in (_default_language(config), only) else f"{lang}/"


def _languages(config: MkDocsConfig) -> list[str]:
    return [lang["locale"] for lang in config.plugins["i18n"].config["languages"]]


def _default_language(config: MkDocsConfig) -> str:
    return next(lang["locale"] for lang in config.plugins["i18n"].config["languages"] if lang["default"])


def _language(config: MkDocsConfig) -> str:
    return config.plugins["i18n"].current_language or "en"

