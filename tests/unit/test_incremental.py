"""plansite.incremental: under `make serve`, a page is written again exactly when what it
shows changed or its file is gone; a failed build leaves nothing half-recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from plansite.incremental import WrittenPages, fingerprint, folder_state, once_per_content
from plansite.problems import DataError
from plansite.validate import check


BUILD = ("site", "en")


# A site of two pages, written as a build would write them: key -> (fingerprint, path in site, file).
def _pages(site: Path, prints: dict[str, str]) -> dict:
    pages = {}
    for name, print_ in prints.items():
        file = site / name / "index.html"
        pages[("site", name, "en", "")] = (print_, f"{name}/index.html", file)
    return pages


def _write(pages: dict, keys: set) -> None:
    for key in keys:
        _, _, file = pages[key]
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"<p>{key[1]}</p>", encoding="utf-8")


def test_only_the_pages_whose_fingerprint_changed_are_written_again(tmp_path: Path):
    record = WrittenPages(on=True)
    first = _pages(tmp_path, {"a": "1", "b": "1"})
    assert record.plan(BUILD, first) == set(first)  # nothing written yet
    _write(first, set(first))
    assert record.take_unwritten() == []
    record.commit()

    second = _pages(tmp_path, {"a": "2", "b": "1"})
    assert record.plan(BUILD, second) == {("site", "a", "en", "")}
    # The page left alone still goes into the search index, from its file, once.
    assert record.take_unwritten() == [("b/index.html", tmp_path / "b" / "index.html")]
    assert record.take_unwritten() == []
    record.commit()
    assert record.plan(BUILD, second) == set()


def test_a_page_whose_file_is_gone_is_written_again(tmp_path: Path):
    record = WrittenPages(on=True)
    pages = _pages(tmp_path, {"a": "1"})
    _write(pages, record.plan(BUILD, pages))
    record.commit()
    (tmp_path / "a" / "index.html").unlink()
    assert record.plan(BUILD, pages) == set(pages)


def test_a_failed_build_is_decided_afresh(tmp_path: Path):
    record = WrittenPages(on=True)
    pages = _pages(tmp_path, {"a": "1", "b": "1"})
    _write(pages, record.plan(BUILD, pages))
    record.commit()
    # The build that would write "a" fails, perhaps halfway: both its old and new state
    # are uncertain, so the next build writes it whatever the fingerprint says.
    changed = _pages(tmp_path, {"a": "2", "b": "1"})
    record.plan(BUILD, changed)
    record.discard()
    assert record.take_unwritten() == []
    assert record.plan(BUILD, pages) == set(pages)


def test_off_every_page_is_written(tmp_path: Path):
    record = WrittenPages(on=False)
    pages = _pages(tmp_path, {"a": "1"})
    _write(pages, record.plan(BUILD, pages))
    record.commit()
    assert record.plan(BUILD, pages) == set(pages)


def test_the_fingerprint_is_of_the_data_not_of_its_order():
    assert fingerprint({"x": 1, "y": [1, 2]}, "t") == fingerprint({"y": [1, 2], "x": 1}, "t")
    assert fingerprint({"x": 1}) != fingerprint({"x": 2})
    assert fingerprint(["a", "b"]) != fingerprint(["b", "a"])
    # Anything that is not plain data counts by its repr.
    assert fingerprint(Path("a")) != fingerprint(Path("b"))


def test_a_folders_state_changes_with_any_file_in_it(tmp_path: Path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "x.html").write_text("one", encoding="utf-8")
    before = folder_state(tmp_path / "t")
    (tmp_path / "t" / "x.html").write_text("three", encoding="utf-8")
    assert folder_state(tmp_path / "t") != before
    assert folder_state(tmp_path / "none") == []
    assert [path for path, _, _ in folder_state(tmp_path / "t" / "x.html")] == [(tmp_path / "t" / "x.html").as_posix()]


# A file is read again only when its bytes changed; its problems come with it every time,
# and what the caller does to a document does not reach the next reading.
def test_a_file_is_read_once_per_content(tmp_path: Path):
    calls = []

    def read(path, root, kind, problems):
        calls.append(path.name)
        problems.append(f"{path.name}: {path.read_text(encoding='utf-8')}")
        return {"text": path.read_text(encoding="utf-8"), "items": [1]}

    remembered = once_per_content(read)
    file = tmp_path / "a.yaml"
    file.write_text("one", encoding="utf-8")
    problems: list = []
    first = remembered(file, tmp_path, "kind", problems)
    first["items"].append(2)
    again = remembered(file, tmp_path, "kind", problems)
    assert calls == ["a.yaml"] and again == {"text": "one", "items": [1]}
    assert problems == ["a.yaml: one", "a.yaml: one"]
    file.write_text("two", encoding="utf-8")
    assert remembered(file, tmp_path, "kind", [])["text"] == "two" and calls == ["a.yaml", "a.yaml"]


# The data checked again after an edit: the edited file's new problem is found, and gone
# once it is fixed, while the other files are not read again.
def test_validation_sees_every_edit(small: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(small, project)
    measure = next((project / "data" / "measures").rglob("*.yaml"))
    good = measure.read_text(encoding="utf-8")
    check(project / "data", project)
    measure.write_text(good.replace("\nnumber: ", "\nnumber: not-a-number-", 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        check(project / "data", project)
    assert any(problem.file.endswith(measure.name) and problem.field == "number" for problem in raised.value.problems)
    measure.write_text(good, encoding="utf-8")
    assert check(project / "data", project).measures


# A page the build no longer has (a measure removed) is removed from the site: nothing
# else would, since a dirty build does not clean the site.
def test_a_page_gone_from_the_build_is_removed(tmp_path: Path):
    record = WrittenPages(on=True)
    pages = _pages(tmp_path, {"a": "1", "b": "1"})
    _write(pages, record.plan(BUILD, pages))
    record.commit()
    fewer = _pages(tmp_path, {"a": "1"})
    assert record.plan(BUILD, fewer) == set()
    assert (tmp_path / "a" / "index.html").is_file() and not (tmp_path / "b" / "index.html").exists()
    # Another language's build keeps its own pages.
    other = {("site", "b", "ja", "ja/"): ("1", "ja/b/index.html", tmp_path / "ja" / "b" / "index.html")}
    _write(other, record.plan(("site", "ja"), other))
    record.commit()
    record.plan(BUILD, fewer)
    assert (tmp_path / "ja" / "b" / "index.html").is_file()
    # It comes back: written again.
    assert record.plan(BUILD, pages) == {("site", "b", "en", "")}
