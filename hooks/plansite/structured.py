"""What each page says about itself to machines: schema.org JSON-LD and OpenGraph.

Pure: from the catalogue, a page's place in the site and its address to dictionaries
(JSON-LD) and (property, content) pairs (OpenGraph). The theme writes them into the
page's head (overrides/main.html); `script_json` makes the JSON-LD safe to put inside
a <script> element whatever the data's titles contain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import paths
from .links import page_url
from .model import Campaign, Catalogue, Ministry
from .pages import PageSpec, trail

SCHEMA_ORG = "https://schema.org"

# Media types of the open data files, by their extension.
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "ics": "text/calendar",
    "xml": "application/atom+xml",
}

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PagePlace:
    """One page in one language, as the structured data names it."""

    lang: str
    langs: list[str]  # every language of the site, this one included
    title: str
    url: str  # the page's full address
    home: str  # the full address of this language's home page
    site: str  # the full address of the top of the site (open data files lie there)
    date_modified: str  # ISO date
    trail: list[tuple[str, str]]  # (title, full address) from the home page to this page
    spec: PageSpec | None  # the generated page behind it, None for a page in docs/
    files: list[str]  # the open data files, by their path in the site


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Where a page is, as its structured data names it: full addresses from the site's, its
# language's home, the trail of titles from that home to it.
def page_place(specs: dict[str, PageSpec], path: str, lang: str, langs: list[str], title: str, site: str, folder: str, address: str, date_modified: str, files: list[str]) -> PagePlace:
    """The PagePlace of the page `path` in `lang` (its pages under `folder`), at `site` + `address`."""
    home = site + folder
    steps = trail(path, specs, lang, own_title=title)
    return PagePlace(
        lang=lang,
        langs=list(langs),
        title=title,
        url=site + address,
        home=home,
        site=site,
        date_modified=date_modified,
        trail=[(name, home + page_url(step)) for name, step in steps],
        spec=specs.get(path),
        files=files,
    )


# Every JSON-LD object of a page: the page itself, and what the page is about.
def json_ld(c: Catalogue, place: PagePlace) -> dict[str, Any]:
    """Every JSON-LD object of a page: the page itself, and what the page is about."""
    graph = [_web_page(c, place)]
    spec = place.spec
    if place.url == place.home:
        graph.append(_web_site(c, place))
    if spec and "ministry" in spec.context:
        graph.append(_ministry(spec.context["ministry"], place))
    if spec and "month" in spec.context:
        graph.append(_event(spec.context["month"], place, place.url))
    if spec and spec.template == "months.html.j2":
        graph += [_event(month, place, place.home + page_url(paths.month(month))) for month in c.months]
    if spec and spec.template == "open-data.html.j2":
        graph.append(_dataset(c, place))
    return {"@context": SCHEMA_ORG, "@graph": graph}


# The OpenGraph properties of a page, in order, as (property, content) pairs.
def open_graph(c: Catalogue, place: PagePlace) -> list[tuple[str, str]]:
    """The OpenGraph properties of a page, in order, as (property, content) pairs."""
    locale = _locale(c, place.lang)
    pairs = [
        ("og:type", "website"),
        ("og:site_name", _name(c.site_name, place.lang)),
        ("og:title", place.title),
        ("og:description", _name(c.label("site_description"), place.lang)),
        ("og:url", place.url),
        ("og:locale", locale),
    ]
    pairs += [("og:locale:alternate", _locale(c, lang)) for lang in place.langs if lang != place.lang]
    return pairs


# JSON for a <script> element: no '<', '>' or '&' in it, so no text in it can end the
# element or open a comment, whatever the data says ("</script>" becomes "\u003c/script\u003e").
def script_json(value: Any) -> str:
    """JSON for a <script> element: no '<', '>' or '&' in it, so no text in it can end the element or ..."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _name(text, lang: str) -> str:
    return text.get(lang) or text.en


# The OpenGraph locale of a language (en_GB, ja_JP), from data/labels.yaml.
def _locale(c: Catalogue, lang: str) -> str:
    return _name(c.label("og_locale"), lang)


# The office responsible for the content, as the publisher of every page.
def _publisher(c: Catalogue, place: PagePlace) -> dict[str, Any]:
    return {"@type": "GovernmentOrganization", "@id": place.home + "#publisher", "name": _name(c.office, place.lang)}


def _web_page(c: Catalogue, place: PagePlace) -> dict[str, Any]:
    items = [
        {"@type": "ListItem", "position": number, "name": title, "item": url}
        for number, (title, url) in enumerate(place.trail, start=1)
    ]
    return {
        "@type": "WebPage",
        "@id": place.url,
        "url": place.url,
        "name": place.title,
        "inLanguage": place.lang,
        "dateModified": place.date_modified,
        "isPartOf": {"@id": place.home + "#website"},
        "publisher": _publisher(c, place),
        "breadcrumb": {"@type": "BreadcrumbList", "itemListElement": items},
    }


def _web_site(c: Catalogue, place: PagePlace) -> dict[str, Any]:
    return {
        "@type": "WebSite",
        "@id": place.home + "#website",
        "url": place.home,
        "name": _name(c.site_name, place.lang),
        "description": _name(c.label("site_description"), place.lang),
        "inLanguage": place.lang,
        "publisher": _publisher(c, place),
    }


def _ministry(ministry: Ministry, place: PagePlace) -> dict[str, Any]:
    found = {"@type": "GovernmentOrganization", "@id": place.url + "#organization", "name": _name(ministry.name, place.lang)}
    if ministry.abbr:
        found["alternateName"] = ministry.abbr
    return found


# An awareness month or campaign: the same months (and days) every year.
def _event(month: Campaign, place: PagePlace, url: str) -> dict[str, Any]:
    schedule: dict[str, Any] = {"@type": "Schedule", "repeatFrequency": "P1Y", "byMonth": month.months}
    (first, first_day), (last, last_day) = month.start, month.end
    if first == last and first_day and last_day:
        schedule["byMonthDay"] = list(range(first_day, last_day + 1))
    return {
        "@type": "Event",
        "@id": url + "#event",
        "name": _name(month.name, place.lang),
        "url": url,
        "eventSchedule": schedule,
        "inLanguage": place.lang,
    }


def _dataset(c: Catalogue, place: PagePlace) -> dict[str, Any]:
    found: dict[str, Any] = {
        "@type": "Dataset",
        "@id": place.url + "#dataset",
        "name": place.title,
        "description": _name(c.label("open_data_intro"), place.lang),
        "url": place.url,
        "inLanguage": place.lang,
        "dateModified": place.date_modified,
        "publisher": _publisher(c, place),
        "distribution": [
            {"@type": "DataDownload", "contentUrl": place.site + path, "encodingFormat": MEDIA_TYPES[path.rsplit(".", 1)[-1]]}
            for path in place.files
            if path.startswith("data/") and path.rsplit(".", 1)[-1] in MEDIA_TYPES
        ],
    }
    if c.licence:
        found["license"] = c.licence.url.get(place.lang) or c.licence.url.en
    return found

