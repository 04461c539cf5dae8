"""Render every generated page once in every language, as the build will, without the build.

`make check` runs this after the data checks, so that nothing the build would stop on
is found only by the build: each failure becomes a problem naming the page's data file.
"""

from __future__ import annotations

import jinja2

from .links import UnknownLink
from .problems import Problem
from .session import Session

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Every page in every language; a problem for each that cannot be rendered.
def problems(session: Session, languages: tuple[str, ...]) -> list[Problem]:
    """Render each page of `session` in each of `languages` (the default first)."""
    found: list[Problem] = []
    folders = {lang: "" if index == 0 else f"{lang}/" for index, lang in enumerate(languages)}
    for spec in session.specs:
        for lang, folder in folders.items():
            try:
                session.html(spec, lang, folder)
            except (UnknownLink, KeyError, jinja2.TemplateError, ValueError, TypeError) as error:
                found.append(Problem(_source(spec), 1, "", f"the page {spec.path} ({lang}) cannot be made: {_reason(error)}"))
                break
    # Every link to a part of a page finds that part (ids come from plansite.paths).
    for lang, folder in folders.items():
        for here, path, anchor in session.missing_anchors(lang, folder):
            spec = session.spec_by_path[here] if here in session.spec_by_path else None
            where = _source(spec) if spec else "hooks/templates"
            found.append(Problem(where, 1, "", f"the page {here} ({lang}) links to {path}#{anchor}, but that page has no part '{anchor}'."))
    return found


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# The data file behind a page, the one an editor would have changed.
def _source(spec) -> str:
    for value in spec.context.values():
        source = getattr(value, "source", "")
        if source:
            return source
    return f"hooks/templates/{spec.template}"


def _reason(error: Exception) -> str:
    text = str(error).strip("'\"")
    return text if isinstance(error, (UnknownLink, jinja2.TemplateError)) else f"{type(error).__name__}: {text}"
