"""The edit loop: under `mkdocs serve`, the time from saving a change to a measure's title
to the page served with the new title; both languages (`make serve`) and one (`make serve ONLY=`).
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tools.bench.builds import copy_project
from tools.bench.common import PYTHON, Context, log, suppress

# The measure whose default-language title the edit loop changes, and its page.
EDIT_FILE = "data/measures/plan-2022/1-1.yaml"
EDIT_PAGE = "plans/plan-2022/measures/1-1/"
WATCHED = ("data", "hooks", "overrides")  # as `make serve` watches
SERVE_FLAGS = ("--dirty",)  # as `make serve` runs it: only the pages that changed are written


# A free local port.
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A page's text, or None if it cannot be had.
def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


class _Serve:
    """A `mkdocs serve` process, its output and the number of rebuilds it has finished."""

    # Start `mkdocs serve` on a free port, watching what `make serve` watches.
    def __init__(self, project: Path, env: dict):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.command = [PYTHON, "-m", "mkdocs", "serve", *SERVE_FLAGS, "--dev-addr", f"127.0.0.1:{self.port}"]
        self.command += [arg for folder in WATCHED for arg in ("--watch", folder)]
        # No .pyc files written into the watched hooks/ (they would trigger rebuilds of their own).
        server_env = dict(env, SITE_URL=self.base, PYTHONDONTWRITEBYTECODE="1")
        self.process = subprocess.Popen(self.command, cwd=project, env=server_env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.lines: list[str] = []
        self.built = 0
        threading.Thread(target=self._read, daemon=True).start()

    # Collect the output; count the finished builds.
    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip())
            if "Documentation built in" in line:
                self.built += 1

    # Wait until no rebuild has finished for `quiet` seconds.
    def wait_quiet(self, quiet: float, limit: float) -> None:
        """Return once no rebuild has finished for `quiet` seconds (or after `limit`)."""
        end = time.perf_counter() + limit
        last, since = self.built, time.perf_counter()
        while time.perf_counter() < end:
            if self.built != last:
                last, since = self.built, time.perf_counter()
            elif time.perf_counter() - since >= quiet:
                return
            time.sleep(0.1)

    # The time until the first build is done and the page served.
    def wait_started(self, url: str) -> float:
        """Seconds until the first build has finished and `url` is served; raises if it never is."""
        started = time.perf_counter()
        while self.built < 1 or _fetch(url) is None:
            if self.process.poll() is not None or time.perf_counter() - started > 300:
                raise RuntimeError("mkdocs serve did not serve the page: " + " | ".join(self.lines[-15:]))
            time.sleep(0.2)
        return time.perf_counter() - started

    # Stop the server and everything it started.
    def stop(self) -> None:
        """Stop the server's process group (TERM, then KILL)."""
        with suppress():
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress():
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


# One edit: save the changed title, poll until it is served, then until the rebuild is done.
def _one_edit(serve: _Serve, file: Path, original: str, url: str, number: int) -> dict:
    marker = f"benchmark edit {number} {secrets.token_hex(4)}"
    changed, count = re.subn(r"^(title:\n  \w+: )(.*)$", lambda m: f"{m.group(1)}{m.group(2)} {marker}", original, count=1, flags=re.M)
    if count != 1:
        raise RuntimeError(f"could not find the first title in {EDIT_FILE}")
    before = serve.built
    saved = time.perf_counter()
    file.write_text(changed, encoding="utf-8")
    served = None
    while time.perf_counter() - saved < 180:
        body = _fetch(url)
        if body and marker in body:
            served = time.perf_counter() - saved
            break
        time.sleep(0.05)
    deadline = time.perf_counter() + 180
    while serve.built <= before and time.perf_counter() < deadline:
        time.sleep(0.05)
    return {"served_s": None if served is None else round(served, 3), "rebuild_finished_s": round(time.perf_counter() - saved, 3)}


# `edits` timed edits of one measure's title under `mkdocs serve` of `project`.
def edit_loop(project: Path, edits: int, env: dict) -> dict:
    """Serve `project`, change a measure's title `edits` times, time each save to page served."""
    serve = _Serve(project, env)
    result: dict[str, Any] = {"command": " ".join(serve.command[1:]), "edits": []}
    url = serve.base + EDIT_PAGE
    file = project / EDIT_FILE
    try:
        result["first_build_s"] = round(serve.wait_started(url), 2)
        serve.wait_quiet(2.0, 60)
        original = file.read_text(encoding="utf-8")
        for number in range(1, edits + 1):
            result["edits"].append(_one_edit(serve, file, original, url, number))
            if result["edits"][-1]["served_s"] is None:
                result["error"] = "the new title was not served within 180 s"
                break
            serve.wait_quiet(1.0, 60)
        file.write_text(original, encoding="utf-8")
        times = [e["served_s"] for e in result["edits"] if e["served_s"] is not None]
        result["median_served_s"] = round(statistics.median(times), 3) if times else None
        result["server_build_times"] = [line.split("Documentation built in", 1)[1].strip() for line in serve.lines if "Documentation built in" in line]
    except Exception as error:
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        serve.stop()
    return result


# The copy of the project the edit loops edit (made once).
def _project(ctx: Context) -> Path:
    project = ctx.work / "edit-project"
    if not project.exists():
        copy_project(project, ctx.snapshot / "data", ctx.snapshot)
    return project


# `make serve`: both languages.
def measure_both(ctx: Context) -> dict:
    """The edit loop of `make serve` (every language)."""
    log("edit loop: mkdocs serve on a copy of the project")
    result = edit_loop(_project(ctx), ctx.args.edits, ctx.env)
    log(f"edit loop: {result.get('median_served_s')} s (median) {result.get('error') or ''}")
    return result


# `make serve ONLY=<default language>`: the same edit, previewing one language.
def measure_one(ctx: Context) -> dict:
    """The edit loop of `make serve ONLY=<the default language>`."""
    result = edit_loop(_project(ctx), ctx.args.edits, dict(ctx.env, ONLY=ctx.langs[0]))
    result["language"] = ctx.langs[0]
    log(f"edit loop, {ctx.langs[0]} only: {result.get('median_served_s')} s (median)")
    return result
