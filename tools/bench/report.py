"""The benchmark's Markdown report, section by section, from the report's dict."""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

from tools.bench.editloop import EDIT_FILE, EDIT_PAGE, POLL_S, SETTLE_S
from tools.bench.lighthouse import LIGHTHOUSE_FLAGS
from tools.bench.units import kb, mb, mib, pct, s, table
from tools.browser import CHROMIUM

MARK = {True: "pass", False: "**FAIL**", None: "–"}

BUILD_NOTES = [
    "- Build time: wall time of a fresh process running `build(load_config(..., strict=True))` (Python start and imports included, as for `mkdocs build --strict`), both languages; CPU time (user + system) from `wait4` on that process, which includes the processes it waits for (Pagefind, git). Peak RSS: first the whole process tree at once (MkDocs and the Pagefind process it feeds run side by side; the RSS of every process in the tree, summed, sampled every 0.1 s from /proc, tools/bench/treemem.py), then the largest single process from `wait4` (Linux keeps the largest child's peak, not a sum), in brackets the peak RSS of the MkDocs process itself and of the largest process it ran (Pagefind), from `getrusage` inside it. One Pagefind process indexes the site, one part per language (plansite.searchindex): a language's part is built while the next language's pages are rendered, and dropped from Pagefind once its files are back, so Pagefind's peak is its largest language's, not the sum. The floor (tools/bench/pagefindfloor.py): Pagefind's own command-line indexer run on nothing but one language's pages of the same 20x site; Pagefind 1.6.0 builds a language's index in one go from all that language's words, and the site gives it nothing but the pages. Load avg: the 1-minute load average just before the build; the benchmark's own previous build keeps it near 1 to 2, so values well above 2 mean other work on this 2-core machine and suspect timings. \"first\": the first build of a fresh copy of the project, which compiles the theme's and the project's templates into .cache/jinja/; later builds reuse them, as repeated builds of a checkout (serve, tests, publishing) do.",
    "- Pages built: HTML pages written, per language, without 404 pages. Search index: Material's `search/search_index.json` if a build has one; the per-language sizes are its documents split by location, serialised alone.",
    "- Hooks (cProfile): a separate build under cProfile; the cumulative time of the top-level entries into code under hooks/ (calls from code that hooks code never reaches, plus the import of the hook script), over the whole profiled `build(load_config())`. Hooks (event timer): every timed build times the MkDocs events handled by hooks code and the hook script's import (they never nest), over the in-process build time, without profiler overhead.",
    "- The two hooks shares differ because cProfile slows Python code (MkDocs, Markdown and the hooks alike) about twice but not the time spent waiting for other processes (Pagefind, git): where the hooks run a subprocess, the event timer's share is the truer one.",
    "- Real: a snapshot of the working tree taken when the benchmark starts (others may edit it meanwhile), built with the repository's git history (GIT_DIR, read-only) for the pages' dates.",
    "- Synthetic sizes: tools/synth.py clones every plan N − 1 times (plan-2022-s2, ...; not current) with its measures, reports and meetings, references kept inside each clone; each passes `python -m plansite check`. 1x is an exact copy of data/ outside git (no `git log` dates).",
]


# The title line: when, which commit, which machine and versions, how long.
def _header(report: dict) -> list[str]:
    m, v, g = report["machine"], report["versions"], report["git"]
    quick = " **Quick run (`--quick`): one build of each kind, small settings; the figures show the bench works, they are not the site's figures.**" if report.get("settings", {}).get("quick") else ""
    return [
        "# Benchmark report",
        "",
        f"{report['started']}, commit {g['commit']}{' with uncommitted changes' if g['uncommitted_changes'] else ''}; "
        f"{m['cpu']}, {m['cores']} cores, {mib(m['memory_bytes'])} RAM; Python {v['python']}, MkDocs {v['mkdocs']}, "
        f"Material {v['mkdocs-material']}, mkdocs-static-i18n {v['mkdocs-static-i18n']}, Markdown {v['Markdown']}, {v.get('chromium')}. "
        f"The benchmark took {report['total_s'] / 60:.1f} min.{quick}",
        "",
        "## Targets",
        "",
        *table(["Target", "Measured", "Goal", "Result"], [[r["target"], r["measured"], r["goal"], MARK[r["pass"]]] for r in report["targets_result"]]),
    ]


