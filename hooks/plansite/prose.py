"""The data's prose as HTML: texts are Markdown without HTML (validate.py refuses tags,
entities, attribute lists and script links), converted once per text and language.

Ministry abbreviations (NPA, MEXT, ...) are marked with their full name in the
language of the page, as on the pages written by hand in docs/.
"""

from __future__ import annotations

import re

import markdown
from markdown.extensions.abbr import AbbrExtension
from markupsafe import Markup

from .model import Catalogue

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


class Prose:
    """Markdown to HTML for one catalogue, with a converter per language.

    Converted texts are kept across catalogues while the abbreviations stay the same:
    after an edit under `mkdocs serve`, only the texts that changed are converted again.
    """

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._converters: dict[str, markdown.Markdown] = {}
        abbreviations = tuple((m.abbr, m.name) for m in catalogue.ministries if m.abbr)
        if abbreviations not in _converted:
            _converted.clear()
        self._cache = _converted.setdefault(abbreviations, {})

    # Paragraphs, lists and the like, as HTML blocks.
    def block(self, text: str, lang: str) -> Markup:
        """A text of the data as HTML blocks (paragraphs, lists) in `lang`."""
        key = (text, lang)
        if key not in self._cache:
            converter = self._converter(lang)
            self._cache[key] = Markup(converter.reset().convert(text))
        return self._cache[key]

    # A short text inside a line (a heading, a list item): the HTML without its paragraph.
    def inline(self, text: str, lang: str) -> Markup:
        """A short text of the data as inline HTML, without its paragraph."""
        html = self.block(text, lang)
        match = _ONE_PARAGRAPH.fullmatch(html)
        return Markup(match.group(1)) if match else html

    def _converter(self, lang: str) -> markdown.Markdown:
        if lang not in self._converters:
            glossary = {m.abbr: m.name.or_source(lang) for m in self.catalogue.ministries if m.abbr}
            self._converters[lang] = markdown.Markdown(extensions=[AbbrExtension(glossary=glossary)])
        return self._converters[lang]


# Converted texts by the abbreviations they were converted with, then by (text, language):
# they outlive a session so that a rebuild converts only changed texts; emptied when the
# abbreviations (the only other input of a conversion) change.
_converted: dict[tuple, dict[tuple[str, str], Markup]] = {}

_ONE_PARAGRAPH = re.compile(r"<p>((?:(?!<p>|</p>).)*)</p>", re.S)
