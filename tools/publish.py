"""Build the site strictly into a fresh folder and swap it in as site/ only when the build succeeds.

A failed build (bad data, a broken link) leaves the previous site/ exactly as it was. So
does a build that is stopped: Ctrl-C or a kill removes its staging folder on the way out;
one killed outright (kill -9) leaves it for the next build to remove. Builds of the same
site/ take turns: each holds a lock while it builds and swaps, and a second one waits for
the first and says so. Every failure the editor can meet ends in a plain message and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The signals that stop a build politely (Ctrl-C, kill, a closed terminal); kill -9 cannot be caught.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class PublishError(Exception):
    """A failure with a message for the editor; nothing was published."""


class Stopped(Exception):
    """The build was stopped by a signal (Ctrl-C, kill)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The whole `make build`: refuse a one-language build, build under the lock, report plainly.
def main(project: Path = ROOT, target: Path | None = None) -> int:
    """Publish `project` into `target` (site/); return the exit status, printing a plain message on failure."""
    target = target or project / "site"
    try:
        with _signals_raise():
            refuse_one_language(os.environ)
            return publish(project, target)
    except Stopped as stop:
        print(f"\nThe build was stopped ({stop}); {target.name}/ was left as it was.", file=sys.stderr)
        return 128 + stop.signum
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"The build could not go on: {_describe(error)}. {target.name}/ was left as it was.", file=sys.stderr)
        return 1


# `ONLY=` (make serve's one-language preview) would publish one language at the top of the site.
def refuse_one_language(environ: os._Environ | dict) -> None:
    """Raise PublishError if the environment asks for one language only."""
    only = environ.get("ONLY", "").strip()
    if only:
        raise PublishError(
            f"ONLY={only} is for make serve (a one-language preview); make build always builds every "
            "language, so that the site is complete. Run it without ONLY (unset ONLY) and try again."
        )


# Build into a staging folder beside site/, then replace site/ with it, one build at a time.
def publish(project: Path = ROOT, target: Path | None = None) -> int:
    """Build `project` into `target` (its site/) under the lock; return mkdocs' exit status."""
    target = target or project / "site"
    with build_lock(target):
        remove_stale_staging(target)
        staging = _make_staging(target)
        try:
            returncode = _build(project, staging)
            if returncode != 0:
                print(f"The build failed; {target.name}/ was left as it was.", file=sys.stderr)
                return returncode
            # A stop between the two renames would leave no site/ at all.
            with _shielded():
                swap(staging, target)
        finally:
            with _shielded():
                _remove(staging)
    print(f"Built into {target}/.")
    return 0


# One build of a site/ at a time: the lock file beside it, held until the swap is done.
# The kernel releases it when the holder ends, however it ends.
@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold the exclusive lock on `target`'s lock file; wait for it (and say so) if another build holds it."""
    path = target.with_name(f".{target.name}.lock")
    try:
        handle = open(path, "a+")
    except OSError as error:
        raise PublishError(f"Cannot create the build lock {path}: {_describe(error)}. Is the folder read-only?") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            print(f"Another build of {target.name}/ is running (process {holder}); waiting for it to finish...", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


# Staging folders left by builds that were killed outright: their process is gone.
def remove_stale_staging(target: Path) -> list[Path]:
    """Remove the staging folders (and the old site/ of an unfinished swap) of builds no longer running."""
    removed = []
    for folder in sorted(target.parent.glob(f".{target.name}-*")):
        if folder.is_dir() and not _alive(_owner(folder, target)):
            _remove(folder)
            removed.append(folder)
    if removed:
        print(f"Removed {len(removed)} staging folder(s) left by a build that was stopped.", file=sys.stderr)
    return removed


# Replace target with staging in two renames; put the old site back if the second fails.
def swap(staging: Path, target: Path) -> None:
    """Move `staging` into place as `target`, keeping `target` as it was on failure."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    moved = False
    try:
        if target.exists():
            os.replace(target, old)
            moved = True
        os.replace(staging, target)
    except OSError as error:
        if moved and not target.exists():
            with contextlib.suppress(OSError):
                os.replace(old, target)
        raise PublishError(
            f"The new build could not be put in place of {target.name}/: {_describe(error)}. "
            f"Is {target.name}/ (or the folder it is in) read-only? Make it writable and build again; "
            f"{target.name}/ was left as it was."
        ) from None
    if moved:
        _remove(old)
        if old.exists():
            print(f"Could not remove the previous site in {old}; remove it by hand.", file=sys.stderr)


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# A staging folder named after its build's process: .site-<pid>-<random>.
def _make_staging(target: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=f".{target.name}-{os.getpid()}-", dir=target.parent))
    except OSError as error:
        raise PublishError(
            f"Cannot write beside {target.name}/ in {target.parent}: {_describe(error)}. "
            f"Is the folder read-only? {target.name}/ was left as it was."
        ) from None


# Run mkdocs in its own process group, so that Ctrl-C reaches this script alone (which
# stops the build and cleans up, without mkdocs' traceback) and the whole build (mkdocs
# and its Pagefind process) can be stopped at once.
def _build(project: Path, staging: Path) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)]
    env = {key: value for key, value in os.environ.items() if key != "ONLY"}
    process = subprocess.Popen(command, cwd=project, env=env, start_new_session=True, preexec_fn=_die_with_parent)
    try:
        return process.wait()
    finally:
        if process.poll() is None:
            with _shielded():
                _stop(process)


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# In the child, before mkdocs starts: on Linux, ask the kernel to end it if this script is
# killed outright (kill -9), instead of leaving it building into a folder nobody will use.
def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


# Ctrl-C, kill and a closed terminal raise Stopped, so that `finally` blocks clean up.
@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# While cleaning up, a second Ctrl-C must not leave the cleanup half done.
@contextlib.contextmanager
def _shielded() -> Iterator[None]:
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# The process id in a staging folder's name, or None for a folder of another form.
def _owner(folder: Path, target: Path) -> int | None:
    rest = folder.name[len(f".{target.name}-"):]
    for part in rest.split("-"):
        if part.isdigit():
            return int(part)
    return None


# Whether a process is running (None: no process named, so not running; this one: its
# folders are from an earlier process that had the same id).
def _alive(pid: int | None) -> bool:
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


# An OSError as a sentence: its reason and the file it concerns.
def _describe(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}"


if __name__ == "__main__":
    sys.exit(main())
