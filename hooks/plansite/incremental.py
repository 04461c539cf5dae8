"""Which pages a rebuild under `mkdocs serve` must write again: those whose output can differ.

A save under `mkdocs serve` rebuilds the whole site, and writing every page through the
theme was most of that time, though a change of one measure changes a handful of pages.
So each page is described, once its content is made and before the theme writes it, by
a fingerprint of everything the theme's page can show: the page's own content, title,
table of contents, metadata, neighbours and language links (`page` parts), and what every
page shows alike: the site's words and settings, its navigation, the theme, the hooks'
code, the data's problems (`site` parts). A page is written again when its fingerprint
differs from the one it was last written with, or its file is gone; every other page is
already on disk as it would be written now.

Pages are compared by their outputs' inputs, not by which data file feeds which page:
what a page shows of other pages (a ministry's name on a measure, a measure's title on
its pillar, the matrix, the finder) is in its content, so no dependency list can miss it.

Nothing here knows of MkDocs; `hooks/site.py` gives the parts and asks. The record of
what was written lives in this module because the hook files' modules are MkDocs'; this
package is imported once per process, like `session._cache`.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Hashable

# How soon `make serve` starts a rebuild after a save, in seconds (hooks/site.py sets both;
# the edit-loop bench counts them): it looks for saved files every POLL_S (MkDocs' own:
# 0.5 s, on average a quarter of a second of every edit loop; the site's watched files, a
# few hundred, are looked at in about a millisecond), then waits until nothing more was
# saved for SETTLE_S (MkDocs' own: 0.1 s), which an editor's save (a write, a rename)
# takes a few milliseconds to finish.
POLL_S = 0.05
SETTLE_S = 0.05

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass
class WrittenPages:
    """What each page was last written with, by (site folder, page, language, language folder)."""

    # Whether the builds of this process write only what changed (`mkdocs serve --dirty`).
    on: bool = False
    _written: dict[Hashable, str] = field(default_factory=dict)  # key -> fingerprint on disk
    _planned: dict[Hashable, str] = field(default_factory=dict)  # key -> fingerprint being written
    _unwritten: list[tuple[str, Path]] = field(default_factory=list)  # (path in site, file) left as they were
    _files: dict[Hashable, dict[Hashable, Path]] = field(default_factory=dict)  # build -> its pages' files

    # Decide, for one language's build (`build`: the same for every build of that language
    # into that site), which pages must be written: `pages` maps each page's key to its
    # fingerprint and its file in the site. The decision is recorded only when the build
    # ends well (`commit`), so a failed build is decided afresh. The files of the pages
    # the build had last time and has no more (a measure removed) are removed: no build
    # cleans the site under `--dirty`, and the page must not still be served.
    def plan(self, build: Hashable, pages: dict[Hashable, tuple[str, str, Path]]) -> set[Hashable]:
        """The keys of the pages to write, of `pages` (key -> (fingerprint, path in site, file)); gone pages' files removed."""
        for key, file in self._files.get(build, {}).items():
            if key not in pages:
                self._written.pop(key, None)
                file.unlink(missing_ok=True)
        self._files[build] = {key: file for key, (_, _, file) in pages.items()}
        write = set()
        for key, (print_, site_path, file) in pages.items():
            if not self.on or self._written.get(key) != print_ or not file.is_file():
                write.add(key)
            else:
                self._unwritten.append((site_path, file))
            self._planned[key] = print_
        return write

    # The pages of the builds so far that were left on disk, as (path in site, file):
    # what is written must still go into the search index. Each is given once.
    def take_unwritten(self) -> list[tuple[str, Path]]:
        """The pages left as they were since the last call, as (path in site, file)."""
        taken, self._unwritten = self._unwritten, []
        return taken

    # The build has written what it planned.
    def commit(self) -> None:
        """Record the planned pages as written."""
        self._written.update(self._planned)
        self._planned.clear()

    # The build failed: what it planned may be half written; forget it, and what those
    # pages were written with before (their files may be either), so they are written again.
    def discard(self) -> None:
        """Forget the planned pages and their past, so that the next build writes them."""
        for key in self._planned:
            self._written.pop(key, None)
        self._planned.clear()
        self._unwritten.clear()


# The one record of this process (`mkdocs serve` builds many times in one process).
written = WrittenPages()

# What each data file was read as, by (reader, file, project, kind): its bytes, the document read
# (or None) and the problems met. One entry per file, replaced when the file changes.
_read: dict[tuple[Callable, Path, Path, str], tuple[bytes, Any, list]] = {}

# Files larger than this are read afresh every time (load.load_file refuses them anyway).
_LARGEST_KEPT = 1_000_000

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# `read` (path, root, kind, problems) -> document, run again only for a file whose bytes
# changed since it last ran on it; otherwise its document (a copy: the caller may build
# on it) and its problems as they were. Reading a file's bytes is all an unchanged file costs.
def once_per_content(read: Callable) -> Callable:
    """`read` (path, root, kind, problems) -> document, remembered per file by its bytes."""

    def remembered(path: Path, root: Path, kind: str, problems: list) -> Any:
        try:
            raw = path.read_bytes() if path.stat().st_size <= _LARGEST_KEPT else None
        except OSError:
            raw = None
        if raw is None:
            return read(path, root, kind, problems)
        key = (read, path, root, kind)
        known = _read.get(key)
        if known is None or known[0] != raw:
            found: list = []
            known = _read[key] = (raw, read(path, root, kind, found), found)
        problems += known[2]
        return copy.deepcopy(known[1])

    return remembered


# A fingerprint of plain data (text, numbers, lists, dicts; anything else by its repr), the
# same for equal data: dict keys sorted.
def fingerprint(*parts: Any) -> str:
    """A SHA-256 of `parts` (plain data; anything else by its repr), equal for equal data."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Every file under `folders` by path, time and size: a code or theme folder's state.
def folder_state(*folders: Path) -> list[tuple[str, int, int]]:
    """Each file under `folders` as (path, modification time in ns, size), sorted."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else [folder] if folder.is_file() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                found.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return found