# The search column of a size: Material's index and Pagefind's, per language.
def _search_cell(b: dict) -> str:
    search = []
    for index in b.get("search_indexes", [])[:1]:
        per = ", ".join(f"{lang} {mb(info.get('json_bytes'))}" for lang, info in index.get("documents_by_language", {}).items())
        search.append(f"lunr {mb(index['bytes'])} ({mb(index['gzip_bytes'])} gz): {per}")
    for found in b.get("pagefind", []):
        per = ", ".join(f"{lang} {mb(info['bytes'])}" for lang, info in found.get("languages", {}).items())
        search.append(f"Pagefind {mb(found['bytes'])}: {per}, shared {mb(found.get('shared_bytes'))}")
    return "; ".join(search) or "none"


# A build's peak memory: the process tree at once (if sampled), the largest process, MkDocs / Pagefind.
def _memory_cell(b: dict) -> str:
    single = f"{mib(b['peak_rss_bytes'])} ({mib(b['peak_rss_build_process_bytes'])} / {mib(b['peak_rss_largest_child_bytes'])})"
    tree = b.get("peak_tree_memory")
    return f"{mib(tree['peak_bytes'])} at once; {single}" if tree else single


# One row of the build table.
def _build_row(b: dict) -> list[Any]:
    c = b.get("counts", {})
    head = [b["size"], c.get("plans"), c.get("measures"), c.get("reports"), c.get("meetings")]
    if not b.get("ok"):
        return head + ["–", "failed"] + [""] * 9
    runs = b["runs"]
    spread = f" ({b['min_s']:.2f}–{b['max_s']:.2f}, {len(runs)} builds; first {runs[0]['wall_s']:.2f})" if len(runs) > 1 else " (1 build only)"
    profile = b.get("profile", {})
    return head + [
        f"{b['pages']} (" + " + ".join(f"{n} {lang}" for lang, n in b["pages_by_language"].items()) + ")",
        f"{b['median_s']:.2f} s{spread}", f"{b['median_cpu_s']:.2f} s", f"{b['max_load_before']:.2f}",
        f"{b['ms_per_page']:.1f} ({b['cpu_ms_per_page']:.1f} CPU)",
        _memory_cell(b), mb(b["output_bytes"]), _search_cell(b),
        pct(profile.get("hooks_share")) if "hooks_share" in profile else "not profiled", pct(b["hooks_timer_share"]),
    ]


# The build scaling table, Pagefind's indexes, failures, notes.
def _builds(report: dict) -> list[str]:
    head = ["Size", "Plans", "Measures", "Reports", "Meetings", "Pages built", "Strict build, median (min–max)", "CPU time, median", "Load avg before (max)",
            "ms/page (CPU ms/page)", "Peak RSS: whole tree at once; largest process (MkDocs process / largest child)", "Output", "Search index (file; per-language share)", "Hooks (cProfile)", "Hooks (event timer)"]
    lines = ["## Build scaling", "", *table(head, [_build_row(b) for b in report["builds"]])]
    lines += _pagefind(report)
    for b in report["builds"]:
        if not b.get("ok") and b.get("error"):
            lines += [f"- {b['size']}: the build failed: `{str(b['error'])[-600:]}`"]
        if b.get("profile", {}).get("error"):
            lines += [f"- {b['size']}: the cProfile build failed: `{str(b['profile']['error'])[-600:]}`"]
    lines += BUILD_NOTES + [""] + [f"- Note: {note}" for note in report.get("notes", [])] + [""]
    return lines + _hook_events(report)


