"""A page's content as the site shows it: its own HTML with what every page has around it.

Around the HTML of a generated page (or the converted Markdown of a page in docs/) go the
breadcrumb trail, the reference-translation notice under the title where it applies,
and at the end the page's last-changed date and change history. Pure but for the
session's caches: from a session and a page's facts to HTML; the MkDocs layer
(hooks/site.py) only hands the result to the theme.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import paths, render
from .pages import change_history, trail
from .session import Session

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageContent:
    """A page's full content and the date it last changed (for its structured data too)."""

    html: str
    last_changed: dt.date


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Breadcrumbs, the page's HTML with the notice under its title, then when it last changed.
def page_content(session: Session, path: str, lang: str, folder: str, html: str, *, title: str, status: str, doc_file: str) -> PageContent:
    """The content of the page `path` in `lang` (its pages under `folder`), around its own `html`.

    `title`, `status` (whose Japanese it shows) and `doc_file` (its file, from the project's
    top) describe a page written in docs/; a generated page takes them from its spec.
    """
    spec = session.spec_by_path.get(path)
    localiser = session.localiser(lang, path, folder)
    top = ""
    if path != paths.home():
        top = render.breadcrumbs(session.env, trail(path, session.spec_by_path, lang, own_title=title), localiser)
    # The notice goes under the title, not above it: the title is what a reader (and a
    # search result) should meet first. The default language's pages are the source.
    if lang != session.languages[0] and (spec.status if spec else status) == "reference":
        html = render.after_title(html, render.notice(session.env, localiser))
    changed = session.last_changed(spec, doc_file)
    history = change_history(spec) if spec else []
    return PageContent(top + html + render.last_changed(session.env, changed, localiser, history), changed)
