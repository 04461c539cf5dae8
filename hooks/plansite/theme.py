"""What the theme's own templates (overrides/, Material) are given in one language: the
site's name, description and words, escaped as they must write them, and its links.

MkDocs' templates do not escape, and Material writes the site name and page titles
unescaped, some into attributes: every text from the data goes to them HTML-escaped
(`escaped`), which reads right in text and attributes alike and which Jinja's `| e`
leaves as it is. hooks/site.py puts the result into MkDocs' configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from . import paths
from .session import Session

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeSettings:
    """The site's name and description in one language, and what the theme's templates read from `extra`."""

    site_name: Markup
    site_description: Markup  # how search engines and link previews describe every page
    extra: dict[str, Any]  # office, site_name, labels, quick_exit, home_url, urls


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# A text from the data as the theme must write it (see the module's docstring).
def escaped(text: object) -> Markup:
    """`text` HTML-escaped as Markup; None as the empty string."""
    return escape("" if text is None else str(text))


# The theme's words and links for the pages of `lang`, which are under `folder` of a site
# whose top is at the address path `base` (/ or /plan/).
def theme_settings(session: Session, lang: str, base: str, folder: str) -> ThemeSettings:
    """What the theme's templates need in `lang`; its links checked like any link (plansite.paths)."""
    catalogue = session.catalogue
    site_name = escaped(catalogue.site_name.or_source(lang))
    extra = {
        "office": escaped(catalogue.office.or_source(lang)),
        "site_name": site_name,
        "labels": {key: escaped(text.or_source(lang)) for key, text in catalogue.labels.items()},
        "quick_exit": escaped(catalogue.site["quick_exit"]),
        "home_url": base + folder,
        # The theme's links (help, accessibility, feed), from plansite.paths.
        "urls": {name: base + session.site_map.address(path, folder) for name, path in paths.theme_links(folder).items()},
    }
    return ThemeSettings(site_name, escaped(catalogue.label("site_description").or_source(lang)), extra)