# Pagefind's indexes per size and language.
def _pagefind(report: dict) -> list[str]:
    found = [(b["size"], p) for b in report["builds"] if b.get("ok") for p in b.get("pagefind", [])]
    if not found:
        return ["No pagefind/ folder in these builds.", ""]
    rows = []
    for size, p in found:
        for lang, info in p.get("languages", {}).items():
            rows.append([size, f"{p['folder']}/", lang, info["pages"], f"{info['index_chunks']} ({kb(info['index_bytes'])})", kb(info["fragment_bytes"]), kb(info["bytes"])])
        rows.append([size, f"{p['folder']}/", "all", "", "", f"shared {kb(p.get('shared_bytes'))}", f"{kb(p['bytes'])} in {p['files']} files"])
    intro = "Pagefind indexes (per language: its index chunks, page fragments, metadata and segmentation module; shared: UI scripts, styles, worker):"
    return [intro, "", *table(["Size", "Folder", "Language", "Pages", "Index chunks", "Fragments", "Total"], rows)]


# The event timer's split of the hooks' time, for the real data and 10x/20x.
def _hook_events(report: dict) -> list[str]:
    lines = []
    for b in report["builds"]:
        if b.get("ok") and b.get("hooks_timer_events_s") and b["size"] in ("real", "10x", "20x"):
            title = "real data, event timer, median build" if b["size"] == "real" else f"{b['size']}, event timer"
            rows = [[k, b["hooks_timer_event_calls"].get(k), f"{v:.3f}"] for k, v in b["hooks_timer_events_s"].items()]
            lines += [f"### Hooks, by event ({title})", "", *table(["Event: handler", "Calls", "Seconds"], rows)]
    return lines


# The stock baseline and the interleaved pairs.
def _baseline(report: dict) -> list[str]:
    base = report.get("baseline")
    if not base:
        return []
    lines = ["## The stack's floor: a stock Material + i18n build of the same size", ""]
    generated = base.get("generated", {})
    lines += [
        "A site generated by the bench (tools/bench/baseline.py): the real site's nav and as many pages per language as the real build "
        f"({', '.join(f'{n} {lang}' for lang, n in generated.get('pages_by_language', {}).items())}), each plain Markdown with a real page's own text "
        f"(mean {', '.join(f'{n} characters {lang}' for lang, n in generated.get('mean_text_chars', {}).items())}); the real mkdocs.yml's theme, "
        "features, i18n languages, Markdown extensions and validation, without the project's overrides, hooks, extra CSS/JS or Pagefind; "
        "the same pinned Material and mkdocs-static-i18n. After one warm-up build of it, real, baseline and cold real builds alternate (real, baseline, real cold, real, baseline, real cold ...), so the machine's load falls on all alike.",
        "",
    ]
    if base.get("error"):
        return lines + [f"The baseline build failed: `{str(base['error'])[-600:]}`", ""]
    rows = [[i + 1, s(p["real_s"]), s(p.get("real_cold_s")), s(p["baseline_s"]), f"{p['real_s'] / p['baseline_s']:.2f}x",
             f"{p['real_cold_s'] / p['baseline_s']:.2f}x" if p.get("real_cold_s") else "", f"{p['real_cpu_s'] / p['baseline_cpu_s']:.2f}x", f"{p['load_before']:.2f}"]
            for i, p in enumerate(base.get("pairs", []))]
    lines += table(["Pair", "Real build", "Real build, cold", "Baseline build", "Ratio", "Cold ratio", "CPU-time ratio", "Load avg before"], rows)
    lines += ["The real site keeps the checked data (.cache/catalogue/) and the search index's files (.cache/search-index/) by the hash of every input, "
              "so its repeated builds of one copy read them, as repeated builds of a checkout do (serve, tests, publishing); \"cold\" builds "
              "(PLANSITE_NO_CACHE=1) check the data and wait for Pagefind, as a fresh checkout's first build does. The target is judged on the cold ratio. "
              "Both keep the theme's compiled templates (.cache/jinja/), as they did before these caches.", ""]
    if base.get("ratio"):
        cold = (f"; cold: real {s(base['real_cold_median_s'])}: **{base['cold_ratio']:.2f}x** (CPU time {base['cold_cpu_ratio']:.2f}x)") if base.get("cold_ratio") else ""
        lines += [f"Medians: real {s(base['real_median_s'])}, baseline {s(base['baseline_median_s'])}: **{base['ratio']:.2f}x** (CPU time {base['cpu_ratio']:.2f}x){cold}. "
                  f"Baseline: {base.get('pages')} pages, peak {mib(base.get('peak_rss_bytes'))}, {mb(base.get('output_bytes'))} output; its warm-up build {s(base['first_build']['wall_s'])}.", ""]
    return lines + _floor(report)


