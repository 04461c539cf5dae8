"""Page weight: what a first visit transfers, with one search, in Chromium (Playwright).

Each page is opened in a fresh browser context against the local gzip server, then the
site's search is opened and a query typed; the server counts every byte it sends.
"""

from __future__ import annotations

import gzip
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from tools.bench.common import Context, localised, log
from tools.bench.server import GzipServer
from tools.browser import CHROMIUM, CHROMIUM_ARGS

# The pages weighed and audited (Lighthouse too), by their path in the default language;
# each in every language. The ministries' matrix is among them (issue 12).
PAGES = [
    ("home", ""),
    ("measure", "plans/plan-2022/measures/1-1/"),
    ("matrix", "ministries/"),
    ("finder", "finder/"),
]
# The query typed into the search on a page of each language.
SEARCH_QUERY = {"en": "police", "ja": "警察"}


# Every page of PAGES in every language, weighed.
def measure(ctx: Context) -> dict:
    """Weigh every page of PAGES in every language: HTML size, first load and with one search."""
    from playwright.sync_api import sync_playwright

    log("page weight: Chromium through Playwright")
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, path in PAGES:
                for lang in ctx.langs:
                    results.append(_weigh(browser, ctx.site, ctx.server, name, localised(path, lang, ctx.langs), lang))
        finally:
            browser.close()
    return {"pages": results}


# One page: its HTML's size, then a visit; a page failing does not lose the others.
def _weigh(browser: Any, site: Path, server: GzipServer, name: str, page_path: str, lang: str) -> dict:
    entry: dict[str, Any] = {"page": name, "lang": lang, "path": f"/{page_path}"}
    html_file = site / page_path / "index.html"
    if not html_file.exists():
        entry["skipped"] = "the page does not exist in this build"
        return entry
    html = html_file.read_bytes()
    entry["html_bytes"] = len(html)
    entry["html_gzip_bytes"] = len(gzip.compress(html, 6, mtime=0))
    try:
        entry.update(_visit(browser, server, f"{server.url}{page_path}", lang))
    except Exception as error:  # one page failing must not lose the others
        entry["error"] = f"{type(error).__name__}: {error}"
    return entry


# What type of file a response is, for the report's split.
def _kind(entry: dict) -> str:
    path, ctype = entry["path"], entry.get("type") or ""
    if "/pagefind/" in path or "search_index" in path or "/lunr/" in path or "/workers/search" in path:
        return "search"
    for prefix, kind in (("text/html", "html"), ("text/css", "css")):
        if ctype.startswith(prefix):
            return kind
    return "js" if "javascript" in ctype else "other"


# Requests, bytes transferred and uncompressed, and transferred bytes by kind.
def _summary(sent: list[dict]) -> dict:
    by_kind: dict[str, int] = defaultdict(int)
    for entry in sent:
        by_kind[_kind(entry)] += entry["bytes"]
    return {
        "requests": len(sent),
        "transferred_bytes": sum(e["bytes"] for e in sent),
        "uncompressed_bytes": sum(e["raw_bytes"] for e in sent),
        "transferred_by_kind": dict(sorted(by_kind.items())),
    }


# A first visit in a fresh context: the load, then one search; what the server sent for each.
def _visit(browser: Any, server: GzipServer, url: str, lang: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    seen: list[Any] = []
    errors: list[str] = []
    page.on("requestfinished", lambda request: seen.append(request))
    page.on("console", lambda message: errors.append(f"console: {message.text} ({message.location.get('url', '')})") if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    server.take()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    load = server.take()
    how, searched = _search(page, lang, errors)
    everything = load + server.take()
    playwright_body = sum(_body_size(request) for request in seen)
    context.close()
    return {
        "first_load": _summary(load),
        "with_search": _summary(everything),
        "search_opened_by": how,
        "search_results_shown": searched,
        "browser_errors": errors[:20],
        "requests": [{k: e[k] for k in ("path", "status", "bytes", "raw_bytes", "encoding")} for e in everything],
        "playwright_requests": len(seen),
        "playwright_response_body_bytes": playwright_body,
    }


# A response's body size as Playwright saw it (0 if it cannot say).
def _body_size(request: Any) -> int:
    try:
        return request.sizes()["responseBodySize"]
    except Exception:
        return 0


# Open the search, type the language's query, wait for results and a quiet network.
def _search(page: Any, lang: str, errors: list[str]) -> tuple[str | None, bool]:
    try:
        how = _open_search(page)
    except Exception as error:
        errors.append(f"opening the search: {type(error).__name__}: {str(error)[:300]}")
        return None, False
    if not how:
        return None, False
    page.keyboard.type(SEARCH_QUERY.get(lang) or next(iter(SEARCH_QUERY.values())), delay=20)
    try:
        page.wait_for_selector(".md-search-result__item, .site-search__result", timeout=15_000)
        searched = True
    except Exception:
        searched = False
    page.wait_for_load_state("networkidle")
    time.sleep(0.5)
    return how, searched


# Open the site's search and put the focus in its field: the button that opens the
# search dialog (Pagefind), or a search box on the page. Returns how, or None.
def _open_search(page: Any) -> str | None:
    opener = page.locator(".site-search__open, [aria-controls*=search]").first
    if opener.count():
        return _open_dialog(page, opener)
    box = page.locator("input[type=search]").first
    if box.count() and box.is_visible():
        box.focus()
        return "focus on input[type=search]"
    return None


# Click the header's search button (or press '/' if it stayed hidden); focus the dialog's field.
def _open_dialog(page: Any, opener: Any) -> str | None:
    try:
        opener.wait_for(state="visible", timeout=5_000)
    except Exception:
        pass
    if opener.is_visible():
        opener.click()
        how = "click on the header's search button, focus in the dialog's field"
    else:  # the button stayed hidden (its script did not run): try the keyboard shortcut
        page.locator("body").press("/")
        how = "the button stayed hidden; '/' key, focus in the dialog's field"
    field = page.locator("dialog[open] input[type=search]").first
    try:
        field.wait_for(state="visible", timeout=15_000)
    except Exception:
        return None
    field.focus()
    return how
