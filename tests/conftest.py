"""Shared fixtures: the real site built once from the real data, and the data itself.

Plain helpers (paths, builds, copies of the project) are in helpers.py; pytest.ini puts
hooks/, the repository and tests/ on the path, so nothing here edits sys.path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import ROOT, build_site, copy_project
from pagetools import sample_pages
from plansite.searchindex import NPM_PREFIX, installed_pagefind
from plansite.validate import check

# Copies of the project (the `project` fixture) have no .cache: they index with the
# repository's Pagefind, which `make test` installs with npm.
if "PLANSITE_PAGEFIND" not in os.environ and installed_pagefind(NPM_PREFIX):
    os.environ["PLANSITE_PAGEFIND"] = str(installed_pagefind(NPM_PREFIX))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def catalogue():
    return check(ROOT / "data", ROOT)


# A sample page of every kind (pagetools.KINDS), as its address in every language.
@pytest.fixture(scope="session")
def samples(catalogue) -> dict[str, dict[str, str]]:
    return sample_pages(catalogue)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# The built site served from 127.0.0.1, and one Chromium (Debian's) for every browser test
# module: Playwright's sync API allows one instance per process, so the browser is shared
# here rather than defined by each module.
@pytest.fixture(scope="session")
def base(site: Path):
    from tools.browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tools.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
