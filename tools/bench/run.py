"""Benchmark the site: build time against a stock baseline, scaling, the edit loop, page weight, Lighthouse.

    python -m tools.bench [--quick] [--sizes 1,5,10,20] [--budget 14] [--skip-lighthouse] [--keep]   (or: make bench)

Writes bench-results/bench-<time>.md and .json (and latest.md, latest.json). Run on
demand; it is not part of `make test`. In order, one thing at a time:

1. One strict build of the real data (a snapshot of the working tree) and of synthetic
   data 1x, 5x, 10x and 20x its size (tools/synth.py) (builds.py, sitestats.py).
2. A stock Material + mkdocs-static-i18n site of the same size, built in turn with the
   real one, for the build time as a ratio (baseline.py).
3. The measurements of MEASUREMENTS, each one module with one entry function: page
   weight (weight.py), the edit loop of `make serve` in every language and in one
   (editloop.py), Lighthouse (lighthouse.py; its npm install overlaps the page weight).
4. Within --budget minutes, most useful first: more builds of each size for their
   medians and cProfile builds (profiles.py); what did not fit is said in the report.

`--quick` runs each once on small settings (1x only, one build each, one edit, one
Lighthouse page) to show, in a few minutes, that the benchmark works.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Any

from tools.bench import baseline, editloop, lighthouse, machine, pdf, report, search, targets, weight
from tools.bench.builds import build_all, copy_project, summarise, timed_build
from tools.bench.common import ROOT, Context, Measurement, languages, log
from tools.bench.profiles import profile_build
from tools.bench.server import GzipServer

FACTORS = (1, 5, 10, 20)

# The measurements made on the real data's built site, in this order. Each is one module
# with one entry function `measure(context) -> dict` (stored in the report under its name),
# and optionally its report section and target rows (common.Measurement).
MEASUREMENTS: list[Measurement] = [
    Measurement("page_weight", weight.measure, report.page_weight, skip=lambda args: args.skip_browser),
    Measurement("edit_loop", editloop.measure_both, report.edit_loop, skip=lambda args: args.skip_edit_loop),
    Measurement("edit_loop_one_language", editloop.measure_one, report.edit_loop_one, skip=lambda args: args.skip_edit_loop),
    # Where the edit loop's rebuild spends its time: its floor on this stack.
    Measurement("edit_loop_steps", editloop.measure_floor, report.edit_loop_steps, skip=lambda args: args.skip_edit_loop),
    Measurement("lighthouse", lighthouse.measure, report.lighthouse, skip=lambda args: args.skip_lighthouse),
    # Search relevance, recall@5 and MRR per language (issue 15).
    Measurement("search", lambda ctx: search.run(ctx.site), search.markdown),
    # The PDF step of make publish, on the same snapshot of the project.
    Measurement("pdf", lambda ctx: pdf.pdf_step(ctx.report, ctx.snapshot, ctx.env)),
]
# Measurements that start work early (the npm install of Lighthouse), by name.
PREPARE = {"lighthouse": lighthouse.prepare}


# Run one measurement; a failure is recorded in its result, never lost with the rest.
def _measure(ctx: Context, measurement: Measurement) -> None:
    try:
        ctx.report[measurement.name] = measurement.measure(ctx)
    except Exception as error:
        log(f"{measurement.name} failed: {type(error).__name__}: {error}")
        ctx.report[measurement.name] = {"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()[-2000:]}


# The measurements of MEASUREMENTS that these settings run.
def _chosen(args: argparse.Namespace) -> list[Measurement]:
    return [m for m in MEASUREMENTS if not m.skip(args)]


# The environment of every build: the commit's time, the project importable (tools.bench.driver).
def _environment() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOURCE_DATE_EPOCH", machine.source_date_epoch())
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


# The report's opening: when, where, with what settings and goals.
def _opening(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine.machine(),
        "versions": machine.versions(),
        "git": machine.git(),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "targets": targets.TARGETS,
        "notes": [],
    }


# The whole benchmark; the report as a dict.
def benchmark(args: argparse.Namespace) -> dict:
    """Run every step (see the module's docstring) and return the report's dict."""
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # The server for page weight and Lighthouse binds now, so that the real data's site
    # can be built for the address it is served at (canonical links, alternates).
    (work / "served").mkdir()
    server = GzipServer(work / "served")
    # Other people edit the working tree while this runs: every build works on one snapshot
    # of it, taken now. Its git history stays readable (read-only) for the pages' dates.
    snapshot = copy_project(work / "project-real", ROOT / "data")
    ctx = Context(args, work, out, _environment(), snapshot, work / "served", server, languages(snapshot), _opening(args))
    ctx.report["snapshot"] = {"taken": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "of": str(ROOT)}
    try:
        _steps(ctx, began + args.budget * 60)
    finally:
        server.shutdown()
        server.server_close()
        if args.keep:
            ctx.note(f"Temporary files kept in {work}.")
        else:
            shutil.rmtree(work, ignore_errors=True)
    ctx.report["targets_result"] = targets.evaluate(ctx.report, [(m.name, m.targets) for m in MEASUREMENTS])
    ctx.report["total_s"] = round(time.perf_counter() - began, 1)
    return ctx.report


# The steps in order: first builds, the baseline pairs, the measurements, the optional builds.
def _steps(ctx: Context, deadline: float) -> None:
    ctx.report["builds"] = build_all(ctx, ctx.args.sizes)
    real = next(b for b in ctx.report["builds"] if b["size"] == "real")
    if real.get("ok") and not ctx.args.skip_baseline:
        ctx.report["baseline"] = baseline.compare(ctx, real, ctx.args.repeats)
    chosen = _chosen(ctx.args)
    for measurement in chosen:
        if measurement.name in PREPARE:
            PREPARE[measurement.name](ctx)
    ctx.server.start()
    for measurement in chosen:
        _measure(ctx, measurement)
    _more(ctx, deadline)


# The optional builds, most useful first: (size, "build" or "profile") in order.
def _optional_steps(ctx: Context, builds: dict[str, dict]) -> list[tuple[str, str]]:
    order = [("real", "build"), ("real", "profile"), ("1x", "build"), ("10x", "build"), ("1x", "profile"),
             ("5x", "build"), ("5x", "profile"), ("20x", "build"), ("10x", "profile"), ("20x", "profile")]
    order += [(size, kind) for size in builds for kind in ("build", "profile") if (size, kind) not in order]
    steps: list[tuple[str, str]] = []
    for size, kind in order:
        if size not in builds or (kind == "profile" and ctx.args.profile_sizes and size not in ctx.args.profile_sizes):
            continue
        # The real data's builds interleaved with the baseline's count as its repeats.
        paired = size == "real" and "pairs" in ctx.report.get("baseline", {})
        more = 0 if paired else ctx.args.repeats - len(builds[size]["runs"])
        steps += [(size, kind)] * (max(more, 0) if kind == "build" else 1)
    return steps


# The optional work, each step only if it should end within the budget (estimated from the
# size's slowest build so far; a cProfile build takes about 2.4 times as long).
def _more(ctx: Context, deadline: float) -> None:
    builds = {b["size"]: b for b in ctx.report["builds"] if b.get("ok")}
    skipped: dict[tuple[str, str], int] = defaultdict(int)
    for size, kind in _optional_steps(ctx, builds):
        build = builds[size]
        estimate = max(r["wall_s"] for r in build["runs"]) * (2.4 if kind == "profile" else 1.25) + 3  # the machine's load varies
        if (ctx.args.no_profile and kind == "profile") or time.perf_counter() + estimate > deadline:
            skipped[(size, kind)] += 1
        elif kind == "build":
            timed_build(build, ctx.work, ctx.env)
            summarise(build)
        else:
            profile_build(ctx, build)
    for (size, kind), count in skipped.items():
        what = f"{count} more strict build{'s' if count > 1 else ''}" if kind == "build" else "the cProfile build"
        why = "--no-profile" if ctx.args.no_profile and kind == "profile" else f"it would not have ended within the time budget (--budget {ctx.args.budget:g} min)"
        reason = f"{what} skipped: {why}" + ("; the hooks' share is the event timer's" if kind == "profile" else "")
        builds[size].setdefault("skipped", []).append(reason)
        ctx.note(f"{size}: {reason}.")


# The command line's options.
def parse_args(argv: list[str]) -> argparse.Namespace:
    """The benchmark's settings from the command line (--quick sets small ones)."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description="Benchmark the site; writes bench-results/bench-<time>.md and .json.")
    parser.add_argument("--quick", action="store_true", help="each measurement once on small settings (1x only, one build each, one edit, one Lighthouse page): a few minutes")
    parser.add_argument("--sizes", default=",".join(map(str, FACTORS)), help="synthetic sizes, times the real data (default 1,5,10,20)")
    parser.add_argument("--repeats", type=int, default=3, help="strict builds per size, and real/baseline pairs; the median is reported (default 3)")
    parser.add_argument("--budget", type=float, default=14, help="minutes: the repeated and profiled builds fit in, most useful first (default 14)")
    parser.add_argument("--no-profile", action="store_true", help="no cProfile builds")
    parser.add_argument("--edits", type=int, default=3, help="edits timed in the edit loop (default 3)")
    parser.add_argument("--lighthouse-pages", type=int, default=None, help="audit only the first N pages with Lighthouse (default: all)")
    parser.add_argument("--skip-baseline", action="store_true", help="no stock Material + i18n baseline (no build ratio)")
    parser.add_argument("--skip-edit-loop", action="store_true")
    parser.add_argument("--skip-browser", action="store_true", help="no page weight (Playwright)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in str(args.sizes).split(",") if size.strip()]
    args.profile_sizes = None
    if args.quick:
        args.sizes, args.repeats, args.edits, args.profile_sizes = [1], 1, 1, ["real"]
        args.lighthouse_pages = 1 if args.lighthouse_pages is None else args.lighthouse_pages
    return args


# Run the benchmark and write its reports.
def main(argv: list[str]) -> int:
    """`python -m tools.bench`: run, write bench-results/bench-<time>.md/.json and latest.*, print the report."""
    args = parse_args(argv)
    result = benchmark(args)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = args.out.resolve()
    text = report.markdown(result, [(m.name, m.markdown) for m in MEASUREMENTS])
    for name in (f"bench-{stamp}", "latest"):
        (out / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        (out / f"{name}.md").write_text(text, encoding="utf-8")
    log(f"wrote {out / f'bench-{stamp}.md'} and .json in {result['total_s'] / 60:.1f} min")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
