"""plansite.searchindex with the real Pagefind: an index built in parts (one per language,
each sealed when its pages are in) is the same, file for file and byte for byte, as the
index built whole; a part takes no page once sealed, and a page must name a part."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from plansite.searchindex import SearchIndex, SearchIndexError

EXCLUDE = [".breadcrumbs"]

# A few pages in each language, with the markup the site's pages have for Pagefind.
PAGES = {
    "en": [
        ("index.html", "Measures against child sexual exploitation", "The plan brings the ministries together."),
        ("measures/one/index.html", "A conference of the ministries", "The police shall convene a conference of the ministries."),
        ("reports/index.html", "Progress reports", "Each year the ministries report on their measures."),
    ],
    "ja": [
        ("ja/index.html", "子供の性的搾取対策", "計画は関係府省庁の取組をまとめる。"),
        ("ja/measures/one/index.html", "関係府省庁の会議", "警察庁は関係府省庁の会議を開催する。"),
        ("ja/reports/index.html", "進捗報告", "毎年、関係府省庁が取組の状況を報告する。"),
    ],
}


# A page as the site writes it: the article marked as Pagefind's body, a breadcrumb left out.
def page(lang: str, title: str, text: str) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>'
        f'<nav class="breadcrumbs">Home</nav><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>'
    )


# Every file of a bundle folder, by path, as bytes.
def bundle(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# The entry file as data: Pagefind writes its languages in no fixed order.
def without_entry(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in files.items() if path != "pagefind-entry.json"}


def test_an_index_built_in_parts_is_the_index_built_whole(tmp_path: Path):
    with SearchIndex(EXCLUDE) as whole:
        for lang, pages in PAGES.items():
            for path, title, text in pages:
                whole.add(path, page(lang, title, text))
        assert whole.finish(tmp_path / "whole") == 6
    with SearchIndex(EXCLUDE, parts=list(PAGES)) as parted:
        for lang, pages in PAGES.items():
            for path, title, text in pages:
                parted.add(path, page(lang, title, text), part=lang)
            parted.seal(lang)
        assert parted.finish(tmp_path / "parts") == 6
    whole_files, parted_files = bundle(tmp_path / "whole"), bundle(tmp_path / "parts")
    assert without_entry(parted_files) == without_entry(whole_files)
    entry = json.loads(parted_files["pagefind-entry.json"])
    assert entry == json.loads(whole_files["pagefind-entry.json"])
    assert sorted(entry["languages"]) == sorted(PAGES)
    assert {lang: value["page_count"] for lang, value in entry["languages"].items()} == {"en": 3, "ja": 3}


def test_a_part_not_sealed_by_the_caller_is_sealed_by_finish_and_an_empty_part_is_left_out(tmp_path: Path):
    with SearchIndex(EXCLUDE, parts=["en", "ja", "fr"]) as index:
        for path, title, text in PAGES["en"]:
            index.add(path, page("en", title, text), part="en")
        index.seal("en")
        for path, title, text in PAGES["ja"]:
            index.add(path, page("ja", title, text), part="ja")
        index.seal("fr")  # no pages: nothing to build
        assert index.finish(tmp_path / "out") == 6
    entry = json.loads((tmp_path / "out" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "ja"]


def test_a_sealed_part_takes_no_more_pages_and_a_page_names_a_known_part():
    with SearchIndex(EXCLUDE, parts=["en", "ja"]) as index:
        path, title, text = PAGES["en"][0]
        index.add(path, page("en", title, text), part="en")
        index.seal("en")
        with pytest.raises(SearchIndexError, match="sealed"):
            index.add("late/index.html", page("en", title, text), part="en")
        with pytest.raises(SearchIndexError, match="no part 'de'"):
            index.add("de/index.html", page("de", title, text), part="de")
