"""Strict builds of the real data and of synthetic data 1x-20x its size: time, memory, pages.

Each build runs in a fresh process (tools/bench/driver.py) on a copy of the project in
the benchmark's temporary folder; its wall time is process start to exit, as
`mkdocs build --strict` would take; its peak memory comes from wait4 (the largest single
process) and from sampling the whole process tree while it runs (treemem.py: MkDocs and
Pagefind side by side).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from plansite.settings import from_config
from tools.bench.common import PROJECT_PARTS, PYTHON, ROOT, Context, log
from tools.bench.pagefindfloor import pagefind_alone
from tools.bench.sitestats import site_stats
from tools.bench.treemem import TreeMemory

DATA_KINDS = (("plans", "plans/*.yaml"), ("measures", "measures/*/*.yaml"), ("reports", "reports/*.yaml"), ("meetings", "meetings/*.yaml"))


# A copy of the project's build inputs in `target`, with `data` as its data/.
def copy_project(target: Path, data: Path | None, source_root: Path = ROOT) -> Path:
    """Copy mkdocs.yml, docs/, hooks/, overrides/ (and `data` as data/) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        source = source_root / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    if data is not None:
        shutil.copytree(data, target / "data")
    # The copy indexes with the Pagefind that `make` installed in the repository (npm).
    pagefind = source_root / ".cache" / "pagefind"
    if pagefind.is_dir() and not (target / ".cache" / "pagefind").exists():
        (target / ".cache").mkdir(exist_ok=True)
        (target / ".cache" / "pagefind").symlink_to(pagefind.resolve(), target_is_directory=True)
    return target


