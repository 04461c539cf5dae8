"""HTML_CodeSniffer (WCAG2AA), the second accessibility engine beside axe-core: every page
type in both languages has no error. pa11y (npm, `make a11y-deps`) runs it in Debian's
Chromium on the built site served from 127.0.0.1 (tools/htmlcs.cjs)."""

from __future__ import annotations

import json
import subprocess

import pytest
from helpers import ROOT
from pagetools import BROWSED, LANGS

from tools.browser import serve

pytestmark = pytest.mark.browser

PA11Y = ROOT / ".cache" / "pa11y" / "node_modules" / "pa11y" / "package.json"


# The errors HTML_CodeSniffer finds on some pages of the site, by address.
def htmlcs(base: str, paths: list[str]) -> dict[str, list[dict]]:
    assert PA11Y.is_file(), "pa11y is not installed: run `make a11y-deps`"
    done = subprocess.run(
        ["node", str(ROOT / "tools" / "htmlcs.cjs"), base, *paths],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_page_type_has_no_htmlcs_error(site, samples):
    paths = [samples[kind][lang] for lang in LANGS for kind in BROWSED]
    paths += [LANGS[lang] + "404.html" for lang in LANGS]
    with serve(site) as base:
        found = htmlcs(base, paths)
    assert sorted(found) == sorted(base + path for path in paths)
    errors = [f"{issue['code']} at {issue['selector']} on {url}: {issue['message']}" for url, issues in found.items() for issue in issues]
    assert not errors, "\n".join(errors)


# The check can fail: a form without a submit button and a checkbox without a name,
# the errors the site's pages used to have, are found.
def test_htmlcs_finds_the_errors_the_pages_used_to_have(tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>'
        '<form><input type="checkbox" id="toggle"></form></main></body></html>',
        encoding="utf-8",
    )
    with serve(tmp_path) as base:
        found = htmlcs(base, ["broken/"])
    codes = " ".join(issue["code"] for issue in found[base + "broken/"])
    assert ".H32." in codes and ".H91." in codes, found
