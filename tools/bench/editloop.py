"""The edit loop: under `mkdocs serve`, the time from saving a change to a measure's title
to the page served with the new title; both languages (`make serve`) and one (`make serve ONLY=`).

Besides the wall time, which the other work on the machine stretches, each edit records
the server's CPU time for the rebuild. Where that time goes is measured apart, in a
process of its own that rebuilds as `make serve` does (`python -m tools.bench.editloop
PROJECT RESULT.json`): each step's time after the same edit, which with MkDocs' wait to
notice a save is the floor of the edit loop on this stack.
"""

from __future__ import annotations

import json
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
from collections import defaultdict
from typing import Any, Callable

from plansite.incremental import POLL_S, SETTLE_S  # how `make serve` notices a save: hooks/site.py sets both
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


# A process's CPU time so far (user + system, its threads included), from /proc; None elsewhere.
def _cpu_s(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


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

    # Collect the output; count the finished builds: the first by MkDocs' "Documentation
    # built in", every later one by the live reload's "Reloading browsers". MkDocs logs each
    # wording of the first once per process (mkdocs/__main__.py gives its build logger a
    # DuplicateFilter): a rebuild as long, to the hundredth, as any before it is not told.
    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip())
            if "Reloading browsers" in line or ("Documentation built in" in line and self.built == 0):
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
    cpu = _cpu_s(serve.process.pid)
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
    finished = round(time.perf_counter() - saved, 3)
    after = _cpu_s(serve.process.pid)
    return {"served_s": None if served is None else round(served, 3), "rebuild_finished_s": finished,
            "rebuild_cpu_s": None if cpu is None or after is None else round(after - cpu, 2), "load": round(os.getloadavg()[0], 2)}


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
        result["load"] = round(os.getloadavg()[0], 2)
        cpus = [e["rebuild_cpu_s"] for e in result["edits"] if e.get("rebuild_cpu_s") is not None]
        result["median_rebuild_cpu_s"] = round(statistics.median(cpus), 2) if cpus else None
        # Not every build's: MkDocs tells each duration once (see _Serve._read).
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


# -----------------------------------------------------------------------------
# Where a rebuild's time goes: the edit loop's floor
# -----------------------------------------------------------------------------

# The steps of a rebuild, each as (what, the functions whose time is its own), in order.
# Times are exclusive: a step's time excludes the steps it calls (the pages' HTML is not
# in "make the pages"). What no step covers is "the rest" (MkDocs' own bookkeeping).
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("read mkdocs.yml, load the plugins", ("mkdocs.config:load_config",)),
    ("check the data (plansite.validate: YAML, schemas, safety, references)", ("plansite.validate:check",)),
    ("the data's structure, for the renderings to keep (plansite.reuse)", ("plansite.reuse:Renderings.start",)),
    ("render the generated pages' HTML (plansite; only where what it read changed, the others kept: plansite.reuse)", ("plansite.session:Session.html",)),
    ("convert the docs/ pages' Markdown", ("mkdocs.structure.pages:Page.render",)),
    ("make the pages: breadcrumbs, dates, notices (hooks/site.py)", ("mkdocs.commands.build:_populate_page",)),
    ("list the files: docs/, Material's theme files, i18n's pairing", ("mkdocs.commands.build:get_files", "mkdocs.structure.files:Files.add_files_from_theme", "mkdocs_static_i18n.reconfigure:ExtendedPlugin.reconfigure_files")),
    ("navigation", ("mkdocs.commands.build:get_navigation", "mkdocs_static_i18n.reconfigure:ExtendedPlugin.reconfigure_navigation")),
    ("choose the pages to write (JSON-LD and fingerprint of every page)", ("hooks/site.py:_plan_writes",)),
    ("write the changed pages through the theme", ("mkdocs.commands.build:_build_page",)),
    ("write 404.html and sitemap.xml", ("mkdocs.commands.build:_build_theme_template",)),
    ("copy static files (dirty: only changed ones)", ("mkdocs.structure.files:Files.copy_static_files",)),
    ("search index: note the pages (Pagefind is given them after the build, in the background)", ("hooks/search.py:on_pre_build", "hooks/search.py:_index_unwritten_pages")),
    ("check links and anchors", ("mkdocs.structure.pages:Page.validate_anchor_links",)),
)


