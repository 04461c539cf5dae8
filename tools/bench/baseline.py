"""The stack's own floor: a stock Material + mkdocs-static-i18n site of the real site's size.

The bench writes, into a temporary folder, a site with the same number of pages per
language as the real build, the real site's nav, and plain Markdown pages whose text is
the real pages' own text (so of the same length and script), configured like the real
site (same theme features, i18n languages, Markdown extensions, validation) but stock:
no custom_dir, no hooks, no extra CSS or JavaScript, so no Pagefind. It is built with
the same pinned packages, interleaved with builds of the real site (real, baseline, real
cold, real, baseline, real cold ...) so that the machine's load falls on all alike, and
the real build's median time is reported as a ratio of the baseline's.

The real site keeps, in its project's .cache/, the checked data and the search index by
the hash of their inputs (plansite.checked, plansite.searchindex): its repeated builds of
one copy read them, as the repeated builds of a checkout do (serve, tests, publishing, CI
with a cache). "Cold" builds (PLANSITE_NO_CACHE=1) check the data and wait for Pagefind as
a fresh checkout's first build does; both ratios are reported, and the target is judged
on the cold one.
"""

from __future__ import annotations

import html
import re
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

import yaml

from tools.bench.builds import run_build, summarise, timed_build
from tools.bench.common import Context, log, read_config
from tools.bench.sitestats import language_of, pagefind_folders, site_stats

# Where the pages beyond the nav go (as deep as the real measure pages).
EXTRA_FOLDER = "plans/baseline/measures"
# Kept from the real mkdocs.yml as they are; the theme and plugins are kept without the project's parts.
KEPT = ("site_name", "docs_dir", "strict", "use_directory_urls", "edit_uri", "markdown_extensions", "validation", "extra")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|tr|div|dd|dt|th|td|caption|section|table|ul|ol|dl|header|nav)>|<br\s*/?>", re.I)
_MARKUP = re.compile(r"[\[\]<>*_`#|\\{}!]")


# The text of a built page's article (its title apart), one block per line.
def article_text(page: str) -> tuple[str, str]:
    """(title, text) of a built HTML page's <article>: the <h1>, and the rest as plain lines."""
    found = re.search(r"<article[^>]*>(.*)</article>", page, re.S) or re.search(r"<main[^>]*>(.*)</main>", page, re.S)
    body = re.sub(r"<(script|style|svg|template)\b.*?</\1>", " ", found.group(1) if found else "", flags=re.S | re.I)
    title_match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    title = _plain(title_match.group(1)) if title_match else ""
    if title_match:
        body = body.replace(title_match.group(0), " ", 1)
    lines = [_plain(line) for line in _BLOCK_END.sub("\n", body).split("\n")]
    return title, "\n".join(line for line in lines if line)


