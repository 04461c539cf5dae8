"""The search index under `make serve`: made after each build, in the background.

Under a preview server a rebuilt page should be served as soon as it is written. So the
pages of a build are only noted while it runs (DeferredIndex), given to Pagefind once it
has ended, and the index written in a thread (finish_in_background): search catches up
about a second after the page. A newer build stops an index still being made, where an
older one is in place (search always works, at worst one save behind), and waits for it
otherwise, so that no build cleans the site under an index being written.

`make build` does none of this: it feeds plansite.searchindex.SearchIndex while it
writes the pages. Nothing here knows of MkDocs; `hooks/search.py` chooses.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from .searchindex import ENTRY, IndexStopped, SearchIndex, SearchIndexError

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


class DeferredIndex:
    """A SearchIndex whose pages are only noted while the site is written, and given to
    Pagefind by finish() (in the background, under a preview server): a rebuild then
    neither waits to send Pagefind its pages nor for Pagefind to read them. Pagefind is
    started, and shown its warm-up page, in a thread of its own as soon as the index is
    made, so that it is ready (its language models loaded) when the pages come."""

    # The arguments are SearchIndex's, for the index that finish() fills.
    def __init__(self, exclude_selectors: list[str], **arguments: Any):
        self._steps: list[tuple] = []  # ("add", path, html or file, part) and ("seal", part), in order
        self._started: list = []  # the SearchIndex, or the error that stopped it
        self._stopped = False  # by stop(): a newer build's index replaces this one
        self._starter = threading.Thread(target=self._start, args=(dict(arguments, exclude_selectors=exclude_selectors),), name="pagefind-start", daemon=True)
        self._starter.start()

    # Start Pagefind (its process, its indexes, its warm-up): mostly waiting for it, which
    # lets the build run meanwhile.
    def _start(self, arguments: dict) -> None:
        try:
            self._started.append(SearchIndex(**arguments))
        except Exception as error:  # noqa: BLE001 - raised again by finish()
            self._started.append(error)

    # Note one page, as SearchIndex.add.
    def add(self, path: str, html: str, part: str = "") -> None:
        """Note one page (its path in the site and its HTML, in `part`)."""
        self._steps.append(("add", path, html, part))

    # Note one page written earlier, read from its file when the index is made: that file
    # is not written again before then (a build waits for an index still being made).
    def add_file(self, path: str, file: Path, part: str = "") -> None:
        """Note one page by its file (read when the index is made)."""
        self._steps.append(("add", path, file, part))

    # Note that `part`'s pages are all in, as SearchIndex.seal.
    def seal(self, part: str = "") -> None:
        """Note that the pages of `part` are all in."""
        self._steps.append(("seal", part))

    # Give Pagefind every page noted, in order, and write the index as SearchIndex.finish.
    def finish(self, output_dir: Path) -> int:
        """Make the index of the pages noted and write it to `output_dir`; the number of pages."""
        with self._index() as index:
            try:
                for step in self._steps:
                    if self._stopped:
                        raise IndexStopped()
                    if step[0] == "seal":
                        index.seal(step[1])
                        continue
                    _, path, html, part = step
                    index.add(path, html.read_text(encoding="utf-8") if isinstance(html, Path) else html, part)
                return index.finish(output_dir)
            except SearchIndexError:
                if self._stopped:
                    raise IndexStopped() from None  # Pagefind stopped by stop(), not failing
                raise

    # Stop making this index (from another thread): its pages are out of date. Pagefind is
    # stopped, so that finish() ends at once; files it is already writing are written whole.
    def stop(self) -> None:
        """Stop the index being made: finish() then raises IndexStopped, unless it is writing the files."""
        self._stopped = True
        self._starter.join()
        if self._started and isinstance(self._started[0], SearchIndex):
            self._started[0].kill()

    # The started index (once Pagefind is up), or the error that stopped it.
    def _index(self) -> SearchIndex:
        self._starter.join()
        started = self._started[0]
        if isinstance(started, BaseException):
            raise started
        return started

    # Forget the pages noted and stop Pagefind.
    def close(self) -> None:
        """Forget the pages noted and stop Pagefind."""
        self._steps.clear()
        self._starter.join()
        if self._started and isinstance(self._started[0], SearchIndex):
            self._started[0].close()


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------

# Whether indexes are written in the background (a preview server turns this on), and
# the thread writing one. Kept here, in a module imported once, because `mkdocs serve`
# loads the hook files afresh for every build.
_background: dict[str, Any] = {"on": False, "writer": None, "index": None, "output": None}


# Write indexes in the background from now on: a preview shows the rebuilt pages at
# once, and their search catches up a moment later.
def write_in_background(on: bool = True) -> None:
    """Write indexes in a thread from now on (under `mkdocs serve`), or not."""
    _background["on"] = on


def writes_in_background() -> bool:
    """Whether indexes are written in the background."""
    return bool(_background["on"])


# Finish `index` into `output_dir` in a thread, then call `then(output_dir)`; errors go
# to `failed`, since the build that made the index has ended by then.
def finish_in_background(index: SearchIndex, output_dir: Path, then: Any, failed: Any) -> None:
    """Finish `index` into `output_dir` in a thread, then call `then`; errors go to `failed`."""
    wait_for_background()

    def write() -> None:
        try:
            index.finish(output_dir)
            then(output_dir)
        except IndexStopped:
            pass  # a newer build's index replaces it
        except Exception as error:  # noqa: BLE001 - reported, not raised: nobody would catch it
            failed(error)

    writer = threading.Thread(target=write, name="pagefind-write", daemon=True)
    writer.start()
    _background["writer"] = writer
    _background["index"] = index
    _background["output"] = output_dir


# Wait for an index still being written, so that a new build never cleans the site under it.
def wait_for_background() -> None:
    """Wait until no index is being written in the background."""
    writer = _background["writer"]
    _background["writer"] = None
    _background["index"] = _background["output"] = None
    if writer is not None:
        writer.join()


# A new build begins: an index still being made in the background is of pages about to
# change; if an earlier index is in its place meanwhile (search works, on the last pages
# but one), it is stopped (a deferred one, before it writes its files) rather than waited
# for; then waited for as wait_for_background does.
def stop_background() -> None:
    """Stop the index being made in the background, if it can be stopped and an older one is in place; wait until its thread ends."""
    index, output = _background["index"], _background["output"]
    if isinstance(index, DeferredIndex) and output is not None and (Path(output) / ENTRY).is_file():
        index.stop()
    wait_for_background()
