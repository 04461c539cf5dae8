"""The pages' components in Chromium: this month's campaigns from a fixed clock, the
calendar's mark, the matrix at 375 px, the finder's keywords and its filters across the
language switch, the feed link after Material's scripts have run, and axe on the phone
views. Fixtures (the built site served, one Chromium, axe) come from test_browser."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from test_browser import DESKTOP, LANGS, MOBILE, axe, base, browser, run_axe  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def new_page(browser, viewport=DESKTOP, when: dt.datetime | None = None, javascript: bool = True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10000)
    if when:
        page.clock.set_fixed_time(when)
    return page


# -----------------------------------------------------------------------------
# This month
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("month", [11, 12, 4])
def test_home_shows_this_months_campaigns_or_the_next(browser, base, catalogue, lang, month):
    page = new_page(browser, when=dt.datetime(2026, month, 15, 12, 0))
    page.goto(base + LANGS[lang])
    running = [m for m in catalogue.months if month in m.months]
    if running:
        expected, status = running, "campaigns_now"
    else:
        wait = {m.id: min((n - month) % 12 for n in m.months) for m in catalogue.months}
        soonest = min(wait.values())
        expected, status = [m for m in catalogue.months if wait[m.id] == soonest], "campaigns_next"
    shown = page.locator(".home-campaigns__list > li:visible a").all_inner_texts()
    assert shown == [m.name.get(lang) for m in expected]
    expect(page.locator(".home-campaigns__status")).to_have_text(catalogue.label(status).get(lang))
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_home_lists_every_campaign_and_nothing_is_marked(browser, base, catalogue, lang):
    page = new_page(browser, javascript=False)
    page.goto(base + LANGS[lang])
    assert page.locator(".home-campaigns__list > li:visible").count() == len(catalogue.months)
    assert page.locator(".home-campaigns__status").is_hidden()
    page.goto(base + LANGS[lang] + "awareness-months/")
    assert page.locator(".is-this-month").count() == 0
    page.context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
@pytest.mark.parametrize("lang", LANGS)
def test_calendar_marks_this_month_in_words_too(browser, base, catalogue, lang, viewport):
    page = new_page(browser, viewport=viewport, when=dt.datetime(2026, 7, 3, 9, 0))
    page.goto(base + LANGS[lang] + "awareness-months/")
    marked = page.locator(".is-this-month:visible")
    assert marked.count() >= 1
    assert set(marked.evaluate_all("els => els.map(e => e.getAttribute('data-month'))")) == {"7"}
    label = catalogue.label("this_month").get(lang)
    expect(page.locator(".calendar__this-month:visible")).to_have_text(label)
    # The other months are not marked; the campaign of July is in the marked place.
    july = [m.name.get(lang) for m in catalogue.months if 7 in m.months]
    if viewport is MOBILE:
        text = page.locator("li.is-this-month").inner_text()
        assert all(name in text for name in july)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.context.close()


# -----------------------------------------------------------------------------
# The matrix on a phone
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_scrolls_in_its_own_region_at_375px_and_targets_are_24px(browser, base, axe, lang):
    page = new_page(browser, viewport=MOBILE)
    page.goto(base + LANGS[lang] + "ministries/")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    region = page.locator(".table-scroll[role=region]")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    caption = page.locator("table.matrix caption")
    assert region.get_attribute("aria-labelledby") == caption.get_attribute("id")
    expect(page.get_by_role("region", name=caption.inner_text())).to_be_visible()
    region.focus()
    expect(region).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.table-scroll').scrollLeft > 0")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    # Every link in the table is at least 24 x 24 CSS px (WCAG 2.5.8, Lighthouse target-size).
    sizes = page.locator("table.matrix td a").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), min(sizes)
    # Column headers stay on one line.
    heights = page.locator("table.matrix thead th.matrix__pillar abbr").evaluate_all(
        "els => els.map(e => e.getClientRects().length)"
    )
    assert set(heights) == {1}
    assert not run_axe(axe, page)
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_phone_views_of_calendar_measure_and_home_pass_axe(browser, base, axe, catalogue, lang):
    page = new_page(browser, viewport=MOBILE, when=dt.datetime(2026, 11, 20, 9, 0))
    plan = catalogue.current_plan
    problems = {}
    for path in ("", "awareness-months/", f"plans/{plan.id}/measures/{plan.measures[0].slug}/", "finder/?q=police"):
        page.goto(base + LANGS[lang] + path)
        if found := run_axe(axe, page):
            problems[path] = found
        if page.evaluate("document.documentElement.scrollWidth") > MOBILE["width"]:
            problems.setdefault(path, []).append("sideways scroll")
    assert not problems
    page.context.close()


# On a phone the trail is one line, parent and current page; screen readers get it all.
@pytest.mark.parametrize("lang", LANGS)
def test_breadcrumbs_are_one_line_on_a_phone(browser, base, catalogue, lang):
    page = new_page(browser, viewport=MOBILE)
    plan = catalogue.current_plan
    page.goto(base + LANGS[lang] + f"plans/{plan.id}/measures/{plan.measures[-1].slug}/")
    tops = page.locator(".breadcrumbs li:visible").evaluate_all(
        "els => els.filter(e => e.getBoundingClientRect().width > 1).map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tops) == 2 and len(set(tops)) == 1
    trail = page.get_by_role("navigation", name=re.compile(".")).filter(has=page.locator("ol")).first
    names = trail.get_by_role("link").all_inner_texts()
    assert catalogue.site_name.get(lang) in names and len(names) >= 3
    page.context.close()


# -----------------------------------------------------------------------------
# Finder
# -----------------------------------------------------------------------------


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


@pytest.mark.parametrize("lang, word", [("en", "INHOPE"), ("en", "filtering software"), ("ja", "フィルタリング")])
def test_finder_keywords_match_title_and_text_in_the_page_language(browser, base, catalogue, lang, word):
    page = new_page(browser)
    page.goto(base + LANGS[lang] + "finder/")
    page.get_by_label(catalogue.label("finder_keyword").get(lang)).fill(word)
    terms = fold(word).split()

    def matches(measure) -> bool:
        text = fold(" ".join([measure.title.get(lang) or measure.title.en] + [p.text.get(lang) or p.text.en for p in measure.parts]))
        return all(t in text for t in terms)

    expected = [m for m in catalogue.measures if matches(m)]
    assert expected
    count = page.locator("#finder-count")
    expect(count).to_have_attribute("data-count", str(len(expected)))
    assert parse_qs(urlsplit(page.url).query) == {"q": [word]}
    page.context.close()


@pytest.mark.parametrize("start, other", [("en", "ja"), ("ja", "en")])
def test_finder_filters_survive_the_language_switch(browser, base, catalogue, start, other):
    page = new_page(browser)
    plan = catalogue.current_plan
    page.goto(base + LANGS[start] + "finder/")
    page.select_option("#finder-plan", plan.id)
    page.select_option("#finder-ministry", "mext")
    count = page.locator("#finder-count").get_attribute("data-count")
    page.locator(".md-select > button").first.focus()
    link = page.locator(f"a[hreflang='{other}']").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(base + LANGS[other] + "finder/") + r"\?"))
    assert parse_qs(urlsplit(page.url).query) == {"plan": [plan.id], "ministry": ["mext"]}
    assert page.locator("#finder-plan").input_value() == plan.id
    assert page.locator("#finder-ministry").input_value() == "mext"
    expect(page.locator("#finder-count")).to_have_attribute("data-count", count)
    page.context.close()


# -----------------------------------------------------------------------------
# Feeds
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_feed_link_is_in_the_head_after_the_scripts_ran(browser, base, catalogue, lang):
    page = new_page(browser)
    plan = catalogue.current_plan
    for path in ("", "ministries/", f"plans/{plan.id}/measures/{plan.measures[0].slug}/", "help/", "accessibility/"):
        page.goto(base + LANGS[lang] + path)
        page.wait_for_load_state("networkidle")
        feed = page.locator("head link[rel=alternate][type='application/atom+xml']")
        expect(feed).to_have_count(1)
        href = feed.evaluate("e => e.href")
        assert href == base + LANGS[lang] + "feed.xml"
        assert page.request.get(href).ok
    page.context.close()
