"""The benchmark package (tools/bench) runs: its pieces, for real, on small inputs.

`make bench` takes a quarter of an hour and is not part of `make test`; these tests keep
its package from rotting silently: the baseline generator and a stock build of a small
baseline through the build driver, the gzip server, the targets and the Markdown report.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
import types
import urllib.request
from pathlib import Path

import yaml

from tools.bench import baseline, driver, editloop, report, run, targets
from tools.bench.builds import run_build
from tools.bench.common import ROOT, languages, read_config
from tools.bench.pagefindfloor import pagefind_alone
from tools.bench.profiles import analyse_profile, hook_scripts_of
from tools.bench.server import GzipServer
from tools.bench.sitestats import site_stats
from tools.bench.treemem import TreeMemory

PAGE = """<html><body><nav>menu</nav><article class="md-content__inner">
<h1>Title <em>one</em></h1><p>First [paragraph] with *stars* &amp; a <a href="x/">link</a>.</p>
<ul><li>item one</li><li>item two</li></ul><script>alert(1)</script></article></body></html>"""


# The languages come from mkdocs.yml's i18n plugin, the default first.
def test_languages_from_the_configuration() -> None:
    found = languages(ROOT)
    plugin = next(p["i18n"] for p in read_config(ROOT)["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert sorted(found) == sorted(item["locale"] for item in plugin["languages"])
    assert next(item for item in plugin["languages"] if item["locale"] == found[0]).get("default") is True


# A built page's article becomes a title and plain lines, with no Markdown markup or script left.
def test_article_text_is_plain() -> None:
    title, text = baseline.article_text(PAGE)
    assert title == "Title one"
    assert text.split("\n") == ["First paragraph with stars & a link .", "item one", "item two"]
    assert "menu" not in text and "alert" not in text


# The generator writes N pages per language with the real nav, and a stock strict build of it succeeds.
def test_baseline_generates_and_builds(tmp_path: Path) -> None:
    langs = languages(ROOT)
    count = 20
    texts = {lang: [(f"Page {lang} {n}", f"Text {n} " * 60 + "\nmore words") for n in range(count)] for lang in langs}
    project = tmp_path / "baseline"
    generated = baseline.generate(project, texts, read_config(ROOT), "http://127.0.0.1:8000/")
    assert generated["pages_by_language"] == {lang: count for lang in langs}
    config = read_config(project)
    assert "hooks" not in config and "custom_dir" not in config["theme"] and "extra_javascript" not in config
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    run = run_build(project, tmp_path / "site", tmp_path, "baseline", env)
    assert run["ok"], run.get("error")
    stats = site_stats(tmp_path / "site", langs)
    assert stats["pages_by_language"] == {lang: count for lang in langs}
    assert stats["pagefind"] == []
    assert run["hooks_total_s"] == 0


# A baseline smaller than the nav keeps only the nav entries it has pages for.
def test_small_baseline_trims_the_nav(tmp_path: Path) -> None:
    langs = languages(ROOT)
    texts = {lang: [("T", "words")] * 3 for lang in langs}
    baseline.generate(tmp_path, texts, read_config(ROOT), "http://127.0.0.1:8000/")
    nav = read_config(tmp_path)["nav"]
    assert len(baseline._nav_files(nav)) == 3
    assert all((tmp_path / "docs" / f"{name[:-3]}.{langs[0]}.md").exists() for name in baseline._nav_files(nav))


HOOK = """import time


def on_page_markdown(markdown, page, config, files):
    time.sleep(0.01)
    return markdown
