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
    """Markdown to HTML for one catalogue, with a converter and a cache per language."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._converters: dict[str, markdown.Markdown] = {}
        self._cache: dict[tuple[str, str], Markup] = {}

    # Paragraphs, lists and the like, as HTML blocks.
    def block(self, text: str, lang: str) -> Markup:
        key = (text, lang)
        if key not in self._cache:
            converter = self._converter(lang)
            self._cache[key] = Markup(converter.reset().convert(text))
        return self._cache[key]

    # A short text inside a line (a heading, a list item): the HTML without its paragraph.
    def inline(self, text: str, lang: str) -> Markup:
        html = self.block(text, lang)
        match = _ONE_PARAGRAPH.fullmatch(html)
        return Markup(match.group(1)) if match else html

    def _converter(self, lang: str) -> markdown.Markdown:
        if lang not in self._converters:
            glossary = {m.abbr: m.name.get(lang) or m.name.en for m in self.catalogue.ministries if m.abbr}
            self._converters[lang] = markdown.Markdown(extensions=[AbbrExtension(glossary=glossary)])
        return self._converters[lang]


_ONE_PARAGRAPH = re.compile(r"<p>((?:(?!<p>|</p>).)*)</p>", re.S)
