"""Search relevance: recall@5 and MRR per language, in Chromium against the built site.

    python -m tools.bench.search [--site DIR] [--pagefind BINARY ...] [--out FILE]

The queries are the committed test set (tests/search/): generated from the glossary and
the measures' titles (tools/search_queries.py) and natural questions written by hand.
Each is asked as the site's search dialog asks it, on a page of its language: the
dialog's own search (ranking, the plan filter: the plan in force unless the query is
about a superseded plan only). A query is found when one of its expected measures is
among the first five results (recall@5); MRR is the mean of 1/rank of the first
expected measure within the first ten (0 beyond).

Without --site it builds the project (once for each --pagefind binary given, to compare
Pagefind versions; by default with the binary the site uses). `make bench` calls `run`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tools.browser import launch, serve, site_path
from tools.search_queries import site_languages

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "search"
DEPTH = 10  # how many results MRR looks at
TOP = 5  # recall@TOP
TARGET = 0.95  # recall@5 wanted in every language

# Asks the dialog's search (or, on a site whose dialog has none, Pagefind's API with the
# dialog's ranking options, as that dialog did) and returns the first result addresses.
RANKED = """async ([query, scope, depth]) => {
  const dialog = document.getElementById("site-search");
  if (dialog && dialog.plansiteSearch) return await dialog.plansiteSearch(query, {plan: scope}, depth);
  const bundle = dialog.getAttribute("data-bundle");
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({ranking: JSON.parse(dialog.getAttribute("data-ranking") || "{}")});
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, depth).map(r => r.data()));
  return data.map(d => d.url);
}"""

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass
class Outcome:
    """One query, asked: where its first expected measure came (0: not in the first ten)."""

    lang: str
    query: dict
    top: list[str]
    rank: int = 0

    @property
    def found(self) -> bool:
        return 0 < self.rank <= TOP


@dataclass
class Scores:
    """Recall@5 and MRR of a group of queries."""

    n: int = 0
    found: int = 0
    rr: float = 0.0
    misses: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.n += 1
        self.found += outcome.found
        self.rr += 1 / outcome.rank if outcome.rank else 0.0
        if not outcome.found:
            self.misses.append(outcome)

    @property
    def recall(self) -> float:
        return self.found / self.n if self.n else 0.0

    @property
    def mrr(self) -> float:
        return self.rr / self.n if self.n else 0.0


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The test set of every language: {lang: [query, ...]}, each query tagged with its file.
def load_queries(folder: Path = QUERIES) -> dict[str, list[dict]]:
    sets: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("*-*.yaml")):
        kind, lang = path.stem.rsplit("-", 1)
        for query in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            sets.setdefault(lang, []).append(dict(query, set=kind))
    return sets


# Ask every query on the built site in `site`; the outcomes, in the order asked.
# `ranking`, if given, replaces the dialog's Pagefind ranking options (to compare them).
def ask(site: Path, queries: dict[str, list[dict]], ranking: str | None = None) -> list[Outcome]:
    from playwright.sync_api import sync_playwright

    default_lang = site_languages()[1]
    outcomes = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        for lang, items in queries.items():
            page.goto(base + ("" if lang == default_lang else f"{lang}/"))
            if ranking:
                page.evaluate("r => document.getElementById('site-search').setAttribute('data-ranking', r)", ranking)
            for query in items:
                urls = page.evaluate(RANKED, [query["query"], query.get("scope", "current"), DEPTH])
                top = [site_path(base, url.split("#")[0]) for url in urls]
                expected = set(query["expect"])
                rank = next((i + 1 for i, path in enumerate(top) if path in expected), 0)
                outcomes.append(Outcome(lang, query, top, rank))
        browser.close()
    return outcomes


# Scores per language, and per language and kind of query (set, features).
def score(outcomes: list[Outcome]) -> dict[str, dict[str, Scores]]:
    table: dict[str, dict[str, Scores]] = {}
    for o in outcomes:
        groups = ["all", o.query["set"]] + [f"feature: {f}" for f in o.query.get("features", [])]
        for group in groups:
            table.setdefault(o.lang, {}).setdefault(group, Scores()).add(o)
    return table


# Build the project into `site` with a given Pagefind binary (None: the site's own).
def build(site: Path, pagefind: Path | None = None) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if pagefind:
        env["PLANSITE_PAGEFIND"] = str(pagefind)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-4000:])


# The version a Pagefind binary says it is.
def version(binary: Path | None) -> str:
    if binary is None:
        from plansite.searchindex import pagefind_executable

        binary = pagefind_executable()
    return subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()


# For `make bench` (tools/bench.py): the relevance of the site it built, as plain data.
def run(site: Path) -> dict:
    try:
        table = score(ask(site, load_queries()))
    except Exception as error:  # noqa: BLE001 - the bench reports it and goes on
        return {"error": f"{type(error).__name__}: {error}"}
    return as_data(table)


# Scores as plain data (JSON), with the queries missed.
def as_data(table: dict[str, dict[str, Scores]]) -> dict:
    return {
        lang: {
            group: {
                "queries": s.n,
                "recall_at_5": round(s.recall, 4),
                "mrr": round(s.mrr, 4),
                **({"misses": [{"query": o.query["query"], "made": o.query["made"], "rank": o.rank, "top": o.top[:TOP]} for o in s.misses]} if group == "all" else {}),
            }
            for group, s in groups.items()
        }
        for lang, groups in table.items()
    }


# The report's Markdown section (a list of lines), from `run`'s data.
def markdown(data: dict | None, title: str = "## Search relevance") -> list[str]:
    if not data:
        return []
    lines = [title, ""]
    if "error" in data:
        return lines + [f"Not measured: {data['error']}", ""]
    lines += [
        "Recall@5 (an expected measure among the first five results) and MRR (first ten), by the site's own",
        f"search dialog in Chromium, on the committed test set (tests/search/). Target: recall@5 ≥ {TARGET:.0%} per language.",
        "",
        "| language | queries | recall@5 | MRR |",
        "|---|---|---|---|",
    ]
    for lang, groups in data.items():
        for group, s in groups.items():
            lines.append(f"| {lang} {'' if group == 'all' else '— ' + group} | {s['queries']} | {s['recall_at_5']:.1%} | {s['mrr']:.3f} |")
    for lang, groups in data.items():
        misses = groups["all"].get("misses", [])
        if misses:
            lines += ["", f"Missed ({lang}): " + "; ".join(f"“{m['query']}” ({m['made']}, rank {m['rank'] or '>10'})" for m in misses)]
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one per --pagefind)")
    parser.add_argument("--pagefind", type=Path, action="append", help="a Pagefind binary to build with (repeat to compare)")
    parser.add_argument("--out", type=Path, help="write the report (Markdown) here too")
    parser.add_argument("--ranking", help="Pagefind ranking options (JSON) instead of the site's, to compare")
    parser.add_argument("--verbose", action="store_true", help="list every miss with its top five")
    args = parser.parse_args(argv)
    queries = load_queries()
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(args.site, None)] if args.site else [(Path(tmp) / f"site-{i}", b) for i, b in enumerate(args.pagefind or [None])]
        for site, binary in runs:
            if not args.site:
                build(site, binary)
            outcomes = ask(site, queries, ranking=args.ranking)
            data = as_data(score(outcomes))
            lines += markdown(data, f"## Search relevance, {version(binary) if not args.site else site}")
            if args.verbose:
                for o in outcomes:
                    if not o.found:
                        lines.append(f"- {o.lang} “{o.query['query']}” ({o.query['made']}, {o.query.get('scope')}): rank {o.rank or '>10'}; top: {', '.join(o.top[:TOP]) or '(none)'}")
                lines.append("")
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
