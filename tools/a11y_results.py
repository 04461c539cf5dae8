"""Run the automated accessibility checks and record their results per WCAG 2.1 success
criterion in data/accessibility-results.yaml, from which the test-results page is made.

    python -m tools.a11y_results [--out FILE]      (make a11y-results)

The site is built into a temporary folder, served on 127.0.0.1 and opened in Debian's
Chromium. On a sample of pages (one of every kind, in every language) it runs axe-core
(the copy axe-playwright-python ships) and HTML_CodeSniffer (the npm package, pinned,
installed under .cache/) and maps their findings to success criteria:

- a criterion with a finding of either tool is 'failed' (不適合);
- a criterion that an automated check decides on its own ('decides' in the data: no
  audio or video, no form that sends anything, every page's language named, the markup
  parsed) is 'passed' (適合) or 'not_applicable' (適用なし);
- every other criterion needs a person: 'not_tested' (未検証) until the web team records
  a result under `manual`, which this command keeps.

The criteria, their names and the web team's records are read from the file and kept;
only `tested`, `tools`, `languages`, `pages` and each criterion's `automated` are rewritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent

from plansite import paths  # noqa: E402
from plansite.links import page_url  # noqa: E402
from plansite.settings import from_config  # noqa: E402
from plansite.validate import check  # noqa: E402

from tools.browser import launch, serve  # noqa: E402

RESULTS_FILE = ROOT / "data" / "accessibility-results.yaml"
HTMLCS_VERSION = "2.5.1"
HTMLCS_PREFIX = ROOT / ".cache" / "npm-htmlcs"
HTMLCS_JS = HTMLCS_PREFIX / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HEADER = """\
# yaml-language-server: $schema=../hooks/plansite/schemas/accessibility-results.schema.json
# Accessibility test results per WCAG 2.1 success criterion (levels A and AA), shown on the
# test-results page. `make a11y-results` runs the automated checks and rewrites `tested`,
# `tools`, `languages`, `pages` and each criterion's `automated`; it keeps everything else.
# The web team records the checks a person makes under a criterion's `manual`:
#   manual: {result: passed, date: 2026-12-01, note: {en: ..., ja: ...}}
# (result: passed, passed_with_note, failed, not_applicable or not_tested). A failure the
# tools find outranks a person's earlier result.
"""

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The pages to test: one of every kind, by the kind's name, each as the page's path in a
# catalogue (plansite.paths). The tests sample the same pages (tests/pagetools.py), so the
# names are known before any catalogue is.
SAMPLE: dict[str, Callable[[Any], str]] = {
    "home": lambda catalogue: paths.home(),
    "plans index": lambda catalogue: paths.plans(),
    "plan": lambda catalogue: paths.plan(catalogue.current_plan),
    "pillars index": lambda catalogue: paths.pillars(catalogue.current_plan),
    "pillar": lambda catalogue: paths.pillar(_sample_measure(catalogue).pillar),
    "measures index": lambda catalogue: paths.measures(catalogue.current_plan),
    "measure": lambda catalogue: paths.measure(_sample_measure(catalogue)),
    "ministries index": lambda catalogue: paths.ministries(),
    "ministry": lambda catalogue: paths.ministry(catalogue.ministries[0]),
    "months index": lambda catalogue: paths.months(),
    "month": lambda catalogue: paths.month(catalogue.months[0]),
    "reports index": lambda catalogue: paths.reports(),
    "report": lambda catalogue: paths.report(catalogue.reports[-1]),
    "meetings index": lambda catalogue: paths.meetings(),
    "meeting": lambda catalogue: paths.meeting(catalogue.meetings[-1]),
    "finder": lambda catalogue: paths.finder(),
    "help": lambda catalogue: paths.help(),
    "open data": lambda catalogue: paths.open_data(),
    "translation status": lambda catalogue: paths.translation_status(),
    "about": lambda catalogue: paths.about(),
    "accessibility": lambda catalogue: paths.accessibility(),
    "accessibility results": lambda catalogue: paths.accessibility_results(),
    "site policy": lambda catalogue: paths.site_policy(),
    "privacy": lambda catalogue: paths.privacy(),
}


# The sample's page paths in `catalogue`, by kind, in the order of SAMPLE.
def sample(catalogue) -> dict[str, str]:
    """One page of every kind of the site, by the kind's name, as its page path."""
    return {kind: pick(catalogue) for kind, pick in SAMPLE.items()}


