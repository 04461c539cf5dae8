"""The search dialog in Chromium on the built site: the right measure in the first five,
the plan in force before a superseded plan, where each result comes from, and filters.

The relevance of the whole test set (tests/search/) is measured by tools/bench_search.py
(make bench); here a few queries of each language must pass on every change.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_browser import LANGS, base, browser, open_search, page, requests, run_axe, axe, search  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

CURRENT = "plans/plan-2022/measures/"
SUPERSEDED = "plans/measures-2016/"

# A query typed as a reader would, and the measures of the plan in force one of which it
# must find in the first five: the examples (child pornography online: 1-2 has the
# words in its title, 3-8 is the core measure; katakana names inside longer words, names
# quoted in 「」).
TOP_FIVE = [
    ("en", "child pornography on the internet", "1-2 3-8"),
    ("en", "Internet Hotline Center", "3-9"),
    ("en", "one-stop support center", "4-8"),
    ("ja", "児童ポルノ画像", "3-8"),
    ("ja", "e-ネットキャラバン", "2-3"),
    ("ja", "JKビジネス", "1-17"),
    ("ja", "ワンストップ支援センター", "4-8"),
    ("ja", "フィルタリング", "3-1"),
]

# Queries matched by a measure of the plan in force and by its predecessor in the 2016 Measures.
BOTH_PLANS = [("en", "blocking"), ("en", "child pornography on the internet"), ("ja", "ブロッキング"), ("ja", "フィルタリング")]


def choose(page: Page, name: str, label: str | None = None, value: str | None = None) -> None:
    select = page.locator(f"select[data-filter='{name}']")
    # The choices are filled in from Pagefind's index once it has loaded.
    page.wait_for_function("n => document.querySelector(`select[data-filter='${n}']`).options.length > 2", arg=name)
    select.select_option(label=label) if label else select.select_option(value=value)


# The dialog's ranking, for the first `depth` results, with the given filter choices.
def ranked(page: Page, base: str, query: str, choices: dict, depth: int = 10) -> list[str]:
    urls = page.evaluate("([q, c, d]) => document.getElementById('site-search').plansiteSearch(q, c, d)", [query, choices, depth])
    return [url[len("/"):].split("#")[0] for url in urls]


@pytest.mark.parametrize("lang, query, slug", TOP_FIVE, ids=lambda v: str(v))
def test_search_puts_the_measure_in_the_first_five(page, base, lang, query, slug):
    page.goto(base + LANGS[lang])
    open_search(page)
    results = search(page, base, query)
    assert {LANGS[lang] + CURRENT + s + "/" for s in slug.split()} & set(results[:5]), results[:5]


@pytest.mark.parametrize("lang, query", BOTH_PLANS)
def test_with_every_plan_the_plan_in_force_comes_first(page, base, lang, query):
    page.goto(base + LANGS[lang])
    open_search(page)
    everything = ranked(page, base, query, {"plan": "all"}, 30)
    current = [i for i, path in enumerate(everything) if path.startswith(LANGS[lang] + CURRENT)]
    superseded = [i for i, path in enumerate(everything) if path.startswith(LANGS[lang] + SUPERSEDED) and "/measures/" in path]
    assert current and superseded, everything  # the query matches measures of both plans
    assert current[0] < superseded[0], everything
    # As the dialog opens (the plan in force), no superseded page at all.
    default = ranked(page, base, query, {}, 30)
    assert default and not [p for p in default if p.startswith(LANGS[lang] + SUPERSEDED)], default


@pytest.mark.parametrize("lang", LANGS)
def test_every_result_says_its_plan_and_pillar(page, base, lang):
    page.goto(base + LANGS[lang])
    open_search(page)
    choose(page, "plan", value="all")
    results = search(page, base, "filtering" if lang == "en" else "フィルタリング")
    entries = page.locator(".site-search__result")
    marks = {"en": "(superseded)", "ja": "（旧計画）"}
    seen_superseded = False
    for i in range(entries.count()):
        path = results[i]
        if "/measures/" not in path or path.endswith("/measures/"):
            continue
        source = entries.nth(i).locator(".site-search__source").inner_text()
        assert source, path
        assert (SUPERSEDED in path) == (marks[lang] in source), (path, source)
        seen_superseded |= SUPERSEDED in path
        # "2022 Plan · 3. ..." : the plan, then the pillar's number and title.
        assert any(ch.isdigit() for ch in source.split(marks[lang])[-1]), source
    assert seen_superseded, results


@pytest.mark.parametrize("lang", LANGS)
def test_filters_change_the_results(page, base, catalogue, lang):
    page.goto(base + LANGS[lang])
    open_search(page)
    query = "children" if lang == "en" else "児童"
    default = search(page, base, query)
    # One superseded plan: only its pages.
    old = next(p for p in catalogue.plans if not p.current and p.has_measure_pages)
    choose(page, "plan", label=catalogue.label("superseded").get(lang).format(plan=old.short_title.get(lang)))
    expect(page.locator("a.site-search__result-link").first).to_have_attribute("href", re.compile(f"/{LANGS[lang]}plans/{old.id}/"), timeout=15000)
    filtered = ranked(page, base, query, {}, 20)
    assert filtered and all(p.startswith(f"{LANGS[lang]}plans/{old.id}/") for p in filtered), filtered
    assert filtered[:5] != default[:5]
    # One ministry, with the plan in force: only pages naming it.
    choose(page, "plan", value="current")
    mext = next(m for m in catalogue.ministries if m.id == "mext")
    choose(page, "ministry", label=mext.name.get(lang))
    by_ministry = ranked(page, base, query, {}, 20)
    allowed = {f"{LANGS[lang]}plans/{m.plan.id}/measures/{m.slug}/" for m in catalogue.measures_of(mext)}
    measures = [p for p in by_ministry if "/measures/" in p and not p.endswith("/measures/")]
    assert measures and set(measures) <= allowed, by_ministry
    assert by_ministry[:5] != default[:5]


@pytest.mark.parametrize("lang", LANGS)
def test_search_dialog_with_filters_passes_axe(page, base, axe, lang):
    page.goto(base + LANGS[lang])
    open_search(page)
    choose(page, "plan", value="all")
    search(page, base, "INHOPE")
    assert not run_axe(axe, page)


# Every word is on some page but no page has them all: the dialog says so and shows the
# pages for the query without its last words, rather than nothing. (A word on no page at
# all is left out by Pagefind itself.)
@pytest.mark.parametrize("lang, query, shorter, slug", [("en", "INHOPE blocking", "INHOPE", "3-9"), ("ja", "INHOPE ブロッキング", "INHOPE", "3-9")])
def test_search_without_a_full_match_drops_the_last_words(page, base, lang, query, shorter, slug):
    page.goto(base + LANGS[lang])
    open_search(page)
    results = search(page, base, query)
    status = page.locator(".site-search__status").inner_text()
    assert query in status and shorter in status.replace(query, ""), status
    assert LANGS[lang] + CURRENT + slug + "/" in results[:5], results
