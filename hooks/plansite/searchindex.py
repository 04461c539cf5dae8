"""Build a Pagefind search index page by page, while the pages are being written.

Pagefind's service mode (`pagefind --service`, the programmatic interface behind its
own Node and Python wrappers) reads requests on its standard input and answers on its
standard output, each message base64-encoded JSON followed by a comma. Pages are sent
as soon as they are rendered and Pagefind parses them on another core while the build
goes on; only the writing of the index is left for the end. A reader thread collects
the answers, so adding a page never waits for Pagefind.

An index may be built in parts (one per language): a part whose pages are all in is
sealed, and Pagefind builds its files while the caller renders the next part's pages;
the parts' files are put together at the end. Pagefind's files of a language depend on
that language's pages only, so the index is the same, byte for byte, as built whole.
Once a part's files are back, Pagefind is told to drop that part's index: building a
language's index is what takes Pagefind's memory, and without this the last language's
build would come on top of every earlier language's (at 20 times the data, 999 MiB
against 823 MiB: tools/bench/pagefindfloor.py measures the floor).

Given a cache folder, the index's files are also kept there, named by the SHA-256 of
everything Pagefind was given: its executable (the bytes), the index's settings and
parts, and every page (part, path, HTML) in order. A later index given exactly the same
writes the kept files and stops its Pagefind without waiting for it; any difference is
another name, so files made from other pages are never written. PLANSITE_NO_CACHE=1
turns the cache off.

Nothing here knows of MkDocs; `hooks/search.py` is the thin MkDocs layer on top. The
protocol is followed as Pagefind 1.6.0's own client (the npm package's lib/service.js)
follows it; hooks/upstream.py guards that file by its hash, so a new Pagefind is checked.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import json
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Sequence

from .kept import keep_only

try:
    import fcntl
except ImportError:  # not a POSIX system: Pagefind's pipe keeps its size (_widen)
    fcntl = None  # type: ignore[assignment]

# How long to wait for Pagefind's answers before giving up on it (it takes seconds).
TIMEOUT_S = 300.0

# The pipe to Pagefind, in bytes: room for some twenty pages (Linux's unprivileged limit
# is 1 MiB by default; see _widen).
PIPE_BYTES = 1 << 20

# How many failing pages an error lists.
SHOWN = 5

# The file of a Pagefind bundle that names its languages; the one file the parts share
# that differs between them.
ENTRY = "pagefind-entry.json"

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


class SearchIndexError(Exception):
    """Pagefind could not be started, rejected pages, or could not write the index."""


class IndexStopped(Exception):
    """A deferred index was stopped before it was written (a newer build's index replaces it)."""


class SearchIndex:
    """One Pagefind index, built by its own Pagefind process: add every page, then finish()."""

    # `warm_up`, if given, is a page indexed at once into a second, throwaway index, so that
    # Pagefind loads what its language needs (a dictionary) before the real pages arrive.
    # `parts` names the parts the pages come in (see the module's docstring); one by default.
    # `cache`, if given, is the folder where the index's files are kept (see the docstring).
    def __init__(self, exclude_selectors: list[str], warm_up: str | None = None, executable: Path | None = None, parts: Sequence[str] = ("",),
                 cache: Path | None = None):
        command = [str(executable or pagefind_executable()), "--service"]
        self._cache = None if os.environ.get("PLANSITE_NO_CACHE") else cache
        self._inputs = hashlib.sha256(repr(("index", exclude_selectors, list(dict.fromkeys(parts)))).encode())
        # The executable's bytes are hashed beside the build (hashlib lets other threads run).
        self._executable_hash: list[str] = []
        self._hasher = threading.Thread(target=lambda: self._executable_hash.append(_file_hash(Path(command[0]))), name="pagefind-hash", daemon=True)
        if self._cache is not None:
            self._hasher.start()
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not be started ({command[0]}): {error}") from None
        _widen(self._process.stdin)
        self._answers: dict[int, dict[str, Any]] = {}  # message id -> the answer's payload
        self._unreadable: list[str] = []  # Pagefind could not read a request: it cannot say which
        self._changed = threading.Condition()
        self._ended = False  # Pagefind closed its output: it has exited
        self._stderr: collections.deque[bytes] = collections.deque(maxlen=40)
        self._pages: dict[int, tuple[str, str]] = {}  # message id -> the page's part and path
        self._sealed: dict[str, int] = {}  # part -> message id of its request for its files
        self._sealed_parts: dict[int, str] = {}  # the same, by message id, for the reader thread
        self._released: set[str] = set()  # parts whose index Pagefind was told to drop
        self._last_id = 0
        self._sending = threading.Lock()  # the reader thread sends too (_release)
        self._readers = [
            threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True),
            threading.Thread(target=self._read_stderr, name="pagefind-stderr", daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        try:
            # Every part's index is made now: made later, it would wait behind the pages queued.
            self._indexes = {part: self._new_index({"exclude_selectors": exclude_selectors}) for part in dict.fromkeys(parts)}
            if warm_up is not None:
                # Never written nor waited for; the process ends with it.
                scratch = self._new_index({})
                self._send({"type": "AddFile", "index_id": scratch, "file_path": "warm-up.html", "url": None, "file_contents": warm_up})
        except BaseException:
            self.close()
            raise

    # Queue one page for indexing; `path` is its file's path in the site (ja/about/index.html),
    # from which Pagefind makes its address. Returns at once: the answer is read later.
    def add(self, path: str, html: str, part: str = "") -> None:
        """Queue one page (its path in the site and its HTML, in `part`) for indexing; returns at once."""
        if part not in self._indexes:
            raise SearchIndexError(f"{path}: the index has no part {part!r} (its parts: {', '.join(map(repr, self._indexes))})")
        if part in self._sealed:
            raise SearchIndexError(f"{path}: the part {part!r} of the index is sealed; it takes no more pages")
        message_id = self._send({"type": "AddFile", "index_id": self._indexes[part], "file_path": path, "url": None, "file_contents": html})
        self._pages[message_id] = (part, path)
        if self._cache is not None:
            for value in (part, path, html):
                data = value.encode("utf-8")
                self._inputs.update(b"%d\0" % len(data) + data)

    # One page written earlier, from its file.
    def add_file(self, path: str, file: Path, part: str = "") -> None:
        """Queue one page by its file (read now); returns at once."""
        self.add(path, file.read_text(encoding="utf-8"), part)

    # The part's pages are all in: Pagefind builds its files now, after those pages and
    # before the pages of later parts. Returns at once: the files are read by finish().
    # A part without pages has no files to build and stays open.
    def seal(self, part: str = "") -> None:
        """Have Pagefind build the files of `part`, whose pages are all added; returns at once."""
        if part not in self._indexes:
            raise SearchIndexError(f"the index has no part {part!r}")
        if part not in self._sealed and any(p == part for p, _ in self._pages.values()):
            self._sealed[part] = self._send({"type": "GetFiles", "index_id": self._indexes[part]}, sealing=part)

    # The parts whose index Pagefind has dropped, their files being back.
    @property
    def released(self) -> frozenset[str]:
        """The parts whose files Pagefind has sent back and whose index it was told to drop."""
        with self._changed:
            return frozenset(self._released)

    # Wait for every page, stop Pagefind, and write the index to `output_dir`; on any
    # failure Pagefind is stopped too. Returns how many pages were indexed.
    def finish(self, output_dir: Path) -> int:
        """Wait for every page, write the index to `output_dir`, stop Pagefind; the number of pages."""
        kept = self._kept()
        if kept is not None:
            # Made from exactly these inputs: Pagefind's work is not needed.
            self._process.kill()
            self.close()
            _write_files(output_dir, kept)
            return len(self._pages)
        try:
            failures = []
            for message_id, (_, path) in self._pages.items():
                answer = self._wait(message_id)
                if answer.get("type") != "IndexedFile":
                    failures.append(f"{path}: {answer.get('message', answer)}")
            if failures:
                shown = "\n".join(failures[:SHOWN])
                more = f"\n(and {len(failures) - SHOWN} more)" if len(failures) > SHOWN else ""
                raise SearchIndexError(f"Pagefind could not index {len(failures)} of {len(self._pages)} pages:\n{shown}{more}")
            for part in self._indexes:
                self.seal(part)
            if not self._sealed:  # no page at all: the files of an empty index
                first = next(iter(self._indexes))
                self._sealed[first] = self._send({"type": "GetFiles", "index_id": self._indexes[first]}, sealing=first)
            # The files come back in the answers and are written here: Pagefind 1.5.2's own
            # WriteFiles answers before its writes reach the disk, so stopping it then can
            # leave files cut short (Pagefind issue #1271).
            parts = []
            written: set[str] = set()
            for message_id in self._sealed.values():
                answer = self._wait(message_id)
                if answer.get("type") != "GetFiles":
                    raise SearchIndexError(f"Pagefind could not build the index: {answer.get('message', answer)}")
                parts.append(answer["files"])
                # A part's files are written while Pagefind builds the next part's (the entry
                # file, which names every part's languages, once all are in): the last
                # part's wait no longer comes before every file's writing.
                early = [file for file in answer["files"] if file["path"] != ENTRY and file["path"] not in written]
                _write_files(output_dir, early)
                written.update(file["path"] for file in early)
        finally:
            self.close()
        files = _together(parts)
        _write_files(output_dir, [file for file in files if file["path"] not in written])
        self._keep(files)
        return len(self._pages)

    # Where this index's files are kept: named by the hash of all its inputs (None without a cache).
    def _kept_file(self) -> Path | None:
        if self._cache is None:
            return None
        self._hasher.join()
        digest = self._inputs.copy()
        digest.update(repr(self._executable_hash).encode())
        return self._cache / f"{digest.hexdigest()}.json"

    # The files kept for exactly these inputs, if any (a damaged file counts as none).
    def _kept(self) -> list[dict[str, str]] | None:
        kept = self._kept_file()
        if kept is None or not self._executable_hash:
            return None
        try:
            return json.loads(kept.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            kept.unlink(missing_ok=True)
            return None

    # Keep the index's files for the next index of the same inputs (the one file kept).
    def _keep(self, files: list[dict[str, str]]) -> None:
        kept = self._kept_file()
        if kept is None or not self._executable_hash:
            return
        keep_only(kept, json.dumps(files).encode("utf-8"))  # a read-only checkout keeps nothing

    # Stop Pagefind (it exits when its input ends) and release the pipes; safe to call twice.
    def close(self) -> None:
        """Stop Pagefind and release its pipes; safe to call twice."""
        process = self._process
        with self._sending:  # not in the middle of the reader thread's request
            if process.stdin and not process.stdin.closed:
                try:
                    process.stdin.close()
                except OSError:
                    pass  # Pagefind has gone already
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for reader in self._readers:
            if reader is not threading.current_thread():
                reader.join(timeout=5)
        for stream in (process.stdout, process.stderr):
            if stream and not stream.closed:
                stream.close()

    # Stop Pagefind at once, whatever it is doing (a newer build's index replaces this one):
    # a finish() waiting for it then fails.
    def kill(self) -> None:
        """Kill the Pagefind process at once; a finish() under way then raises SearchIndexError."""
        self._process.kill()

    # As a context manager, Pagefind is stopped whatever happens.
    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Create an index in the Pagefind process and return its id.
    def _new_index(self, config: dict[str, Any]) -> int:
        answer = self._wait(self._send({"type": "NewIndex", "config": config}))
        if answer.get("type") != "NewIndex":
            raise SearchIndexError(f"Pagefind could not create an index: {answer.get('message', answer)}")
        return int(answer["index_id"])

    # Send one request and return its message id; `sealing` names the part whose files it asks for.
    def _send(self, payload: dict[str, Any], sealing: str | None = None) -> int:
        with self._sending:
            self._last_id += 1
            message_id = self._last_id
            if sealing is not None:
                self._sealed_parts[message_id] = sealing  # known before its answer can come
            message = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
            try:
                assert self._process.stdin is not None
                self._process.stdin.write(base64.b64encode(message) + b",")
                self._process.stdin.flush()
            except (OSError, ValueError):  # a broken pipe, or the pipe closed by close()
                raise SearchIndexError(f"Pagefind stopped before it could take a request{self._stderr_tail()}") from None
        return message_id

    # In the reader thread, as a part's files arrive: Pagefind may drop that part's index,
    # and its memory goes to the next part's build. Not needed once the input is closed.
    # While it waits for the lock, no answer is read; that cannot stop Pagefind: the page
    # being sent under the lock (one message) needs Pagefind to read its input, not to
    # write more than its output pipe holds (64 KiB: hundreds of answers).
    def _release(self, part: str) -> None:
        try:
            self._send({"type": "DeleteIndex", "index_id": self._indexes[part]})
        except SearchIndexError:
            return  # Pagefind is stopping: its memory goes with it
        with self._changed:
            self._released.add(part)

    # The answer to one request; an answer without a message id (Pagefind could not read
    # a request) or Pagefind's exit fails the build rather than leave it waiting.
    def _wait(self, message_id: int) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT_S
        with self._changed:
            while message_id not in self._answers:
                if self._unreadable:
                    raise SearchIndexError(f"Pagefind could not read a request: {self._unreadable[0]}")
                if self._ended:
                    code = self._process.poll()
                    raise SearchIndexError(f"Pagefind stopped (exit code {code}) before answering{self._stderr_tail()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SearchIndexError(f"Pagefind did not answer within {TIMEOUT_S:.0f} s{self._stderr_tail()}")
                self._changed.wait(left)
            return self._answers[message_id]

    # In the reader thread: collect every answer until Pagefind closes its output.
    def _read_answers(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        pending = bytearray()
        try:
            while chunk := stdout.read1(1 << 20):
                pending += chunk
                if b"," not in chunk:
                    continue  # a long answer (the index's files), still coming
                *messages, rest = pending.split(b",")
                pending = bytearray(rest)
                answers = [json.loads(base64.b64decode(message)) for message in messages if message]
                with self._changed:
                    for answer in answers:
                        payload = answer.get("payload") or {}
                        if answer.get("message_id") is None:
                            self._unreadable.append(str(payload.get("message", payload)))
                        else:
                            self._answers[answer["message_id"]] = payload
                    self._changed.notify_all()
                for answer in answers:
                    part = self._sealed_parts.get(answer.get("message_id"))
                    if part is not None and answer.get("payload", {}).get("type") == "GetFiles":
                        self._release(part)
        except (OSError, ValueError) as error:  # closed pipe, or a message that is not base64 JSON
            self._stderr.append(f"unreadable answer from Pagefind: {error}".encode())
        finally:
            with self._changed:
                self._ended = True
                self._changed.notify_all()

    # In a second thread: keep the end of Pagefind's error output for error messages.
    def _read_stderr(self) -> None:
        stderr = self._process.stderr
        assert stderr is not None
        try:
            for line in stderr:
                self._stderr.append(line)
        except (OSError, ValueError):
            pass

    # The end of Pagefind's error output, to close an error message with.
    def _stderr_tail(self) -> str:
        text = b"".join(self._stderr).decode("utf-8", "replace").strip()
        return f":\n{text[-2000:]}" if text else "."


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Where `make` installs Pagefind from the npm registry (package `pagefind`, pinned in the
# Makefile): its platform package ships the extended binary, which segments Japanese.
NPM_PREFIX = Path(__file__).resolve().parents[2] / ".cache" / "pagefind"


# Pagefind's extended binary: the one PLANSITE_PAGEFIND names (a copy of the project, or
# tools/bench/search.py comparing versions), else the one `make` installed with npm.
def pagefind_executable() -> Path:
    """The Pagefind extended binary to run: $PLANSITE_PAGEFIND, else the one npm installed."""
    chosen = os.environ.get("PLANSITE_PAGEFIND")
    if chosen:
        if not Path(chosen).is_file():
            raise SearchIndexError(f"PLANSITE_PAGEFIND names no file: {chosen}")
        return Path(chosen)
    found = installed_pagefind(NPM_PREFIX)
    if found is None:
        raise SearchIndexError(f"Pagefind is not installed in {NPM_PREFIX}: run `make build` (or `make serve`, `make test`), which installs it with npm.")
    return found


# The extended binary of an npm install of Pagefind under `prefix`, if there is one.
def installed_pagefind(prefix: Path) -> Path | None:
    """The extended binary of an npm install of Pagefind under `prefix`, or None."""
    found = sorted((prefix / "node_modules" / "@pagefind").glob("*/bin/pagefind_extended*"))
    binaries = [path for path in found if not path.name.endswith(".sha256")]
    return binaries[0] if binaries else None


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# The files of an index built in parts, as Pagefind makes them in one: each language's
# files come from its part alone; the files every part has (Pagefind's scripts) are the
# same bytes in each, but the entry file, which names the languages of its part.
def _together(parts: list[list[dict[str, str]]]) -> list[dict[str, str]]:
    if len(parts) == 1:
        return parts[0]
    files: dict[str, str] = {}
    entries = []
    for part in parts:
        for file in part:
            if file["path"] == ENTRY:
                entries.append(json.loads(base64.b64decode(file["content"])))
            elif files.setdefault(file["path"], file["content"]) != file["content"]:
                raise SearchIndexError(f"Pagefind gave two different {file['path']} for two parts of the index")
    entry = entries[0]
    for other in entries[1:]:
        shared = set(entry["languages"]) & set(other["languages"])
        rest = {key: value for key, value in other.items() if key != "languages"}
        if shared or rest != {key: value for key, value in entry.items() if key != "languages"}:
            raise SearchIndexError(f"the parts of the index do not fit together (languages in two parts: {sorted(shared)})")
        entry["languages"].update(other["languages"])
    content = base64.b64encode(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).decode("ascii")
    return [{"path": path, "content": value} for path, value in files.items()] + [{"path": ENTRY, "content": content}]


# Pagefind takes its input a little at a time: through Linux's default pipe (64 KiB) the
# build waited about a millisecond to hand over each page (a message of 30-60 KB), a tenth
# of a build in all. Through a pipe of PIPE_BYTES a page goes in at once. Where a pipe
# cannot be widened (not Linux, a lower limit), it stays as it is: only slower.
def _widen(pipe: Any) -> None:
    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is None or pipe is None:
        return
    try:
        fcntl.fcntl(pipe.fileno(), setting, PIPE_BYTES)
    except OSError:
        pass


# The SHA-256 of a file's bytes.
def _file_hash(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


# Write Pagefind's files (paths relative to the bundle, contents in base64) into `output_dir`.
def _write_files(output_dir: Path, files: list[dict[str, str]]) -> None:
    root = output_dir.resolve()
    for file in files:
        target = (root / file["path"]).resolve()
        if not target.is_relative_to(root):
            raise SearchIndexError(f"Pagefind gave a file outside its folder: {file['path']}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
