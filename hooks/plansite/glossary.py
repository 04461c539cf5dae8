"""Official names in the Japanese pages, and which of them still need confirming.

data/glossary.yaml holds the entries of the project's glossary (../shared/glossary-ja.yaml)
that the site's pages use, with `verified` (the cited page shows this form) and `source`.
The deploy workflow has no ../shared, so the site carries what it needs; a test keeps the
two in step where ../shared is present. A name is "in use" on a page when the page's text
contains it (or one of its forms, for entries written "A / B").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Entry:
    """One glossary entry: an English name and the official form in the other language."""

    names: dict[str, str]  # by language
    kind: str
    verified: bool
    source: str | None

    # The forms to look for in a language: "A / B" is two names.
    def forms(self, lang: str) -> list[str]:
        """The names to look for in `lang` (a written "A / B" is two)."""
        return [form.strip() for form in self.names.get(lang, "").split(" / ") if form.strip()]


# The text of each page's HTML in the last call of texts_of, per language: language -> HTML -> text.
_texts: dict[str, dict[str, str]] = {}

# The last look-up of each text's entries, per language (see used_on): (language, forms) -> text -> entries.
_entries_in: dict[tuple, dict[str, frozenset[int]]] = {}

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The glossary's entries from its YAML (the shared glossary's format).
def entries(raw: list[dict[str, Any]], langs: tuple[str, ...]) -> list[Entry]:
    """The glossary entries of data/glossary.yaml, with their forms in each of `langs`."""
    return [
        Entry({lang: item[lang] for lang in langs if item.get(lang)}, item["kind"], bool(item["verified"]), item.get("source"))
        for item in raw
    ]


# Where each entry is used: the pages (by path, in order) whose text contains one of its
# forms in `lang`. Entries used nowhere are left out.
# `keep`: keep this look-up for the next call (under `mkdocs serve`, where a save changes
# a few pages' texts and the others are looked up); a one-off build keeps nothing.
def used_on(found: list[Entry], texts: dict[str, str], lang: str, keep: bool = True) -> dict[Entry, list[str]]:
    """Each entry found in `texts` (page path to text) in `lang`, with the pages that use it."""
    forms = tuple(tuple(entry.forms(lang)) for entry in found)
    # Which entries each text holds, by the forms looked for and the text itself.
    known = _entries_in.get((lang, forms), {})
    now = {text: known[text] if text in known else _entries_found(forms, text) for text in texts.values()}
    if keep:
        for key in [key for key in _entries_in if key[0] == lang]:
            del _entries_in[key]  # one look-up kept per language: the last
        _entries_in[(lang, forms)] = now
    uses: dict[Entry, list[str]] = {}
    for number, entry in enumerate(found):
        pages = [path for path, text in texts.items() if number in now[text]]
        if pages:
            uses[entry] = pages
    return uses


# The entries (by their place in `forms`) of which `text` contains a form.
def _entries_found(forms: tuple[tuple[str, ...], ...], text: str) -> frozenset[int]:
    return frozenset(number for number, names in enumerate(forms) if any(form in text for form in names))


# The text of a page's HTML, as a reader sees it (for finding names in it).
def text_of(markup: str) -> str:
    """The visible text of an HTML page, without its markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


# The text of each page (path -> HTML, in one language), as text_of makes it; the texts
# of the last kept call's pages are looked up (under `mkdocs serve` most pages' HTML is
# the same). `keep`: keep these for the next call; a one-off build keeps nothing.
def texts_of(pages: dict[str, str], lang: str, keep: bool = True) -> dict[str, str]:
    """text_of of each page's HTML, by page path."""
    known = _texts.get(lang, {})
    now = {markup: known[markup] if markup in known else text_of(markup) for markup in pages.values()}
    if keep:
        _texts[lang] = now  # the last call's only
    return {path: now[markup] for path, markup in pages.items()}


# The text of the pages written by hand in docs/ in one language, by page path.
def doc_texts(docs_dir: Path, lang: str) -> dict[str, str]:
    """The text of each page in docs/ in one language, by page path."""
    return {
        path.relative_to(docs_dir).as_posix().split(".", 1)[0]: path.read_text(encoding="utf-8")
        for path in sorted(docs_dir.rglob(f"*.{lang}.md"))
    }
