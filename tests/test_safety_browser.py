"""In Chromium: the quick exit, the help page's numbers, the header's targets and identity,
and screenshots of the design at a phone's and a desktop's width.

Nothing leaves the machine: the quick exit's neutral page is answered by Playwright's
routing with a stand-in page."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from helpers import ROOT
from playwright.sync_api import Page, expect
from pagetools import BROWSED, LANGS, address
from plansite import paths
from test_browser import MOBILE, SCREENSHOTS

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
HEADER_CONTROLS = {
    "menu": ".site-header__menu",
    "help": ".site-help__link",
    "language": ".site-lang__button",
    "search": ".site-search__open",
    "quick exit": ".quick-exit__button",
}


@pytest.fixture(scope="module")
def neutral(catalogue) -> str:
    return catalogue.site["quick_exit"]


# A tab whose requests to other hosts never leave: the neutral page gets a stand-in.
@pytest.fixture
def tab(browser, neutral):
    context = browser.new_context(viewport=MOBILE)
    outside: list[str] = []
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: _stand_in(route, neutral, outside))
    page = context.new_page()
    page.set_default_timeout(10000)
    page.outside = outside
    yield page
    context.close()


def _stand_in(route, neutral: str, outside: list[str]) -> None:
    outside.append(route.request.url)
    if route.request.url == neutral:
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Weather")
    else:
        route.abort()


def _history_length(page: Page) -> int:
    return page.evaluate("history.length")


# -----------------------------------------------------------------------------
# Quick exit
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_quick_exit_button_replaces_the_page_with_the_neutral_one(tab, base, samples, catalogue, neutral, lang):
    tab.goto(base + samples["measure"][lang])
    button = tab.locator(".quick-exit__button")
    expect(button).to_have_text(catalogue.label("quick_exit").get(lang))
    expect(button).to_be_in_viewport()
    before = _history_length(tab)
    button.click()
    tab.wait_for_url(neutral)
    # The site's page was replaced, not left behind: the history is no longer, and Back
    # goes to what came before the site (the new tab's blank page), never to the site.
    assert _history_length(tab) == before
    tab.go_back()
    assert not tab.url.startswith(base), tab.url
    assert tab.outside == [neutral]


@pytest.mark.parametrize("lang", LANGS)
def test_shift_three_times_exits_and_typing_capitals_does_not(tab, base, samples, catalogue, neutral, lang):
    tab.goto(base + LANGS[lang])
    tab.goto(base + samples["help"][lang])
    before = _history_length(tab)
    # Shift with other keys between, or as a modifier (capitals), is not a request to leave.
    for key in ("Shift", "a", "Shift", "b", "Shift+C", "Shift", "Shift"):
        tab.keyboard.press(key)
    tab.wait_for_timeout(300)
    assert tab.url == base + samples["help"][lang]
    # Screen readers hear how many presses are left.
    status = tab.locator(".quick-exit__status")
    expect(status).to_have_text(catalogue.label("quick_exit_one_more").get(lang))
    tab.keyboard.press("a")
    tab.keyboard.press("Shift")
    expect(status).to_have_text(catalogue.label("quick_exit_two_more").get(lang))
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    tab.wait_for_url(neutral)
    assert _history_length(tab) == before
    # Back goes to the page before the help page, never to the help page.
    tab.go_back()
    assert tab.url == base + LANGS[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_quick_exit_without_javascript_is_a_plain_link(browser, base, neutral, lang):
    context = browser.new_context(java_script_enabled=False, viewport=MOBILE)
    outside: list[str] = []
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: _stand_in(route, neutral, outside))
    page = context.new_page()
    page.goto(base + LANGS[lang])
    link = page.locator("a.quick-exit__button")
    assert link.get_attribute("href") == neutral
    link.click()
    page.wait_for_url(neutral)
    assert outside == [neutral]
    context.close()


# -----------------------------------------------------------------------------
# Help page
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_on_the_help_page_is_a_tel_link_big_enough_to_tap(tab, base, catalogue, lang):
    tab.goto(base + address(lang, paths.help()))
    links = tab.locator("article a[href^='tel:']")
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    numbers = [h.number for h in catalogue.hotlines if h.number]
    assert len(hrefs) == len(numbers) and "tel:110" in hrefs
    for href in hrefs:
        # RFC 3966: digits only, '#' written %23, no hyphen or space.
        assert re.fullmatch(r"tel:(%23)?[0-9]+", href), href
        assert "#" not in href
    assert sorted(unquote(h[4:]) for h in hrefs) == sorted(n.replace("-", "") for n in numbers)
    for i in range(links.count()):
        link = links.nth(i)
        number = next(n for n in numbers if unquote(link.get_attribute("href")[4:]) == n.replace("-", ""))
        assert number in link.inner_text()
        box = link.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (number, box)
    # The first thing on the page is what to do in danger, with 110.
    first = tab.locator("article section").first
    assert "110" in first.inner_text()
    assert first.locator("a[href='tel:110']").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_help_page_says_how_to_browse_without_a_trace(tab, base, catalogue, lang):
    tab.goto(base + address(lang, paths.help()))
    text = tab.locator("article").inner_text()
    for key in ("help_trace", "help_trace_private", "help_trace_clear"):
        assert catalogue.label(key).get(lang) in text


# -----------------------------------------------------------------------------
# Header
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_header_controls_are_44px_targets_at_375px(tab, base, samples, lang):
    small = []
    for kind in BROWSED:
        tab.goto(base + samples[kind][lang])
        for name, selector in HEADER_CONTROLS.items():
            control = tab.locator(selector)
            expect(control).to_be_visible()
            box = control.bounding_box()
            if box["width"] < 44 or box["height"] < 44:
                small.append((kind, name, box["width"], box["height"]))
        assert tab.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], kind
    assert not small


@pytest.mark.parametrize("lang", LANGS)
def test_header_names_the_site_and_office_in_text(tab, base, samples, catalogue, lang):
    for kind in ("home", "measure", "help"):
        tab.goto(base + samples[kind][lang])
        identity = tab.locator("header .site-identity")
        expect(identity.locator(".site-identity__name")).to_have_text(catalogue.site_name.get(lang))
        expect(identity.locator(".site-identity__office")).to_have_text(catalogue.office.get(lang))
        assert tab.locator("header :is(img, .md-logo)").count() == 0
        title = tab.title()
        name = catalogue.site_name.get(lang)
        assert title.count(name) == 1, title
        if kind == "home":
            assert title == name


# -----------------------------------------------------------------------------
# Screenshots
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("width", [MOBILE["width"], WIDE["width"]])
def test_design_screenshots(browser, base, samples, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=MOBILE if width == MOBILE["width"] else WIDE)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = context.new_page()
    # Each screenshot's name and the kind of page it shows.
    shots = {"home": "home", "measure": "measure", "help": "help", "ministries": "ministries index"}
    for lang in LANGS:
        for name, kind in shots.items():
            page.goto(base + samples[kind][lang])
            page.wait_for_load_state("networkidle")
            target = SCREENSHOTS / f"design-{lang}-{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10000
    context.close()
