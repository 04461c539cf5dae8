"""The site's addresses have one home, plansite/paths.py: its functions name every page the
site makes, no other module or template spells a page path, and every anchor a link
points to exists on the page it points to."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from helpers import ROOT
from pagetools import file_of, pages, resolve, url_of

from plansite import paths
from plansite.links import page_url
from plansite.pages import plan_pages

# What a page path or a site file's path looks like when spelled out: a folder of the site
# followed by something, a pillar's or report item's anchor, a feed, a hand-made page's address.
PAGE_PATH = re.compile(
    r"(?<![\w./-])(plans|ministries|awareness-months|reports|meetings|schemas)/(?!\*)"
    r"|/(pillars|measures)/"
    r"|pillar-\{|^pillar-$|^-pillar-$|item-\{|^item-$"
    r"|feed\.xml(?!\.j2)"
    r"|(?<![\w-])(help|finder|accessibility|open-data|translation-status)/"
)


# Every page the data makes has the path that paths gives its kind of page, and no two
# objects share one.
def test_every_generated_page_is_named_by_paths(catalogue):
    specs = {spec.path for spec in plan_pages(catalogue)}
    expected = {paths.home(), paths.plans(), paths.ministries(), paths.months(), paths.reports(), paths.meetings()}
    expected |= {paths.translation_status(), paths.open_data(), paths.finder(), paths.help()}
    for plan in catalogue.plans:
        expected |= {paths.plan(plan), paths.full_text(plan)}
        if plan.has_measure_pages:
            expected |= {paths.pillars(plan), paths.measures(plan)}
            expected |= {paths.pillar(pillar) for pillar in plan.pillars}
            expected |= {paths.measure(measure) for measure in plan.measures}
    expected |= {paths.ministry(m) for m in catalogue.ministries} | {paths.month(m) for m in catalogue.months}
    expected |= {paths.report(r) for r in catalogue.reports} | {paths.meeting(m) for m in catalogue.meetings}
    if catalogue.accessibility:
        expected.add(paths.accessibility_results())
    assert specs == expected
    assert len(plan_pages(catalogue)) == len(specs)


# An address within the site and the page path behind it convert both ways.
def test_addresses_and_page_paths_convert_both_ways(catalogue):
    specs = {spec.path for spec in plan_pages(catalogue)}
    for path in specs:
        assert paths.from_address(paths.address(path), specs) == path
    assert paths.address(paths.home()) == ""
    assert paths.address(paths.measures(catalogue.current_plan)) == f"plans/{catalogue.current_plan.id}/measures/"
    assert paths.address(paths.ministry(catalogue.ministries[0])) == f"ministries/{catalogue.ministries[0].id}/"
    assert paths.from_address("/reports/fy2019/", specs) == "reports/fy2019"


# Anchors that pages of several plans carry side by side differ by plan; within a plan by pillar.
def test_pillar_anchors_are_unique(catalogue):
    groups = [paths.pillar_group(pillar) for plan in catalogue.plans for pillar in plan.pillars]
    assert len(groups) == len(set(groups))
    for plan in catalogue.plans:
        sections = [paths.pillar_section(pillar) for pillar in plan.pillars]
        assert len(sections) == len(set(sections))


# The theme's links name a page or a file of each language's folder.
def test_theme_links_are_the_pages_and_feed_of_their_language():
    assert paths.theme_links("") == {"help": "help", "accessibility": "accessibility", "site_policy": "site-policy", "privacy": "privacy", "feed": "feed.xml"}
    assert paths.theme_links("ja/")["feed"] == "ja/feed.xml"
    assert page_url(paths.theme_links("ja/")["help"]) == "help/"


# No Python module but paths.py spells a page path: string constants (docstrings aside).
def test_no_python_module_spells_a_page_path():
    found = []
    for module in sorted((ROOT / "hooks").rglob("*.py")):
        if module.name == "paths.py":
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if PAGE_PATH.search(node.value) and not _message(node.value):
                    found.append(f"{module.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, "page paths spelled outside plansite/paths.py:\n" + "\n".join(found)


# No template (hooks/templates, overrides) spells a page path or an anchor another page links to.
def test_no_template_spells_a_page_path():
    found = []
    templates = sorted((ROOT / "hooks" / "templates").glob("*.j2")) + sorted((ROOT / "overrides").rglob("*.html"))
    for template in templates:
        text = re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group().count("\n"), template.read_text(encoding="utf-8"), flags=re.S)
        for number, line in enumerate(text.splitlines(), 1):
            for literal in re.findall(r"'([^'\n]*)'|\"([^\"\n]*)\"", line):
                value = literal[0] or literal[1]
                if PAGE_PATH.search(value) or re.match(r"(pillar|item)-\d", value):
                    found.append(f"{template.relative_to(ROOT)}:{number}: {value!r}")
            if re.search(r'id="(pillar|item)-|href="#(pillar|item)-', line):
                found.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, "page paths or anchors spelled in templates:\n" + "\n".join(found)


# Every link to a part of another page (or of the same page) finds that part there, in
# both languages: anchors are checked like the links themselves.
def test_every_anchor_linked_to_exists_on_its_page(site):
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page in pages(site):
        here = url_of(site, page)
        for href in re.findall(r'<a [^>]*href="([^"]*#[^"]+)"', page.read_text(encoding="utf-8")):
            path, _, anchor = href.partition("#")
            if re.match(r"[a-z]+:", path):
                continue
            target = file_of(site, resolve(here, path).lstrip("/")) if path else page
            if target not in ids:
                ids[target] = set(re.findall(r'\sid="([^"]+)"', target.read_text(encoding="utf-8")))
            assert anchor in ids[target], f"{here} links to {href}, which has no id {anchor!r}"
            checked += 1
    assert checked > 100


# Error messages and data file names may say where a page's data lives (data/reports/...).
def _message(value: str) -> bool:
    return " " in value.strip() or value.endswith((".yaml", ".md"))


# `make check` (plansite check) finds a link to a part of a page that the page lacks,
# and names the linking page, the page and the part: here the plan page loses its pillars' ids.
def test_check_finds_a_link_to_a_missing_anchor(project):
    template = project / "hooks" / "templates" / "plan.html.j2"
    text = template.read_text(encoding="utf-8")
    assert "L.heading(3, paths.pillar_section(pillar)," in text
    template.write_text(text.replace("L.heading(3, paths.pillar_section(pillar),", "L.heading(3, 'x-' ~ paths.pillar_section(pillar),"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "plansite", "check"], cwd=project / "hooks", capture_output=True, text=True)
    assert result.returncode != 0
    assert re.search(r"the page plans/[\w-]+/pillars/\d+ \(en\) links to plans/[\w-]+/index#pillar-\d+, but that page has no part 'pillar-\d+'", result.stdout + result.stderr), result.stdout[-2000:] + result.stderr[-2000:]