# What the real build does that the stock build does not, per handler, cold and warm, and
# what of it the site's requirements make a floor: the search index first.
def _floor(report: dict) -> list[str]:
    base = report.get("baseline", {})
    warm_events, cold_events = base.get("events_warm_s"), base.get("events_cold_s")
    if not warm_events or not cold_events or not base.get("baseline_median_s"):
        return []
    stock = base["baseline_median_s"]
    goal = report.get("targets", {}).get("build_ratio_to_baseline", 1.1)
    allowance = stock * (goal - 1)
    names = sorted(set(warm_events) | set(cold_events), key=lambda name: -cold_events.get(name, warm_events.get(name, 0)))
    rows = [[name, f"{cold_events.get(name, 0):.3f}", f"{warm_events.get(name, 0):.3f}", FLOOR_WORK.get(name.split(": ")[-1], "")] for name in names]
    lines = ["### The floor: the site's own work, per handler (event timer, each handler's median over the paired builds)", "",
             *_build_parts(base),
             *table(["Event: script.handler", "Cold (s)", "Caches warm (s)", "Work the stock build does not do"], rows)]
    return lines + _required(base, cold_events, stock, goal, allowance)


# Where the cold real build's time goes against the stock build's: start, MkDocs, hooks.
def _build_parts(base: dict) -> list[str]:
    parts = base.get("parts") or {}
    real, stock = parts.get("real_cold"), parts.get("baseline")
    if not real or not stock:
        return []
    what = [("start_s", "Python's start and imports before MkDocs' build"),
            ("outside_hooks_s", "MkDocs, the theme and i18n outside the hooks (the stock build converts every page's Markdown here; the real one renders its generated pages in the hooks, and converts only docs/)"),
            ("hooks_s", "the hooks (every handler below, and the import of the hook scripts)"),
            ("wall_s", "the whole build")]
    rows = [[label, s(real[key]), s(stock[key]), f"{real[key] - stock[key]:+.2f} s"] for key, label in what]
    return ["The stock build has no search index (no Pagefind, no Japanese segmentation), no data to check, no pages made from data, and "
            "converts plain Markdown; the real build's generated pages skip Markdown and go through Jinja in the hooks instead.", "",
            *table(["Part of the build (medians)", "Real, cold", "Stock", "Difference"], rows)]


# The handlers' cold time by what the site must do; the search index's share against the
# allowance that the goal leaves above the stock build, and the ratio it alone sets.
def _required(base: dict, cold: dict, stock: float, goal: float, allowance: float) -> list[str]:
    grouped: dict[str, float] = {}
    for name, seconds in cold.items():
        handler = name.split(": ")[-1]
        group = next((label for label, handlers in REQUIRED if handler in handlers), "Other handlers")
        grouped[group] = grouped.get(group, 0.0) + seconds
    rows = [[label, s(seconds), f"{seconds / allowance:.1f}x" if allowance else "–"] for label, seconds in sorted(grouped.items(), key=lambda item: -item[1])]
    lines = [f"What the site must do that the stock build does not, cold (the handlers above, summed by purpose), against the {s(allowance)} "
             f"that {goal:g}x of the stock build's {s(stock)} leaves:", "", *table(["Work", "Cold", "Times the allowance"], rows)]
    search = search_index_seconds(cold)
    tail = cold.get(f"on_post_build: {SEARCH_TAIL}", 0.0)
    written = base.get("index_write") or {}
    said = [f"The search index alone, {s(search)} cold, is {search / allowance:.1f} times the allowance: with nothing else of the site's own, "
            f"the build would take {(stock + search) / stock:.2f}x the stock one. Its last step, {s(tail)} (`{SEARCH_TAIL}`), cannot overlap the rendering: "
            "Pagefind builds a language's part of the index from all its pages, and the last language's (Japanese, with its segmentation) can only start after its last page"]
    inside = base.get("search_finish_cold_s") or {}
    if inside.get("finish"):
        said.append(f". Inside it (timed in the cold builds): {s(inside.get('pages', 0))} waiting for Pagefind to take the last pages, "
                    f"{s(inside.get('parts', 0))} waiting for the parts' files (the last language's part, which Pagefind builds once its pages are all in), "
                    f"{s(inside.get('write', 0))} writing the index's files (the earlier parts' while Pagefind builds the last)")
    if written.get("files"):
        said.append(f"; writing all the index's {written['files']} files ({mb(written['bytes'])}) into an empty folder takes {s(written['write_s'])} on this disk "
                    "(measured apart, outside any build); the earlier languages' files are written while Pagefind builds the last part, "
                    "so that step is Pagefind's last part and the writing of that part's own files")
    everything = sum(grouped.values())
    said.append(f". The hooks' work, {s(everything)} cold, runs on the build's own thread, after what it saves outside them "
                "(the part \"MkDocs, the theme and i18n outside the hooks\" above); Pagefind's indexing of each page runs beside it, in its own process.")
    return lines + ["".join(said), ""]


