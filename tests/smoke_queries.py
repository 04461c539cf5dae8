"""Ten search queries the browser tests ask in each language, and the pages that answer them.

The relevance of search as a whole is measured on the larger test set in tests/search/
(tools/bench/search.py); these few are the smoke test: typed on a page of one language,
each must find one of its measures, and nothing in the other language.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers import ROOT

from plansite import paths
from plansite.links import page_url
from plansite.settings import from_config


@dataclass(frozen=True)
class Query:
    """A query typed on a page of one language."""

    lang: str
    text: str
    # The measures it is about: those whose title or text in that language names it,
    # or, for a ministry's name, those the ministry is responsible for.
    about_ministry: str | None = None


QUERIES = [
    # A name written the same in both languages: only the page's language may answer.
    Query("ja", "INHOPE"),
    Query("en", "INHOPE"),
    Query("ja", "支援センター"),
    Query("ja", "ワンストップ支援センター"),
    Query("ja", "フィルタリング"),
    Query("ja", "児童ポルノ"),
    Query("ja", "文部科学省", about_ministry="mext"),
    Query("en", "filtering"),
    Query("en", "Internet Hotline Center"),
    Query("en", "school counselors"),
]


# The addresses (without the site's own) of the measure pages that answer a query.
def expected_pages(catalogue, query: Query) -> set[str]:
    """The measure pages, in the query's language, whose texts name it (or its ministry's)."""
    folder = from_config(ROOT).folder(query.lang)
    needle = query.text.casefold()
    found = set()
    for measure in catalogue.measures:
        if query.about_ministry:
            hit = any(m.id == query.about_ministry for m in measure.ministries)
        else:
            texts = [measure.title.get(query.lang) or ""] + [p.text.get(query.lang) or "" for p in measure.parts]
            hit = any(needle in text.casefold() for text in texts)
        if hit:
            found.add(folder + page_url(paths.measure(measure)))
    return found
