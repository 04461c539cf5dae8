"""Fixtures of the fast tier: plansite in-process on the small fixture data set
(tests/fixtures/data-small/), without MkDocs and without building the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, small_data
from plansite import render
from plansite.settings import from_config as site_settings
from plansite.model import Catalogue
from plansite.pages import plan_pages
from plansite.session import Session
from plansite.settings import SiteSettings
from plansite.validate import check


# The site's languages (the default first), docs/ and Markdown extensions, from mkdocs.yml.
@pytest.fixture(scope="session")
def settings() -> SiteSettings:
    return site_settings(ROOT)


# A project folder whose data/ is the small data set.
@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_data(tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="session")
def small_catalogue(small: Path) -> Catalogue:
    return check(small / "data", small)


# The small data's pages, rendered as the build renders them (against the real docs/).
@pytest.fixture(scope="session")
def small_session(small: Path, small_catalogue: Catalogue, settings: SiteSettings) -> Session:
    return Session(small_catalogue, plan_pages(small_catalogue), render.environment(), root=small, docs_dir=settings.docs_dir, settings=settings)