# The cold seconds of the search index's handlers (REQUIRED's first row), from the event medians.
def search_index_seconds(events: dict[str, float]) -> float:
    """The seconds of every search-index handler in `events` ({"on_x: script.handler": s}), summed."""
    return sum(seconds for name, seconds in events.items() if name.split(": ")[-1] in REQUIRED[0][1])


# The last step of the search index: wait for Pagefind's last language and write its files.
SEARCH_TAIL = "search._write_index"

# The handlers by the work they do for the site, the search index first (see _required).
REQUIRED = [
    ("Search index (Pagefind, one per language, Japanese segmented)", {"search.on_config", "search.on_pre_build", "search.on_post_page", "search._index_unwritten_pages", "search._seal_language", SEARCH_TAIL}),
    ("Checking the data (JSON Schemas, every text's safety, links)", {"site.on_config"}),
    ("Pages made from the data (Jinja), breadcrumbs, notices, last-changed dates", {"site.on_page_content", "site.on_page_markdown", "site._announce_pages", "site._fill_pages", "site.on_nav"}),
    ("Structured data (JSON-LD, OpenGraph) and problem-report links", {"site.on_page_context"}),
    ("Material's stylesheets pruned to the rules the pages use", {"stylesheet.on_config", "stylesheet.on_pre_build", "stylesheet.on_post_page", "stylesheet.on_post_template", "stylesheet.on_post_build"}),
    ("Open data, feeds, PDF editions", {"site._add_open_data", "site._add_editions"}),
    ("Importing the hooks and plansite", {"import of the hook scripts"}),
]

# What each hook handler does that a stock Material + i18n build does not (for the floor table).
FLOOR_WORK = {
    "site.on_page_content": "generated pages' HTML from the data (Jinja), breadcrumbs, translation notice, last-changed date",
    SEARCH_TAIL: "waiting for Pagefind's last language (Japanese segmentation), writing its files",
    "search.on_post_page": "sending each page to Pagefind (waits when Pagefind's input is full)",
    "stylesheet.on_post_page": "noting the classes and data-md-* values each page uses, for the pruned stylesheet",
    "stylesheet.on_post_build": "Material's stylesheets pruned to the rules the pages use, written as one",
    "site.on_post_page": "Material's unnamed toggles removed",
    "site.on_post_build": "under serve, the pages written recorded",
    "site.on_config": "reading, checking (JSON Schemas, links) and modelling the data; the words of the build's language",
    "import of the hook scripts": "importing the hooks and plansite (Jinja, YAML, iCalendar; jsonschema only for data with problems)",
    "site.on_page_context": "each page's JSON-LD, OpenGraph and problem-report link",
    "site._add_open_data": "open data files and feeds (JSON, CSV, iCalendar, Atom)",
    "search._seal_language": "asking Pagefind for a language's part of the index",
    "search.on_pre_build": "starting Pagefind, with a Japanese sample to load its segmentation",
}


