"""Benchmark the site: build scaling, the edit loop, page weight and Lighthouse.

    python -m tools.bench [--sizes 1,5,10,20] [--budget 14] [--skip-lighthouse] [--keep]   (or: make bench)

Writes bench-results/bench-<time>.md and .json (and latest.md, latest.json). Run on
demand; it is not part of `make test`. What it measures:

- Build scaling: strict builds of both languages, for the real data and for synthetic
  data (tools/synth.py) 1x, 5x, 10x and 20x its size, each in a copy of the project in
  a temporary folder: pages built, median wall time of three builds, ms per page, peak
  memory (max RSS of the build process, from wait4), output and search index sizes,
  and the share of the time spent in the project's hooks: from a cProfile run of
  `build(load_config(...))`, and from timing every MkDocs event handled by hooks code in
  every timed build (cheap, so it covers the large sizes too).
- Edit loop: `mkdocs serve` on a copy of the project; the time from saving a change to a
  measure's English title to the page served with the new title.
- Page weight: HTML size and bytes transferred gzipped on a first visit (with search
  opened), in Chromium through Playwright, against a local gzip-capable server.
- Lighthouse (npm, installed under bench-results/.tools/): mobile scores per page.

Everything runs one thing at a time (only Lighthouse's npm install overlaps the page
weight). First one build of every size, the browser work and the edit loop; then, most
useful first, the second and third builds of each size and the cProfile builds, each
only if it fits in --budget minutes (default 14, so that `make bench` takes about 15);
what did not fit is said in the report.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gzip
import http.server
import json
import os
import platform
import pstats
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")
FACTORS = (1, 5, 10, 20)

# Debian's Chromium with the flags every browser run of the project uses.
from tools.bench_pdf import pdf_step  # noqa: E402
from tools.search_eval import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
LIGHTHOUSE_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
# Pinned. Lighthouse 13 needs Node >= 22.19; Debian bookworm's Node is 20, which 12.8.2 supports.
LIGHTHOUSE_NEW = ("13.5.0", (22, 19))
LIGHTHOUSE_OLD = "12.8.2"

# The pages weighed and audited, by their path in the English site; Japanese under ja/.
PAGES = [
    ("home", ""),
    ("measure", "plans/plan-2022/measures/1-1/"),
    ("ministry", "ministries/npa/"),
    ("finder", "finder/"),
]
LANGS = ("en", "ja")
SEARCH_QUERY = {"en": "police", "ja": "警察"}

# The measure whose English title the edit loop changes, and its page.
EDIT_FILE = "data/measures/plan-2022/1-1.yaml"
EDIT_PAGE = "plans/plan-2022/measures/1-1/"

TARGETS = {
    "real_build_s": 5.0,
    "hooks_share": 0.10,
    "ms_per_page_ratio_10x": 1.3,
    "peak_rss_20x_bytes": 1024**3,
    "edit_loop_s": 2.0,
    "measure_first_visit_bytes": 200_000,
    "measure_html_bytes": 60_000,
    "lighthouse_performance": 95,
    "lighthouse_other": 100,
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# -----------------------------------------------------------------------------
# The build driver: runs in its own process, one build, optionally under cProfile
# -----------------------------------------------------------------------------


class HookTimer:
    """Wall time of every MkDocs event handled by code under hooks/, and of importing the hook scripts.

    The events are the only ways into hooks code besides the import, and they do not
    nest, so the sum is the hooks' time with nothing counted twice.
    """

    def __init__(self, hooks_dir: Path):
        self.prefix = str(hooks_dir.resolve()) + os.sep
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.depth = 0

    def is_hook(self, method: Callable) -> bool:
        code = getattr(getattr(method, "__func__", method), "__code__", None)
        return code is not None and os.path.abspath(code.co_filename).startswith(self.prefix)

    def add(self, key: str, seconds: float) -> None:
        self.seconds[key] += seconds
        self.calls[key] += 1

    def install(self) -> None:
        from mkdocs import plugins
        from mkdocs.config import config_options

        timer = self

        # PluginCollection.run_event as in MkDocs 1.6, timing the handlers from hooks/.
        def run_event(self, name, item=None, **kwargs):
            pass_item = item is not None
            for method in self.events[name]:
                self._current_plugin = self._event_origins.get(method, "<unknown>")
                timed = timer.depth == 0 and timer.is_hook(method)
                if timed:
                    timer.depth += 1
                    started = time.perf_counter()
                try:
                    result = method(item, **kwargs) if pass_item else method(**kwargs)
                finally:
                    if timed:
                        timer.depth -= 1
                        timer.add(f"on_{name}: {getattr(method, '__name__', '?')}", time.perf_counter() - started)
                if result is not None:
                    item = result
            self._current_plugin = None
            return item

        plugins.PluginCollection.run_event = run_event
        load_hook = config_options.Hooks._load_hook

        def timed_load_hook(option, name, path):
            started = time.perf_counter()
            try:
                return load_hook(option, name, path)
            finally:
                timer.add("import of the hook scripts", time.perf_counter() - started)

        config_options.Hooks._load_hook = timed_load_hook


def driver(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tools.bench _build")
    parser.add_argument("project", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(args.project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timer = HookTimer(args.project / "hooks")
    if not args.profile:  # a profile shows MkDocs' own event loop, untouched
        timer.install()
    profiler = cProfile.Profile() if args.profile else None
    outcome: dict[str, Any] = {"ok": True, "error": None}
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    try:
        build(load_config(str(args.project / "mkdocs.yml"), site_dir=str(args.site), strict=True))
    except BaseException as error:  # Abort (strict warnings), data errors: recorded, not raised
        outcome = {"ok": False, "error": f"{type(error).__name__}: {error}"[-3000:]}
    finally:
        if profiler:
            profiler.disable()
    outcome["in_process_s"] = time.perf_counter() - started
    import resource

    # Whose memory the peak is: this process (MkDocs, the hooks) or the largest process it ran (Pagefind).
    outcome["self_max_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    outcome["children_max_rss_bytes"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    outcome["hooks_events_s"] = dict(timer.seconds)
    outcome["hooks_event_calls"] = dict(timer.calls)
    outcome["hooks_total_s"] = sum(timer.seconds.values())
    if profiler:
        profiler.dump_stats(args.profile)
    args.result.write_text(json.dumps(outcome, indent=2), encoding="utf-8")
    return 0 if outcome["ok"] else 1


# -----------------------------------------------------------------------------
# Builds, from the benchmark's side
# -----------------------------------------------------------------------------


def copy_project(target: Path, data: Path | None, source_root: Path = ROOT) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        source = source_root / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    if data is not None:
        shutil.copytree(data, target / "data")
    return target


# One build in a fresh process: its wall time (process start to exit, as `mkdocs build`
# would take), its peak RSS from wait4, and what the driver reports.
def run_build(project: Path, site: Path, work: Path, label: str, env: dict, profile: Path | None = None) -> dict:
    shutil.rmtree(site, ignore_errors=True)
    result_file = work / f"{label}.result.json"
    log_file = work / f"{label}.log"
    result_file.unlink(missing_ok=True)
    command = [PYTHON, "-m", "tools.bench", "_build", str(project), str(site), str(result_file)]
    if profile:
        command += ["--profile", str(profile)]
    load = os.getloadavg()[0]
    with open(log_file, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    outcome = json.loads(result_file.read_text(encoding="utf-8")) if result_file.exists() else {"ok": False}
    if process.returncode != 0 and not outcome.get("error"):
        outcome["error"] = log_file.read_text(encoding="utf-8", errors="replace")[-3000:]
    outcome.update(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        load_before=load,
        max_rss_bytes=usage.ru_maxrss * 1024,
        returncode=process.returncode,
        log=str(log_file),
    )
    outcome["ok"] = outcome.get("ok", False) and process.returncode == 0
    return outcome


def _tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# Pages, output size and search index sizes of a built site.
def site_stats(site: Path) -> dict:
    count, size = _tree_size(site)
    html = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"]
    stats: dict[str, Any] = {
        "pages": len(html),
        "pages_by_language": {"ja": sum(p.startswith("ja/") for p in html), "en": sum(not p.startswith("ja/") for p in html)},
        "files": count,
        "output_bytes": size,
        "search_indexes": [],
        "pagefind": [],
    }
    for index in sorted(site.rglob("search_index.json")):
        entry: dict[str, Any] = {
            "file": index.relative_to(site).as_posix(),
            "bytes": index.stat().st_size,
            "gzip_bytes": len(gzip.compress(index.read_bytes(), 6)),
        }
        try:
            docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
            by_lang: dict[str, list] = defaultdict(list)
            for doc in docs:
                by_lang["ja" if doc.get("location", "").startswith("ja/") else "en"].append(doc)
            entry["documents_by_language"] = {
                lang: {"documents": len(items), "json_bytes": len(json.dumps(items, ensure_ascii=False).encode())}
                for lang, items in sorted(by_lang.items())
            }
        except (ValueError, AttributeError) as error:
            entry["error"] = str(error)
        stats["search_indexes"].append(entry)
    for folder in [site / "pagefind", *(site / lang / "pagefind" for lang in LANGS)]:
        if not folder.is_dir():
            continue
        files, size = _tree_size(folder)
        entry = {"folder": folder.relative_to(site).as_posix(), "files": files, "bytes": size}
        meta = folder / "pagefind-entry.json"
        if meta.exists():
            # Per language: its index chunks and page fragments (named <lang>_<hash>), its
            # metadata file and its word-segmentation module; the rest (UI, worker) is shared.
            languages = json.loads(meta.read_text(encoding="utf-8")).get("languages", {})
            entry["languages"] = {}
            own: set[Path] = set()
            for lang, info in languages.items():
                mine = [p for sub in ("index", "fragment") for p in (folder / sub).glob(f"{lang}_*") if p.is_file()]
                mine += [p for p in (folder / f"pagefind.{info.get('hash')}.pf_meta", folder / f"wasm.{info.get('wasm') or 'unknown'}.pagefind") if p.is_file()]
                own.update(mine)
                entry["languages"][lang] = {
                    "pages": info.get("page_count"),
                    "index_chunks": sum(1 for p in mine if p.suffix == ".pf_index"),
                    "index_bytes": sum(p.stat().st_size for p in mine if p.suffix == ".pf_index"),
                    "fragment_bytes": sum(p.stat().st_size for p in mine if p.suffix == ".pf_fragment"),
                    "bytes": sum(p.stat().st_size for p in mine),
                }
            entry["shared_bytes"] = size - sum(p.stat().st_size for p in own)
        stats["pagefind"].append(entry)
    return stats


# -----------------------------------------------------------------------------
# Profiles
# -----------------------------------------------------------------------------

_PACKAGES = {
    "mkdocs": "MkDocs",
    "markdown": "Python-Markdown",
    "pymdownx": "pymdown-extensions",
    "mkdocs_static_i18n": "mkdocs-static-i18n",
    "jinja2": "Jinja2",
    "markupsafe": "Jinja2",
    "yaml": "PyYAML",
    "jsonschema": "jsonschema",
    "referencing": "jsonschema",
    "rpds": "jsonschema",
    "jsonschema_specifications": "jsonschema",
}

# Parts of a build, by the function that does them (cumulative time; they overlap).
PHASES = [
    ("Markdown to HTML (Python-Markdown `convert`)", "markdown/core.py", "convert"),
    ("... tree processors (inline patterns and others)", "markdown/treeprocessors.py", "run"),
    ("... block parser", "markdown/blockparser.py", "parseDocument"),
    ("... md_in_html", "markdown/extensions/md_in_html.py", "run"),
    ("... abbr", "markdown/extensions/abbr.py", "run"),
    ("... toc", "markdown/extensions/toc.py", "run"),
    ("... MkDocs link and anchor processing", "mkdocs/structure/pages.py", "run"),
    ("Theme page rendering (MkDocs `_build_page`)", "mkdocs/commands/build.py", "_build_page"),
    ("... Material search indexing (`on_page_context`)", "material/plugins/search/plugin.py", "on_page_context"),
    ("Jinja2 template compilation (theme and hooks)", "jinja2/environment.py", "compile"),
    ("Theme file discovery (`add_files_from_theme`)", "mkdocs/structure/files.py", "add_files_from_theme"),
    ("i18n file lookups (`get_file_from_path`)", "mkdocs_static_i18n/suffix.py", "get_file_from_path"),
    ("Writing the search index (`on_post_build`)", "material/plugins/search/plugin.py", "on_post_build"),
    ("Writing files (`write_file`)", "mkdocs/utils/__init__.py", "write_file"),
    ("Hooks: load and validate the data (`session_for`)", "hooks/plansite/session.py", "session_for"),
    ("Hooks: render pages' Markdown (`Session.markdown`)", "hooks/plansite/session.py", "markdown"),
    ("Hooks: `on_page_markdown`", "hooks/site.py", "on_page_markdown"),
]


def _group(filename: str, project: Path) -> str:
    if filename == "~":
        return "built-ins (C)"
    if filename.startswith("<"):
        return "Python (generated code, imports)"
    path = os.path.abspath(filename)
    for folder, name in (("hooks", "hooks (project)"), ("overrides", "overrides (project templates)")):
        if path.startswith(str(project / folder) + os.sep):
            return name
    if "site-packages" + os.sep in path:
        package = path.split("site-packages" + os.sep, 1)[1].split(os.sep, 1)[0]
        if package == "material":
            return "Material (theme templates)" if f"{os.sep}templates{os.sep}" in path else "Material (plugins)"
        return _PACKAGES.get(package, package)
    module = Path(path).stem
    parent = Path(path).parent.name
    return f"stdlib ({parent}.{module})" if parent in ("html", "xml", "json", "email", "importlib") else f"stdlib ({module})"


def _label(func: tuple, project: Path) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    path = os.path.abspath(filename)
    for base in (str(project) + os.sep, "site-packages" + os.sep):
        if base in path:
            path = path.split(base, 1)[1]
            break
    else:
        path = Path(path).name
    return f"{path}:{line}({name})"


# The hooks' share of a profiled build, and where the time goes.
def analyse_profile(profile: Path, project: Path, hook_scripts: list[str]) -> dict:
    stats = pstats.Stats(str(profile))
    raw = stats.stats  # {func: (cc, nc, tt, ct, callers{func: (cc, nc, tt, ct)})}
    total = stats.total_tt
    hooks_prefix = str((project / "hooks").resolve()) + os.sep
    scripts = {str((project / script).resolve()) for script in hook_scripts}
    in_hooks = {f for f in raw if f[0] != "~" and os.path.abspath(f[0]).startswith(hooks_prefix)}
    # Everything hooks code calls, directly or not: a call into hooks code from there may be
    # nested in hooks code (templates called back by Jinja, modules imported by the hooks).
    callees: dict[tuple, set] = defaultdict(set)
    for func, value in raw.items():
        for caller in value[4]:
            callees[caller].add(func)
    reachable = set(in_hooks)
    stack = list(in_hooks)
    while stack:
        for func in callees[stack.pop()]:
            if func not in reachable:
                reachable.add(func)
                stack.append(func)
    entries: dict[tuple, float] = defaultdict(float)
    nested = 0.0
    for func in in_hooks:
        for caller, edge in raw[func][4].items():
            if caller in in_hooks:
                continue
            # Top level: called from code no hooks code ever reaches (MkDocs' event loop),
            # or the import of a hook script itself (MkDocs imports it).
            if caller not in reachable or (func[2] == "<module>" and os.path.abspath(func[0]) in scripts):
                entries[func] += edge[3]
            else:
                nested += edge[3]
    hooks_s = sum(entries.values())

    by_group: dict[str, float] = defaultdict(float)
    for func, value in raw.items():
        by_group[_group(func[0], project)] += value[2]

    def row(func: tuple) -> dict:
        cc, nc, tt, ct, _ = raw[func]
        return {
            "function": _label(func, project),
            "group": _group(func[0], project),
            "calls": nc,
            "self_s": round(tt, 4),
            "cumulative_s": round(ct, 4),
            "cumulative_share": round(ct / total, 4) if total else None,
        }

    by_cumulative = sorted(raw, key=lambda f: raw[f][3], reverse=True)
    phases = []
    for label, suffix, name in PHASES:
        matched = [f for f in raw if f[2] == name and f[0].replace(os.sep, "/").endswith(suffix)]
        seconds = sum(raw[f][3] for f in matched)
        phases.append({"phase": label, "cumulative_s": round(seconds, 4), "share": round(seconds / total, 4) if total else None, "found": bool(matched)})
    return {
        "profiled_total_s": round(total, 4),
        "hooks_s": round(hooks_s, 4),
        "hooks_share": round(hooks_s / total, 4) if total else None,
        "hooks_nested_calls_not_counted_s": round(nested, 4),
        "hooks_entries": [
            {"function": _label(f, project), "cumulative_s": round(s, 4)}
            for f, s in sorted(entries.items(), key=lambda item: -item[1])
        ],
        "self_time_by_group": [
            {"group": g, "self_s": round(s, 4), "share": round(s / total, 4) if total else None}
            for g, s in sorted(by_group.items(), key=lambda item: -item[1])
        ],
        "top_cumulative": [row(f) for f in by_cumulative[:10]],
        "top_cumulative_not_hooks": [row(f) for f in by_cumulative if f not in in_hooks][:10],
        "top_cumulative_hooks": [row(f) for f in by_cumulative if f in in_hooks][:10],
        "top_self": [row(f) for f in sorted(raw, key=lambda f: raw[f][2], reverse=True)[:15]],
        "phases": phases,
    }


def hook_scripts_of(project: Path) -> list[str]:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^hooks:\n((?:\s+-\s+.+\n)+)", text, re.M)
    return re.findall(r"-\s+(\S+)", block.group(1)) if block else []


# -----------------------------------------------------------------------------
# A local server that gzips text, and counts what it sends
# -----------------------------------------------------------------------------

_TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")


class GzipServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path):
        self.root = root
        self.sent: list[dict] = []
        self.lock = threading.Lock()
        self.cache: dict[str, bytes] = {}
        super().__init__(("127.0.0.1", 0), _GzipHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    # A browser closing a connection early is not an error worth a traceback.
    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    def record(self, **entry: Any) -> None:
        with self.lock:
            self.sent.append(entry)

    def take(self) -> list[dict]:
        with self.lock:
            sent, self.sent = self.sent, []
        return sent

    def start(self) -> None:
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: GzipServer

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, directory=str(args[2].root), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                self.server.record(path=url_path, status=301, bytes=0, raw_bytes=0, encoding=None, type=None)
                return super().do_GET()
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            body = b"Not found"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.server.record(path=url_path, status=404, bytes=len(body), raw_bytes=len(body), encoding=None, type="text/plain")
            return
        ctype = self.guess_type(path)
        data = Path(path).read_bytes()
        encoding = None
        body = data
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(_TEXT_TYPES):
            encoding = "gzip"
            key = path
            if key not in self.server.cache:
                self.server.cache[key] = gzip.compress(data, 6, mtime=0)
            body = self.server.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if ctype.startswith("text/") else ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(body)
        self.server.record(path=url_path, status=200, bytes=len(body), raw_bytes=len(data), encoding=encoding, type=ctype)


# -----------------------------------------------------------------------------
# Page weight (Playwright and Chromium)
# -----------------------------------------------------------------------------


def _kind(entry: dict) -> str:
    path, ctype = entry["path"], entry.get("type") or ""
    if "/pagefind/" in path or "search_index" in path or "/lunr/" in path or "/workers/search" in path:
        return "search"
    if ctype.startswith("text/html"):
        return "html"
    if ctype.startswith("text/css"):
        return "css"
    if "javascript" in ctype:
        return "js"
    return "other"


def _summary(sent: list[dict]) -> dict:
    by_kind: dict[str, int] = defaultdict(int)
    for entry in sent:
        by_kind[_kind(entry)] += entry["bytes"]
    return {
        "requests": len(sent),
        "transferred_bytes": sum(e["bytes"] for e in sent),
        "uncompressed_bytes": sum(e["raw_bytes"] for e in sent),
        "transferred_by_kind": dict(sorted(by_kind.items())),
    }


def page_weight(site: Path, server: GzipServer) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, path in PAGES:
                for lang in LANGS:
                    page_path = path if lang == "en" else f"ja/{path}"
                    html_file = site / page_path / "index.html"
                    entry: dict[str, Any] = {"page": name, "lang": lang, "path": f"/{page_path}"}
                    if not html_file.exists():
                        entry["skipped"] = "the page does not exist in this build"
                        results.append(entry)
                        continue
                    html = html_file.read_bytes()
                    entry["html_bytes"] = len(html)
                    entry["html_gzip_bytes"] = len(gzip.compress(html, 6, mtime=0))
                    try:
                        entry.update(_visit(browser, server, f"{server.url}{page_path}", lang))
                    except Exception as error:  # one page failing must not lose the others
                        entry["error"] = f"{type(error).__name__}: {error}"
                    results.append(entry)
        finally:
            browser.close()
    return results


def _visit(browser: Any, server: GzipServer, url: str, lang: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    seen: list[Any] = []
    errors: list[str] = []
    page.on("requestfinished", lambda request: seen.append(request))
    page.on("console", lambda message: errors.append(f"console: {message.text} ({message.location.get('url', '')})") if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    server.take()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    load = server.take()
    try:
        how = _open_search(page)
    except Exception as error:
        how = None
        errors.append(f"opening the search: {type(error).__name__}: {str(error)[:300]}")
    searched = False
    if how:
        page.keyboard.type(SEARCH_QUERY[lang], delay=20)
        try:
            page.wait_for_selector(".md-search-result__item, .site-search__result", timeout=15_000)
            searched = True
        except Exception:
            searched = False
        page.wait_for_load_state("networkidle")
        time.sleep(0.5)
    search = server.take()
    playwright_body = 0
    for request in seen:
        try:
            playwright_body += request.sizes()["responseBodySize"]
        except Exception:
            pass
    context.close()
    everything = load + search
    return {
        "first_load": _summary(load),
        "with_search": _summary(everything),
        "search_opened_by": how,
        "search_results_shown": searched,
        "browser_errors": errors[:20],
        "requests": [{k: e[k] for k in ("path", "status", "bytes", "raw_bytes", "encoding")} for e in everything],
        "playwright_requests": len(seen),
        "playwright_response_body_bytes": playwright_body,
    }


# Open the site's search and put the focus in its field: Material's search box, or a
# button that opens a search dialog (Pagefind). Returns how, or None.
def _open_search(page: Any) -> str | None:
    material = page.locator("input.md-search__input").first
    if material.count():
        material.focus()
        return "focus on Material's search box"
    opener = page.locator(".site-search__open, [aria-controls*=search]").first
    if opener.count():
        try:
            opener.wait_for(state="visible", timeout=5_000)
        except Exception:
            pass
        if opener.is_visible():
            opener.click()
            how = "click on the header's search button, focus in the dialog's field"
        else:  # the button stayed hidden (its script did not run): try the keyboard shortcut
            page.locator("body").press("/")
            how = "the button stayed hidden; '/' key, focus in the dialog's field"
        field = page.locator("dialog[open] input[type=search]").first
        try:
            field.wait_for(state="visible", timeout=15_000)
        except Exception:
            return None
        field.focus()
        return how
    box = page.locator("input[type=search]").first
    if box.count() and box.is_visible():
        box.focus()
        return "focus on input[type=search]"
    return None


# -----------------------------------------------------------------------------
# Lighthouse
# -----------------------------------------------------------------------------


def _node_version() -> tuple[int, int] | None:
    try:
        out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    major, minor, *_ = out.lstrip("v").split(".")
    return int(major), int(minor)


def install_lighthouse(tools: Path) -> dict:
    node = _node_version()
    if node is None:
        return {"ok": False, "error": "node is not installed (`node --version` failed)"}
    version = LIGHTHOUSE_NEW[0] if node >= LIGHTHOUSE_NEW[1] else LIGHTHOUSE_OLD
    folder = tools / f"lighthouse-{version}"
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    installed = folder / "node_modules" / "lighthouse" / "package.json"
    info: dict[str, Any] = {"version": version, "node": ".".join(map(str, node)), "folder": str(folder)}
    if installed.exists() and json.loads(installed.read_text())["version"] == version and binary.exists():
        return {**info, "ok": True, "binary": str(binary), "installed": "already there"}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"private": true}\n')
    started = time.perf_counter()
    result = subprocess.run(
        ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", f"lighthouse@{version}"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    info["install_s"] = round(time.perf_counter() - started, 1)
    if result.returncode != 0 or not binary.exists():
        return {**info, "ok": False, "error": (result.stderr or result.stdout).strip()[-2000:]}
    return {**info, "ok": True, "binary": str(binary), "installed": "now"}


def run_lighthouse(binary: str, url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    command = [binary, url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={LIGHTHOUSE_FLAGS}"]
    started = time.perf_counter()
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": "lighthouse did not finish within 300 s"}
    elapsed = round(time.perf_counter() - started, 1)
    if result.returncode != 0 or not out.exists():
        return {"ok": False, "seconds": elapsed, "error": (result.stderr or result.stdout).strip()[-2000:] or f"exit {result.returncode}"}
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return {"ok": False, "seconds": elapsed, "error": json.dumps(report["runtimeError"])}
    categories = report["categories"]
    audits = report["audits"]
    failing = {}
    for key, category in categories.items():
        if key == "performance":
            continue
        failing[key] = [
            f"{ref['id']}: {audits[ref['id']]['title']}"
            for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
        ]
    metrics = {
        key: audits[key].get("displayValue")
        for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")
        if key in audits
    }
    return {
        "ok": True,
        "seconds": elapsed,
        "lighthouse": report.get("lighthouseVersion"),
        "form_factor": report.get("configSettings", {}).get("formFactor"),
        "scores": {key: None if c["score"] is None else round(c["score"] * 100) for key, c in categories.items()},
        "metrics": metrics,
        "failing_audits": failing,
        "report": str(out),
    }


# -----------------------------------------------------------------------------
# The edit loop (mkdocs serve)
# -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def edit_loop(project: Path, edits: int, env: dict) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--watch", "data", "--watch", "hooks", "--watch", "overrides"]
    # No .pyc files written into the watched hooks/ (they would trigger rebuilds of their own).
    server_env = dict(env, SITE_URL=base, PYTHONDONTWRITEBYTECODE="1")
    process = subprocess.Popen(
        command, cwd=project, env=server_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    lines: list[str] = []
    built = [0]

    def reader() -> None:
        for line in process.stdout:
            lines.append(line.rstrip())
            if "Documentation built in" in line:
                built[0] += 1

    threading.Thread(target=reader, daemon=True).start()
    result: dict[str, Any] = {"command": " ".join(command[1:]), "edits": []}
    url = base + EDIT_PAGE
    try:
        started = time.perf_counter()
        while built[0] < 1 or _fetch(url) is None:
            if process.poll() is not None or time.perf_counter() - started > 300:
                raise RuntimeError("mkdocs serve did not serve the page: " + " | ".join(lines[-15:]))
            time.sleep(0.2)
        result["first_build_s"] = round(time.perf_counter() - started, 2)
        _wait_quiet(built, 2.0, 60)
        file = project / EDIT_FILE
        original = file.read_text(encoding="utf-8")
        for number in range(1, edits + 1):
            marker = f"benchmark edit {number} {secrets.token_hex(4)}"
            changed, count = re.subn(r"^(title:\n  en: )(.*)$", lambda m: f"{m.group(1)}{m.group(2)} {marker}", original, count=1, flags=re.M)
            if count != 1:
                raise RuntimeError(f"could not find the English title in {EDIT_FILE}")
            before = built[0]
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
            while built[0] <= before and time.perf_counter() < deadline:
                time.sleep(0.05)
            finished = time.perf_counter() - saved
            result["edits"].append({"served_s": None if served is None else round(served, 3), "rebuild_finished_s": round(finished, 3)})
            if served is None:
                result["error"] = "the new title was not served within 180 s"
                break
            _wait_quiet(built, 1.0, 60)
        times = [e["served_s"] for e in result["edits"] if e["served_s"] is not None]
        result["median_served_s"] = round(statistics.median(times), 3) if times else None
        result["server_build_times"] = [line.split("Documentation built in", 1)[1].strip() for line in lines if "Documentation built in" in line]
    except Exception as error:
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        with _suppress():
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with _suppress():
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
    return result


# Wait until no rebuild has finished for `quiet` seconds.
def _wait_quiet(built: list[int], quiet: float, limit: float) -> None:
    end = time.perf_counter() + limit
    last, since = built[0], time.perf_counter()
    while time.perf_counter() < end:
        if built[0] != last:
            last, since = built[0], time.perf_counter()
        elif time.perf_counter() - since >= quiet:
            return
        time.sleep(0.1)


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> bool:
        return exc[0] is not None and issubclass(exc[0], (ProcessLookupError, PermissionError, OSError))


# -----------------------------------------------------------------------------
# The benchmark
# -----------------------------------------------------------------------------


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "Jinja2", "jsonschema", "playwright"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    try:
        found["chromium"] = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        found["chromium"] = None
    return found


def _machine() -> dict:
    cpu = ""
    with _suppress():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = None
    with _suppress():
        memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) * 1024
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "memory_bytes": memory, "system": platform.platform()}


def _git() -> dict:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"), "uncommitted_changes": bool(git("status", "--porcelain", "--", *PROJECT_PARTS, "data"))}


def benchmark(args: argparse.Namespace) -> dict:
    began = time.perf_counter()
    deadline = began + args.budget * 60
    work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": _machine(),
        "versions": _versions(),
        "git": _git(),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "targets": TARGETS,
        "notes": [],
    }
    base_env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    base_env.setdefault("SOURCE_DATE_EPOCH", subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout.strip() or "0")
    base_env["PYTHONPATH"] = str(ROOT) + (os.pathsep + base_env["PYTHONPATH"] if base_env.get("PYTHONPATH") else "")
    # The server for page weight and Lighthouse binds now, so that the real data's site
    # can be built for the address it is served at (canonical links, alternates).
    server_root = work / "served"
    server_root.mkdir()
    server = GzipServer(server_root)
    # Other people edit the working tree while this runs: every build works on one snapshot
    # of it, taken now. Its git history stays readable (read-only) for the pages' dates.
    snapshot = copy_project(work / "project-real", ROOT / "data")
    report["snapshot"] = {"taken": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "of": str(ROOT)}
    try:
        # 1. One strict build of every size: what every target needs.
        report["builds"] = _scaling(args, work, base_env, server, report, snapshot)
        pdf_step(report, snapshot, base_env)  # make publish's PDF step, on the same snapshot
        # 2. The browser and the edit loop (Lighthouse installs meanwhile).
        _browser(args, report, server_root, server)
        if not args.skip_edit_loop:
            log("edit loop: mkdocs serve on a copy of the project")
            project = copy_project(work / "edit-project", snapshot / "data", snapshot)
            report["edit_loop"] = edit_loop(project, args.edits, base_env)
            log(f"edit loop: {report['edit_loop'].get('median_served_s')} s (median) {report['edit_loop'].get('error') or ''}")
            # `make serve ONLY=en`: the same edit, previewing English only.
            report["edit_loop_one_language"] = edit_loop(project, args.edits, dict(base_env, ONLY="en"))
            log(f"edit loop, English only: {report['edit_loop_one_language'].get('median_served_s')} s (median)")
        if not args.skip_lighthouse:
            report["lighthouse"] = _lighthouse(args, out, server_root, server, report)
        # 3. Within the time budget, most useful first: the other builds of each median,
        #    and the cProfile runs.
        _more(args, work, report, base_env, deadline)
    finally:
        server.shutdown()
        server.server_close()
        if args.keep:
            report["notes"].append(f"Temporary files kept in {work}.")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report["targets_result"] = _targets(report)
    report["total_s"] = round(time.perf_counter() - began, 1)
    return report


def _scaling(args: argparse.Namespace, work: Path, env: dict, server: GzipServer, report: dict, snapshot: Path) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from tools import synth

    sizes: list[tuple[str, int | None]] = [("real", None)] + [(f"{f}x", f) for f in args.sizes]
    builds = []
    for label, factor in sizes:
        entry: dict[str, Any] = {"size": label, "factor": factor, "env": {}}
        if factor is None:
            project = snapshot
            entry["data"] = "a snapshot of the working tree, with the repository's git history for the pages' dates"
            entry["env"] = {"SITE_URL": server.url, "GIT_DIR": str(ROOT / ".git"), "GIT_WORK_TREE": str(snapshot)}
            counts = {}
            for kind, pattern in (("plans", "plans/*.yaml"), ("measures", "measures/*/*.yaml"), ("reports", "reports/*.yaml"), ("meetings", "meetings/*.yaml")):
                counts[kind] = len(list((snapshot / "data").glob(pattern)))
            entry["counts"] = counts
        else:
            project = work / f"project-{label}"
            started = time.perf_counter()
            data = work / f"data-{label}"
            entry["counts"] = synth.generate(snapshot / "data", data, factor)
            ok, message = synth.check(data, PYTHON)
            entry["check"] = {"ok": ok, "message": message[-2000:]}
            copy_project(project, data, snapshot)
            shutil.rmtree(data)
            entry["generate_s"] = round(time.perf_counter() - started, 1)
            entry["data"] = "tools/synth.py, in a temporary copy of the project (not a git checkout)"
            if not ok:
                log(f"{label}: the synthetic data does not pass the check: {message[-500:]}")
                entry["error"] = "synthetic data failed `python -m plansite check`"
                builds.append(entry)
                continue
        entry["project"] = str(project)
        site = work / f"site-{label}"
        entry["runs"] = []
        run = _timed_build(entry, work, env, site)
        if run["ok"]:
            entry.update(site_stats(site))
            if factor is None:
                shutil.rmtree(server.root)
                shutil.copytree(site, server.root)
        shutil.rmtree(site, ignore_errors=True)
        _summarise(entry)
        builds.append(entry)
    return builds


# One more timed build of a size, added to its runs.
def _timed_build(entry: dict, work: Path, env: dict, site: Path | None = None) -> dict:
    number = len(entry["runs"]) + 1
    label = entry["size"]
    log(f"{label}: strict build {number}")
    site = site or work / f"site-{label}-{number}"
    run = run_build(Path(entry["project"]), site, work, f"build-{label}-{number}", dict(env, **entry["env"]))
    if number > 1 or not run["ok"]:
        shutil.rmtree(site, ignore_errors=True)
    log(f"{label}: {run['wall_s']:.1f} s, {run['max_rss_bytes'] / 2**20:.0f} MiB{'' if run['ok'] else ' FAILED: ' + str(run.get('error'))[-300:]}")
    entry["runs"].append(run)
    return run


def _summarise(entry: dict) -> None:
    runs = entry["runs"]
    good = [r for r in runs if r["ok"]]
    entry["ok"] = bool(good) and len(good) == len(runs) and "pages" in entry
    if not entry["ok"]:
        entry["error"] = next((r.get("error") for r in runs if not r["ok"]), None) or entry.get("error")
        return
    walls = [r["wall_s"] for r in good]
    entry["median_s"] = statistics.median(walls)
    entry["min_s"], entry["max_s"] = min(walls), max(walls)
    entry["median_cpu_s"] = statistics.median(r["cpu_s"] for r in good)
    entry["max_load_before"] = max(r["load_before"] for r in good)
    entry["peak_rss_bytes"] = max(r["max_rss_bytes"] for r in good)
    entry["peak_rss_build_process_bytes"] = max(r.get("self_max_rss_bytes", 0) for r in good)
    entry["peak_rss_largest_child_bytes"] = max(r.get("children_max_rss_bytes", 0) for r in good)
    entry["hooks_timer_share"] = statistics.median(r["hooks_total_s"] / r["in_process_s"] for r in good)
    middle = sorted(good, key=lambda r: r["wall_s"])[(len(good) - 1) // 2]
    entry["hooks_timer_events_s"] = {k: round(v, 4) for k, v in sorted(middle["hooks_events_s"].items(), key=lambda kv: -kv[1])}
    entry["hooks_timer_event_calls"] = middle["hooks_event_calls"]
    entry["ms_per_page"] = entry["median_s"] * 1000 / entry["pages"] if entry["pages"] else None
    entry["cpu_ms_per_page"] = entry["median_cpu_s"] * 1000 / entry["pages"] if entry["pages"] else None


def _profile(args: argparse.Namespace, work: Path, build: dict, env: dict) -> None:
    project = Path(build["project"])
    label = f"profile-{build['size']}"
    prof = work / f"{label}.prof"
    log(f"{build['size']}: cProfile build")
    run = run_build(project, work / f"site-{label}", work, label, dict(env, **build["env"]), profile=prof)
    shutil.rmtree(work / f"site-{label}", ignore_errors=True)
    if not run["ok"] or not prof.exists():
        build["profile"] = {"error": run.get("error")}
        return
    analysis = analyse_profile(prof, project, hook_scripts_of(project))
    analysis["wall_s"] = round(run["wall_s"], 2)
    build["profile"] = analysis
    if build["size"] == "real":
        kept = args.out.resolve() / "real-data.prof"
        shutil.copy2(prof, kept)
        analysis["file"] = str(kept)
    log(f"{build['size']}: hooks {analysis['hooks_share']:.1%} of {analysis['profiled_total_s']:.1f} s profiled")


# The optional work, most useful first, each step only if it should end within the budget
# (estimated from the size's slowest build so far; a cProfile build takes about 2.4 times as long).
def _more(args: argparse.Namespace, work: Path, report: dict, env: dict, deadline: float) -> None:
    builds = {b["size"]: b for b in report["builds"] if b.get("ok")}
    steps: list[tuple[str, str]] = []
    for size, kind in [("real", "build"), ("real", "profile"), ("1x", "build"), ("10x", "build"), ("1x", "profile"),
                       ("5x", "build"), ("5x", "profile"), ("20x", "build"), ("10x", "profile"), ("20x", "profile")]:
        if size in builds:
            steps += [(size, kind)] * (args.repeats - 1 if kind == "build" else 1)
    for size in builds:  # sizes given with --sizes beyond the usual ones
        if size not in {s for s, _ in steps}:
            steps += [(size, "build")] * (args.repeats - 1) + [(size, "profile")]
    skipped: dict[tuple[str, str], int] = defaultdict(int)
    for size, kind in steps:
        build = builds[size]
        slowest = max(r["wall_s"] for r in build["runs"])
        estimate = slowest * (2.4 if kind == "profile" else 1.25) + 3  # the machine's load varies
        if args.no_profile and kind == "profile":
            skipped[(size, kind)] += 1
            continue
        if time.perf_counter() + estimate > deadline:
            skipped[(size, kind)] += 1
            continue
        if kind == "build":
            _timed_build(build, work, env)
            _summarise(build)
        else:
            _profile(args, work, build, env)
    for (size, kind), count in skipped.items():
        what = f"{count} more strict build{'s' if count > 1 else ''}" if kind == "build" else "the cProfile build"
        why = "--no-profile" if args.no_profile and kind == "profile" else f"it would not have ended within the time budget (--budget {args.budget:g} min)"
        reason = f"{what} skipped: {why}" + ("; the hooks' share is the event timer's" if kind == "profile" else "")
        builds[size].setdefault("skipped", []).append(reason)
        report["notes"].append(f"{size}: {reason}.")


# Page weight in Chromium, while Lighthouse installs (neither is timed).
def _browser(args: argparse.Namespace, report: dict, site: Path, server: GzipServer) -> None:
    installer: dict = {}
    lighthouse_thread = None
    if not args.skip_lighthouse:
        tools = args.out.resolve() / ".tools"
        lighthouse_thread = threading.Thread(target=lambda: installer.update(install_lighthouse(tools)), daemon=True)
        lighthouse_thread.start()
    server.start()
    if not args.skip_browser:
        log("page weight: Chromium through Playwright")
        try:
            report["page_weight"] = page_weight(site, server)
        except Exception as error:
            report["page_weight"] = [{"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()[-2000:]}]
    if lighthouse_thread:
        lighthouse_thread.join()
        report["lighthouse_install"] = installer


def _lighthouse(args: argparse.Namespace, out: Path, site: Path, server: GzipServer, report: dict) -> list[dict]:
    install = report.get("lighthouse_install", {})
    if not install.get("ok"):
        report["notes"].append(f"Lighthouse could not be installed: {install.get('error')}")
        return []
    folder = out / "lighthouse"
    folder.mkdir(exist_ok=True)
    results = []
    for name, path in PAGES:
        for lang in LANGS:
            page_path = path if lang == "en" else f"ja/{path}"
            entry: dict[str, Any] = {"page": name, "lang": lang, "path": f"/{page_path}"}
            if not (site / page_path / "index.html").exists():
                entry["skipped"] = "the page does not exist in this build"
            else:
                log(f"lighthouse: /{page_path}")
                entry.update(run_lighthouse(install["binary"], f"{server.url}{page_path}", folder / f"{name}-{lang}.json"))
                if not entry["ok"]:
                    log(f"lighthouse failed: {entry['error'][-300:]}")
            results.append(entry)
    return results


def _targets(report: dict) -> list[dict]:
    builds = {b["size"]: b for b in report.get("builds", [])}
    rows = []

    def add(name: str, measured: Any, target: str, passed: bool | None) -> None:
        rows.append({"target": name, "measured": measured, "goal": target, "pass": passed})

    real = builds.get("real", {})
    add("Real data: median strict build (both languages)", _s(real.get("median_s")), "≤ 5 s", _le(real.get("median_s"), TARGETS["real_build_s"]))
    profile = real.get("profile", {})
    share = profile.get("hooks_share")
    add(
        "Real data: hooks' share of the build (cProfile)",
        f"{share:.1%} (event timer, unprofiled: {real.get('hooks_timer_share', 0):.1%})" if share is not None else "not profiled",
        "≤ 10%",
        _le(share, TARGETS["hooks_share"]),
    )
    one, ten = builds.get("1x", {}), builds.get("10x", {})
    ratio = ten["ms_per_page"] / one["ms_per_page"] if one.get("ms_per_page") and ten.get("ms_per_page") else None
    cpu_ratio = ten["cpu_ms_per_page"] / one["cpu_ms_per_page"] if ratio else None
    add(
        "ms/page at 10x within 1.3x of 1x",
        f"{ten.get('ms_per_page', 0):.1f} vs {one.get('ms_per_page', 0):.1f} ms/page = {ratio:.2f}x (CPU time: {cpu_ratio:.2f}x)" if ratio else "not measured",
        "≤ 1.3x",
        _le(ratio, TARGETS["ms_per_page_ratio_10x"]),
    )
    twenty = builds.get("20x", {})
    add(
        "20x completes, peak memory",
        f"{'completed' if twenty.get('ok') else 'did not complete'}, {_mib(twenty.get('peak_rss_bytes'))} "
        f"(MkDocs process {_mib(twenty.get('peak_rss_build_process_bytes'))}, largest child process {_mib(twenty.get('peak_rss_largest_child_bytes'))})"
        if twenty
        else "not run",
        "completes, ≤ 1 GiB",
        (bool(twenty.get("ok")) and twenty.get("peak_rss_bytes", 2**40) <= TARGETS["peak_rss_20x_bytes"]) if twenty else None,
    )
    edit = report.get("edit_loop", {})
    add("Edit loop: save to page served (median), `make serve`", _s(edit.get("median_served_s")) if edit else "not run", "≤ 2 s", _le(edit.get("median_served_s"), TARGETS["edit_loop_s"]))
    one = report.get("edit_loop_one_language", {})
    if one:
        add("Edit loop, one language (`make serve ONLY=en`)", _s(one.get("median_served_s")), "≤ 2 s", _le(one.get("median_served_s"), TARGETS["edit_loop_s"]))
    weights = [w for w in report.get("page_weight", []) if w.get("page") == "measure" and "with_search" in w]
    if weights:
        worst = max(w["with_search"]["transferred_bytes"] for w in weights)
        add("Measure page: first visit with search, transferred (worst language)", _kb(worst), "≤ 200 KB", worst <= TARGETS["measure_first_visit_bytes"])
        html = max(w["html_bytes"] for w in weights)
        add("Measure page: HTML (worst language, uncompressed)", _kb(html), "≤ 60 KB", html <= TARGETS["measure_html_bytes"])
    else:
        add("Measure page weight", "not measured", "≤ 200 KB / ≤ 60 KB", None)
    lighthouse = [r for r in report.get("lighthouse", []) if r.get("ok")]
    if lighthouse:
        perf = min(r["scores"]["performance"] for r in lighthouse)
        add("Lighthouse mobile performance (worst page)", perf, "≥ 95", perf >= TARGETS["lighthouse_performance"])
        for key in ("accessibility", "best-practices", "seo"):
            worst = min(r["scores"][key] for r in lighthouse)
            add(f"Lighthouse {key} (worst page)", worst, "100", worst >= TARGETS["lighthouse_other"])
    else:
        add("Lighthouse", "did not run (see below)", "≥ 95 / 100", None)
    return rows


# -----------------------------------------------------------------------------
# The Markdown report
# -----------------------------------------------------------------------------


def _le(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _mib(value: int | None) -> str:
    return "–" if value is None else f"{value / 2**20:.0f} MiB"


def _kb(value: int | None) -> str:
    return "–" if value is None else f"{value / 1000:.1f} KB"


def _mb(value: int | None) -> str:
    return "–" if value is None else f"{value / 1e6:.1f} MB"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return lines + [""]


def markdown(report: dict) -> str:
    m, v, g = report["machine"], report["versions"], report["git"]
    lines = [
        "# Benchmark report",
        "",
        f"{report['started']}, commit {g['commit']}{' with uncommitted changes' if g['uncommitted_changes'] else ''}; "
        f"{m['cpu']}, {m['cores']} cores, {_mib(m['memory_bytes'])} RAM; Python {v['python']}, MkDocs {v['mkdocs']}, "
        f"Material {v['mkdocs-material']}, mkdocs-static-i18n {v['mkdocs-static-i18n']}, Markdown {v['Markdown']}, {v.get('chromium')}. "
        f"The benchmark took {report['total_s'] / 60:.1f} min.",
        "",
        "## Targets",
        "",
    ]
    mark = {True: "pass", False: "**FAIL**", None: "not measured"}
    lines += _table(["Target", "Measured", "Goal", "Result"], [[r["target"], r["measured"], r["goal"], mark[r["pass"]]] for r in report["targets_result"]])

    lines += ["## Build scaling", ""]
    rows = []
    for b in report["builds"]:
        c = b.get("counts", {})
        if not b.get("ok"):
            rows.append([b["size"], c.get("plans"), c.get("measures"), c.get("reports"), c.get("meetings"), "–", "failed", "", "", "", "", "", "", "", "", ""])
            continue
        index = b["search_indexes"][0] if b["search_indexes"] else None
        by_lang = index.get("documents_by_language", {}) if index else {}
        search = []
        if index:
            search.append(
                f"lunr {_mb(index['bytes'])} ({_mb(index['gzip_bytes'])} gz): en {_mb(by_lang.get('en', {}).get('json_bytes'))}, ja {_mb(by_lang.get('ja', {}).get('json_bytes'))}"
            )
        for found in b.get("pagefind", []):
            langs = found.get("languages", {})
            per = ", ".join(f"{lang} {_mb(info['bytes'])}" for lang, info in langs.items())
            search.append(f"Pagefind {_mb(found['bytes'])}: {per}, shared {_mb(found.get('shared_bytes'))}")
        search = "; ".join(search) or "none"
        profile = b.get("profile", {})
        rows.append([
            b["size"], c.get("plans"), c.get("measures"), c.get("reports"), c.get("meetings"),
            f"{b['pages']} ({b['pages_by_language']['en']} en + {b['pages_by_language']['ja']} ja)",
            f"{b['median_s']:.2f} s" + (f" ({b['min_s']:.2f}–{b['max_s']:.2f}, {len(b['runs'])} builds; first {b['runs'][0]['wall_s']:.2f})" if len(b["runs"]) > 1 else " (1 build only)"),
            f"{b['median_cpu_s']:.2f} s", f"{b['max_load_before']:.2f}",
            f"{b['ms_per_page']:.1f} ({b['cpu_ms_per_page']:.1f} CPU)",
            f"{_mib(b['peak_rss_bytes'])} ({_mib(b['peak_rss_build_process_bytes'])} / {_mib(b['peak_rss_largest_child_bytes'])})", _mb(b["output_bytes"]), search,
            _pct(profile.get("hooks_share")) if "hooks_share" in profile else "not profiled",
            _pct(b["hooks_timer_share"]),
        ])
    lines += _table(
        ["Size", "Plans", "Measures", "Reports", "Meetings", "Pages built", "Strict build, median (min–max)", "CPU time, median", "Load avg before (max)", "ms/page (CPU ms/page)", "Peak RSS (MkDocs process / largest child)", "Output", "Search index (file; per-language share)", "Hooks (cProfile)", "Hooks (event timer)"],
        rows,
    )
    pagefind = [(b["size"], p) for b in report["builds"] if b.get("ok") for p in b.get("pagefind", [])]
    if pagefind:
        lines += ["Pagefind indexes (per language: its index chunks, page fragments, metadata and segmentation module; shared: UI scripts, styles, worker):", ""]
        rows = []
        for size, p in pagefind:
            for lang, info in p.get("languages", {}).items():
                rows.append([size, f"{p['folder']}/", lang, info["pages"], f"{info['index_chunks']} ({_kb(info['index_bytes'])})", _kb(info["fragment_bytes"]), _kb(info["bytes"])])
            rows.append([size, f"{p['folder']}/", "all", "", "", f"shared {_kb(p.get('shared_bytes'))}", f"{_kb(p['bytes'])} in {p['files']} files"])
        lines += _table(["Size", "Folder", "Language", "Pages", "Index chunks", "Fragments", "Total"], rows)
    else:
        lines += ["No pagefind/ folder in these builds.", ""]
    for b in report["builds"]:
        if not b.get("ok") and b.get("error"):
            lines += [f"- {b['size']}: the build failed: `{str(b['error'])[-600:]}`"]
        if b.get("profile", {}).get("error"):
            lines += [f"- {b['size']}: the cProfile build failed: `{str(b['profile']['error'])[-600:]}`"]
    lines += [
        "- Build time: wall time of a fresh process running `build(load_config(..., strict=True))` (Python start and imports included, as for `mkdocs build --strict`), both languages; CPU time (user + system) and peak RSS from `wait4` on that process, which include the processes it waits for (Pagefind, git); in brackets the peak RSS of the MkDocs process itself and of the largest process it ran (Pagefind), from `getrusage` inside it. Load avg: the 1-minute load average just before the build; the benchmark's own previous build keeps it near 1 to 2, so values well above 2 mean other work on this 2-core machine and suspect timings. \"first\": the first build of a fresh copy of the project, which compiles the theme's and the project's templates into .cache/jinja/; later builds reuse them, as repeated builds of a checkout (serve, tests, publishing) do.",
        "- Pages built: HTML pages written, both languages, without 404 pages. Search index: `search/search_index.json`; the per-language sizes are its documents split by location (`ja/...`), serialised alone.",
        "- Hooks (cProfile): a separate build under cProfile; the cumulative time of the top-level entries into code under hooks/ (calls from code that hooks code never reaches, plus the import of the hook script), over the whole profiled `build(load_config())`. Hooks (event timer): every timed build times the MkDocs events handled by hooks code and the hook script's import (they never nest), over the in-process build time, without profiler overhead.",
        "- The two hooks shares differ because cProfile slows Python code (MkDocs, Markdown and the hooks alike) about twice but not the time spent waiting for other processes (Pagefind, git): where the hooks run a subprocess, the event timer's share is the truer one.",
        "- Real: a snapshot of the working tree taken when the benchmark starts (others may edit it meanwhile), built with the repository's git history (GIT_DIR, read-only) for the pages' dates.",
        "- Synthetic sizes: tools/synth.py clones every plan N − 1 times (plan-2022-s2, ...; not current) with its measures, reports and meetings, references kept inside each clone; each passes `python -m plansite check`. 1x is an exact copy of data/ outside git (no `git log` dates).",
        "",
    ]
    for note in report["notes"]:
        lines.append(f"- Note: {note}")
    lines.append("")

    real = next((b for b in report["builds"] if b["size"] == "real" and b.get("ok")), None)
    if real:
        lines += ["### Hooks, by event (real data, event timer, median build)", ""]
        lines += _table(["Event: handler", "Calls", "Seconds"], [[k, real["hooks_timer_event_calls"].get(k), f"{s:.3f}"] for k, s in real["hooks_timer_events_s"].items()])
    for b in report["builds"]:
        if b.get("ok") and b["size"] != "real" and b.get("hooks_timer_events_s") and b["size"] in ("10x", "20x"):
            lines += [f"### Hooks, by event ({b['size']}, event timer)", ""]
            lines += _table(["Event: handler", "Calls", "Seconds"], [[k, b["hooks_timer_event_calls"].get(k), f"{s:.3f}"] for k, s in b["hooks_timer_events_s"].items()])

    if real and "profile" in real and "top_self" in real["profile"]:
        p = real["profile"]
        lines += [
            "## Where the time goes (real data, cProfile)",
            "",
            f"One strict build under cProfile: {p['profiled_total_s']:.1f} s profiled ({p['wall_s']:.1f} s wall; cProfile roughly doubles the time of this call-heavy code, so read shares, not seconds). "
            "The Japanese build runs inside the English build's `on_post_build` (mkdocs-static-i18n), so cumulative times of the outer functions include both languages.",
            "",
            "### Self time by package",
            "",
        ]
        lines += _table(["Package", "Self time", "Share"], [[r["group"], f"{r['self_s']:.2f} s", _pct(r["share"])] for r in p["self_time_by_group"][:14]])
        lines += ["### Parts of the build (cumulative; nested rows start with ...)", ""]
        lines += _table(["Part", "Cumulative", "Share"], [[r["phase"], f"{r['cumulative_s']:.2f} s", _pct(r["share"])] for r in p["phases"] if r["found"]])
        lines += ["### Top 10 functions by cumulative time (all code)", ""]
        lines += _table(["Function", "Package", "Calls", "Cumulative", "Share"], [[f"`{r['function']}`", r["group"], r["calls"], f"{r['cumulative_s']:.2f} s", _pct(r["cumulative_share"])] for r in p["top_cumulative"]])
        lines += ["### Top 10 functions by cumulative time: hooks code", ""]
        lines += _table(["Function", "Calls", "Cumulative", "Share"], [[f"`{r['function']}`", r["calls"], f"{r['cumulative_s']:.2f} s", _pct(r["cumulative_share"])] for r in p["top_cumulative_hooks"]])
        lines += ["### Top 15 functions by self time", ""]
        lines += _table(["Function", "Package", "Calls", "Self", "Cumulative"], [[f"`{r['function']}`", r["group"], r["calls"], f"{r['self_s']:.2f} s", f"{r['cumulative_s']:.2f} s"] for r in p["top_self"]])
        lines += ["### Entries into hooks code (what the cProfile share sums)", ""]
        lines += _table(["Function", "Cumulative"], [[f"`{r['function']}`", f"{r['cumulative_s']:.3f} s"] for r in p["hooks_entries"]])
        lines += [f"Calls into hooks code from inside hooks code (Jinja calling the hooks' templates back, modules the hooks import), not counted again: {p['hooks_nested_calls_not_counted_s']:.2f} s. The profile is kept in {p.get('file', 'the temporary folder')} (`python -m pstats`).", ""]
    others = [b for b in report["builds"] if b.get("ok") and b["size"] != "real" and "top_self" in b.get("profile", {})]
    if others:
        lines += ["### Self time by package, per size (cProfile)", ""]
        with_real = [real] if real and "self_time_by_group" in real.get("profile", {}) else []
        groups = [r["group"] for r in (with_real or others)[0]["profile"]["self_time_by_group"][:8]]
        head = ["Size", *groups]
        rows = []
        for b in with_real + others:
            shares = {r["group"]: r["share"] for r in b["profile"]["self_time_by_group"]}
            rows.append([b["size"], *(_pct(shares.get(grp)) for grp in groups)])
        lines += _table(head, rows)

    for key, what in (("edit_loop", "`make serve` (both languages)"), ("edit_loop_one_language", "`make serve ONLY=en` (English only)")):
        edit = report.get(key)
        if not edit:
            continue
        if key == "edit_loop":
            lines += ["## Edit loop", ""]
        lines += [f"### {what}", "", f"`{edit.get('command')}` on a copy of the project; change the English title of {EDIT_FILE}, then poll /{EDIT_PAGE} until it shows the new title. (`mkdocs serve` holds requests while it rebuilds, so the page is served when the whole rebuild has finished; it notices a save within its 0.5 s polling interval.)"]
        if edit.get("error"):
            lines += ["", f"Error: `{edit['error']}`"]
        lines += [""]
        lines += _table(["Edit", "Saved → page served", "Saved → rebuild finished"], [[i + 1, _s(e["served_s"]), _s(e["rebuild_finished_s"])] for i, e in enumerate(edit.get("edits", []))])
        lines += [f"First build on start: {_s(edit.get('first_build_s'))}. MkDocs' own rebuild times: {', '.join(edit.get('server_build_times', []))}.", ""]

    weights = report.get("page_weight")
    if weights:
        lines += [
            "## Page weight",
            "",
            "First visit in a fresh Chromium context (Playwright), against a local server that gzips text (level 6); transferred = the bodies' Content-Length as sent, counted by the server (so requests from the search worker count too); Pagefind's index, fragment and wasm files are gzip-compressed by Pagefind itself and sent as they are. \"With search\": after opening the site's search (Material's search box, or the header button that opens the Pagefind dialog) and typing a query (\"police\" / \"警察\"), until the network is idle; in brackets whether results were shown. KB = 1,000 bytes.",
            "",
        ]
        rows = []
        for w in weights:
            if "error" in w and "with_search" not in w:
                rows.append([w.get("page", "?"), w.get("lang", ""), "error: " + w["error"][:200], "", "", "", "", ""])
            elif "skipped" in w:
                rows.append([w["page"], w["lang"], f"skipped: {w['skipped']}", "", "", "", "", ""])
            else:
                fl, ws = w["first_load"], w["with_search"]
                rows.append([
                    w["page"], w["lang"], f"`{w['path']}`", f"{_kb(w['html_bytes'])} ({_kb(w['html_gzip_bytes'])} gz)",
                    f"{_kb(fl['transferred_bytes'])} in {fl['requests']} requests",
                    f"{_kb(ws['transferred_bytes'])} in {ws['requests']} requests ({'yes' if w['search_results_shown'] else 'no' if w['search_opened_by'] else 'search not opened'})",
                    f"{_kb(ws['uncompressed_bytes'])}",
                    ", ".join(f"{k} {_kb(n)}" for k, n in ws["transferred_by_kind"].items()),
                ])
        lines += _table(["Page", "Lang", "Path", "HTML", "First load, transferred", "With search, transferred (results shown)", "With search, uncompressed", "Transferred by kind (with search)"], rows)
        how = sorted({w["search_opened_by"] for w in weights if w.get("search_opened_by")})
        if how:
            lines += [f"Search opened by: {'; '.join(how)}.", ""]
        errors = sorted({e for w in weights for e in w.get("browser_errors", [])})
        if errors:
            lines += ["Browser errors on these visits:", ""] + [f"- `{e[:300]}`" for e in errors[:15]] + [""]

    lines += ["## Lighthouse", ""]
    install = report.get("lighthouse_install")
    if install:
        lines += [f"Lighthouse {install.get('version')} (npm, Node {install.get('node')}; {install.get('installed', '')}); mobile (default form factor, simulated throttling); Chromium {CHROMIUM} with `{LIGHTHOUSE_FLAGS}`; against the same local gzip server.", ""]
    results = report.get("lighthouse") or []
    if results:
        rows = []
        for r in results:
            if r.get("skipped"):
                rows.append([r["page"], r["lang"], f"skipped: {r['skipped']}", "", "", "", "", ""])
            elif not r.get("ok"):
                rows.append([r["page"], r["lang"], "error", "", "", "", "", f"`{r['error'][-400:]}`"])
            else:
                s, mt = r["scores"], r["metrics"]
                fails = "; ".join(f"{k}: {', '.join(v)}" for k, v in r["failing_audits"].items() if v) or "none"
                rows.append([
                    r["page"], r["lang"], s.get("performance"), s.get("accessibility"), s.get("best-practices"), s.get("seo"),
                    f"FCP {mt.get('first-contentful-paint')}, LCP {mt.get('largest-contentful-paint')}, TBT {mt.get('total-blocking-time')}, CLS {mt.get('cumulative-layout-shift')}, SI {mt.get('speed-index')}",
                    fails,
                ])
        lines += _table(["Page", "Lang", "Performance", "Accessibility", "Best practices", "SEO", "Metrics", "Failing audits (not performance)"], rows)
        lines += ["Full Lighthouse reports: bench-results/lighthouse/*.json.", ""]
    else:
        error = install.get("error") if install else "skipped (--skip-lighthouse)"
        lines += [f"Lighthouse did not run: `{error}`", ""]
    return "\n".join(lines).rstrip() + "\n"


# -----------------------------------------------------------------------------
# Command line
# -----------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if argv[:1] == ["_build"]:
        return driver(argv[1:])
    parser = argparse.ArgumentParser(description="Benchmark the site; writes bench-results/bench-<time>.md and .json.")
    parser.add_argument("--sizes", default=",".join(map(str, FACTORS)), help="synthetic sizes, times the real data (default 1,5,10,20)")
    parser.add_argument("--repeats", type=int, default=3, help="strict builds per size; the median is reported (default 3)")
    parser.add_argument("--budget", type=float, default=14, help="minutes: the repeated and profiled builds fit in, most useful first (default 14)")
    parser.add_argument("--no-profile", action="store_true", help="no cProfile builds")
    parser.add_argument("--edits", type=int, default=3, help="edits timed in the edit loop (default 3)")
    parser.add_argument("--skip-edit-loop", action="store_true")
    parser.add_argument("--skip-browser", action="store_true", help="no page weight (Playwright)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    report = benchmark(args)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = args.out.resolve()
    text = markdown(report)
    for name in (f"bench-{stamp}", "latest"):
        (out / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        (out / f"{name}.md").write_text(text, encoding="utf-8")
    log(f"wrote {out / f'bench-{stamp}.md'} and .json in {report['total_s'] / 60:.1f} min")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