class _Steps:
    """Exclusive wall time per step: the innermost step running is charged."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[list] = []  # [step, started]

    # `function` timed as part of `step`.
    def timed(self, step: str, function: Callable) -> Callable:
        """`function`, charging its own time (not its timed callees') to `step`."""
        def run(*args, **kwargs):
            now = time.perf_counter()
            if self._stack:
                self.seconds[self._stack[-1][0]] += now - self._stack[-1][1]
            self._stack.append([step, now])
            try:
                return function(*args, **kwargs)
            finally:
                done = time.perf_counter()
                name, started = self._stack.pop()
                self.seconds[name] += done - started
                if self._stack:
                    self._stack[-1][1] = done
        run.__name__ = getattr(function, "__name__", "run")
        return run


# Replace each named function (module:Class.name or module:name) with a timed one; the hooks'
# event handlers (hooks/site.py:name) are timed where MkDocs calls them.
def _install(steps: _Steps) -> None:
    import importlib

    from mkdocs import plugins

    hooks: dict[str, str] = {}
    for step, names in STEPS:
        for name in names:
            module, attribute = name.split(":")
            if module.startswith("hooks/"):
                hooks[f"{module}:{attribute}"] = step
                continue
            owner = importlib.import_module(module)
            *classes, function = attribute.split(".")
            for part in classes:
                owner = getattr(owner, part)
            setattr(owner, function, steps.timed(step, getattr(owner, function)))
    run_event = plugins.PluginCollection.run_event

    # MkDocs' event loop, with the named hooks' handlers timed (by their module and name).
    def timed_run_event(self, name, item=None, **kwargs):
        for method in self.events[name]:
            step = hooks.get(f"{getattr(method, '__module__', '')}:{getattr(method, '__name__', '')}")
            if step and not getattr(method, "_timed", False):
                index = self.events[name].index(method)
                self.events[name][index] = wrapped = steps.timed(step, method)
                wrapped._timed = True
                if method in self._event_origins:
                    self._event_origins[wrapped] = self._event_origins[method]
        return run_event(self, name, item, **kwargs)

    plugins.PluginCollection.run_event = timed_run_event


# In this process: serve `project` as `make serve` builds it (dirty, every language), then
# change the measure's title `edits` times, each rebuild timed by step; the result as a dict.
def rebuild_steps(project: Path, edits: int) -> dict:
    """Each step's time in rebuilds of `project` after a change of a measure's title, as `make serve` rebuilds."""
    import sys
    import tempfile

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(project)
    sys.argv.append("--dirty")  # mkdocs-static-i18n builds the other languages dirty only when it sees this
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    sys.path.insert(0, str(project / "hooks"))  # the project's plansite, as its hooks import it
    steps = _Steps()
    _install(steps)
    site = tempfile.mkdtemp(prefix="editloop-site-")
    serve_url = "http://127.0.0.1:8000/"
    load = steps.timed(STEPS[0][0], load_config)

    # As mkdocs serve's builder: a fresh configuration for every build.
    def rebuild() -> None:
        config = load(config_file=str(project / "mkdocs.yml"), site_dir=site)
        config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=True)

    first = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
    first.plugins.on_startup(command="serve", dirty=True)
    first.site_url = serve_url
    build(first, serve_url=serve_url, dirty=True)
    searchpreview = sys.modules["plansite.searchpreview"]
    file = project / EDIT_FILE
    original = file.read_text(encoding="utf-8")
    runs = []
    try:
        for number in range(1, edits + 1):
            searchpreview.wait_for_background()  # as between two saves: the last index is written
            file.write_text(re.sub(r"^(title:\n  \w+: )(.*)$", lambda m: f"{m.group(1)}{m.group(2)} step {number}", original, count=1, flags=re.M), encoding="utf-8")
            steps.seconds.clear()
            started, cpu = time.perf_counter(), time.process_time()
            rebuild()
            wall = time.perf_counter() - started
            runs.append({"wall_s": wall, "cpu_s": time.process_time() - cpu, "steps": dict(steps.seconds), "load": os.getloadavg()[0]})
    finally:
        file.write_text(original, encoding="utf-8")
        searchpreview.wait_for_background()
    return {"runs": runs}


# The floor of the edit loop from the steps' medians: noticing the save, then each step.
def floor(result: dict) -> dict:
    """The median of each step over the runs, the rest, and noticing the save: the edit loop's floor."""
    runs = result.get("runs") or []
    if not runs:
        return {}
    medians = {step: statistics.median(run["steps"].get(step, 0.0) for run in runs) for step, _ in STEPS}
    wall = statistics.median(run["wall_s"] for run in runs)
    medians["the rest (MkDocs' own bookkeeping, events of the theme and plugins)"] = max(0.0, wall - sum(medians.values()))
    notice = POLL_S / 2 + SETTLE_S
    cpu = statistics.median(run["cpu_s"] for run in runs)
    # On a busy machine the wall time stretches; the CPU time is what the rebuild needs of an
    # idle core (it runs on one; Pagefind's process works beside it). Each step's share of it
    # is estimated from its share of the wall time.
    return {"notice_s": notice, "steps_s": medians, "rebuild_wall_s": wall, "rebuild_cpu_s": cpu,
            "steps_cpu_s": {step: seconds * cpu / wall for step, seconds in medians.items()} if wall else {},
            "load": statistics.median(run["load"] for run in runs), "floor_s": notice + wall, "idle_floor_s": notice + cpu}


# The step measurement in a process of its own (this module's command line), on `project`.
def measure_steps(project: Path, edits: int, env: dict, work: Path) -> dict:
    """Run rebuild_steps in a fresh process on `project`; its result with the floor, or the error."""
    out = work / "editloop-steps.json"
    out.unlink(missing_ok=True)
    done = subprocess.run([PYTHON, "-m", "tools.bench.editloop", str(project), str(out), "--edits", str(edits)],
                          cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True)
    if done.returncode != 0 or not out.exists():
        return {"error": (done.stdout + done.stderr)[-2000:]}
    result = json.loads(out.read_text(encoding="utf-8"))
    result["floor"] = floor(result)
    return result


# The floor of `make serve`'s edit loop on this machine: each step of its rebuilds.
def measure_floor(ctx: Context) -> dict:
    """Where `make serve`'s rebuild after a measure's title change spends its time, step by step."""
    project = ctx.work / "edit-steps-project"
    if not project.exists():
        copy_project(project, ctx.snapshot / "data", ctx.snapshot)
    result = measure_steps(project, max(ctx.args.edits, 3), ctx.env, ctx.work)
    log(f"edit loop floor: {result.get('floor', {}).get('floor_s')} s {result.get('error') or ''}")
    return result


# python -m tools.bench.editloop PROJECT RESULT.json [--edits N]
def main(argv: list[str]) -> int:
    """Time the steps of `make serve`'s rebuilds of PROJECT after a measure's title changes; write RESULT."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.bench.editloop")
    parser.add_argument("project", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    result = rebuild_steps(args.project.resolve(), args.edits)
    args.result.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
