"""The plans' full-text pages and PDF editions, as `make publish` makes them: the PDFs
rendered by WeasyPrint from the real data (tools/pdf.py), then one strict build of a copy
of the project that publishes and links them. Read back with poppler's pdftotext and pypdf,
and the full-text page in Chromium, on screen and in print.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import build_site, copy_project
from pagetools import DEFAULT_LANG, LANGS, address, file_of
from playwright.sync_api import Browser, sync_playwright
from pypdf import PdfReader

from plansite import editions, paths

from tools import pdf
from tools.browser import launch, serve

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# -----------------------------------------------------------------------------
# Fixtures
# -----------------------------------------------------------------------------


# A copy of the project after `make publish`: its PDFs in .cache/pdf/ and its site.
@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    pdf.make_pdfs(project)
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return project, site


@pytest.fixture(scope="module")
def site(published) -> Path:
    return published[1]


# The PDF of each plan in each language, as published in the site.
def pdf_of(site: Path, plan_id: str, lang: str) -> Path:
    return site / editions.site_path(plan_id, lang)


# The text of a PDF as pdftotext gives it, without any whitespace: English titles break
# across lines wherever the page width puts them, Japanese ones have no spaces to keep.
def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return squash(result.stdout)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# The PDF's bookmarks as (title, children) pairs.
def outline(reader: PdfReader, items=None) -> list[tuple[str, list]]:
    items = reader.outline if items is None else items
    tree: list[tuple[str, list]] = []
    for item in items:
        if isinstance(item, list):
            tree[-1] = (tree[-1][0], outline(reader, item))
        else:
            tree.append((item.title, []))
    return tree


def flatten(tree: list[tuple[str, list]]) -> list[str]:
    return [title for name, children in tree for title in [name] + flatten(children)]


def title_in(text, lang: str) -> str:
    return text.get(lang) or text.en


# -----------------------------------------------------------------------------
# The PDFs
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_measure_title_of_the_plan_is_in_its_pdf(site, catalogue, lang):
    missing = {}
    for plan in catalogue.plans:
        text = pdf_text(pdf_of(site, plan.id, lang))
        titles = [title_in(m.title, lang) for m in plan.measures] + [title_in(p.title, lang) for p in plan.pillars]
        if lost := [title for title in titles if squash(title) not in text]:
            missing[plan.id] = lost
    assert not missing
    assert catalogue.current_plan.measures  # the check above read real measures


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_bookmarks_are_the_pillars_with_their_measures(site, catalogue, lang):
    for plan in catalogue.plans:
        tree = outline(PdfReader(pdf_of(site, plan.id, lang)))
        top = {title: children for title, children in tree}
        for pillar in plan.pillars:
            name = f"{pillar.number}. {title_in(pillar.title, lang)}"
            assert name in top, f"{plan.id}: no bookmark for pillar {name!r} in {list(top)}"
            under = [squash(title) for title in flatten(top[name])]
            for measure in pillar.measures:
                assert any(title.endswith(squash(title_in(measure.title, lang))) for title in under), (plan.id, measure.slug)
        sections = [title_in(s.heading, lang) for s in plan.sections if s.heading]
        # Sections first, then pillars, in the plan's order; nothing else at the top.
        assert len(tree) == len(sections) + len(plan.pillars)


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_has_title_language_author_and_tags(site, catalogue, lang):
    office = title_in(catalogue.office, lang)
    for plan in catalogue.plans:
        reader = PdfReader(pdf_of(site, plan.id, lang))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == lang
        expected = catalogue.label("of_plan").get(lang).format(what=catalogue.label("full_text").get(lang), plan=title_in(plan.short_title, lang))
        assert reader.metadata.title == expected
        assert reader.metadata.author == office
        assert title_in(plan.title, lang) in reader.metadata.subject
        # Tagged (PDF/UA-1): a structure tree, marked content, the title shown by viewers.
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        fonts = subprocess.run(["pdffonts", str(pdf_of(site, plan.id, lang))], capture_output=True, text=True, check=True).stdout
        assert "Noto-Sans-CJK-JP" in fonts and "Serif" not in fonts


# A pillar's bookmark leads to a page that begins with the pillar's heading.
def test_pdfs_start_each_pillar_on_a_new_page(site, catalogue):
    plan = catalogue.current_plan
    reader = PdfReader(pdf_of(site, plan.id, "en"))
    pages = {item.title: reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)}
    for pillar in plan.pillars:
        name = f"{pillar.number}. {pillar.title.en}"
        assert squash(reader.pages[pages[name]].extract_text()).startswith(squash(name)), name
    assert len(set(pages.values())) >= len(plan.pillars)


# -----------------------------------------------------------------------------
# The plan pages link them; a stale PDF is never published
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_plan_page_links_its_full_text_and_pdf_with_size(site, catalogue, lang):
    size_form = {"en": r"Full text \(PDF, (\d+(?:\.\d)?) (KB|MB)\)", "ja": r"全文（PDF (\d+(?:\.\d)?)(KB|MB)）"}[lang]
    for plan in catalogue.plans:
        page = file_of(site, address(lang, paths.plan(plan)))
        html = page.read_text(encoding="utf-8")
        full_text = re.search(r'<a href="([^"]+)">' + re.escape(catalogue.label("full_text").get(lang)) + "</a>", html)
        assert full_text and (page.parent / full_text.group(1) / "index.html").is_file()
        link = re.search(r'<a href="([^"]+\.pdf)">' + size_form + "</a>", html)
        assert link, f"{plan.id}: no PDF link with its size"
        target = (page.parent / link.group(1)).resolve()
        assert target == pdf_of(site, plan.id, lang).resolve()
        size = target.stat().st_size
        shown = float(link.group(2)) * (1024 if link.group(3) == "KB" else 1024 * 1024)
        assert abs(shown - size) <= (1024 if link.group(3) == "KB" else 0.05 * 1024 * 1024)


def test_pdfs_made_before_a_change_are_not_published(published, catalogue, tmp_path):
    project, _ = published
    later = copy_project(tmp_path / "later")
    shutil.copytree(project / ".cache" / "pdf", later / ".cache" / "pdf")
    labels = later / "data" / "labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8").replace("{en: Full text,", "{en: Whole text,"), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(later, site)
    assert result.returncode == 0, result.stderr[-4000:]
    assert not list(site.rglob("*.pdf"))
    html = file_of(site, address(DEFAULT_LANG, paths.plan(catalogue.current_plan))).read_text(encoding="utf-8")
    assert ">Whole text</a>" in html and ".pdf" not in html


# -----------------------------------------------------------------------------
# The full-text page
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_full_text_page_has_the_whole_plan_in_order(site, catalogue, lang):
    for plan in catalogue.plans:
        html = file_of(site, address(lang, paths.full_text(plan))).read_text(encoding="utf-8")
        ids = [f'id="{s.id}"' for s in plan.sections if s.heading]
        for pillar in plan.pillars:
            ids.append(f'id="pillar-{pillar.number}"')
            ids += [f'id="measure-{m.slug}"' for m in pillar.measures]
        positions = [html.find(i) for i in ids]
        assert -1 not in positions and positions == sorted(positions), plan.id
        # Search finds each text on its own page: here, all of it is out of the index.
        assert -1 < html.find('data-pagefind-ignore="all"') < positions[0]
        assert html.count('class="responsible"') >= sum(len(m.parts) for m in plan.measures)


# Run `check` with a Chromium of its own, in a thread of its own: Playwright's sync API
# allows one instance per thread, and test_browser.py keeps its own open all session.
def in_chromium(check: Callable[[Browser], None]) -> None:
    failed: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                try:
                    check(browser)
                finally:
                    browser.close()
        except BaseException as error:  # raised again in the test's own thread
            failed.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_full_text_page_in_chromium_passes_axe_fits_a_phone_and_prints_without_the_site(site, catalogue, lang):
    plan = catalogue.current_plan

    def check(browser: Browser) -> None:
        with serve(site) as base:
            full_text = base + address(lang, paths.full_text(plan))
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(full_text)
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
            assert not [v["id"] for v in result.response["violations"]]
            page.emulate_media(media="print")
            for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".site-search", ".breadcrumbs"):
                assert page.locator(selector).first.is_hidden(), selector
            pillars = page.locator(".full-text__pillar")
            assert pillars.count() == len(plan.pillars)
            assert pillars.first.evaluate("e => getComputedStyle(e).breakBefore") == "page"
            after = page.locator(".full-text a[href]").first.evaluate("e => getComputedStyle(e, '::after').content")
            assert after in ("none", "normal")
            assert all(url.startswith(base) for url in requests)
            context.close()
            # On a phone: no sideways scroll.
            phone = browser.new_context(viewport={"width": 375, "height": 812})
            page = phone.new_page()
            page.goto(full_text)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            phone.close()

    in_chromium(check)


def test_full_text_pdf_links_point_to_the_site(published, catalogue):
    project, site = published
    reader = PdfReader(pdf_of(site, catalogue.current_plan.id, "en"))
    actions = [annot.get_object().get("/A") for page in reader.pages for annot in page.get("/Annots") or []]
    uris = [action["/URI"] for action in actions if action and "/URI" in action]
    assert uris
    site_url = pdf._mkdocs_config(project)["site_url"]
    assert all(uri.startswith(site_url) for uri in uris), [u for u in uris if not u.startswith(site_url)][:3]
