"""The build's caches end to end (.cache/catalogue/, .cache/search-index/): a repeat build
after a change of the data is the same, byte for byte, as a build without any cache, and
data with a problem stops the build though a checked catalogue of the data before is kept."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import build_site, copy_project

MEASURE = Path("data/measures/measures-2016/1-1.yaml")
OLD, NEW = "en: Convening of a conference", "en: Convening of a Conference"


# Every file of a built site, by path, as bytes.
def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


# Rewrite a data file with the same size and modification time: only its bytes tell.
def rewrite_in_place(path: Path, old: str, new: str) -> None:
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text and len(old.encode()) == len(new.encode())
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_repeat_build_after_a_change_is_the_build_without_caches(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("PLANSITE_NO_CACHE", raising=False)
    project = copy_project(tmp_path / "project")
    first = build_site(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr[-3000:]
    kept = {folder: sorted((project / ".cache" / folder).iterdir()) for folder in ("catalogue", "search-index")}
    assert all(len(found) == 1 for found in kept.values()), kept

    rewrite_in_place(project / MEASURE, OLD, NEW)
    warm = build_site(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr[-3000:]
    monkeypatch.setenv("PLANSITE_NO_CACHE", "1")
    cold = build_site(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr[-3000:]

    warm_files, cold_files = files(tmp_path / "warm"), files(tmp_path / "cold")
    assert warm_files == cold_files
    assert any(b"Convening of a Conference" in content for path, content in warm_files.items() if path.endswith(".html"))
    # The search index changed with the page (Pagefind's files are named by their content).
    assert set(warm_files) != set(files(tmp_path / "first"))
    # Both caches missed and now hold the changed inputs' files, one each.
    for folder, before in kept.items():
        now = sorted((project / ".cache" / folder).iterdir())
        assert len(now) == 1 and now != before, folder


def test_data_with_a_problem_stops_a_build_though_a_catalogue_is_kept(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("PLANSITE_NO_CACHE", raising=False)
    project = copy_project(tmp_path / "project")
    assert build_site(project, tmp_path / "first").returncode == 0
    rewrite_in_place(project / MEASURE, "pillar: 1", "pillar: 9")
    broken = build_site(project, tmp_path / "broken")
    assert broken.returncode != 0
    said = broken.stderr + broken.stdout
    assert f"{MEASURE.as_posix()}:3: pillar:" in said and "Nothing was published." in said, said[-3000:]
    assert "Traceback" not in said
