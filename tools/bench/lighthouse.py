"""Lighthouse mobile scores of the pages weighed (npm, installed under bench-results/.tools/)."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from tools.bench.common import Context, localised, log
from tools.bench.weight import PAGES
from tools.browser import CHROMIUM

LIGHTHOUSE_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
# Pinned. Lighthouse 13 needs Node >= 22.19; Debian bookworm's Node is 20, which 12.8.2 supports.
LIGHTHOUSE_NEW = ("13.5.0", (22, 19))
LIGHTHOUSE_OLD = "12.8.2"
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")

# The install started by prepare(), while the page weight is measured.
_install: dict[str, Any] = {}
_installer: threading.Thread | None = None


# Node's version, or None without Node.
def _node_version() -> tuple[int, int] | None:
    try:
        out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    major, minor, *_ = out.lstrip("v").split(".")
    return int(major), int(minor)


# The pinned Lighthouse this Node supports, installed once with npm under `tools`.
def install_lighthouse(tools: Path) -> dict:
    """Install the pinned Lighthouse under `tools` (if not there yet); its binary or the error."""
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
        cwd=folder, capture_output=True, text=True,
    )
    info["install_s"] = round(time.perf_counter() - started, 1)
    if result.returncode != 0 or not binary.exists():
        return {**info, "ok": False, "error": (result.stderr or result.stdout).strip()[-2000:]}
    return {**info, "ok": True, "binary": str(binary), "installed": "now"}


# Start installing Lighthouse in the background (npm's network time overlaps the page weight).
def prepare(ctx: Context) -> None:
    """Begin the npm install of Lighthouse in a background thread."""
    global _installer
    _install.clear()
    _installer = threading.Thread(target=lambda: _install.update(install_lighthouse(ctx.out / ".tools")), daemon=True)
    _installer.start()


# Lighthouse's failing audits of every category but performance.
def _failing(report: dict) -> dict[str, list[str]]:
    audits = report["audits"]
    return {
        key: [
            f"{ref['id']}: {audits[ref['id']]['title']}"
            for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
        ]
        for key, category in report["categories"].items()
        if key != "performance"
    }


# One Lighthouse run on `url`: scores, metrics and failing audits, or the error.
def run_lighthouse(binary: str, url: str, out: Path) -> dict:
    """Run Lighthouse (mobile, simulated throttling) on `url`; its JSON report written to `out`."""
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
    audits = report["audits"]
    return {
        "ok": True,
        "seconds": elapsed,
        "lighthouse": report.get("lighthouseVersion"),
        "form_factor": report.get("configSettings", {}).get("formFactor"),
        "scores": {key: None if c["score"] is None else round(c["score"] * 100) for key, c in report["categories"].items()},
        "metrics": {key: audits[key].get("displayValue") for key in METRICS if key in audits},
        "failing_audits": _failing(report),
        "report": str(out),
    }


# Every page of PAGES in every language (or the first --lighthouse-pages of them), audited.
def measure(ctx: Context) -> dict:
    """Lighthouse on the weighed pages: {"install": ..., "pages": [...]}."""
    if _installer is None:
        prepare(ctx)
    _installer.join()
    install = dict(_install)
    if not install.get("ok"):
        ctx.note(f"Lighthouse could not be installed: {install.get('error')}")
        return {"install": install, "pages": []}
    folder = ctx.out / "lighthouse"
    folder.mkdir(exist_ok=True)
    pages = [(name, lang, localised(path, lang, ctx.langs)) for name, path in PAGES for lang in ctx.langs]
    limit = getattr(ctx.args, "lighthouse_pages", None)
    results = []
    for name, lang, page_path in pages[:limit]:
        entry: dict[str, Any] = {"page": name, "lang": lang, "path": f"/{page_path}"}
        if not (ctx.site / page_path / "index.html").exists():
            entry["skipped"] = "the page does not exist in this build"
        else:
            log(f"lighthouse: /{page_path}")
            entry.update(run_lighthouse(install["binary"], f"{ctx.server.url}{page_path}", folder / f"{name}-{lang}.json"))
            if not entry["ok"]:
                log(f"lighthouse failed: {entry['error'][-300:]}")
        results.append(entry)
    return {"install": install, "pages": results}
