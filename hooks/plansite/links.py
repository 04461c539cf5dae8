"""Where pages and files are in the built site: every link a template writes is checked
here against what exists, and made relative so the site works under any address.

A page is named by its source path without language or extension (`ministries/npa`,
`plans/plan-2022/index`); each language's pages sit in that language's folder ('' for
the default language, 'ja/' for Japanese). Other files (open data, feeds, schemas) sit
once at the top of the site, shared by both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


class UnknownLink(ValueError):
    """A template links to a page or file that the site does not have."""


@dataclass(frozen=True)
class SiteMap:
    """The pages and files a link may point to."""

    pages: frozenset[str]
    files: frozenset[str]

    # The address of a page or file relative to the page `here`, both in `folder`.
    def url(self, path: str, here: str, folder: str = "", anchor: str | None = None) -> str:
        """The address of a page or file relative to the page `here`, both in `folder`."""
        target = self.address(path, folder, here)
        return relative(target, folder + page_url(here)) + (f"#{anchor}" if anchor else "")

    # The address of a page (in `folder`) or file below the top of the site, once checked
    # that the site has it; `here` names the page that links to it, for the error.
    def address(self, path: str, folder: str = "", here: str = "the theme") -> str:
        """The address of a page (in `folder`) or file below the top of the site, once checked that the ..."""
        if path in self.pages:
            return folder + page_url(path)
        if path in self.files:
            return path
        raise UnknownLink(f"The page '{here}' links to '{path}', which is neither a page nor a file of the site: check the link in its template (hooks/templates/).")


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The address of a page within its language's folder: index -> '', a/index -> a/, a/b -> a/b/.
def page_url(path: str) -> str:
    """The address of a page (`a/index`, `a/b`) within its language's folder (`a/`, `a/b/`)."""
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


# The address of `target` as seen from the page at `here` (both relative to the top of
# the site; a page's address ends in '/'). Cached: a page links to the same few dozen
# pages, and the site's pages to each other thousands of times.
@lru_cache(maxsize=65536)
def relative(target: str, here: str) -> str:
    """The address of `target` relative to the page at `here` (both from the top of the site)."""
    up = here.split("/")[:-1]  # the folders of `here`: 'a/b/' -> ['a', 'b']
    parts = target.split("/")
    common = 0
    while common < len(up) and common < len(parts) - 1 and up[common] == parts[common]:
        common += 1
    rel = "../" * (len(up) - common) + "/".join(parts[common:])
    return rel or "./"


# The pages written by hand in docs/ (about.en.md, about.ja.md -> about).
def doc_pages(docs_dir: Path) -> set[str]:
    """The page paths of the pages in docs/, without language or extension."""
    return {path.relative_to(docs_dir).as_posix().split(".", 1)[0] for path in docs_dir.rglob("*.md")}
