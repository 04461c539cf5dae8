"""MkDocs hook: Material's stylesheets, pruned to the rules the site's pages can match.

Material's main and palette stylesheets were 25 KB of a first visit's 88 KB (gzipped,
issue 15), four fifths of it rules for features the site does not use. Every page of
every language is noted as it is written; once the last language is built, the two
stylesheets are written again as one, without the rules that none of those pages (nor
the site's scripts) can match (plansite.cssprune), and the pages link that one
(overrides/main.html's styles block, by the address put in config.extra here). The
site's own stylesheets (extra_css) are not touched.

Events (mkdocs-static-i18n 1.3.1 builds the other languages inside its on_post_build,
at -100, so every event below also fires for them):

| event            | priority | why                                                              |
|------------------|----------|------------------------------------------------------------------|
| on_config        | 0        | the pruned stylesheet's address, for the templates               |
| on_pre_build     | 0        | a fresh note of what the pages use, for every outer build; under |
|                  |          | `make serve`, which rewrites changed pages only, the note grows    |
| on_post_page     | -200     | each page as written, after every other change                   |
| on_post_template | 100      | the 404 page, before hooks/site.py moves another language's away |
| on_post_build    | -150     | after i18n's inner builds (-100): every language's pages are      |
|                  |          | noted; before hooks/search.py's -200 waits for Pagefind's last    |
|                  |          | language, so that the pruning runs while Pagefind works           |
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

import upstream
from plansite import incremental
from plansite.cssprune import UsedNames, prune

# Where the pruned stylesheet is written, under the site.
PRUNED = "assets/stylesheets/material-pruned.css"

# "used": what the pages of the build under way use; "written", under `make serve`: what
# the pruned stylesheet on disk was made from (the site, Material's sheets, the names used).
_state: dict[str, object] = {}


# The templates link the pruned stylesheet by this address.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["theme_stylesheet"] = PRUNED
    return config


# Every outer build starts a fresh note (`mkdocs serve` builds many times in one process);
# the site's scripts may set any class they name.
def on_pre_build(config: MkDocsConfig) -> None:
    if upstream.is_inner_build(config):
        return
    # Under `make serve` a rebuild writes only the pages that changed (plansite.incremental);
    # the others were noted by an earlier build of this process, so there the note only
    # grows: a stylesheet that keeps too much is right, one that drops a rule of a page
    # left on disk is not.
    used = _state["used"] if incremental.written.on and "used" in _state else UsedNames()
    for script in config.extra_javascript:
        source = Path(config.docs_dir) / str(script)
        if source.is_file():
            used.add_script(source.read_text(encoding="utf-8"))
    _state["used"] = used


@event_priority(-200)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _note(output)
    return output


@event_priority(100)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    _note(output)
    return output


# Once every language is built: Material's stylesheets, pruned, as one file (while
# Pagefind builds the last language's index, which hooks/search.py waits for at -200).
@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    if upstream.is_inner_build(config):
        return
    # Kept under `make serve` for the next rebuild (see on_pre_build).
    used = _state.get("used") if incremental.written.on else _state.pop("used", None)
    if used is None:
        return
    site = Path(config.site_dir)
    sheets = [(site / name).read_text(encoding="utf-8") for name in upstream.material_stylesheets(config)]
    # Under `make serve` most saves add no name: the file written last is still right.
    made_from = (site, tuple(sheets), frozenset(used.classes), frozenset(used.marks))
    if incremental.written.on and _state.get("written") == made_from and (site / PRUNED).is_file():
        return
    (site / PRUNED).write_text("".join(prune(css, used) for css in sheets), encoding="utf-8")
    if incremental.written.on:
        _state["written"] = made_from


def _note(html: str) -> None:
    used = _state.get("used")
    if used is not None:
        used.add_html(html)
