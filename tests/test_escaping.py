"""Every site-level text is written as text: payloads that pass the data check stay inert.

The safety check refuses tags, so what remains for an attacker are quotes that close an
attribute (`" autofocus onfocus="...`) and a description that turns a meta tag into a
redirect. Here such a payload goes into every text the site writes outside the data's
prose: the site's name and office, every label, the site's description and a page's
front matter. The poisoned site is built for real and opened in Chromium, page type by
page type, in both languages: no dialog may open, the page may not move, no request may
leave 127.0.0.1, and the payload must show as the text it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from helpers import build_site, copy_project
from pagetools import KINDS, LANGS, lang_of

from tools.browser import serve

pytestmark = pytest.mark.browser

DOUBLE = '" autofocus onfocus="alert(document.domain)" x="'
SINGLE = "' autofocus onfocus='alert(document.cookie)' x='"
REFRESH = '0;url=https://evil.example/" http-equiv="refresh'


# -----------------------------------------------------------------------------
# Fixtures
# -----------------------------------------------------------------------------


# The real project with a payload in every site-level text, built strictly.
@pytest.fixture(scope="module")
def poisoned(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("poisoned") / "project")
    site_file = project / "data" / "site.yaml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    site["name"] = {"en": "Measures" + DOUBLE, "ja": "子供の性被害防止対策" + SINGLE}
    site["office"] = {"en": "Juvenile Division" + SINGLE, "ja": "警察庁生活安全局少年課" + DOUBLE}
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True, width=10_000), encoding="utf-8")
    labels_file = project / "data" / "labels.yaml"
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    for key, text in labels.items():
        text["en"] = text["en"] + " " + DOUBLE
        text["ja"] = text["ja"] + " " + SINGLE
    labels["site_description"] = {"en": REFRESH, "ja": REFRESH}
    labels_file.write_text(yaml.safe_dump(labels, allow_unicode=True, width=10_000), encoding="utf-8")
    for lang in ("en", "ja"):
        page = project / "docs" / f"about.{lang}.md"
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"^title: (.*)$", lambda m: f"title: '{m.group(1)}{DOUBLE}'\ndescription: '{REFRESH}'", text, count=1, flags=re.M)
        page.write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("poisoned-site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


# -----------------------------------------------------------------------------
# Tests
# -----------------------------------------------------------------------------


# By the language's folder ('' and 'ja/'): every kind of page of pagetools' sample, and the 404 page.
@pytest.mark.parametrize("folder", LANGS.values())
def test_payloads_in_site_texts_stay_inert_on_every_page_type(poisoned, browser, samples, folder):
    addresses = [samples[kind][lang_of(folder)] for kind in KINDS] + [folder + "404.html"]
    with serve(poisoned) as base:
        host = urlsplit(base).netloc
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        outside: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

        def only_here(route):
            if urlsplit(route.request.url).netloc == host:
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_here)
        for path in addresses:
            url = base + path
            page.goto(url)
            page.keyboard.press("Tab")
            page.wait_for_timeout(150)
            assert page.url == url, f"{url} moved to {page.url}"
            assert page.locator("meta[http-equiv]").count() == 0, url
            assert page.locator("[onfocus], [autofocus]").count() == 0, url
            assert "onfocus=" in page.title(), f"the site name's payload is not shown as text on {url}"
        context.close()
    assert not dialogs, dialogs
    assert not outside, outside
