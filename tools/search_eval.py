"""Measure the site's search engines on the same queries, in Chromium against the built site.

    python -m tools.search_eval [--site DIR] [--out FILE]

For each engine (Material's built-in lunr search, Pagefind) and each query, in the
language of the page the query is typed on: the top five result pages, whether a
measure the query is about is among them, and how many of them are in the other
language. Without --site it builds the project into a temporary folder with both
engines: Material's search plugin is switched on in a copy of mkdocs.yml, and
Pagefind indexes the same build. The browser helpers (a local server, Debian's Chromium)
are tools/browser.py's, shared with the tests.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tools.browser import launch, serve, site_path

ROOT = Path(__file__).resolve().parent.parent


# Copies of the project (this evaluation, tools/bench.py) have no .cache: they index with
# this repository's Pagefind, which make installs with npm.
def _use_our_pagefind() -> None:
    sys.path.insert(0, str(ROOT / "hooks"))
    from plansite.searchindex import NPM_PREFIX, installed_pagefind

    found = installed_pagefind(NPM_PREFIX)
    if found and "PLANSITE_PAGEFIND" not in os.environ:
        os.environ["PLANSITE_PAGEFIND"] = str(found)


_use_our_pagefind()

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A query typed on a page of one language."""

    lang: str
    text: str
    # The measures it is about: those whose title or text in that language names it,
    # or, for a ministry's name, those the ministry is responsible for.
    about_ministry: str | None = None


QUERIES = [
    # A name written the same in both languages: only the page's language may answer.
    Query("ja", "INHOPE"),
    Query("en", "INHOPE"),
    Query("ja", "支援センター"),
    Query("ja", "ワンストップ支援センター"),
    Query("ja", "フィルタリング"),
    Query("ja", "児童ポルノ"),
    Query("ja", "文部科学省", about_ministry="mext"),
    Query("en", "filtering"),
    Query("en", "Internet Hotline Center"),
    Query("en", "school counselors"),
]


@dataclass
class Outcome:
    engine: str
    query: Query
    top: list[str]  # site paths of the top five result pages, e.g. ja/plans/plan-2022/measures/4-8/
    expected: set[str]
    total: int | None = None

    @property
    def hit(self) -> bool:
        return bool(self.expected & set(self.top))

    @property
    def foreign(self) -> int:
        return sum(1 for url in self.top if _lang_of(url) != self.query.lang)


# -----------------------------------------------------------------------------
# Functions: the search boxes, in Chromium
# -----------------------------------------------------------------------------


# The first five distinct result pages of Material's search box, typed on `page`.
def material_top(page, base: str, query: str, n: int = 5) -> tuple[list[str], int | None]:
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    # Material reads the query on keyup; Japanese text is inserted without key events.
    field.press("End")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /\\d|No matching|何も見つかりません/.test(m.textContent); }",
        timeout=15000,
    )
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(
        "li.md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)"
    )
    top: list[str] = []
    for href in hrefs:
        path = site_path(base, href.split("#")[0])
        if path not in top:
            top.append(path)
    numbers = re.findall(r"\d+", meta.text_content() or "")
    return top[:n], int(numbers[0]) if numbers else 0


# The first five result pages of Pagefind's API, on the index of the page's language.
# `ranking`: Pagefind's ranking options, as the site's search dialog passes them.
def pagefind_top(page, base: str, query: str, n: int = 5, ranking: dict | None = None) -> tuple[list[str], int]:
    found = page.evaluate(
        """async ([bundle, query, n, ranking]) => {
            const pagefind = await import(bundle + "pagefind.js");
            if (ranking) await pagefind.options({ranking});
            const search = await pagefind.search(query);
            const data = await Promise.all(search.results.slice(0, n).map(r => r.data()));
            return {total: search.results.length, urls: data.map(d => d.url)};
        }""",
        [f"{base}pagefind/", query, n, ranking],
    )
    return [site_path(base, url) for url in found["urls"]], found["total"]


# The measures a query is about, as site paths in the query's language.
def expected_pages(catalogue, query: Query) -> set[str]:
    prefix = "ja/" if query.lang == "ja" else ""
    needle = query.text.casefold()
    found = set()
    for measure in catalogue.measures:
        if query.about_ministry:
            hit = any(m.id == query.about_ministry for m in measure.ministries)
        else:
            texts = [measure.title.get(query.lang) or ""] + [p.text.get(query.lang) or "" for p in measure.parts]
            hit = any(needle in text.casefold() for text in texts)
        if hit:
            found.add(f"{prefix}plans/{measure.plan.id}/measures/{measure.slug}/")
    return found


# -----------------------------------------------------------------------------
# Functions: the measurement
# -----------------------------------------------------------------------------


# Build the project with both engines into `target`.
def build_both(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("mkdocs.yml", "data", "docs", "hooks", "overrides"):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                project.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, project / name)
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        if not re.search(r"^  - search\b", config, re.M):
            config = config.replace("\nplugins:\n", "\nplugins:\n  - search:\n      lang: [en, ja]\n", 1)
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(target)],
            cwd=project, env=env, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise SystemExit(result.stderr[-4000:])
    if not (target / "pagefind").is_dir():
        run_pagefind(target)


# Index a built site with Pagefind (the extended binary, for Japanese segmentation).
def run_pagefind(site: Path) -> None:
    sys.path.insert(0, str(ROOT / "hooks"))
    from plansite.searchindex import pagefind_executable

    subprocess.run([str(pagefind_executable()), "--site", str(site), "--silent"], check=True)


def measure(site: Path, catalogue) -> list[Outcome]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "hooks"))
    from search import RANKING  # hooks/search.py

    outcomes = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for query in QUERIES:
            home = base + ("ja/" if query.lang == "ja" else "")
            expected = expected_pages(catalogue, query)
            if (site / "search/search_index.json").exists():
                page.goto(home)
                top, total = material_top(page, base, query.text)
                outcomes.append(Outcome("material", query, top, expected, total))
            if (site / "pagefind").is_dir():
                page.goto(home)
                top, total = pagefind_top(page, base, query.text, ranking=RANKING)
                outcomes.append(Outcome("pagefind", query, top, expected, total))
        browser.close()
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    lines = [
        "| engine | page | query | results | expected in top 5 | other language in top 5 | top 5 |",
        "|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        top = "<br>".join(o.top) or "(none)"
        lines.append(
            f"| {o.engine} | {o.query.lang} | {o.query.text} | {o.total} | "
            f"{'yes' if o.hit else 'NO'} ({len(o.expected & set(o.top))}) | {o.foreign} | {top} |"
        )
    for engine in sorted({o.engine for o in outcomes}):
        mine = [o for o in outcomes if o.engine == engine]
        lines.append("")
        lines.append(
            f"{engine}: {sum(o.hit for o in mine)}/{len(mine)} queries with an expected measure in the top five; "
            f"{sum(o.foreign for o in mine)} results in the other language."
        )
    return "\n".join(lines)


def _lang_of(path: str) -> str:
    return "ja" if path.startswith("ja/") else "en"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one with both engines)")
    parser.add_argument("--out", type=Path, help="write the table to this file too")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "hooks"))
    from plansite.validate import check

    catalogue = check(ROOT / "data", ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_both(site)
        text = table(measure(site, catalogue))
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
