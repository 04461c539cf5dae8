"""A language added in mkdocs.yml alone (here Korean, with no text of its own in the data)
gets every page: the data's English, marked as English, under the site's English words;
and the language switch, the hreflang links and the sitemap name all three languages."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import ROOT, build_site, copy_project
from pagetools import file_of, pages, read, resolve, url_of

# The third language's folder, and the site's folders by language.
NEW = "ko"
FOLDERS = {"en": "", "ja": "ja/", NEW: f"{NEW}/"}


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("third") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    japanese = "        - locale: ja\n          name: 日本語\n          build: true\n"
    assert japanese in text
    config.write_text(text.replace(japanese, japanese + f"        - locale: {NEW}\n          name: 한국어\n          build: true\n"), encoding="utf-8")
    # The pages written by hand exist in every language: the new one starts as the English.
    for page in (project / "docs").rglob("*.en.md"):
        page.with_name(page.name.replace(".en.md", f".{NEW}.md")).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


# Which language a built page is in, by its folder.
def _lang(url: str) -> str:
    first = url.split("/", 1)[0] + "/"
    return next((lang for lang, folder in FOLDERS.items() if folder == first), "en")


def test_every_page_exists_in_the_third_language(third, catalogue):
    by_lang: dict[str, set[str]] = {lang: set() for lang in FOLDERS}
    for file in pages(third):
        url = url_of(third, file)
        lang = _lang(url)
        by_lang[lang].add(url[len(FOLDERS[lang]) :])
    assert by_lang["en"] == by_lang["ja"] == by_lang[NEW]
    assert len(by_lang[NEW]) > len(catalogue.measures)


# A measure's text, which the data has only in English (and Japanese), shows in English,
# marked as English for screen readers and translation tools, under English words.
def test_texts_without_the_language_show_the_english_marked(third, catalogue):
    measure = catalogue.current_plan.measures[0]
    url = f"{FOLDERS[NEW]}plans/{measure.plan.id}/measures/{measure.slug}/"
    html = file_of(third, url).read_text(encoding="utf-8")
    assert read(file_of(third, url)).html_lang == NEW
    english = re.findall(r'<div lang="en">(.*?)</div>', html, re.S)
    first_part = re.sub(r"<[^>]+>", "", measure.parts[0].text.en).split()[0]
    assert any(first_part in block for block in english), "the measure's English text is not marked lang=en"
    assert catalogue.label("responsible").en in html  # the site's words fall back to English
    assert measure.parts[0].text.ja not in html
    # The per-measure "translation in preparation" notice is for the languages the data has.
    assert catalogue.label("untranslated_title").en not in html


def test_the_switch_leads_to_the_same_page_in_every_language(third):
    for file in pages(third):
        url = url_of(third, file)
        lang = _lang(url)
        bare = url[len(FOLDERS[lang]) :]
        page = read(file)
        assert page.html_lang == lang, url
        assert set(page.switch) == set(FOLDERS), (url, page.switch)
        for other, folder in FOLDERS.items():
            assert resolve(url, page.switch[other]).lstrip("/") == folder + bare, (url, other, page.switch)


def test_hreflang_and_sitemap_name_all_three_languages(third):
    site_url = read(third / "index.html").canonical
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = ET.parse(third / "sitemap.xml").findall("s:url", ns)
    in_sitemap = {e.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in e.findall("x:link", ns)} for e in entries}
    assert len(entries) == len(pages(third))
    for file in pages(third):
        url = url_of(third, file)
        bare = url[len(FOLDERS[_lang(url)]) :]
        expected = {lang: site_url + folder + bare for lang, folder in FOLDERS.items()}
        page = read(file)
        assert page.alternates == dict(expected, **{"x-default": expected["en"]}), url
        assert in_sitemap[page.canonical] == expected, url


# Each language has its feed, and the open data page lists all three.
def test_each_language_has_its_feed(third):
    for folder in FOLDERS.values():
        assert (third / folder / "feed.xml").is_file(), folder
    page = (third / FOLDERS[NEW] / "open-data" / "index.html").read_text(encoding="utf-8")
    here = f"{FOLDERS[NEW]}open-data/"
    linked = {resolve(here, href).lstrip("/") for href in re.findall(r'href="([^"]*feed\.xml)"', page)}
    assert {f"{folder}feed.xml" for folder in FOLDERS.values()} <= linked


# No Python module of the hooks names a language by its code but plansite/languages.py:
# the others take their languages from the site's settings or the data. (search.py's
# warm-up page is Japanese on purpose: it loads Pagefind's Japanese segmenter early.)
def test_no_module_but_languages_names_a_language():
    codes = set(FOLDERS) | {"LANGS"}
    found = []
    for module in sorted((ROOT / "hooks").rglob("*.py")):
        if module.name == "languages.py":
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if value in codes or (re.search(r'lang="(en|ja)"', value) and module.name != "search.py"):
                    found.append(f"{module.relative_to(ROOT)}:{node.lineno}: {value[:60]!r}")
            elif isinstance(node, ast.Name) and node.id == "LANGS":
                found.append(f"{module.relative_to(ROOT)}:{node.lineno}: LANGS")
    assert not found, "language codes outside plansite/languages.py:\n" + "\n".join(found)