# HTML to a line of plain text with nothing Markdown would read as markup.
def _plain(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return " ".join(_MARKUP.sub(" ", text).split())


# The (title, text) of every page of the real built site, per language, in path order.
def page_texts(site: Path, langs: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Every built HTML page's title and article text (404 pages left out), per language."""
    texts: dict[str, list[tuple[str, str]]] = {lang: [] for lang in langs}
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        texts[language_of(relative, langs)].append(article_text(path.read_text(encoding="utf-8", errors="replace")))
    return texts


# The nav's file paths, in order (sections flattened).
def _nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_files(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in _nav_files(item)]
    return []


# A page of plain Markdown: the title, the text in paragraphs, a heading every three.
def page_markdown(title: str, text: str, number: int) -> str:
    """A plain Markdown page: `# title`, then `text`'s lines joined into paragraphs, with ## headings."""
    paragraphs, current = [], ""
    for line in text.split("\n"):
        current = f"{current} {line}".strip()
        if len(current) >= 200:
            paragraphs.append(current)
            current = ""
    paragraphs += [current] if current else []
    parts = [f"# {title or f'Page {number}'}", ""]
    for index, paragraph in enumerate(paragraphs):
        if index and index % 3 == 0:
            parts += [f"## Part {index // 3 + 1}", ""]
        parts += [paragraph, ""]
    return "\n".join(parts)


# The baseline's mkdocs.yml: the real one's settings, with the project's own parts left out.
def baseline_config(real: dict, site_url: str) -> dict:
    """The real mkdocs.yml made stock: no custom_dir, hooks, extra CSS/JS; i18n without build_only_locale."""
    config = {key: real[key] for key in KEPT if key in real}
    config["site_url"] = site_url
    config["theme"] = {key: value for key, value in real["theme"].items() if key != "custom_dir"}
    config["plugins"] = []
    for plugin in real.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin = {"i18n": {k: v for k, v in plugin["i18n"].items() if k != "build_only_locale"}}
        config["plugins"].append(plugin)
    config["nav"] = real.get("nav", [])
    return config


# Write the baseline project: mkdocs.yml and, per language, as many pages as `texts` has.
def generate(target: Path, texts: dict[str, list[tuple[str, str]]], real_config: dict, site_url: str) -> dict:
    """Write a stock site into `target` with len(texts[lang]) pages per language; what was written."""
    shutil.rmtree(target, ignore_errors=True)
    docs = target / real_config.get("docs_dir", "docs")
    docs.mkdir(parents=True)
    nav = _nav_files(real_config.get("nav", []))
    total = max((len(pages) for pages in texts.values()), default=0)
    names = (nav + [f"{EXTRA_FOLDER}/{n:03d}.md" for n in range(1, total + 1)])[:total]
    written: dict[str, int] = {}
    for lang, pages in texts.items():
        for number, (name, (title, text)) in enumerate(zip(names, pages), start=1):
            path = docs / f"{name[:-3]}.{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page_markdown(title, text, number), encoding="utf-8")
        written[lang] = min(len(pages), len(names))
    config = baseline_config(real_config, site_url)
    config["nav"] = _trim_nav(config["nav"], set(names))
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    chars = {lang: sum(len(text) for _, text in pages) // max(len(pages), 1) for lang, pages in texts.items()}
    return {"pages_by_language": written, "nav_pages": len([n for n in nav if n in names]), "mean_text_chars": chars}


# The nav without entries for pages the baseline does not have (a tiny baseline).
def _trim_nav(nav: Any, names: set[str]) -> Any:
    if isinstance(nav, list):
        return [item for item in (_trim_nav(entry, names) for entry in nav) if item not in (None, [], {})]
    if isinstance(nav, dict):
        return {key: kept for key, value in nav.items() if (kept := _trim_nav(value, names)) not in (None, [], {})}
    return nav if not isinstance(nav, str) or not nav.endswith(".md") or nav in names else None


# The baseline project of the real site's size, and its first (warm-up) build.
def _prepare(ctx: Context) -> dict:
    texts = page_texts(ctx.site, ctx.langs)
    project = ctx.work / "baseline"
    generated = generate(project, texts, read_config(ctx.snapshot), ctx.server.url)
    entry: dict[str, Any] = {"size": "baseline", "project": str(project), "env": {}, "runs": [], "generated": generated}
    site = ctx.work / "site-baseline"
    log("baseline: warm-up build (not counted)")
    entry["first_build"] = run_build(project, site, ctx.work, "build-baseline-warm-up", ctx.env)
    if entry["first_build"]["ok"]:
        entry.update(site_stats(site, ctx.langs))
    shutil.rmtree(site, ignore_errors=True)
    return entry


# Real and baseline builds in turn, `repeats` pairs; the ratio of their medians.
def compare(ctx: Context, real: dict, repeats: int) -> dict:
    """Build the baseline and the real site in turn (A, B, A, B ...); the real median as a ratio of the baseline's."""
    log("baseline: a stock Material + i18n site of the same size")
    entry = _prepare(ctx)
    if not entry["first_build"]["ok"]:
        entry.update(ok=False, error=entry["first_build"].get("error"))
        return entry
    # The real build without the project's caches of the checked data and the search index.
    cold: dict[str, Any] = {"size": "real-cold", "project": real["project"], "env": dict(real["env"], PLANSITE_NO_CACHE="1"), "runs": [], "pages": real.get("pages")}
    pairs, warm_runs = [], []
    for _ in range(repeats):
        real_run = timed_build(real, ctx.work, ctx.env)
        base_run = timed_build(entry, ctx.work, ctx.env)
        cold_run = timed_build(cold, ctx.work, ctx.env)
        warm_runs.append(real_run)
        pairs.append({"real_s": real_run["wall_s"], "baseline_s": base_run["wall_s"], "real_ok": real_run["ok"], "baseline_ok": base_run["ok"],
                      "real_cpu_s": real_run["cpu_s"], "baseline_cpu_s": base_run["cpu_s"], "load_before": real_run["load_before"],
                      "real_cold_s": cold_run["wall_s"], "real_cold_cpu_s": cold_run["cpu_s"], "real_cold_ok": cold_run["ok"]})
    summarise(real)
    summarise(entry)
    summarise(cold)
    entry["pairs"] = pairs
    # Each event's median over the paired builds, warm and cold (the real data's first
    # build, in build_all, is cold too and is left out of the warm figures).
    entry["events_warm_s"] = event_medians([r for r in warm_runs if r["ok"]])
    entry["events_cold_s"] = event_medians([r for r in cold["runs"] if r["ok"]])
    entry["search_finish_cold_s"] = event_medians([r for r in cold["runs"] if r["ok"]], "search_finish_s")
    entry["cold"] = {key: cold.get(key) for key in ("median_s", "median_cpu_s", "hooks_timer_share", "error")}
    entry.update(_ratios(pairs))
    entry["parts"] = build_parts([r for r in cold["runs"] if r["ok"]], [r for r in entry["runs"] if r["ok"]])
    entry["index_write"] = index_write(ctx.site, ctx.langs, ctx.work, repeats)
    log(f"baseline: real {entry.get('real_median_s', 0):.2f} s (cold {entry.get('real_cold_median_s') or 0:.2f} s) / baseline {entry.get('baseline_median_s', 0):.2f} s"
        f" = {entry.get('ratio') or 0:.2f}x (cold {entry.get('cold_ratio') or 0:.2f}x)")
    return entry


# Each hook event's median time over `runs` (an event a run lacks counts as 0 s there), or
# each figure of another dict of seconds in the runs (`key`).
def event_medians(runs: list[dict], key: str = "hooks_events_s") -> dict[str, float]:
    """The median seconds of every hook event (or every figure under `key`) over the runs, the slowest first."""
    names = {name for run in runs for name in run.get(key, {})}
    medians = {name: round(statistics.median(run.get(key, {}).get(name, 0.0) for run in runs), 4) for name in names}
    return dict(sorted(medians.items(), key=lambda item: -item[1]))


# Medians of the paired builds (both warm) and their ratios, wall and CPU time.
def _ratios(pairs: list[dict]) -> dict:
    good = [p for p in pairs if p["real_ok"] and p["baseline_ok"]]
    if not good:
        return {"ratio": None}
    real, base = statistics.median(p["real_s"] for p in good), statistics.median(p["baseline_s"] for p in good)
    real_cpu, base_cpu = statistics.median(p["real_cpu_s"] for p in good), statistics.median(p["baseline_cpu_s"] for p in good)
    ratios = {"real_median_s": real, "baseline_median_s": base, "ratio": real / base,
              "real_median_cpu_s": real_cpu, "baseline_median_cpu_s": base_cpu, "cpu_ratio": real_cpu / base_cpu}
    cold = [p for p in good if p.get("real_cold_ok")]
    if cold:
        cold_s, cold_cpu = statistics.median(p["real_cold_s"] for p in cold), statistics.median(p["real_cold_cpu_s"] for p in cold)
        base_s, base_cpu_s = statistics.median(p["baseline_s"] for p in cold), statistics.median(p["baseline_cpu_s"] for p in cold)
        ratios.update(real_cold_median_s=cold_s, real_cold_median_cpu_s=cold_cpu, cold_ratio=cold_s / base_s, cold_cpu_ratio=cold_cpu / base_cpu_s)
    return ratios


# Where a build's wall time goes, cold real against stock (medians): Python's start and the
# imports before MkDocs' build, MkDocs with the theme and i18n outside the hooks, the hooks.
def build_parts(real_runs: list[dict], base_runs: list[dict]) -> dict:
    """Medians of {start, outside the hooks, hooks, whole} seconds for the real (cold) and stock runs."""
    if not real_runs or not base_runs:
        return {}

    # One kind of build's medians.
    def parts(runs: list[dict]) -> dict:
        return {
            "start_s": statistics.median(r["wall_s"] - r["in_process_s"] for r in runs),
            "outside_hooks_s": statistics.median(r["in_process_s"] - r.get("hooks_total_s", 0.0) for r in runs),
            "hooks_s": statistics.median(r.get("hooks_total_s", 0.0) for r in runs),
            "wall_s": statistics.median(r["wall_s"] for r in runs),
        }

    return {"real_cold": parts(real_runs), "baseline": parts(base_runs)}


# The disk's share of the search index's last step: the real site's Pagefind files written
# into an empty folder, one by one as plansite.searchindex writes them, nothing else running.
def index_write(site: Path, langs: list[str], work: Path, repeats: int) -> dict:
    """Files, bytes and the median seconds of writing the site's Pagefind bundles afresh."""
    files = [(path.relative_to(site), path.read_bytes()) for folder in pagefind_folders(site, langs) for path in sorted(folder.rglob("*")) if path.is_file()]
    if not files:
        return {}
    target = work / "index-write"
    times = []
    for _ in range(max(repeats, 1)):
        shutil.rmtree(target, ignore_errors=True)
        started = time.perf_counter()
        for relative, content in files:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_bytes(content)
        times.append(time.perf_counter() - started)
    shutil.rmtree(target, ignore_errors=True)
    return {"files": len(files), "bytes": sum(len(content) for _, content in files), "write_s": statistics.median(times)}
