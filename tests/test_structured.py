"""Structured data on the built site, read back as search engines and link previews read it:
schema.org JSON-LD (with extruct) and OpenGraph, on every kind of page in both languages;
and the "Report a problem with this page" link."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import extruct
import pytest
import yaml
from helpers import build_site
from pagetools import DEFAULT_LANG, KINDS, LANGS, address, file_of, pages, sample_pages, url_of

from plansite import paths

SITE_URL = "http://127.0.0.1:8000/"


# The JSON-LD objects of a page, by type (the @graph flattened).
def json_ld(html: str, url: str) -> dict[str, list[dict]]:
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)
    found: dict[str, list[dict]] = {}
    for block in data["json-ld"]:
        for item in block.get("@graph", [block]):
            found.setdefault(item["@type"], []).append(item)
    return found


# The JSON-LD objects of the built page at a site address, by type.
def json_ld_at(site: Path, path: str) -> dict[str, list[dict]]:
    return json_ld(file_of(site, path).read_text(encoding="utf-8"), SITE_URL + path)


# The project built into `tmp_path`/site with `settings` set in its data/site.yaml.
def built_with(project: Path, tmp_path: Path, **settings: Any) -> Path:
    file = project / "data" / "site.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data.update(settings)
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp_path / "site"


# For each of `items`, the one JSON-LD object of type `kind` on its page (`page_of`, a
# function of plansite.paths) in `lang`: the item, the object and the page's address.
def objects_of(site: Path, lang: str, items, page_of, kind: str) -> Iterator[tuple[Any, dict, str]]:
    for item in items:
        path = address(lang, page_of(item))
        (found,) = json_ld_at(site, path)[kind]
        yield item, found, path


# The OpenGraph properties of a page: property -> list of values.
def open_graph(html: str, url: str) -> dict[str, list[str]]:
    data = extruct.extract(html, base_url=url, syntaxes=["opengraph"], uniform=False)
    found: dict[str, list[str]] = {}
    for block in data["opengraph"]:
        for key, value in block["properties"]:
            found.setdefault(key, []).append(value)
    return found


class _Scripts(HTMLParser):
    """The text of every <script> element of a page, with its type."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[tuple[str, str]] = []
        self._type: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._type = dict(attrs).get("type") or ""
            self.scripts.append((self._type, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._type = None

    def handle_data(self, data):
        if self._type is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def scripts(html: str) -> list[tuple[str, str]]:
    parser = _Scripts()
    parser.feed(html)
    return parser.scripts


# -----------------------------------------------------------------------------
# JSON-LD and OpenGraph
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_page_describes_itself(site: Path, catalogue, kind: str, lang: str):
    path = sample_pages(catalogue)[kind][lang]
    url = SITE_URL + path
    html = file_of(site, path).read_text(encoding="utf-8")
    found = json_ld(html, url)

    (page,) = found["WebPage"]
    assert page["url"] == url and page["inLanguage"] == lang
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page["dateModified"])
    assert page["name"]
    crumbs = page["breadcrumb"]["itemListElement"]
    assert page["breadcrumb"]["@type"] == "BreadcrumbList"
    assert [item["position"] for item in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[0]["item"] == SITE_URL + address(lang, paths.home()) and crumbs[-1]["item"] == url
    assert all(item["@type"] == "ListItem" and item["name"] for item in crumbs)
    # Each step of the trail is a page of the site, in this language.
    for item in crumbs:
        assert file_of(site, item["item"][len(SITE_URL):]).exists(), item

    expected = {
        "home": {"WebSite"},
        "ministry": {"GovernmentOrganization"},
        "month": {"Event"},
        "months index": {"Event"},
        "open data": {"Dataset"},
    }.get(kind, set())
    assert set(found) - {"WebPage"} == expected, (kind, set(found))

    graph = open_graph(html, url)
    assert graph["og:url"] == [url]
    assert graph["og:title"] == [page["name"]]
    assert graph["og:description"][0]
    assert graph["og:locale"] == [catalogue.label("og_locale").get(lang)]
    others = [catalogue.label("og_locale").get(other) for other in LANGS if other != lang]
    assert graph["og:locale:alternate"] == others


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_is_the_web_site(site: Path, catalogue, lang: str):
    home = address(lang, paths.home())
    found = json_ld_at(site, home)
    (web_site,) = found["WebSite"]
    assert web_site["url"] == SITE_URL + home
    assert web_site["name"] == catalogue.site_name.get(lang)
    assert web_site["inLanguage"] == lang
    assert web_site["publisher"]["@type"] == "GovernmentOrganization"
    assert web_site["publisher"]["name"] == catalogue.office.get(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_ministry_page_is_a_government_organization(site: Path, catalogue, lang: str):
    for ministry, organization, _ in objects_of(site, lang, catalogue.ministries, paths.ministry, "GovernmentOrganization"):
        assert organization["name"] == ministry.name.get(lang)
        assert organization.get("alternateName") == ministry.abbr


@pytest.mark.parametrize("lang", LANGS)
def test_awareness_months_are_yearly_events(site: Path, catalogue, lang: str):
    for month, event, path in objects_of(site, lang, catalogue.months, paths.month, "Event"):
        assert event["name"] == month.name.get(lang)
        assert event["url"] == SITE_URL + path
        schedule = event["eventSchedule"]
        assert schedule["@type"] == "Schedule" and schedule["repeatFrequency"] == "P1Y"
        assert schedule["byMonth"] == month.months
        if month.start[1] and month.start[0] == month.end[0]:
            assert schedule["byMonthDay"][0] == month.start[1] and schedule["byMonthDay"][-1] == month.end[1]
    index = address(lang, paths.months())
    events = json_ld_at(site, index)["Event"]
    assert [event["name"] for event in events] == [month.name.get(lang) for month in catalogue.months]


@pytest.mark.parametrize("lang", LANGS)
def test_open_data_page_is_a_dataset_of_the_files_it_offers(site: Path, lang: str):
    path = address(lang, paths.open_data())
    (dataset,) = json_ld_at(site, path)["Dataset"]
    assert dataset["name"] and len(dataset["description"]) >= 50
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dataset["dateModified"])
    urls = [item["contentUrl"] for item in dataset["distribution"]]
    assert any(url.endswith(".json") for url in urls) and any(url.endswith(".csv") for url in urls)
    for item in dataset["distribution"]:
        assert item["@type"] == "DataDownload" and item["encodingFormat"]
        assert (site / item["contentUrl"][len(SITE_URL):]).is_file(), item


# The licence set in data/site.yaml (PDL1.0 today) is the Dataset's, by its address in the
# page's language; while the publisher has not decided (null) the Dataset names none.
def test_dataset_carries_the_licence_once_it_is_set(site: Path, catalogue, project: Path, tmp_path: Path):
    for lang in LANGS:
        path = address(lang, paths.open_data())
        (dataset,) = json_ld_at(site, path)["Dataset"]
        assert dataset["license"] == catalogue.licence.url.get(lang)
    built = built_with(project, tmp_path, licence=None)
    (dataset,) = json_ld_at(built, address(DEFAULT_LANG, paths.open_data()))["Dataset"]
    assert "license" not in dataset


# Every page carries exactly one JSON-LD block with a WebPage, and OpenGraph.
def test_every_page_has_structured_data(site: Path):
    for file in pages(site):
        html = file.read_text(encoding="utf-8")
        url = SITE_URL + url_of(site, file)
        blocks = [text for kind, text in scripts(html) if kind == "application/ld+json"]
        assert len(blocks) == 1, file
        assert len(json_ld(html, url)["WebPage"]) == 1, file
        assert open_graph(html, url)["og:url"] == [url], file


# A title that tries to end the <script> element stays text in what this site writes
# about the page: the JSON-LD block holds no '<' (so it ends only at its own </script>)
# and carries the title unchanged; the OpenGraph attribute is escaped. (Data text cannot
# carry a tag at all: validation refuses it; a hand-written page's title can.)
def test_a_script_in_a_title_stays_inert(project: Path, tmp_path: Path):
    # A tag in a title is refused before anything is built (the safety check).
    for lang in LANGS:
        (project / "docs" / f"probe.{lang}.md").write_text("---\ntitle: '</script><script>alert(1)</script>'\n---\n\nText.\n", encoding="utf-8")
    refused = build_site(project, tmp_path / "refused")
    assert refused.returncode != 0 and "docs/probe.en.md:2: title: contains HTML" in refused.stderr + refused.stdout
    # What the check lets through (a '<' before a digit, quotes, '&') is written as data.
    payload = 'Q&A "x" <3'
    for lang in LANGS:
        (project / "docs" / f"probe.{lang}.md").write_text(f"---\ntitle: '{payload}'\n---\n\nText.\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for lang in LANGS:
        path = address(lang, "probe")
        html = file_of(tmp_path / "site", path).read_text(encoding="utf-8")
        url = SITE_URL + path
        start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
        block = html[start : html.index("</script>", start)]
        assert "<" not in block and ">" not in block and "&" not in block
        (page,) = [item for item in json.loads(block)["@graph"] if item["@type"] == "WebPage"]
        assert page["name"] == payload
        assert json_ld(html, url)["WebPage"][0]["name"] == payload
        assert open_graph(html, url)["og:title"] == [payload]
        assert '<meta property="og:title" content="Q&amp;A &#34;x&#34; &lt;3">' in html


# -----------------------------------------------------------------------------
# Report a problem with this page
# -----------------------------------------------------------------------------


def _report_links(html: str) -> list[str]:
    return re.findall(r'<p class="site-report-problem"><a href="([^"]*)"', html)


# While data/site.yaml names neither a repository nor an address, there is no link.
def test_no_report_link_while_no_target_is_set(site: Path):
    for file in pages(site):
        assert not _report_links(file.read_text(encoding="utf-8")), file


def _unescape(href: str) -> str:
    return href.replace("&amp;", "&")


# With a repository, every page in both languages links to a new issue that names the
# page's address and title; with an e-mail address only, to a message.
def test_report_link_opens_a_prefilled_issue_or_message(project: Path, tmp_path: Path, catalogue):
    (project / "docs" / "probe.en.md").write_text("---\ntitle: 'Q&A \"x\" <3 #1? a=b&c'\n---\n\nText.\n", encoding="utf-8")
    (project / "docs" / "probe.ja.md").write_text("---\ntitle: 'Q&A 質問'\n---\n\nText.\n", encoding="utf-8")
    built = built_with(project, tmp_path, feedback={"repository": "https://github.com/example/plans", "email": "web@example.go.jp"})
    for file in pages(built):
        url = SITE_URL + url_of(built, file)
        html = file.read_text(encoding="utf-8")
        (href,) = _report_links(html)
        parts = urlsplit(_unescape(href))
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/example/plans/issues/new", file
        query = parse_qs(parts.query, strict_parsing=True)
        assert set(query) == {"title", "body"}
        assert url in query["body"][0]
        title = json_ld(html, url)["WebPage"][0]["name"]
        assert title in query["title"][0], file
    probe = _unescape(_report_links(file_of(built, address(DEFAULT_LANG, "probe")).read_text(encoding="utf-8"))[0])
    # Nothing of the title is left unencoded in the link: it cannot add a parameter.
    assert "#" not in probe and '"' not in probe and "<" not in probe and " " not in probe
    assert parse_qs(urlsplit(probe).query)["title"][0].endswith('Q&A "x" <3 #1? a=b&c')

    email_only = built_with(project, tmp_path / "mail", feedback={"repository": None, "email": "web@example.go.jp"})
    for lang in LANGS:
        help_page = address(lang, paths.help())
        (href,) = _report_links(file_of(email_only, help_page).read_text(encoding="utf-8"))
        parts = urlsplit(_unescape(href))
        assert parts.scheme == "mailto" and parts.path == "web@example.go.jp"
        query = parse_qs(parts.query)
        assert SITE_URL + help_page in query["body"][0]
        assert catalogue.label("help").get(lang) in query["subject"][0]


# A repository that is not an https address is refused with the file and line.
def test_a_bad_feedback_repository_is_refused(project: Path, tmp_path: Path):
    settings = project / "data" / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("  repository: null", "  repository: javascript:alert(1)"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stderr + result.stdout
    assert "site.yaml:" in output and "feedback.repository" in output, output[-2000:]
    assert "Traceback" not in output