# One build in a fresh process: its wall time (process start to exit, as `mkdocs build`
# would take), its peak RSS from wait4, and what the driver reports.
def run_build(project: Path, site: Path, work: Path, label: str, env: dict, profile: Path | None = None) -> dict:
    """Build `project` into `site` in a new process; the driver's outcome plus wall, CPU, RSS."""
    shutil.rmtree(site, ignore_errors=True)
    result_file, log_file = work / f"{label}.result.json", work / f"{label}.log"
    result_file.unlink(missing_ok=True)
    command = [PYTHON, "-m", "tools.bench.driver", str(project), str(site), str(result_file)]
    if profile:
        command += ["--profile", str(profile)]
    load = os.getloadavg()[0]
    with open(log_file, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        tree = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        memory = tree.stop()
    returncode = os.waitstatus_to_exitcode(status)
    outcome = json.loads(result_file.read_text(encoding="utf-8")) if result_file.exists() else {"ok": False}
    if returncode != 0 and not outcome.get("error"):
        outcome["error"] = log_file.read_text(encoding="utf-8", errors="replace")[-3000:]
    outcome.update(wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime, load_before=load,
                   max_rss_bytes=usage.ru_maxrss * 1024, returncode=returncode, log=str(log_file), tree_memory=memory)
    outcome["ok"] = outcome.get("ok", False) and returncode == 0
    return outcome


# One more timed build of a size, added to its runs; the site is kept only for the first.
def timed_build(entry: dict, work: Path, env: dict, site: Path | None = None) -> dict:
    """Run one more strict build of `entry` (a size of build_all) and append it to its runs."""
    number = len(entry["runs"]) + 1
    label = entry["size"]
    log(f"{label}: strict build {number}")
    site = site or work / f"site-{label}-{number}"
    run = run_build(Path(entry["project"]), site, work, f"build-{label}-{number}", dict(env, **entry["env"]))
    if number > 1 or not run["ok"]:
        shutil.rmtree(site, ignore_errors=True)
    failed = "" if run["ok"] else " FAILED: " + str(run.get("error"))[-300:]
    log(f"{label}: {run['wall_s']:.1f} s, {run['max_rss_bytes'] / 2**20:.0f} MiB{failed}")
    entry["runs"].append(run)
    return run


# The medians and peaks of a size's builds so far.
def summarise(entry: dict) -> None:
    """Set a size's median time, peak memory, ms per page and hooks' share from its runs."""
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
    # The process tree's sum at its peak (MkDocs and Pagefind side by side), from the run where it was largest.
    sampled = [r["tree_memory"] for r in good if r.get("tree_memory")]
    if sampled:
        entry["peak_tree_memory"] = max(sampled, key=lambda m: m["peak_bytes"])
    entry["hooks_timer_share"] = statistics.median(r["hooks_total_s"] / r["in_process_s"] for r in good)
    middle = sorted(good, key=lambda r: r["wall_s"])[(len(good) - 1) // 2]
    entry["hooks_timer_events_s"] = {k: round(v, 4) for k, v in sorted(middle["hooks_events_s"].items(), key=lambda kv: -kv[1])}
    entry["hooks_timer_event_calls"] = middle["hooks_event_calls"]
    entry["ms_per_page"] = entry["median_s"] * 1000 / entry["pages"] if entry["pages"] else None
    entry["cpu_ms_per_page"] = entry["median_cpu_s"] * 1000 / entry["pages"] if entry["pages"] else None


# The real data: the snapshot, built for the server's address, with the repository's history.
def _real_entry(ctx: Context) -> dict:
    entry: dict[str, Any] = {"size": "real", "factor": None, "project": str(ctx.snapshot)}
    entry["data"] = "a snapshot of the working tree, with the repository's git history for the pages' dates"
    entry["env"] = {"SITE_URL": ctx.server.url, "GIT_DIR": str(ROOT / ".git"), "GIT_WORK_TREE": str(ctx.snapshot)}
    entry["counts"] = {kind: len(list((ctx.snapshot / "data").glob(pattern))) for kind, pattern in DATA_KINDS}
    return entry


# Synthetic data `factor` times the real data's size, checked, in a copy of the project.
def _synthetic_entry(ctx: Context, factor: int) -> dict:
    from tools import synth

    label = f"{factor}x"
    entry: dict[str, Any] = {"size": label, "factor": factor, "env": {}, "project": str(ctx.work / f"project-{label}")}
    started = time.perf_counter()
    data = ctx.work / f"data-{label}"
    entry["counts"] = synth.generate(ctx.snapshot / "data", data, factor)
    ok, message = synth.check(data, PYTHON)
    entry["check"] = {"ok": ok, "message": message[-2000:]}
    copy_project(Path(entry["project"]), data, ctx.snapshot)
    shutil.rmtree(data)
    entry["generate_s"] = round(time.perf_counter() - started, 1)
    entry["data"] = "tools/synth.py, in a temporary copy of the project (not a git checkout)"
    if not ok:
        log(f"{label}: the synthetic data does not pass the check: {message[-500:]}")
        entry["error"] = "synthetic data failed `python -m plansite check`"
    return entry


# One strict build of every size; the real data's site is what the server then serves.
def build_all(ctx: Context, factors: list[int]) -> list[dict]:
    """The first strict build of the real data and of each synthetic size, with the sites' statistics."""
    builds = []
    # Synthetic data is generated just before its build: one size on disk at a time. The
    # largest size goes first, right after the real data: its memory is a target (20x
    # within 768 MiB), and it is the build most likely to fail.
    ordered = sorted(factors, reverse=True)
    for entry in itertools.chain([_real_entry(ctx)], (_synthetic_entry(ctx, f) for f in ordered)):
        builds.append(entry)
        entry["runs"] = []
        if entry.get("error"):
            continue
        site = ctx.work / f"site-{entry['size']}"
        if timed_build(entry, ctx.work, ctx.env, site)["ok"]:
            entry.update(site_stats(site, ctx.langs))
            if factors and entry["factor"] == max(factors):
                # The largest size's memory is a target: what Pagefind alone needs is its floor.
                entry["pagefind_alone"] = pagefind_alone(site, from_config(Path(entry["project"])), ctx.work)
            if entry["factor"] is None:
                shutil.rmtree(ctx.site)
                shutil.copytree(site, ctx.site)
        shutil.rmtree(site, ignore_errors=True)
        summarise(entry)
    # The report lists the sizes smallest first.
    return builds[:1] + sorted(builds[1:], key=lambda entry: entry["factor"])
