"""plansite.searchindex with the real Pagefind: an index built in parts (one per language,
each sealed when its pages are in) is the same, file for file and byte for byte, as the
index built whole; a part takes no page once sealed, and a page must name a part. The
kept files are written only for exactly the inputs that made them: any change of a page,
a path, a part, the order, the settings or Pagefind's executable makes the index afresh.
Under `make serve` (plansite.searchpreview), the index made after the build is the same,
and a newer build stops one still being made."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from plansite import searchpreview
from plansite.searchindex import IndexStopped, SearchIndex, SearchIndexError, pagefind_executable
from plansite.searchpreview import DeferredIndex

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


# Every page given at once to one index without parts, written to `folder`; how many pages.
def index_whole(folder: Path) -> int:
    with SearchIndex(EXCLUDE) as whole:
        for lang, pages in PAGES.items():
            for path, title, text in pages:
                whole.add(path, page(lang, title, text))
        return whole.finish(folder)


# Every page given at once, one part per language sealed after its pages, written to `folder`.
def index_in_parts(folder: Path) -> int:
    with SearchIndex(EXCLUDE, parts=list(PAGES)) as parted:
        for lang, pages in PAGES.items():
            for path, title, text in pages:
                parted.add(path, page(lang, title, text), part=lang)
            parted.seal(lang)
        return parted.finish(folder)


def test_an_index_built_in_parts_is_the_index_built_whole(tmp_path: Path):
    assert index_whole(tmp_path / "whole") == 6
    assert index_in_parts(tmp_path / "parts") == 6
    whole_files, parted_files = bundle(tmp_path / "whole"), bundle(tmp_path / "parts")
    assert without_entry(parted_files) == without_entry(whole_files)
    entry = json.loads(parted_files["pagefind-entry.json"])
    assert entry == json.loads(whole_files["pagefind-entry.json"])
    assert sorted(entry["languages"]) == sorted(PAGES)
    assert {lang: value["page_count"] for lang, value in entry["languages"].items()} == {"en": 3, "ja": 3}


# Under `mkdocs serve`: the pages noted while the site is written (some by their file) make,
# once given to Pagefind, the index that pages given at once make.
def test_a_deferred_index_is_the_index_of_the_pages_given_at_once(tmp_path: Path):
    deferred = DeferredIndex(EXCLUDE, parts=list(PAGES))
    for lang, pages in PAGES.items():
        for number, (path, title, text) in enumerate(pages):
            if number % 2:
                deferred.add(path, page(lang, title, text), part=lang)
            else:
                file = tmp_path / "site" / path
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(page(lang, title, text), encoding="utf-8")
                deferred.add_file(path, file, part=lang)
        deferred.seal(lang)
    assert deferred.finish(tmp_path / "deferred") == 6
    index_in_parts(tmp_path / "at-once")
    assert bundle(tmp_path / "deferred") == bundle(tmp_path / "at-once")


# A new build under `mkdocs serve` stops the last build's index still being made in the
# background where an older index is in place: no error is reported and nothing written.
# Where there is none yet (the first build), the index is written: search always works.
def test_a_deferred_index_being_made_is_stopped_by_the_next_build(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(searchpreview._background, "writer", None)
    failures, written = [], []

    def index_in_background(output: Path) -> None:
        deferred = DeferredIndex(EXCLUDE, parts=["en"])
        for number in range(300):
            deferred.add(f"p{number}/index.html", page("en", f"Page {number}", "The ministries report on their measures. " * 50), part="en")
        searchpreview.finish_in_background(deferred, output, written.append, failures.append)

    index_in_background(tmp_path / "site")
    searchpreview.stop_background()
    first = bundle(tmp_path / "site")
    assert failures == [] and written == [tmp_path / "site"] and "pagefind-entry.json" in first
    index_in_background(tmp_path / "site")
    searchpreview.stop_background()
    assert failures == [] and written == [tmp_path / "site"] and bundle(tmp_path / "site") == first


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


# Index the pages (a list of (lang, path, title, text)) in parts, with `cache` as the cache folder.
def index(pages: list[tuple[str, str, str, str]], output: Path, cache: Path | None, executable: Path | None = None,
          exclude: list[str] = EXCLUDE, part_of=lambda lang: lang) -> SearchIndex:
    search_index = SearchIndex(exclude, parts=list(PAGES), cache=cache, executable=executable)
    with search_index:
        for lang, path, title, text in pages:
            search_index.add(path, page(lang, title, text), part=part_of(lang))
        search_index.finish(output)
    return search_index


ALL = [(lang, path, title, text) for lang, pages in PAGES.items() for path, title, text in pages]


def test_the_kept_files_are_written_for_the_very_same_pages_without_waiting_for_pagefind(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("PLANSITE_NO_CACHE", raising=False)
    cache = tmp_path / "cache"
    first = index(ALL, tmp_path / "first", cache)
    assert first._process.returncode == 0  # Pagefind did the work, and ended when its input did
    assert len(list(cache.glob("*.json"))) == 1
    again = index(ALL, tmp_path / "again", cache)
    assert again._process.returncode == -9  # not waited for: stopped at once
    assert bundle(tmp_path / "again") == bundle(tmp_path / "first")


# Any change of what Pagefind is given is a miss: the bundle is the one made afresh for the
# changed input, never the kept one.
@pytest.mark.parametrize("change", ["text", "path", "part", "order", "a page less", "exclude", "executable"])
def test_a_change_of_any_input_is_never_served_the_kept_files(change: str, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("PLANSITE_NO_CACHE", raising=False)
    cache = tmp_path / "cache"
    index(ALL, tmp_path / "kept", cache)
    pages, exclude, executable, part_of = list(ALL), EXCLUDE, None, (lambda lang: lang)
    if change == "text":
        lang, path, title, text = pages[1]
        pages[1] = (lang, path, title, text.replace("police", "agency"))
    elif change == "path":
        lang, path, title, text = pages[1]
        pages[1] = (lang, "measures/two/index.html", title, text)
    elif change == "part":
        # The same pages, all in one part: the same files, but not the same inputs.
        part_of = (lambda lang: "en")
    elif change == "order":
        pages = pages[1:] + pages[:1]
    elif change == "a page less":
        pages = pages[:-1]
    elif change == "exclude":
        exclude = EXCLUDE + [".back-to-top"]
    elif change == "executable":
        # The same program, one byte longer (an ELF file ignores what follows its sections).
        executable = tmp_path / "pagefind"
        executable.write_bytes(pagefind_executable().read_bytes() + b"\0")
        executable.chmod(0o755)
    changed = index(pages, tmp_path / "changed", cache, executable, exclude, part_of)
    assert changed._process.returncode == 0  # Pagefind did the work
    monkeypatch.setenv("PLANSITE_NO_CACHE", "1")
    index(pages, tmp_path / "fresh", None, executable, exclude, part_of)
    assert bundle(tmp_path / "changed") == bundle(tmp_path / "fresh")
    assert len(list(cache.glob("*.json"))) == 1  # the older files are gone


def test_damaged_kept_files_are_made_again(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("PLANSITE_NO_CACHE", raising=False)
    cache = tmp_path / "cache"
    index(ALL, tmp_path / "first", cache)
    [kept] = cache.glob("*.json")
    kept.write_text(kept.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    again = index(ALL, tmp_path / "again", cache)
    assert again._process.returncode == 0
    assert bundle(tmp_path / "again") == bundle(tmp_path / "first")


def test_plansite_no_cache_keeps_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PLANSITE_NO_CACHE", "1")
    index(ALL, tmp_path / "out", tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_pagefind_drops_a_part_once_its_files_are_back_and_the_index_is_still_whole(tmp_path: Path):
    # Dropping the part's index in Pagefind is what keeps the build's memory at one
    # language's; the part's files, already back, must still be in the index.
    index_whole(tmp_path / "whole")
    with SearchIndex(EXCLUDE, parts=list(PAGES)) as parted:
        for path, title, text in PAGES["en"]:
            parted.add(path, page("en", title, text), part="en")
        parted.seal("en")
        deadline = time.monotonic() + 60
        while "en" not in parted.released and time.monotonic() < deadline:
            time.sleep(0.05)
        assert parted.released == {"en"}
        for path, title, text in PAGES["ja"]:
            parted.add(path, page("ja", title, text), part="ja")
        assert parted.finish(tmp_path / "parts") == 6
    assert without_entry(bundle(tmp_path / "parts")) == without_entry(bundle(tmp_path / "whole"))