# The site's languages, the default one first, as mkdocs.yml declares them.
def languages(project: Path = ROOT) -> list[str]:
    return list(from_config(project).languages)


# The success criterion a finding names: axe's tag 'wcag143' or HTMLCS's code
# 'WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail' -> '1.4.3'.
def criteria_of_axe_tags(tags: list[str], known: set[str]) -> list[str]:
    found = []
    for tag in tags:
        match = re.fullmatch(r"wcag(\d)(\d)(\d+)", tag)
        if match:
            # 'wcag1410' is 1.4.10, 'wcag143' is 1.4.3 (no criterion has a two-digit guideline).
            first, second, rest = match.groups()
            candidate = f"{first}.{second}.{rest}"
            if candidate in known:
                found.append(candidate)
    return found


def criterion_of_htmlcs(code: str) -> str | None:
    match = re.search(r"\.(\d)_(\d+)_(\d+)\.", code)
    return ".".join(match.groups()) if match else None


# What one page shows to the checks that decide a criterion on their own.
PAGE_FACTS = """lang => ({
  media: document.querySelectorAll('audio, video, object, embed, iframe').length,
  sending_forms: Array.from(document.forms).filter(f => f.hasAttribute('action') || f.method !== 'get').length,
  page_language: document.documentElement.lang === lang ? 0 : 1,
})"""

# HTML_CodeSniffer's messages, each with whether its element is presented: it also
# reports elements that are not rendered at all (Material's hidden toggles, a closed
# dialog), which no reader and no assistive technology meets; axe skips those too.
RUN_HTMLCS = """() => new Promise(done => {
  const shown = el => !(el instanceof Element) || !document.body.contains(el) || el === document.body || el.getClientRects().length > 0;
  HTMLCS.process('WCAG2AA', document, () => done(HTMLCS.getMessages().map(m => ({type: m.type, code: m.code, shown: shown(m.element)}))));
})"""


# The results of every check on every page of the site served at `base`, gathered in
# one page of `browser` (a Playwright Chromium).
def run_checks(browser, base: str, pages: list[str], langs: list[str]) -> dict[str, Any]:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found: dict[str, Any] = {"axe": defaultdict(set), "htmlcs": defaultdict(set), "htmlcs_seen": set(), "facts": defaultdict(int)}
    page = browser.new_page()
    page.set_default_timeout(30000)
    found["chromium"] = browser.version

    # Run both tools on the page as it is now, and look at what decides criteria.
    def check(where: str, lang: str) -> None:
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        for violation in result.response["violations"]:
            found["axe"][(violation["id"], tuple(violation["tags"]))].add(where)
        found["axe_version"] = result.response["testEngine"]["version"]
        page.add_script_tag(path=str(HTMLCS_JS))
        for message in page.evaluate(RUN_HTMLCS):
            criterion = criterion_of_htmlcs(message["code"])
            if criterion:
                found["htmlcs_seen"].add(criterion)
                if message["type"] == 1 and message["shown"]:
                    found["htmlcs"][(message["code"], criterion)].add(where)
        for name, count in page.evaluate(PAGE_FACTS, lang).items():
            found["facts"][name] += count

    settings = from_config(ROOT)
    for lang in langs:
        folder = settings.folder(lang)  # where the language's pages are: the one rule, plansite.settings
        for path in pages:
            address = base + folder + page_url(path)
            response = page.goto(address)
            if not response or response.status != 200:
                raise SystemExit(f"{address}: HTTP {response.status if response else '?'}; is '{path}' a page of the site?")
            check(folder + page_url(path), lang)
        # The search dialog, open with results, on the language's home page.
        page.goto(base + folder)
        page.locator(".site-search__open").click()
        page.locator("#site-search-input").fill("INHOPE")
        page.wait_for_selector("a.site-search__result-link")
        check(folder + "#search", lang)
    # Which criteria axe has rules for at all.
    page.evaluate(axe.axe_script)
    found["axe_rules"] = page.evaluate("tags => axe.getRules(tags).map(r => r.tags)", AXE_TAGS)
    page.close()
    return found