"""


# The driver's hook timer and the cProfile analysis see a project's hook, on the pinned MkDocs:
# they patch MkDocs internals, so an upgrade that changes them fails here, not in a bench run.
def test_hook_timer_and_profile_see_the_hooks(tmp_path: Path) -> None:
    langs = languages(ROOT)
    project = tmp_path / "project"
    baseline.generate(project, {lang: [("T", "words " * 50)] * 3 for lang in langs}, read_config(ROOT), "http://127.0.0.1:8000/")
    (project / "hooks").mkdir()
    (project / "hooks" / "slow.py").write_text(HOOK, encoding="utf-8")
    config = read_config(project)
    config["hooks"] = ["hooks/slow.py"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    timed = run_build(project, tmp_path / "site", tmp_path, "timed", env)
    assert timed["ok"], timed.get("error")
    assert timed["hooks_event_calls"]["on_page_markdown: slow.on_page_markdown"] == 3 * len(langs)
    assert timed["hooks_events_s"]["on_page_markdown: slow.on_page_markdown"] >= 0.01 * 3 * len(langs)
    assert "import of the hook scripts" in timed["hooks_events_s"]
    profiled = run_build(project, tmp_path / "site", tmp_path, "profiled", env, profile=tmp_path / "build.prof")
    assert profiled["ok"], profiled.get("error")
    analysis = analyse_profile(tmp_path / "build.prof", project, hook_scripts_of(project))
    assert any("on_page_markdown" in entry["function"] for entry in analysis["hooks_entries"])
    assert 0 < analysis["hooks_share"] < 1
    assert next(p for p in analysis["phases"] if p["phase"].startswith("Markdown to HTML"))["found"]


# --quick: the real data and 1x only, one build each, one edit, one Lighthouse page; every
# registered measurement has a unique name.
def test_quick_settings_and_registry() -> None:
    args = run.parse_args(["--quick"])
    assert (args.sizes, args.repeats, args.edits, args.lighthouse_pages) == ([1], 1, 1, 1)
    names = [m.name for m in run.MEASUREMENTS]
    assert len(names) == len(set(names)) and "page_weight" in names and "lighthouse" in names


# The gzip server compresses text and counts what it sent, compressed and not.
def test_gzip_server_counts_compressed_bytes(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hello</p>" * 500, encoding="utf-8")
    server = GzipServer(tmp_path)
    server.start()
    try:
        request = urllib.request.Request(server.url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).decode() == "<p>hello</p>" * 500
        sent = server.take()
        assert [(e["path"], e["bytes"], e["raw_bytes"]) for e in sent] == [("/", len(body), 6000)]
    finally:
        server.shutdown()
        server.server_close()


# A small report: every miss shows its figure (the ratio, the page and its score).
def small_report() -> dict:
    pages = [{"path": "/ja/ministries/", "page": "matrix", "lang": "ja", "ok": True, "scores": {"performance": 100, "accessibility": 96, "best-practices": 100, "seo": 100},
              "metrics": {}, "failing_audits": {"accessibility": ["target-size: Touch targets"]}},
             {"path": "/", "page": "home", "lang": "en", "ok": True, "scores": {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100},
              "metrics": {}, "failing_audits": {}}]
    edit = {"command": "serve", "edits": [{"served_s": 3.2, "rebuild_finished_s": 3.3}], "median_served_s": 3.2, "server_build_times": []}
    return {
        "started": "2026-01-01T00:00:00+00:00", "total_s": 60, "notes": ["a note"], "settings": {"quick": True},
        "machine": {"cpu": "cpu", "cores": 2, "memory_bytes": 2**30}, "git": {"commit": "abc", "uncommitted_changes": False},
        "versions": {"python": "3.11", "mkdocs": "1.6", "mkdocs-material": "9", "mkdocs-static-i18n": "1.3", "Markdown": "3"},
        "builds": [{"size": "real", "ok": False, "error": "boom", "runs": []}],
        "baseline": {"ratio": 1.25, "real_median_s": 5.0, "baseline_median_s": 4.0, "cpu_ratio": 1.2, "pages": 374, "generated": {},
                     "pairs": [{"real_s": 5.0, "baseline_s": 4.0, "real_cpu_s": 6.0, "baseline_cpu_s": 5.0, "load_before": 1.0}], "first_build": {"wall_s": 4.5}},
        "edit_loop": edit, "edit_loop_one_language": dict(edit, median_served_s=1.6, language="en"),
        "lighthouse": {"install": {"version": "12"}, "pages": pages},
        "custom": {"recall": 0.9},
    }


# The targets and the report render from a small dict; misses carry their figures.
def test_report_renders_misses_with_figures() -> None:
    data = small_report()
    data["targets_result"] = targets.evaluate(data)
    rows = {row["target"]: row for row in data["targets_result"]}
    ratio = next(row for name, row in rows.items() if name.startswith("Real build ÷"))
    assert ratio["pass"] is False and "1.25x" in ratio["measured"]
    access = rows["Lighthouse mobile accessibility"]
    assert access["pass"] is False and "/ja/ministries/ 96" in access["measured"]
    assert rows["Lighthouse mobile performance"]["pass"] is False and "/ 99" in rows["Lighthouse mobile performance"]["measured"]
    edit = next(row for name, row in rows.items() if name.startswith("Edit loop of a measure change"))
    assert edit["pass"] is False and "3.20 s" in edit["measured"]
    text = report.markdown(data, [*report.DEFAULT_SECTIONS, ("custom", None)])
    assert "**FAIL**" in text and "1.25x" in text and "/ja/ministries/" in text
    assert "`make serve ONLY=en` (one language)" in text
    assert '"recall": 0.9' in text  # a registered measurement without a section of its own: its dict


# The edit loop's steps: each step is charged its own time only, the floor adds noticing
# the save to the rebuild, and the report and the targets show it.
def test_edit_loop_steps_and_floor() -> None:
    steps = editloop._Steps()
    inner = steps.timed("inner", lambda: time.sleep(0.05))
    outer = steps.timed("outer", lambda: (time.sleep(0.02), inner()))
    outer()
    assert 0.05 <= steps.seconds["inner"] < 0.2 and 0.02 <= steps.seconds["outer"] < 0.05
    named = [step for step, _ in editloop.STEPS]
    rendering = next(step for step in named if step.startswith("render the generated pages' HTML"))
    runs = [{"wall_s": 1.2, "cpu_s": 1.0, "load": 0.5, "steps": {named[1]: 0.3, rendering: 0.4}},
            {"wall_s": 1.0, "cpu_s": 0.9, "load": 0.7, "steps": {named[1]: 0.2, rendering: 0.4}}]
    floor = editloop.floor({"runs": runs})
    assert floor["rebuild_wall_s"] == 1.1 and floor["steps_s"][named[1]] == 0.25
    assert abs(floor["floor_s"] - (1.1 + editloop.POLL_S / 2 + editloop.SETTLE_S)) < 1e-9
    assert abs(sum(floor["steps_s"].values()) - 1.1) < 1e-9  # the rest makes up the rebuild
    data = small_report()
    data["edit_loop_steps"] = {"runs": runs, "floor": floor}
    data["targets_result"] = targets.evaluate(data)
    rows = {row["target"]: row for row in data["targets_result"]}
    row = next(row for name, row in rows.items() if name.startswith("Edit loop's floor"))
    assert "0.95 s rebuild CPU" in row["measured"] and f"{1.1 + editloop.POLL_S / 2 + editloop.SETTLE_S:.2f} s at load" in row["measured"]
    assert f"render the generated pages' HTML {0.4 * 0.95 / 1.1:.2f} s" in row["measured"]
    text = report.markdown(data, report.DEFAULT_SECTIONS)
    assert "Where the rebuild's time goes" in text and "check the data" in text


# The bench runs `mkdocs serve` as `make serve` does.
def test_edit_loop_serves_as_make_serve_does() -> None:
    assert "mkdocs serve " + " ".join(editloop.SERVE_FLAGS) in (ROOT / "Makefile").read_text(encoding="utf-8")


# With cold builds (PLANSITE_NO_CACHE=1) in the pairs, the target is judged on the cold
# ratio (a warm pass does not hide a cold miss) and the floor table lists the handlers, by
# script, and what the search index alone costs against the goal's allowance.
def test_the_build_target_is_judged_cold_and_the_floor_is_reported() -> None:
    data = small_report()
    events = {"on_page_content: site.on_page_content": 0.4, "on_post_build: search._write_index": 0.1, "on_config: site.on_config": 0.05,
              "on_post_page: search.on_post_page": 0.05, "on_post_page: stylesheet.on_post_page": 0.02}
    data["baseline"].update(ratio=1.05, real_median_s=4.2, cold_ratio=1.5, real_cold_median_s=6.0, cold_cpu_ratio=1.6, events_warm_s=events,
                            events_cold_s=dict(events, **{"on_post_build: search._write_index": 0.45, "on_config: site.on_config": 0.3}),
                            index_write={"files": 429, "bytes": 2_200_000, "write_s": 0.12},
                            search_finish_cold_s={"pages": 0.01, "parts": 0.3, "write": 0.1, "finish": 0.41},
                            parts={"real_cold": {"start_s": 0.3, "outside_hooks_s": 1.4, "hooks_s": 1.3, "wall_s": 3.0},
                                   "baseline": {"start_s": 0.25, "outside_hooks_s": 1.6, "hooks_s": 0.0, "wall_s": 1.85}})
    data["baseline"]["pairs"][0].update(real_s=4.2, real_cold_s=6.0, real_cold_cpu_s=8.0, real_cold_ok=True)
    data["targets_result"] = targets.evaluate(data)
    rows = {row["target"]: row for row in data["targets_result"]}
    ratio = next(row for name, row in rows.items() if name.startswith("Real build ÷"))
    assert ratio["pass"] is False and "cold 1.50x" in ratio["measured"] and "1.05x" in ratio["measured"]
    stock = data["baseline"]["baseline_median_s"]
    assert f"the search index alone (Pagefind, 0.50 s cold) sets {(stock + 0.5) / stock:.2f}x" in ratio["measured"]
    text = report.markdown(data, report.DEFAULT_SECTIONS)
    assert "### The floor" in text and "| on_post_build: search._write_index | 0.450 | 0.100 |" in text
    assert "Cold ratio" in text and "1.50x" in text
    allowance = stock * (targets.TARGETS["build_ratio_to_baseline"] - 1)
    # The search index's handlers together (0.45 + 0.05), against the allowance, and the ratio they alone set.
    assert f"| Search index (Pagefind, one per language, Japanese segmented) | 0.50 s | {0.5 / allowance:.1f}x |" in text
    assert f"the build would take {(stock + 0.5) / stock:.2f}x the stock one" in text
    assert "writing all the index's 429 files (2.2 MB) into an empty folder takes 0.12 s" in text
    assert "0.01 s waiting for Pagefind to take the last pages, 0.30 s waiting for the parts' files" in text
    assert "| the hooks (every handler below, and the import of the hook scripts) | 1.30 s | 0.00 s | +1.30 s |" in text


# The search index's last step, timed inside SearchIndex.finish: a wait for a page told
# from a wait for a part's files by the answer, the writes apart, nothing outside finish.
def test_the_index_tail_timer_tells_the_waits_from_the_writes(monkeypatch) -> None:
    module = types.ModuleType(driver.IndexTailTimer.MODULE)

    class SearchIndex:
        def _wait(self, message_id):
            time.sleep(0.01)
            return {"type": "GetFiles" if message_id == 2 else "IndexedFile"}

        def finish(self, output):
            self._wait(1)
            self._wait(2)
            module._write_files(output, [])
            return 1

    def _write_files(output, files):
        time.sleep(0.02)

    module.SearchIndex, module._write_files = SearchIndex, _write_files
    monkeypatch.setitem(sys.modules, driver.IndexTailTimer.MODULE, module)
    timer = driver.IndexTailTimer()
    assert timer.install()
    assert SearchIndex().finish(None) == 1
    SearchIndex()._wait(1)  # outside finish: not counted
    assert 0.01 <= timer.seconds["pages"] < 0.02 and 0.01 <= timer.seconds["parts"] < 0.02 and timer.seconds["write"] >= 0.02
    assert timer.seconds["finish"] >= 0.04


# An event's median over runs; an event missing from a run counts as 0 s there.
def test_event_medians_over_runs() -> None:
    runs = [{"hooks_events_s": {"a": 1.0, "b": 0.2}}, {"hooks_events_s": {"a": 3.0}}, {"hooks_events_s": {"a": 2.0, "b": 0.4}}]
    assert baseline.event_medians(runs) == {"a": 2.0, "b": 0.2}


# Two processes holding memory at the same time (as MkDocs and Pagefind do): the tree's
# sampled peak is their sum, which wait4's peak (the largest process alone) is not.
def test_tree_memory_sums_the_processes_running_at_once() -> None:
    # The child holds its memory for seconds: a loaded machine still samples it many times.
    child = "import time; held = bytearray(80 * 2**20); time.sleep(3)"
    parent = f"import subprocess, sys; held = bytearray(60 * 2**20); subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    process = subprocess.Popen([sys.executable, "-c", parent])
    tree = TreeMemory(process.pid)
    _, status, _ = os.wait4(process.pid, 0)
    memory = tree.stop()
    assert os.waitstatus_to_exitcode(status) == 0
    # The sum at once is more than any one process: wait4's maxrss (one process's) is not
    # compared, as a fork of a large test process can leave its size there.
    assert memory["peak_bytes"] >= 140 * 2**20
    assert memory["peak_bytes"] > max(p["peak_bytes"] for p in memory["processes"])
    assert [p["peak_bytes"] >= 60 * 2**20 for p in memory["processes"]] == [True, True]


# The 20x row is judged on the whole tree at once when it was sampled, and names each part.
def test_twenty_x_memory_is_judged_on_the_whole_tree() -> None:
    tree = {"peak_bytes": 900 * 2**20, "at_peak_bytes": {"pagefind_extended": 600 * 2**20, "python": 300 * 2**20},
            "processes": [{"pid": 1, "name": "python", "peak_bytes": 300 * 2**20}, {"pid": 2, "name": "pagefind_extended", "peak_bytes": 400 * 2**20},
                          {"pid": 3, "name": "pagefind_extended", "peak_bytes": 600 * 2**20}]}
    twenty = {"size": "20x", "ok": True, "peak_rss_bytes": 600 * 2**20, "peak_rss_build_process_bytes": 300 * 2**20,
              "peak_rss_largest_child_bytes": 600 * 2**20, "peak_tree_memory": tree}
    row = next(r for r in targets.evaluate({"builds": [twenty]}) if r["target"].startswith("20x data"))
    assert row["pass"] is False
    assert "whole build at once 900 MiB (pagefind_extended 600 MiB + python 300 MiB)" in row["measured"]
    assert "Pagefind's own peak: 400 MiB, 600 MiB" in row["measured"]
    # The floor beside it: Pagefind alone on each language's pages, the largest judged against the goal.
    twenty["pagefind_alone"] = {"en": {"pages": 10, "seconds": 1.0, "peak_rss_bytes": 400 * 2**20, "ok": True},
                                "ja": {"pages": 10, "seconds": 1.0, "peak_rss_bytes": 800 * 2**20, "ok": True}}
    row = next(r for r in targets.evaluate({"builds": [twenty]}) if r["target"].startswith("20x data"))
    assert "en 400 MiB (10 pages), ja 800 MiB (10 pages); the largest is above the goal by itself" in row["measured"]
    del twenty["pagefind_alone"]
    del twenty["peak_tree_memory"]
    row = next(r for r in targets.evaluate({"builds": [twenty]}) if r["target"].startswith("20x data"))
    assert row["pass"] is True and "largest single process 600 MiB" in row["measured"]


# The memory floor runs Pagefind's own indexer on each language's pages alone: the default
# language's pages without the other languages' folders inside it.
def test_the_memory_floor_indexes_each_language_alone(tmp_path: Path) -> None:
    from plansite.settings import from_config

    settings = from_config(ROOT)
    site = tmp_path / "site"
    written = {}
    for lang in settings.languages:
        folder = site / settings.folder(lang)
        for name in ("index.html", "a/index.html", "b/index.html")[: 2 + (lang == settings.default_language)]:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(f'<html lang="{lang}"><body><main data-pagefind-body><h1>{lang} {name}</h1><p>text</p></main></body></html>')
            written[lang] = written.get(lang, 0) + 1
    (site / "pagefind").mkdir()
    (site / "pagefind" / "stray.html").write_text("<html><body>not a page</body></html>")
    alone = pagefind_alone(site, settings, tmp_path)
    assert {lang: (result["pages"], result["ok"]) for lang, result in alone.items()} == {lang: (count, True) for lang, count in written.items()}
    assert all(result["peak_rss_bytes"] > 0 for result in alone.values())
