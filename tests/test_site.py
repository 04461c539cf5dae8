"""The built site against the data and the official source: counts, lists, language pairs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import SOURCES, needs_shared
from pagetools import DEFAULT_LANG, LANGS, address, counterpart, file_of, lang_of, pages, read, resolve, url_of

from plansite import paths


# Measures per pillar as the source's table of contents lists them: "N) title ....."
def source_counts() -> list[int]:
    text = (SOURCES / "plan-2022.en.txt").read_text(encoding="utf-8")
    contents = text[text.index("III. Concrete Measures") : text.index("## **I. Upon Establishing")]
    counts: list[int] = []
    for line in contents.splitlines():
        if line.startswith("<b>"):
            counts.append(0)
        elif re.match(r"^\d+\) ", line) and counts:
            counts[-1] += 1
    return counts


def measure_links(site: Path, url: str, plan: str = "plan-2022") -> set[str]:
    page = read(file_of(site, url))
    found = set()
    for href in page.article_links:
        target = resolve(url, href)
        if target and re.search(rf"plans/{plan}/measures/[0-9-]+/$", target):
            found.add(target.split("/measures/")[1].rstrip("/"))
    return found


@needs_shared
def test_source_has_the_counts_the_plan_states():
    assert source_counts() == [25, 15, 13, 14, 14, 16]


@needs_shared
def test_data_has_every_measure_of_the_source(catalogue):
    plan = next(p for p in catalogue.plans if p.id == "plan-2022")
    assert [len(p.measures) for p in plan.pillars] == source_counts()
    for pillar in plan.pillars:
        assert [m.number for m in pillar.measures] == list(range(1, len(pillar.measures) + 1))


@needs_shared
@pytest.mark.parametrize("lang", LANGS)
def test_a_page_per_measure_in_each_language(site, catalogue, lang):
    plan = next(p for p in catalogue.plans if p.id == "plan-2022")
    built = sorted(file_of(site, address(lang, paths.measures(plan))).parent.glob("*/index.html"))
    per_pillar = Counter(p.parent.name.split("-")[0] for p in built)
    assert [per_pillar[str(n)] for n in range(1, 7)] == source_counts()
    for measure in plan.measures:
        page = read(file_of(site, address(lang, paths.measure(measure))))
        text = " ".join(page.article_text)
        assert (measure.title.ja if lang == "ja" else measure.title.en) in text
        for ministry in measure.ministries:
            assert ministry.name.get(lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_each_ministry_page_lists_exactly_its_measures(site, catalogue, lang):
    for ministry in catalogue.ministries:
        expected = {m.slug for m in catalogue.measures_of(ministry, catalogue.current_plan)}
        assert measure_links(site, address(lang, paths.ministry(ministry))) == expected, ministry.id


@pytest.mark.parametrize("lang", LANGS)
def test_each_month_page_lists_exactly_its_measures(site, catalogue, lang):
    for month in catalogue.months:
        expected = {m.slug for m in catalogue.measures_in(month) if m.plan.current}
        assert measure_links(site, address(lang, paths.month(month))) == expected, month.id


@pytest.mark.parametrize("lang", LANGS)
def test_each_pillar_page_lists_exactly_its_measures(site, catalogue, lang):
    for pillar in catalogue.current_plan.pillars:
        expected = {m.slug for m in pillar.measures}
        links = measure_links(site, address(lang, paths.pillar(pillar)))
        assert links == expected


def test_matrix_counts_link_to_the_measures_behind_them(site, catalogue):
    page = (site / "ministries/index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="matrix">') : page.index("</table>")]
    cells = re.findall(r'<a href="([^"]+)">(\d+)</a>', table)
    assert cells
    for href, count in cells:
        path, _, anchor = href.partition("#")
        ministry_url = resolve("ministries/", path)
        ministry = next(m for m in catalogue.ministries if f"ministries/{m.id}/" == ministry_url)
        mine = catalogue.measures_of(ministry, catalogue.current_plan)
        if anchor:
            pillar = int(anchor.rsplit("-", 1)[1])
            mine = [m for m in mine if m.pillar.number == pillar]
            assert f'id="{anchor}"' in file_of(Path(site), ministry_url).read_text(encoding="utf-8")
        assert int(count) == len(mine) > 0


def test_every_page_has_its_counterpart_and_the_switch_lands_on_it(site, catalogue):
    per_lang = Counter(lang_of(url_of(site, file)) for file in pages(site))
    assert set(per_lang) == set(LANGS) and len(set(per_lang.values())) == 1 and per_lang[DEFAULT_LANG] > len(catalogue.measures)
    for file in pages(site):
        url = url_of(site, file)
        page = read(file)
        lang = lang_of(url)
        assert page.html_lang == lang, url
        # The switch is relative, so that it works wherever the site is served.
        for other in LANGS:
            assert resolve(url, page.switch[other]) == counterpart(url, other), (url, page.switch)
            assert file_of(site, counterpart(url, other)).exists()


# Search engines (and Lighthouse) take hreflang links only as full addresses: each page
# names itself, its counterpart and the English page as x-default, under site_url, and
# the same addresses as the sitemap gives for it.
def test_every_page_names_its_language_versions_by_absolute_address(site):
    site_url = read(site / "index.html").canonical
    assert urlsplit(site_url).scheme in ("http", "https") and site_url.endswith("/"), site_url
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    in_sitemap = {
        entry.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
        for entry in ET.parse(site / "sitemap.xml").findall("s:url", ns)
    }
    for file in pages(site):
        url = url_of(site, file)
        page = read(file)
        versions = {other: site_url + counterpart(url, other) for other in LANGS}
        assert page.alternates == versions | {"x-default": versions[DEFAULT_LANG]}, url
        assert page.canonical == site_url + url, url
        assert in_sitemap[page.canonical] == versions, url
    # A page that does not exist has no language versions.
    for folder in LANGS.values():
        assert read(site / folder / "404.html").alternates == {}, folder


def test_sitemap_lists_both_languages_with_alternates(site):
    tree = ET.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.findall("s:url", ns)
    assert len(urls) == len(pages(site))
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(alternates) == set(LANGS), url.find("s:loc", ns).text
        assert alternates["ja"].replace("/ja/", "/", 1) == alternates["en"]


def test_japanese_404_page(site):
    page = (site / "ja/404.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in page
    assert "ページが見つかりません" in page


def test_every_page_has_breadcrumbs_and_the_office(site, catalogue):
    for file in pages(site):
        html = file.read_text(encoding="utf-8")
        url = url_of(site, file)
        lang = lang_of(url)
        assert catalogue.office.get(lang) in html, url
        if url != LANGS[lang]:
            assert 'class="breadcrumbs"' in html, url


def test_every_page_describes_itself_in_its_language(site, catalogue):
    for file in pages(site):
        html = file.read_text(encoding="utf-8")
        lang = lang_of(url_of(site, file))
        expected = catalogue.label("site_description").get(lang).replace("'", "&#39;")
        assert f'<meta name="description" content="{expected}">' in html or f'content="{catalogue.label("site_description").get(lang)}"' in html, file


# The table of contents of every page is its headings, in order, with their anchors and
# words: for a generated page, the sections its template declared (L.heading), so a
# heading written past them would be missing here.
def test_every_table_of_contents_is_the_pages_headings(site):
    checked = 0
    for file in pages(site):
        html = file.read_text(encoding="utf-8")
        toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>\s*</div>', html, re.S)
        entries = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">(.*?)</span>', toc.group(0), re.S) if toc else []
        article = re.search(r"<article\b.*</article>", html, re.S)
        headings = re.findall(r'<h([2-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', article.group(0), re.S) if article else []
        assert [anchor for anchor, _ in entries] == [anchor for _, anchor, _ in headings], url_of(site, file)
        assert [_words(text) for _, text in entries] == [_words(text) for _, _, text in headings], url_of(site, file)
        checked += len(entries)
    assert checked > 1000


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())
