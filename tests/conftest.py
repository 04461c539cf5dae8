"""Shared fixtures: the real site built once from the real data, and the data itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT))

from plansite.validate import check  # noqa: E402

SOURCES = ROOT.parent / "shared" / "sources"
GLOSSARY = ROOT.parent / "shared" / "glossary-ja.yaml"

# The official sources and the glossary lie beside the repository (../shared), not in it:
# the project's CI has them; a clone elsewhere (GitHub) skips the tests that read them.
needs_shared = pytest.mark.skipif(not SOURCES.exists(), reason="../shared (official sources, glossary) is not beside the repository")


# Build a copy of the project (or the project itself) strictly into `site_dir`.
def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
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
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "data", "docs", "hooks", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def catalogue():
    return check(ROOT / "data", ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# The built site, served on 127.0.0.1, for the tests in Chromium.
@pytest.fixture(scope="session")
def base(site: Path):
    from tools.search_eval import serve

    with serve(site) as url:
        yield url


# One Chromium (Debian's) for every browser test of the session: Playwright's sync API
# allows one running instance at a time, so test modules share this one.
@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tools.search_eval import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