# The automated part of each criterion, from what the checks found (pure).
def automated(criteria: list[dict], found: dict[str, Any]) -> dict[str, dict]:
    known = {c["id"] for c in criteria}
    axe_covers = {cid for tags in found["axe_rules"] for cid in criteria_of_axe_tags(tags, known)}
    failures: dict[str, list[dict]] = defaultdict(list)
    for (rule, tags), pages in sorted(found["axe"].items()):
        for cid in criteria_of_axe_tags(list(tags), known):
            failures[cid].append({"tool": "axe-core", "rule": rule, "pages": len(pages)})
    for (code, cid), pages in sorted(found["htmlcs"].items()):
        failures[cid].append({"tool": "HTML_CodeSniffer", "rule": code, "pages": len(pages)})
    out = {}
    for criterion in criteria:
        cid = criterion["id"]
        tools = [name for name, covered in (("axe-core", cid in axe_covers), ("HTML_CodeSniffer", cid in found["htmlcs_seen"])) if covered]
        decides = criterion.get("decides")
        if failures.get(cid):
            entry = {"result": "failed", "tools": tools, "failures": failures[cid]}
        elif decides in ("media", "sending_forms"):
            entry = {"result": "not_tested" if found["facts"][decides] else "not_applicable", "tools": tools}
        elif decides == "page_language":
            entry = {"result": "failed" if found["facts"][decides] else "passed", "tools": tools}
        elif decides == "parsing":
            # HTML_CodeSniffer parses every page; no error of its 4.1.1 checks: passed.
            entry = {"result": "passed", "tools": tools}
        else:
            entry = {"result": "not_tested", "tools": tools}
        out[cid] = entry
    return out


# The file's new content: the checks' results in place, everything else kept.
def update(data: dict, found: dict[str, Any], pages: list[str], langs: list[str], today: dt.date) -> dict:
    results = automated(data["criteria"], found)
    criteria = []
    for criterion in data["criteria"]:
        kept = {key: value for key, value in criterion.items() if key != "automated"}
        kept["automated"] = results[criterion["id"]]
        if "manual" in kept:  # after the automated part, where the web team adds it
            kept["manual"] = kept.pop("manual")
        criteria.append(kept)
    return {
        "tested": today.isoformat(),
        "tools": [
            {"name": "axe-core", "version": found["axe_version"]},
            {"name": "HTML_CodeSniffer", "version": HTMLCS_VERSION},
            {"name": "Chromium", "version": found["chromium"]},
        ],
        "languages": langs,
        "pages": pages,
        "criteria": criteria,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS_FILE)
    args = parser.parse_args(argv)
    _install_htmlcs()
    data = yaml.safe_load(RESULTS_FILE.read_text(encoding="utf-8"))
    catalogue = check(ROOT / "data", ROOT)
    pages = list(sample(catalogue).values())
    langs = languages()
    with tempfile.TemporaryDirectory(prefix="a11y-site-") as folder:
        site = Path(folder)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stderr[-4000:], file=sys.stderr)
            return result.returncode
        found = _in_chromium(site, pages, langs)
    new = update(data, found, pages, langs, dt.date.today())
    args.out.write_text(HEADER + yaml.safe_dump(new, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    tally: dict[str, int] = defaultdict(int)
    for entry in new["criteria"]:
        tally[entry["automated"]["result"]] += 1
    print(f"{args.out}: {len(pages)} pages x {len(langs)} languages; " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    return 0


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# The sampled measure (and its pillar): the middle one of the plan in force.
def _sample_measure(catalogue) -> Any:
    measures = catalogue.current_plan.measures
    return measures[len(measures) // 2]


# The checks in a Chromium of their own, on the site in `site` served on 127.0.0.1.
def _in_chromium(site: Path, pages: list[str], langs: list[str]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return run_checks(browser, base, pages, langs)
        finally:
            browser.close()


# HTML_CodeSniffer from the npm registry, pinned, into its own folder (npm prunes what
# another --no-save install put in a shared one).
def _install_htmlcs() -> None:
    if HTMLCS_JS.exists():
        return
    subprocess.run(
        ["npm", "install", "--silent", "--no-save", "--no-audit", "--no-fund", "--prefix", str(HTMLCS_PREFIX), f"html_codesniffer@{HTMLCS_VERSION}"],
        check=True,
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
    )


if __name__ == "__main__":
    sys.exit(main())