# Where the time goes in the real data's cProfile build.
def _profile(report: dict) -> list[str]:
    real = next((b for b in report["builds"] if b["size"] == "real" and b.get("ok")), None)
    if not real or "top_self" not in real.get("profile", {}):
        return []
    p = real["profile"]
    fn = (lambda r: f"`{r['function']}`")
    return [
        "## Where the time goes (real data, cProfile)", "",
        f"One strict build under cProfile: {p['profiled_total_s']:.1f} s profiled ({p['wall_s']:.1f} s wall; cProfile roughly doubles the time of this call-heavy code, so read shares, not seconds). "
        "The other languages' builds run inside the default language's `on_post_build` (mkdocs-static-i18n), so cumulative times of the outer functions include every language.", "",
        "### Self time by package", "", *table(["Package", "Self time", "Share"], [[r["group"], f"{r['self_s']:.2f} s", pct(r["share"])] for r in p["self_time_by_group"][:14]]),
        "### Parts of the build (cumulative; nested rows start with ...)", "", *table(["Part", "Cumulative", "Share"], [[r["phase"], f"{r['cumulative_s']:.2f} s", pct(r["share"])] for r in p["phases"] if r["found"]]),
        "### Top 10 functions by cumulative time (all code)", "", *table(["Function", "Package", "Calls", "Cumulative", "Share"], [[fn(r), r["group"], r["calls"], f"{r['cumulative_s']:.2f} s", pct(r["cumulative_share"])] for r in p["top_cumulative"]]),
        "### Top 10 functions by cumulative time: hooks code", "", *table(["Function", "Calls", "Cumulative", "Share"], [[fn(r), r["calls"], f"{r['cumulative_s']:.2f} s", pct(r["cumulative_share"])] for r in p["top_cumulative_hooks"]]),
        "### Top 15 functions by self time", "", *table(["Function", "Package", "Calls", "Self", "Cumulative"], [[fn(r), r["group"], r["calls"], f"{r['self_s']:.2f} s", f"{r['cumulative_s']:.2f} s"] for r in p["top_self"]]),
        "### Entries into hooks code (what the cProfile share sums)", "", *table(["Function", "Cumulative"], [[fn(r), f"{r['cumulative_s']:.3f} s"] for r in p["hooks_entries"]]),
        f"Calls into hooks code from inside hooks code (Jinja calling the hooks' templates back, modules the hooks import), not counted again: {p['hooks_nested_calls_not_counted_s']:.2f} s. The profile is kept in {p.get('file', 'the temporary folder')} (`python -m pstats`).", "",
    ]


# Self time by package for every profiled size (the real data's groups first, if profiled).
def _profile_sizes(report: dict) -> list[str]:
    profiled = [b for b in report["builds"] if b.get("ok") and "top_self" in b.get("profile", {})]
    if not [b for b in profiled if b["size"] != "real"]:
        return []
    groups = [r["group"] for r in profiled[0]["profile"]["self_time_by_group"][:8]]
    rows = []
    for b in profiled:
        shares = {r["group"]: r["share"] for r in b["profile"]["self_time_by_group"]}
        rows.append([b["size"], *(pct(shares.get(grp)) for grp in groups)])
    return ["### Self time by package, per size (cProfile)", "", *table(["Size", *groups], rows)]


# One edit loop's section.
def edit_loop(edit: dict, what: str = "`make serve` (every language)") -> list[str]:
    """The report's lines for one edit loop result."""
    lines = [f"### {what}", "", f"`{edit.get('command')}` on a copy of the project; change the first title of {EDIT_FILE}, then poll /{EDIT_PAGE} until it shows the new title. (`mkdocs serve` holds requests while it rebuilds, so the page is served when the whole rebuild has finished; under `make serve` it notices a save within {POLL_S} s, and waits {SETTLE_S} s for more saves. The server's CPU time for the rebuild does not grow with the machine's load as the wall time does.)"]
    if edit.get("error"):
        lines += ["", f"Error: `{edit['error']}`"]
    rows = [[i + 1, s(e["served_s"]), s(e["rebuild_finished_s"]), s(e.get("rebuild_cpu_s")), e.get("load", "–")] for i, e in enumerate(edit.get("edits", []))]
    lines += ["", *table(["Edit", "Saved → page served", "Saved → rebuild finished", "Server CPU for the rebuild", "Load average"], rows)]
    return lines + [f"First build on start: {s(edit.get('first_build_s'))}. MkDocs' own rebuild times: {', '.join(edit.get('server_build_times', []))}.", ""]


