"""What the tests share as plain names (fixtures stay in conftest.py): the project's
folders, the official sources beside it, and strict builds of the project or of a copy.

Importable as `helpers` because pytest.ini puts tests/ on the path (`pythonpath`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = ROOT.parent / "shared" / "sources"
GLOSSARY = ROOT.parent / "shared" / "glossary-ja.yaml"

# The official sources and the glossary lie beside the repository (../shared), not in it:
# the project's CI has them; a clone elsewhere (GitHub) skips the tests that read them.
needs_shared = pytest.mark.skipif(not SOURCES.exists(), reason="../shared (official sources, glossary) is not beside the repository")


# Build a copy of the project (or the project itself) strictly into `site_dir`.
def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in `project` into `site_dir`, in its own process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


# A copy of everything the build reads, to break or extend without touching the repository.
def copy_project(target: Path) -> Path:
    """Copy mkdocs.yml, data/, docs/, hooks/ and overrides/ into `target`; return it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "data", "docs", "hooks", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


# A project folder holding only data/: the small fixture data set with the site's own
# words (data/labels.yaml, whose schema requires every label the templates use), and,
# given a case of tests/fixtures/data-with-problems/, that case's files laid over it.
def small_data(target: Path, case: Path | None = None) -> Path:
    """Write `target`/data/ from tests/fixtures/data-small (and `case`); return `target`."""
    data = target / "data"
    shutil.copytree(FIXTURES / "data-small", data)
    shutil.copy2(ROOT / "data" / "labels.yaml", data / "labels.yaml")
    if case is not None:
        shutil.copytree(case, data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return target
