"""plansite.checked: the checked catalogue kept on disk is read only for exactly the inputs it
was made from. Every input of the check, changed, is a miss: the change is what the next
build shows (or the problem it reports), never the catalogue kept from before."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import small_data
from plansite import checked
from plansite.problems import DataError
from plansite.settings import SiteSettings

MEASURE = Path("data/measures/plan-small/1-1.yaml")
TITLE = "A conference of the ministries"


# A project of the small data with its own copy of docs/, and the settings that point at it.
@pytest.fixture
def project(tmp_path: Path, settings: SiteSettings) -> tuple[Path, SiteSettings]:
    root = small_data(tmp_path / "project")
    (root / "docs").mkdir()
    for lang in settings.languages:
        (root / "docs" / f"note.{lang}.md").write_text(f"---\ntitle: Note {lang}\n---\n\n# Note\n\nA page.\n", encoding="utf-8")
    return root, replace(settings, docs_dir=root / "docs")


# The kept files of a project.
def kept(root: Path) -> list[Path]:
    return sorted((root / checked.FOLDER).glob("*.pickle"))


# The English title of the measure the tests edit, as the catalogue has it.
def title(catalogue) -> str:
    return next(m for m in catalogue.measures if m.ref == "plan-small/1-1").title.en


# Rewrite a file with the same size and modification time: only its bytes tell.
def rewrite_in_place(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size


def test_a_check_keeps_one_file_named_by_its_inputs_and_the_next_reads_it(project):
    root, settings = project
    first = checked.check(root / "data", root, settings)
    assert kept(root) == [root / checked.FOLDER / f"{checked.inputs_hash(root / 'data', root, settings)}.pickle"]
    again = checked.check(root / "data", root, settings)
    assert again is not first  # read back from the file, not the same object
    assert title(again) == title(first) == TITLE
    assert [m.ref for m in again.measures] == [m.ref for m in first.measures]
    assert [p.id for p in again.plans] == [p.id for p in first.plans]


def test_a_data_edit_of_the_same_size_and_time_is_never_served_stale(project):
    root, settings = project
    checked.check(root / "data", root, settings)
    rewrite_in_place(root / MEASURE, TITLE, TITLE.replace("conference", "convention"))
    assert title(checked.check(root / "data", root, settings)) == "A convention of the ministries"
    assert len(kept(root)) == 1  # the older file is gone


def test_data_with_a_problem_raises_though_a_catalogue_is_kept(project):
    root, settings = project
    checked.check(root / "data", root, settings)
    rewrite_in_place(root / MEASURE, "pillar: 1", "pillar: 9")
    with pytest.raises(DataError, match="pillar"):
        checked.check(root / "data", root, settings)
    # Fixed again: the kept catalogue of these very inputs is right to read.
    rewrite_in_place(root / MEASURE, "pillar: 9", "pillar: 1")
    assert title(checked.check(root / "data", root, settings)) == TITLE


def test_a_new_data_file_and_a_removed_one_are_misses(project):
    root, settings = project
    before = len(checked.check(root / "data", root, settings).measures)
    added = root / MEASURE.with_name("1-3.yaml")
    added.write_text((root / MEASURE).read_text(encoding="utf-8").replace("number: 1", "number: 3"), encoding="utf-8")
    assert len(checked.check(root / "data", root, settings).measures) == before + 1
    added.unlink()
    assert len(checked.check(root / "data", root, settings).measures) == before


# docs/, the plansite package (code and schemas), the settings, where the project is: each
# is an input, so a change of any of them names another file.
def test_every_other_input_changes_the_name(project, tmp_path: Path):
    root, settings = project
    package = tmp_path / "plansite"
    shutil.copytree(checked.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    name = (lambda s=settings, r=root, p=package: checked.inputs_hash(r / "data", r, s, p))
    names = {name()}
    assert name() in names  # the same inputs, the same name

    page = next((root / "docs").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    names.add(name())
    schema = package / "schemas" / "measure.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8") + " ", encoding="utf-8")
    names.add(name())
    code = package / "validate.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    names.add(name())
    names.add(name(s=replace(settings, only=settings.languages[-1])))
    names.add(name(s=replace(settings, extensions=settings.extensions[:-1])))
    (root / "data" / "extra").mkdir()
    names.add(name())
    (root / "data" / "extra" / "link.yaml").symlink_to(root / MEASURE)
    names.add(name())
    moved = tmp_path / "moved"
    shutil.copytree(root, moved, symlinks=True)
    names.add(name(r=moved, s=replace(settings, docs_dir=moved / "docs")))
    assert len(names) == 9  # the first and eight changes


def test_a_symbolic_link_in_data_is_reported_though_its_target_was_checked(project):
    root, settings = project
    checked.check(root / "data", root, settings)
    moved = root / "elsewhere.yaml"
    shutil.move(root / MEASURE, moved)
    (root / MEASURE).symlink_to(moved)
    with pytest.raises(DataError, match="symbolic link"):
        checked.check(root / "data", root, settings)


def test_a_damaged_kept_file_is_checked_again_and_replaced(project):
    root, settings = project
    checked.check(root / "data", root, settings)
    [file] = kept(root)
    file.write_bytes(file.read_bytes()[:100])
    assert title(checked.check(root / "data", root, settings)) == TITLE
    assert file.stat().st_size > 100


def test_plansite_no_cache_checks_from_scratch_and_keeps_nothing(project, monkeypatch):
    root, settings = project
    monkeypatch.setenv("PLANSITE_NO_CACHE", "1")
    assert title(checked.check(root / "data", root, settings)) == TITLE
    assert kept(root) == []
