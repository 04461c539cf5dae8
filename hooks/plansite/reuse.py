"""Under `make serve`, a generated page's rendering is reused when nothing it read changed.

Rendering every generated page again was a third of a rebuild after a save, though a
change of one measure's title changes a handful of pages. A page's rendering is a
deterministic function of what it reads: the structure of the data (every object, number,
date, identifier, list, link between objects, and the settings, templates, pages and
files of the site) and the words of the Texts it reads. So:

- the structure is pickled with every Text in it replaced by its place (its slot): two
  sessions whose pickles are equal differ, if at all, only in the words of some Texts,
  and their Texts correspond slot by slot. A different structure (a measure added, a date
  or a ministry changed, a template edited) forgets every rendering kept;
- while a page is rendered, every read of a Text's words is noted (plansite.model.Text
  notes each in `model.reads`), with the words it read;
- a later session of the same structure reuses the page's rendering when every Text the
  page read has the same words in its slot; otherwise the page is rendered (and noted) again.

What could escape this is noted in the structure instead: the words that shared,
lazily made helpers hold for every page (the ministries' names in the prose converter's
abbreviations) and what no pickle can show (a function made at run time, as the
open-data page's columns hold: a page given one is always rendered, and data holding one
turns reuse off). A Text made while a page is rendered is made from what that page
read. What a rendering does besides its HTML (the links to parts of pages it records)
is kept with it and done again when it is reused. PLANSITE_NO_CACHE=1 turns reuse off;
so does anything that cannot be pickled.

Nothing here knows of MkDocs; `plansite.session` asks, and `hooks/site.py` turns it on
for `make serve` (`mkdocs serve --dirty`) only.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import types
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable

from . import model

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass
class _Kept:
    """One page's rendering, with the Texts it read (slot -> words) and the links to parts of pages it recorded."""

    result: Any
    read: dict[int, tuple]
    anchors: frozenset


@dataclass
class Renderings:
    """The renderings of the pages of the last sessions of one structure, by page key."""

    # Whether this process reuses renderings (`mkdocs serve --dirty`).
    on: bool = False
    _structure: str | None = None  # the digest of the current structure (None: reuse is off for it)
    _slots: dict[int, int] = field(default_factory=dict)  # id of a Text of the current session -> its slot
    _words: list[tuple] = field(default_factory=list)  # slot -> the words of the current session's Text
    _sources: set[Hashable] = field(default_factory=set)  # the sources (specifications) in the structure
    _opaque: set[Hashable] = field(default_factory=set)  # those no pickle can show
    _texts: list = field(default_factory=list)  # the current session's Texts, alive while their ids are slots
    _kept: dict[Hashable, _Kept] = field(default_factory=dict)

    # A new session: its structure (`parts`: every input of the renderings besides the
    # Texts' words; `sources`: source -> what the pages made from it are given of their
    # own, their specification). Renderings of another structure are forgotten.
    def start(self, parts: Any, sources: dict[Hashable, Any]) -> None:
        """Describe a new session's structure; keep the renderings only if it is the last one's."""
        found = _structure(parts, sources) if self.on and not os.environ.get("PLANSITE_NO_CACHE") else None
        digest, pickler, opaque = found or (None, None, set())
        if digest is None or digest != self._structure:
            self._kept.clear()
        self._structure, self._opaque, self._sources = digest, opaque, set(sources) if digest else set()
        self._slots, self._words, self._texts = (pickler.slots, pickler.words, pickler.texts) if pickler else ({}, [], [])

    # A page's rendering (`page`, made from `source`): the one kept if every Text it read
    # has the same words now, else `make(anchors)` run with its reads noted (`anchors`: a
    # fresh set for the links to parts of pages it records, which are added to
    # `recorded`, now or as kept).
    def rendered(self, source: Hashable, page: Hashable, make: Callable[[set], Any], recorded: set) -> Any:
        """`make(anchors)`'s result for `page`, reused when nothing it read changed; its anchors added to `recorded`."""
        if self._structure is None or source not in self._sources or source in self._opaque:
            return make(recorded)
        kept = self._kept.get(page)
        if kept is not None and all(self._words[slot] == words for slot, words in kept.read.items()):
            recorded |= kept.anchors
            if model.reads is not None:  # kept for a page rendered inside another's: the other read what it read
                model.reads.update(id(self._texts[slot]) for slot in kept.read)
            return kept.result
        anchors: set = set()
        outer, model.reads = model.reads, set()
        try:
            result = make(anchors)
            read = model.reads
        finally:
            if outer is not None:
                outer |= model.reads  # a page rendered inside another's: what it read, the other read too
            model.reads = outer
        recorded |= anchors
        # Texts made while the page was rendered have no slot: they are made from what it read.
        self._kept[page] = _Kept(result, {self._slots[text]: self._words[self._slots[text]] for text in read if text in self._slots}, frozenset(anchors))
        return result


# The one record of this process (`mkdocs serve` builds many times in one process).
renderings = Renderings()

# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


class _Pickler(pickle.Pickler):
    """A pickler that writes each Text as its slot, and a function made at run time as a mark that hides it."""

    def __init__(self, file: io.BytesIO):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.slots: dict[int, int] = {}
        self.words: list[tuple] = []
        self.texts: list[model.Text] = []  # kept alive while their ids are slots
        self.hidden = 0

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is model.Text:
            slot = self.slots.get(id(obj))
            if slot is None:
                slot = self.slots[id(obj)] = len(self.words)
                self.words.append(obj._texts)
                self.texts.append(obj)
            return ("text", slot)
        if isinstance(obj, types.FunctionType) and ("<lambda>" in obj.__qualname__ or "<locals>" in obj.__qualname__):
            self.hidden += 1
            return ("hidden", self.hidden)
        return None


# The structure's digest, the pickler (its Texts' slots and words), and the sources whose
# specification hides something; None (no reuse) if the rest hides anything or cannot be pickled.
def _structure(parts: Any, sources: dict[Hashable, Any]) -> tuple[str, _Pickler, set] | None:
    out = io.BytesIO()
    pickler = _Pickler(out)
    try:
        pickler.dump(parts)
        if pickler.hidden:
            return None
        opaque = set()
        for source, given in sources.items():
            hidden = pickler.hidden
            pickler.dump((source, given))
            if pickler.hidden != hidden:
                opaque.add(source)
    except Exception:  # noqa: BLE001 - anything no pickle can show: no reuse
        return None
    return hashlib.sha256(out.getvalue()).hexdigest(), pickler, opaque