# Where a rebuild's time goes, and the floor of the edit loop it makes.
def edit_loop_steps(result: dict) -> list[str]:
    """The report's lines for the edit loop's steps and floor."""
    lines = ["### Where the rebuild's time goes: the floor on this stack", ""]
    floor = result.get("floor")
    if not floor:
        return lines + [f"Not measured: `{(result.get('error') or '')[-500:]}`", ""]
    wall = floor["rebuild_wall_s"]
    cpus = floor.get("steps_cpu_s", {})
    rows = [[step, s(seconds), pct(seconds / wall if wall else None), s(cpus.get(step))] for step, seconds in floor["steps_s"].items()]
    lines += [f"`make serve`'s rebuild after the same edit, both languages, in a process of its own (`python -m tools.bench.editloop`), each step's own time (median of {len(result.get('runs', []))} rebuilds; load average {floor['load']:.2f}). Every page is still made (its content tells whether it changed), a generated page's HTML rendered again only where what it read of the data changed (plansite.reuse); only the changed pages are written. Pagefind's index is made after the build, in the background: not part of this floor.", "",
              *table(["Step", "Wall time", "Share", "CPU time (share of the rebuild's)"], rows),
              f"Rebuild: {s(wall)} wall, {s(floor['rebuild_cpu_s'])} CPU. With noticing the save ({s(floor['notice_s'])}: a look every {POLL_S} s, then {SETTLE_S} s without another save), the edit loop cannot be shorter than {s(floor['floor_s'])} at this load, nor than {s(floor.get('idle_floor_s'))} on an idle core, without leaving out a step above.", ""]
    return lines


# The one-language edit loop's section.
def edit_loop_one(edit: dict) -> list[str]:
    """The report's lines for the one-language edit loop."""
    return edit_loop(edit, f"`make serve ONLY={edit.get('language', '')}` (one language)")


# One row of the page weight table.
def _weight_row(w: dict) -> list[Any]:
    if "error" in w and "with_search" not in w:
        return [w.get("page", "?"), w.get("lang", ""), "error: " + w["error"][:200], "", "", "", "", ""]
    if "skipped" in w:
        return [w["page"], w["lang"], f"skipped: {w['skipped']}", "", "", "", "", ""]
    fl, ws = w["first_load"], w["with_search"]
    shown = "yes" if w["search_results_shown"] else "no" if w["search_opened_by"] else "search not opened"
    return [w["page"], w["lang"], f"`{w['path']}`", f"{kb(w['html_bytes'])} ({kb(w['html_gzip_bytes'])} gz)",
            f"{kb(fl['transferred_bytes'])} in {fl['requests']} requests", f"{kb(ws['transferred_bytes'])} in {ws['requests']} requests ({shown})",
            kb(ws["uncompressed_bytes"]), ", ".join(f"{k} {kb(n)}" for k, n in ws["transferred_by_kind"].items())]


