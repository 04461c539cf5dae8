"""A first visit's weight (issue 15): what the pages load, and that the lighter pages look
and work as before.

The pages load none of Material's scripts and, in place of its two stylesheets, one
pruned by hooks/stylesheet.py to the rules the pages can match. Pruning must change
nothing a reader sees: in Chromium, every element of every kind of page (and its
::before and ::after) has the same computed style with the pruned stylesheet as with
Material's own two, in both languages, with the menu drawer open on a phone's width.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import upstream
from stylesheet import PRUNED
from pagetools import BROWSED, DEFAULT_LANG, LANGS, file_of
from test_browser import MOBILE

pytestmark = pytest.mark.browser

# Every element's computed style (and its ::before's and ::after's, where they exist), one
# string per element, from <html> and <body> down (not <head>, where the stylesheets are
# swapped): kept in the page on the first call; on the next, the elements whose styles
# differ. Custom properties (--md-*) are left out: they show only through the properties
# that use them, which are compared.
STYLES = """() => {
  const names = Array.from(getComputedStyle(document.body)).filter(name => !name.startsWith('--'));
  const describe = style => names.map(name => name + ':' + style.getPropertyValue(name)).join(';');
  const pseudo = (element, which) => {
    const style = getComputedStyle(element, which);
    return style.content === 'none' ? '' : describe(style);
  };
  const now = [document.documentElement, document.body, ...document.body.querySelectorAll('*')].map(element =>
    element.tagName + '.' + element.getAttribute('class') + '|' + describe(getComputedStyle(element))
    + '|' + pseudo(element, '::before') + '|' + pseudo(element, '::after'));
  if (!window.__styles) { window.__styles = now; return []; }
  if (now.length !== window.__styles.length) return ['element count ' + window.__styles.length + ' -> ' + now.length];
  return now.flatMap((style, i) => {
    if (style === window.__styles[i]) return [];
    const before = new Set(window.__styles[i].split(';'));
    return [style.split('|')[0] + ': ' + style.split(';').filter(part => !before.has(part)).join(';').slice(0, 300)];
  });
}"""

# Put Material's own stylesheets in the pruned one's place; resolves when they have loaded.
UNPRUNED = """async ([pruned, sheets]) => {
  const link = document.querySelector(`link[rel=stylesheet][href$="${pruned}"]`);
  const loaded = sheets.map(href => new Promise((resolve, reject) => {
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = new URL(href, link.href.slice(0, link.href.length - pruned.length)).href;
    sheet.onload = resolve;
    sheet.onerror = reject;
    link.before(sheet);
  }));
  await Promise.all(loaded);
  link.remove();
}"""


def test_pages_link_the_pruned_stylesheet_not_materials(site: Path) -> None:
    html = file_of(site, LANGS["ja"]).read_text(encoding="utf-8")
    assert PRUNED in html
    for sheet in (upstream.MATERIAL_STYLESHEET, upstream.MATERIAL_PALETTE_STYLESHEET):
        assert sheet not in html
    pruned = (site / PRUNED).stat().st_size
    assert 0 < pruned < (site / upstream.MATERIAL_STYLESHEET).stat().st_size / 2


@pytest.mark.parametrize("lang", LANGS)
def test_pruned_stylesheet_styles_every_page_as_materials_own(browser, base, samples, lang) -> None:
    sheets = [upstream.MATERIAL_STYLESHEET, upstream.MATERIAL_PALETTE_STYLESHEET]
    differences = {}
    for viewport in (MOBILE, {"width": 1366, "height": 900}):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for kind in BROWSED:
            page.goto(base + samples[kind][lang])
            if viewport is MOBILE:  # the drawer open (by its checkbox: no pointer hovering anything)
                page.evaluate("document.getElementById('__drawer').checked = true")
                page.wait_for_timeout(600)  # its transition over
            page.evaluate(STYLES)
            page.evaluate(UNPRUNED, [PRUNED, sheets])
            changed = page.evaluate(STYLES)
            if changed:
                differences[f"{kind} at {viewport['width']} px"] = changed[:3]
        context.close()
    assert not differences


# The finder's and the calendar's scripts are loaded by the pages that use them only; the
# site's other scripts by every page (the 404 pages too).
def test_page_scripts_are_loaded_where_they_are_used(site: Path, samples) -> None:
    everywhere = ["wording.js", "quick-exit.js", "search.js"]
    by_kind = {
        "home": everywhere + ["calendar.js"],
        "months index": everywhere + ["calendar.js"],
        "finder": everywhere + ["finder.js"],
        "measure": everywhere,
        "ministries index": everywhere,
    }
    for lang, folder in LANGS.items():
        expected = {file_of(site, samples[kind][lang]): scripts for kind, scripts in by_kind.items()}
        expected[site / folder / "404.html"] = everywhere
        for file, scripts in expected.items():
            html = file.read_text(encoding="utf-8")
            loaded = re.findall(r'<script src="[^"]*assets/([\w-]+\.js)" defer>', html)
            assert loaded == scripts, file


# Without Material's script the sidebars must still fit a short window: each sticks below
# the top and scrolls inside itself, so its last link can be reached (docs/assets/site.css).
def test_sidebars_fit_a_short_window_and_scroll_inside(browser, base, samples) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 600})
    page = context.new_page()
    page.goto(base + samples["plan"][DEFAULT_LANG])
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    sidebars = page.locator(".md-sidebar .md-sidebar__scrollwrap").evaluate_all(
        "els => els.map(e => ({bottom: e.getBoundingClientRect().bottom, scrolls: e.scrollHeight > e.clientHeight}))"
    )
    context.close()
    assert len(sidebars) == 2
    for sidebar in sidebars:
        assert sidebar["bottom"] <= 600
    assert any(sidebar["scrolls"] for sidebar in sidebars)  # the plan's long contents, or the navigation
