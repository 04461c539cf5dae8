"""What the figures were measured on: the machine, the package versions, the commit."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from tools.bench.common import PROJECT_PARTS, ROOT, suppress
from tools.browser import CHROMIUM

PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "Jinja2", "jsonschema", "playwright")


# Python's, the stack's and Chromium's versions.
def versions() -> dict:
    """The versions of Python, the stack's packages and Chromium."""
    found: dict = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    try:
        found["chromium"] = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        found["chromium"] = None
    return found


# CPU, cores, memory, system.
def machine() -> dict:
    """The CPU, its cores, the memory and the system."""
    cpu = ""
    with suppress():
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "")
    memory = None
    with suppress():
        memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) * 1024
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "memory_bytes": memory, "system": platform.platform()}


# The commit measured, and whether the build inputs had uncommitted changes.
def git() -> dict:
    """The short commit and whether mkdocs.yml, docs/, hooks/, overrides/ or data/ had uncommitted changes."""
    # One git command's output.
    def run(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    return {"commit": run("rev-parse", "--short", "HEAD"), "uncommitted_changes": bool(run("status", "--porcelain", "--", *PROJECT_PARTS, "data"))}


# The commit's time, for reproducible builds (as the Makefile sets it).
def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH as the Makefile computes it: the last commit's time, or 0."""
    return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout.strip() or "0"
