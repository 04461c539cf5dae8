"""The accessibility test results: the data (every WCAG 2.1 A/AA criterion, once), the page
made from it in both languages, a person's record taking its place, the command's mapping
of findings to criteria, and the command's checks in Chromium on a few pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, build_site
from pagetools import LANGS, address, file_of, read, resolve

from plansite import a11y, dates, paths
from tools import a11y_results

DATA = ROOT / "data" / "accessibility-results.yaml"

# WCAG 2.1's success criteria of levels A and AA: 30 and 20.
LEVEL_A = "1.1.1 1.2.1 1.2.2 1.2.3 1.3.1 1.3.2 1.3.3 1.4.1 1.4.2 2.1.1 2.1.2 2.1.4 2.2.1 2.2.2 2.3.1 2.4.1 2.4.2 2.4.3 2.4.4 2.5.1 2.5.2 2.5.3 2.5.4 3.1.1 3.2.1 3.2.2 3.3.1 3.3.2 4.1.1 4.1.2".split()
LEVEL_AA = "1.2.4 1.2.5 1.3.4 1.3.5 1.4.3 1.4.4 1.4.5 1.4.10 1.4.11 1.4.12 1.4.13 2.4.5 2.4.6 2.4.7 3.1.2 3.2.3 3.2.4 3.3.3 3.3.4 4.1.3".split()


def data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def test_every_criterion_of_levels_a_and_aa_is_listed_once():
    criteria = data()["criteria"]
    ids = [c["id"] for c in criteria]
    assert len(ids) == len(set(ids)) == 50
    assert {c["id"] for c in criteria if c["level"] == "A"} == set(LEVEL_A)
    assert {c["id"] for c in criteria if c["level"] == "AA"} == set(LEVEL_AA)
    assert all(c["name"]["en"] and c["name"]["ja"] for c in criteria)


# The page in each language: every criterion with its result in that language's words,
# counts that add up, the date, and every page tested linked and built.
@pytest.mark.parametrize("lang", LANGS)
def test_results_page_shows_every_criterion(site: Path, catalogue, lang: str):
    url = address(lang, paths.accessibility_results())
    html = file_of(site, url).read_text(encoding="utf-8")
    results = a11y.view(data())
    words = {name: catalogue.label(f"a11y_result_{name}").get(lang) for name in a11y.RESULTS}
    rows = re.findall(r'<tr id="sc-([\d-]+)" class="a11y-[a-z-]+">\s*<th scope="row">([^<]+)</th>\s*<td>(A{1,2})</td>\s*<td>([^<]+)</td>', html)
    assert [row[0].replace("-", ".") for row in rows] == [row.id for row in results.rows]
    for (_, name, level, shown), row in zip(rows, results.rows):
        assert name == f"{row.id} {row.name.get(lang)}"
        assert level == row.level and shown == words[row.result]
    counts = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', html)
    assert dict(counts) == {words[name]: str(n) for name, n in results.counts.items()}
    assert sum(results.counts.values()) == 50
    assert f'datetime="{results.tested}"' in html
    page = read(file_of(site, url))
    tested = [resolve(url, href) for href in page.article_links]
    for path, _ in results.pages:
        assert address(lang, path) in tested, path
        assert file_of(site, address(lang, path)).is_file()
    conformance = catalogue.label(f"a11y_conformance_{results.conformance}").get(lang)
    assert conformance in html


# The accessibility policy leads to the results.
@pytest.mark.parametrize("lang", LANGS)
def test_accessibility_policy_links_the_results(site: Path, lang: str):
    url = address(lang, paths.accessibility())
    links = [resolve(url, href) for href in read(file_of(site, url)).article_links]
    assert address(lang, paths.accessibility_results()) in links


# A failure found by the tools outranks a person's earlier result; a person's result
# replaces 'not yet tested'; the claim is 'conforms' only with every criterion settled.
def test_result_precedence():
    failed = {"automated": {"result": "failed", "tools": ["axe-core"]}, "manual": {"result": "passed", "date": "2026-11-01"}}
    checked = {"automated": {"result": "not_tested", "tools": []}, "manual": {"result": "passed_with_note", "date": "2026-11-01"}}
    untested = {"automated": {"result": "not_tested", "tools": ["axe-core"]}}
    decided = {"automated": {"result": "not_applicable", "tools": []}}
    assert [a11y.result(c) for c in (failed, checked, untested, decided)] == ["failed", "passed_with_note", "not_tested", "not_applicable"]
    assert [a11y.method(c) for c in (failed, checked, untested, decided)] == ["automated", "manual", None, "automated"]
    assert a11y.conformance([checked, decided]) == "conforms"
    assert a11y.conformance([checked, untested]) == "partially"
    assert a11y.conformance([checked, failed]) == "partially"


# What the web team records shows on the page, in both languages.
def test_a_persons_record_shows_on_the_page(project: Path, tmp_path: Path, catalogue):
    path = project / "data" / "accessibility-results.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    target = next(c for c in content["criteria"] if c["id"] == "1.4.10")
    target["automated"] = {"result": "not_tested", "tools": []}
    target["manual"] = {"result": "passed_with_note", "date": "2026-11-30", "note": {"en": "Checked at 320 px wide.", "ja": "幅320ピクセルで確認。"}}
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for lang in LANGS:
        html = file_of(tmp_path / "site", address(lang, paths.accessibility_results())).read_text(encoding="utf-8")
        row = html[html.index('<tr id="sc-1-4-10"'): html.index("</tr>", html.index('<tr id="sc-1-4-10"'))]
        assert catalogue.label("a11y_result_passed_with_note").get(lang) in row
        assert target["manual"]["note"][lang] in row
        assert dates.format_date("2026-11-30", catalogue.date_words(lang)) in row


# A record with a result the page does not know is refused with its file and line.
def test_an_unknown_result_is_refused(project: Path, tmp_path: Path):
    path = project / "data" / "accessibility-results.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("result: not_tested", "result: fine", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    output = result.stderr + result.stdout
    assert result.returncode != 0
    assert "accessibility-results.yaml:" in output and "result" in output and "Traceback" not in output


# The command's mapping from findings to criteria (pure).
def test_findings_map_to_criteria():
    known = set(LEVEL_A + LEVEL_AA)
    assert a11y_results.criteria_of_axe_tags(["wcag2aa", "wcag1410", "wcag143", "cat.color", "wcag21aa"], known) == ["1.4.10", "1.4.3"]
    assert a11y_results.criterion_of_htmlcs("WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail") == "1.4.3"
    assert a11y_results.criterion_of_htmlcs("WCAG2AA.Principle1.Guideline1_4.1_4_10.C32") == "1.4.10"
    criteria = data()["criteria"]
    found = {
        "axe_rules": [["wcag2aa", "wcag143"], ["wcag2a", "wcag111"]],
        "axe": {("color-contrast", ("wcag2aa", "wcag143")): {"a/", "b/"}},
        "htmlcs": {("WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.Select.Name", "4.1.2"): {"a/"}},
        "htmlcs_seen": {"4.1.2", "1.3.1"},
        "facts": {"media": 0, "sending_forms": 1, "page_language": 0},
    }
    out = a11y_results.automated(criteria, found)
    assert out["1.4.3"] == {"result": "failed", "tools": ["axe-core"], "failures": [{"tool": "axe-core", "rule": "color-contrast", "pages": 2}]}
    assert out["4.1.2"]["result"] == "failed" and out["4.1.2"]["failures"][0]["tool"] == "HTML_CodeSniffer"
    assert out["1.1.1"] == {"result": "not_tested", "tools": ["axe-core"]}
    assert out["1.2.2"]["result"] == "not_applicable"  # no media
    assert out["3.3.4"]["result"] == "not_tested"  # a form sends something: a person decides
    assert out["3.1.1"]["result"] == "passed"
    assert out["2.4.7"] == {"result": "not_tested", "tools": []}


# The command's checks run in Chromium on real pages of both languages and see what the
# site has: no media, no form that sends, each page's language named.
@pytest.mark.browser
def test_the_checks_run_on_the_built_site(browser, base):
    langs = a11y_results.languages()
    assert langs == list(LANGS)  # mkdocs.yml's, the default first
    a11y_results._install_htmlcs()
    found = a11y_results.run_checks(browser, base, ["index", "privacy"], langs)
    assert found["axe_version"] and found["chromium"]
    assert found["axe_rules"] and found["htmlcs_seen"]
    assert found["facts"] == {"media": 0, "sending_forms": 0, "page_language": 0}


# The standard pages pass axe-core (the rule tags of the other browser tests) in both
# languages, and do not scroll sideways at 375 px.
@pytest.mark.browser
def test_standard_pages_pass_axe(browser, base):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = {}
    for width in (375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        for lang in LANGS:
            for path in (address(lang, page_path) for page_path in (paths.accessibility_results(), paths.site_policy(), paths.privacy())):
                page.goto(base + path)
                found = axe.run(page, options={"runOnly": {"type": "tag", "values": a11y_results.AXE_TAGS}, "resultTypes": ["violations"]})
                wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
                if found.response["violations"] or wide:
                    problems[(width, path)] = ([v["id"] for v in found.response["violations"]], wide)
        page.close()
    assert not problems