# The page weight section.
def page_weight(result: dict) -> list[str]:
    """The report's lines for the page weight result."""
    weights = result.get("pages", [])
    lines = ["## Page weight", "",
             "First visit in a fresh Chromium context (Playwright), against a local server that gzips text (level 6); transferred = the bodies' Content-Length as sent, counted by the server (so requests from the search worker count too); Pagefind's index, fragment and wasm files are gzip-compressed by Pagefind itself and sent as they are. \"With search\": after opening the site's search and typing one query (tools/bench/weight.py's SEARCH_QUERY), until the network is idle; in brackets whether results were shown. KB = 1,000 bytes.", ""]
    lines += table(["Page", "Lang", "Path", "HTML", "First load, transferred", "With search, transferred (results shown)", "With search, uncompressed", "Transferred by kind (with search)"], [_weight_row(w) for w in weights])
    how = sorted({w["search_opened_by"] for w in weights if w.get("search_opened_by")})
    lines += [f"Search opened by: {'; '.join(how)}.", ""] if how else []
    errors = sorted({e for w in weights for e in w.get("browser_errors", [])})
    return lines + (["Browser errors on these visits:", ""] + [f"- `{e[:300]}`" for e in errors[:15]] + [""] if errors else [])


# One row of the Lighthouse table.
def _lighthouse_row(r: dict) -> list[Any]:
    if r.get("skipped"):
        return [r["page"], r["lang"], f"skipped: {r['skipped']}", "", "", "", "", ""]
    if not r.get("ok"):
        return [r["page"], r["lang"], "error", "", "", "", "", f"`{r['error'][-400:]}`"]
    sc, mt = r["scores"], r["metrics"]
    fails = "; ".join(f"{k}: {', '.join(v)}" for k, v in r["failing_audits"].items() if v) or "none"
    metrics = f"FCP {mt.get('first-contentful-paint')}, LCP {mt.get('largest-contentful-paint')}, TBT {mt.get('total-blocking-time')}, CLS {mt.get('cumulative-layout-shift')}, SI {mt.get('speed-index')}"
    return [f"{r['page']} `{r['path']}`", r["lang"], sc.get("performance"), sc.get("accessibility"), sc.get("best-practices"), sc.get("seo"), metrics, fails]


# The Lighthouse section.
def lighthouse(result: dict) -> list[str]:
    """The report's lines for the Lighthouse result."""
    install, results = result.get("install", {}), result.get("pages", [])
    lines = ["## Lighthouse", ""]
    if install.get("version"):
        lines += [f"Lighthouse {install.get('version')} (npm, Node {install.get('node')}; {install.get('installed', '')}); mobile (default form factor, simulated throttling); Chromium {CHROMIUM} with `{LIGHTHOUSE_FLAGS}`; against the same local gzip server.", ""]
    if not results:
        return lines + [f"Lighthouse did not run: `{install.get('error') or 'skipped'}`", ""]
    lines += table(["Page", "Lang", "Performance", "Accessibility", "Best practices", "SEO", "Metrics", "Failing audits (not performance)"], [_lighthouse_row(r) for r in results])
    return lines + ["Full Lighthouse reports: bench-results/lighthouse/*.json.", ""]


# A measurement without a section of its own: its dict as JSON.
def _as_json(name: str, result: Any) -> list[str]:
    return [f"## {name}", "", "```json", json.dumps(result, indent=2, ensure_ascii=False, default=str)[:6000], "```", ""]


# The measurements' sections, in the registry's order (the edit loops under one heading).
def _measurements(report: dict, sections: Iterable[tuple[str, Callable[[dict], list[str]] | None]]) -> list[str]:
    lines: list[str] = []
    for name, render in sections:
        result = report.get(name)
        if result is None:
            continue
        if name.startswith("edit_loop") and "## Edit loop" not in lines:
            lines += ["## Edit loop", ""]
        lines += render(result) if render else _as_json(name, result)
    return lines


# The default sections, for a report rendered without the registry.
DEFAULT_SECTIONS = (("page_weight", page_weight), ("edit_loop", edit_loop), ("edit_loop_one_language", edit_loop_one), ("edit_loop_steps", edit_loop_steps), ("lighthouse", lighthouse))


# The whole report.
def markdown(report: dict, sections: Iterable[tuple[str, Callable[[dict], list[str]] | None]] = DEFAULT_SECTIONS) -> str:
    """The Markdown report of a benchmark's dict; `sections`: (name, renderer) of each measurement, in order."""
    lines = _header(report) + _baseline(report) + _builds(report) + _profile(report) + _profile_sizes(report) + _measurements(report, sections)
    return "\n".join(lines).rstrip() + "\n"
