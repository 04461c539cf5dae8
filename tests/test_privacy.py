"""Each claim of the privacy policy (docs/privacy.*.md), proved in Chromium on every kind
of page in both languages, with the search and the finder in use: no cookies, nothing
written to the browser's storage, no request to another host, no beacon, no request
that sends anything, no form that could send what a reader types.

Material for MkDocs writes to localStorage or sessionStorage only for features this
site leaves off: the palette toggle (`__palette`), the cookie consent (`__consent`),
linked content tabs (`__tabs`) and repository facts (`__source`). Turning one on makes
these tests fail, and the privacy page must then say what is stored.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext

from pagetools import KINDS, LANGS
from test_browser import open_search, search

pytestmark = pytest.mark.browser

# Counts every call of navigator.sendBeacon before any of the page's scripts runs.
WATCH_BEACONS = """
  window.__beacons = [];
  const send = navigator.sendBeacon ? navigator.sendBeacon.bind(navigator) : null;
  navigator.sendBeacon = function (url, data) { window.__beacons.push(String(url)); return send ? send(url, data) : true; };
"""

# What the page has stored in the browser, as seen from inside it.
STORED = """async () => ({
  cookie: document.cookie,
  local: Object.keys(localStorage),
  session: Object.keys(sessionStorage),
  databases: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
  caches: await caches.keys().catch(() => []),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
  beacons: window.__beacons,
  forms: Array.from(document.forms).filter(f => f.hasAttribute('action') || f.method !== 'get').map(f => f.outerHTML.slice(0, 80)),
})"""


class Traffic:
    """Every request of one browser context."""

    def __init__(self, context: BrowserContext) -> None:
        self.requests: list[tuple[str, str, str, bool]] = []
        context.on("request", lambda r: self.requests.append((r.method, r.url, r.resource_type, bool(r.post_data))))

    # Requests that leave the site, send a body, are not plain reads, or are pings.
    def problems(self) -> list[tuple]:
        return [
            r for r in self.requests
            if urlsplit(r[1]).scheme not in ("data", "blob") and urlsplit(r[1]).hostname != "127.0.0.1"
            or r[0] != "GET" or r[3] or r[2] in ("ping", "beacon", "csp_report")
        ]


@pytest.mark.parametrize("lang", LANGS)
def test_privacy_policy_claims_hold_on_every_page(browser, base, catalogue, samples, lang):
    context = browser.new_context(locale="en-GB")
    context.add_init_script(WATCH_BEACONS)
    traffic = Traffic(context)
    page = context.new_page()
    page.set_default_timeout(15000)
    problems = {}
    for kind in KINDS:
        page.goto(base + samples[kind][lang])
        page.wait_for_load_state("networkidle")
        stored = page.evaluate(STORED)
        if any(stored.values()):
            problems[kind] = stored
    # The search (a query typed, Enter pressed) and the finder (filters chosen).
    page.goto(base + LANGS[lang])
    open_search(page)
    search(page, base, "INHOPE")
    page.keyboard.press("Enter")
    page.goto(base + samples["finder"][lang] + f"?plan={catalogue.current_plan.id}&ministry=mext")
    page.wait_for_load_state("networkidle")
    page.locator("#finder-plan").select_option(index=0)
    page.wait_for_load_state("networkidle")
    stored = page.evaluate(STORED)
    if any(stored.values()):
        problems["search and finder"] = stored
    assert not problems
    assert context.cookies() == []
    assert len(traffic.requests) > len(KINDS) and not traffic.problems()
    context.close()
