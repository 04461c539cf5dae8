"""The benchmark's goals (issues 12 and 15) and whether a report meets them.

Every row shows the figure measured, met or not; a miss also names what missed (the
page and its score, the language).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from tools.bench.report import search_index_seconds
from tools.bench.units import kb, mib, pct, s

TARGETS = {
    "build_ratio_to_baseline": 1.1,  # real build / stock Material + i18n build of the same size
    "hooks_share": 0.10,
    "ms_per_page_ratio_10x": 1.3,
    "peak_rss_20x_bytes": 768 * 2**20,
    "edit_loop_s": 1.0,  # `make serve`, both languages
    "measure_first_visit_bytes": 150_000,  # compressed, with one search
    "measure_html_bytes": 60_000,
    "lighthouse_performance": 100,
    "lighthouse_other": 100,  # accessibility, best practices, SEO
}
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


# A target row.
def _row(name: str, measured: Any, goal: str, passed: bool | None) -> dict:
    return {"target": name, "measured": measured, "goal": goal, "pass": passed}


# value <= limit, or None when not measured.
def _le(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


# The build's rows: ratio to the baseline, the hooks' share, scaling, 20x memory.
def _build_rows(report: dict) -> list[dict]:
    builds = {b["size"]: b for b in report.get("builds", [])}
    real, base = builds.get("real", {}), report.get("baseline", {})
    ratio, cold = base.get("ratio"), base.get("cold_ratio")
    measured = (f"{ratio:.2f}x: real {s(base['real_median_s'])} / baseline {s(base['baseline_median_s'])} "
                f"(medians of {len(base['pairs'])} interleaved pairs; CPU time {base['cpu_ratio']:.2f}x)") if ratio else "not measured"
    if cold:
        # Judged cold: a fresh checkout's build (CI without a cache) checks the data and waits for Pagefind.
        search = search_index_seconds(base.get("events_cold_s") or {})
        floor = f"; the search index alone (Pagefind, {s(search)} cold) sets {(base['baseline_median_s'] + search) / base['baseline_median_s']:.2f}x (see the floor)" if search else ""
        measured = (f"cold {cold:.2f}x: real {s(base['real_cold_median_s'])} / baseline {s(base['baseline_median_s'])} (CPU time {base['cold_cpu_ratio']:.2f}x){floor}; "
                    f"repeat build, caches warm: {measured}")
    rows = [_row("Real build ÷ stock Material + i18n build of the same size (median, both languages)", measured,
                 f"≤ {TARGETS['build_ratio_to_baseline']}x", _le(cold or ratio, TARGETS["build_ratio_to_baseline"]))]
    share = real.get("profile", {}).get("hooks_share")
    rows.append(_row("Real data: hooks' share of the build (cProfile)",
                     f"{share:.1%} (event timer, unprofiled: {real.get('hooks_timer_share', 0):.1%})" if share is not None else f"not profiled (event timer: {pct(real.get('hooks_timer_share'))})",
                     f"≤ {TARGETS['hooks_share']:.0%}", _le(share, TARGETS["hooks_share"])))
    one, ten = builds.get("1x", {}), builds.get("10x", {})
    scale = ten["ms_per_page"] / one["ms_per_page"] if one.get("ms_per_page") and ten.get("ms_per_page") else None
    rows.append(_row(f"ms/page at 10x within {TARGETS['ms_per_page_ratio_10x']}x of 1x",
                     f"{ten['ms_per_page']:.1f} vs {one['ms_per_page']:.1f} ms/page = {scale:.2f}x (CPU time: {ten['cpu_ms_per_page'] / one['cpu_ms_per_page']:.2f}x)" if scale else "not measured",
                     f"≤ {TARGETS['ms_per_page_ratio_10x']}x", _le(scale, TARGETS["ms_per_page_ratio_10x"])))
    rows.append(_memory_row(builds.get("20x")))
    return rows


# The 20x build's memory: the whole process tree at once (MkDocs and Pagefind side by
# side, sampled) is judged when it was sampled, else the largest single process (wait4).
def _memory_row(twenty: dict | None) -> dict:
    limit = TARGETS["peak_rss_20x_bytes"]
    goal = f"completes, ≤ {mib(limit)}"
    if not twenty:
        return _row("20x data completes, peak memory", "not run", goal, None)
    tree = twenty.get("peak_tree_memory")
    single = (f"largest single process {mib(twenty.get('peak_rss_bytes'))} (MkDocs process {mib(twenty.get('peak_rss_build_process_bytes'))}, "
              f"largest child process {mib(twenty.get('peak_rss_largest_child_bytes'))})")
    if tree:
        parts = " + ".join(f"{name} {mib(size)}" for name, size in tree["at_peak_bytes"].items())
        pagefind = ", ".join(mib(p["peak_bytes"]) for p in tree["processes"] if p["name"].startswith("pagefind"))
        measured = f"whole build at once {mib(tree['peak_bytes'])} ({parts}); {single}; Pagefind's own peak: {pagefind or '–'}"
        peak = tree["peak_bytes"]
    else:
        measured, peak = single, twenty.get("peak_rss_bytes", 2**40)
    done = "completed" if twenty.get("ok") else "did not complete"
    return _row("20x data completes, peak memory", f"{done}, {measured}{_memory_floor(twenty)}", goal, bool(twenty.get("ok")) and peak <= limit)


# The floor under the 20x build's memory: Pagefind alone on each language's pages (pagefindfloor.py).
def _memory_floor(twenty: dict) -> str:
    alone = twenty.get("pagefind_alone")
    if not alone:
        return ""
    each = ", ".join(f"{lang} {mib(result['peak_rss_bytes'])} ({result['pages']} pages)" for lang, result in alone.items() if result.get("ok"))
    largest = max((result["peak_rss_bytes"] for result in alone.values() if result.get("ok")), default=None)
    if largest is None:
        return "; Pagefind alone on one language's pages: did not complete"
    verdict = "above the goal by itself, before MkDocs is counted" if largest > TARGETS["peak_rss_20x_bytes"] else "within the goal"
    return f". Floor: Pagefind's own indexer alone on one language's pages of the same site: {each}; the largest is {verdict}"


# The edit loop's rows: both languages against the goal, one language reported beside it.
def _edit_rows(report: dict) -> list[dict]:
    edit, one = report.get("edit_loop"), report.get("edit_loop_one_language")
    goal = f"≤ {s(TARGETS['edit_loop_s'])}"
    rows = [_row("Edit loop of a measure change, `make serve` (both languages), save to page served (median)",
                 _edit_figure(edit), goal, _le((edit or {}).get("median_served_s"), TARGETS["edit_loop_s"]))]
    if one:
        rows.append(_row(f"Edit loop, one language (`make serve ONLY={one.get('language', '')}`), for comparison", _edit_figure(one), "reported", None))
    floor = (report.get("edit_loop_steps") or {}).get("floor")
    if floor:
        steps = floor.get("steps_cpu_s") or floor["steps_s"]
        largest = sorted(steps.items(), key=lambda item: -item[1])[:4]
        rows.append(_row("Edit loop's floor on this stack (noticing the save + the rebuild's steps, both languages; see the edit loop's steps)",
                         f"{s(floor.get('idle_floor_s'))} on an idle core = {s(floor['notice_s'])} noticing + {s(floor['rebuild_cpu_s'])} rebuild CPU "
                         f"({s(floor['floor_s'])} at load {floor['load']:.2f}); largest (CPU): " + "; ".join(f"{step.split(' (')[0]} {s(seconds)}" for step, seconds in largest),
                         "reported", None))
    return rows


# The edit loop's median, or why there is none.
def _edit_figure(edit: dict | None) -> str:
    if not edit:
        return "not run"
    cpu = f", server CPU {s(edit['median_rebuild_cpu_s'])}" if edit.get("median_rebuild_cpu_s") is not None else ""
    load = f", load {edit['load']:.2f}" if edit.get("load") is not None else ""
    return s(edit.get("median_served_s")) + cpu + load + (f" (error: {edit['error'][:200]})" if edit.get("error") else "")


# The measure page's weight rows (worst language, named).
def _weight_rows(report: dict) -> list[dict]:
    pages = [w for w in report.get("page_weight", {}).get("pages", []) if w.get("page") == "measure" and "with_search" in w]
    if not pages:
        return [_row("Measure page weight", "not measured", f"≤ {kb(TARGETS['measure_first_visit_bytes'])} / ≤ {kb(TARGETS['measure_html_bytes'])}", None)]
    worst = max(pages, key=lambda w: w["with_search"]["transferred_bytes"])
    sent = worst["with_search"]["transferred_bytes"]
    html = max(pages, key=lambda w: w["html_bytes"])
    return [
        _row("Measure page: first visit with one search, transferred compressed (worst language)",
             f"{kb(sent)} ({worst['lang']}; results shown: {'yes' if worst['search_results_shown'] else 'no'})", f"≤ {kb(TARGETS['measure_first_visit_bytes'])}",
             sent <= TARGETS["measure_first_visit_bytes"]),
        _row("Measure page: HTML (worst language, uncompressed)", f"{kb(html['html_bytes'])} ({html['lang']})", f"≤ {kb(TARGETS['measure_html_bytes'])}",
             html["html_bytes"] <= TARGETS["measure_html_bytes"]),
    ]


# Lighthouse's rows: per category the worst page, and every page under the goal with its score.
def _lighthouse_rows(report: dict) -> list[dict]:
    results = report.get("lighthouse", {}).get("pages", [])
    done = [r for r in results if r.get("ok")]
    if not done:
        return [_row("Lighthouse mobile", "did not run (see below)", str(TARGETS["lighthouse_performance"]), None)]
    rows = []
    for key in LIGHTHOUSE_CATEGORIES:
        goal = TARGETS["lighthouse_performance" if key == "performance" else "lighthouse_other"]
        scored = [r for r in done if r["scores"].get(key) is not None]
        if not scored:
            continue
        worst = min(r["scores"][key] for r in scored)
        misses = ", ".join(f"{r['path']} {r['scores'][key]}" for r in scored if r["scores"][key] < goal)
        measured = f"{worst} (worst of {len(scored)} pages" + (f"; below {goal}: {misses})" if misses else ")")
        rows.append(_row(f"Lighthouse mobile {key}", measured, str(goal), worst >= goal))
    return rows


# Every target row of a report; measurements registered in run.py may add their own.
def evaluate(report: dict, extra: Iterable[tuple[str, Callable[[dict], list[dict]] | None]] = ()) -> list[dict]:
    """The report's target rows: builds, edit loop, page weight, Lighthouse, then each extra measurement's."""
    rows = _build_rows(report) + _edit_rows(report) + _weight_rows(report) + _lighthouse_rows(report)
    for name, targets in extra:
        if targets and isinstance(report.get(name), dict):
            rows += targets(report[name])
    return rows
