"""The one module of plansite that knows languages by their code.

Which languages the site has, and which is its default, come from the site's
configuration (mkdocs.yml, passed in as `settings.SiteSettings`): every other module
takes its languages from what it is given. What is here are facts of the data and of
writing conventions, not of the site's configuration:

- the languages the data's texts are written in, and the one every text has (the
  source language, which pages in any other language show, marked, where a text lacks
  theirs): both read from the data's definition of a text (schemas/common.schema.json);
- how each language joins names in one cell of the open data;
- which languages the search index cuts into words with a segmentation model, with a
  sample of each (plansite.searchindex warms the model up with it).

Which languages write dates in the Japanese calendar is not here: a language's date
patterns in data/labels.yaml say so with an {era} placeholder (plansite.dates).
"""

from __future__ import annotations

import json
from pathlib import Path

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

_DEFS = json.loads((Path(__file__).parent / "schemas" / "common.schema.json").read_text(encoding="utf-8"))["$defs"]

# The languages the data writes its texts in (`en:`, `ja:` in the YAML), source first.
WRITTEN: tuple[str, ...] = tuple(_DEFS["name"]["properties"])

# The language every text, name and label of the data has.
SOURCE: str = _DEFS["text"]["required"][0]

# How names in one cell of the open data are joined, in each language's manner (names
# may hold commas, so English takes a semicolon).
NAME_SEPARATOR = {"en": "; ", "ja": "、"}

# Languages written without spaces between words, which Pagefind cuts into words with a
# segmentation model it loads on meeting the first page of that language; a sample
# sentence of each, to load it early.
SEGMENTED = {"ja": "子供の性的搾取対策"}


# A page in the first of `languages` whose words Pagefind segments, to warm its model up
# with; None when none is.
def segmentation_warm_up(languages: list[str] | tuple[str, ...]) -> str | None:
    """A one-paragraph HTML page in the first segmented language of `languages`, or None."""
    for lang in languages:
        if lang in SEGMENTED:
            return f'<html lang="{lang}"><body><main data-pagefind-body><p>{SEGMENTED[lang]}</p></main></body></html>'
    return None
