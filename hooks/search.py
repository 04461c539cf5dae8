"""MkDocs hook: index the built site with Pagefind, one index per language.

Pagefind (the extended binary from PyPI, with Japanese word segmentation) reads the
built HTML once both languages are written and puts its index and its search UI in
pagefind/ at the top of the site, served from the site itself. Each page's <html lang>
decides its index, so the search box on a Japanese page finds Japanese pages only.

mkdocs-static-i18n builds the other languages inside the default language's
on_post_build (priority -100), and every hook event fires in those inner builds too;
this hook runs later (-200) and only when the plugin is no longer building, that is
once, after the outer build, when every language is on disk.
"""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.search")

# Only the article is indexed (main.html marks it data-pagefind-body); the breadcrumb
# trail repeats the same titles on every page and would drown the ranking.
EXCLUDE = [".breadcrumbs", ".back-to-top"]

# How results are ranked (Pagefind's ranking options, passed to the UI through the
# header's dialog): pages are short (a measure) or long (a ministry listing dozens of
# measures, each with its ministries); weighing page length fully keeps the short page
# about a term above the long lists that mention it in passing. Measured with
# tools/search_eval.py: with the default (0.75), 文部科学省 found ministry pages only.
RANKING = {"pageLength": 1.0}

# Pagefind splits the Japanese of the pages with Lindera (IPADIC) when it indexes them,
# but the query with the browser's Intl.Segmenter (ICU) when it searches; the two
# disagree on katakana loanwords: ICU cuts フィルタリング into フィルタ + リング where the
# index holds フィルタ + リ + ング, and since every word of a query must match, such a
# query finds nothing (Pagefind issue #1237). Pagefind matches each query word as a
# prefix, so a katakana run is searched by its first ICU word alone, which is a prefix
# of the run's first indexed word. Put before Pagefind's own scripts (main thread and
# web worker), it changes only Japanese word segmentation.
JAPANESE_QUERY_FIX = """\
/* plansite: Japanese query segmentation to match Pagefind's index (see hooks/search.py). */
(function () {
  var g = typeof self !== "undefined" ? self : globalThis;
  var Native = g.Intl && g.Intl.Segmenter;
  if (!Native || Native.plansite) return;
  var KATAKANA = /^[\\u30A0-\\u30FF]+$/;
  function Segmenter(locale, options) {
    var inner = new Native(locale, options);
    if (!(options && options.granularity === "word" && /^ja\\b/i.test(String(locale)))) return inner;
    return {
      resolvedOptions: function () { return inner.resolvedOptions(); },
      segment: function (text) {
        var out = [];
        for (var s of inner.segment(text)) {
          var last = out[out.length - 1];
          if (last && KATAKANA.test(last.segment) && KATAKANA.test(s.segment) && last.index + last.segment.length === s.index) {
            continue;
          }
          out.push({ segment: s.segment, index: s.index, input: text, isWordLike: s.isWordLike });
        }
        return out;
      }
    };
  }
  Segmenter.supportedLocalesOf = Native.supportedLocalesOf.bind(Native);
  Segmenter.plansite = true;
  g.Intl.Segmenter = Segmenter;
})();
"""

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Where the templates find Pagefind's files: an absolute path under the site's address.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    base = urlsplit(config.site_url or "/").path or "/"
    config.extra["pagefind_bundle"] = base.rstrip("/") + "/pagefind/"
    config.extra["pagefind_ranking"] = json.dumps(RANKING)
    return config


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner build of one language; the outer build indexes them all
    index(Path(config.site_dir))


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Index a built site with Pagefind and patch its scripts for Japanese queries.
def index(site: Path) -> None:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise Abort("Pagefind is not installed: pip install -r requirements.txt (pagefind-bin-extended).") from None
    command = [str(get_executable()), "--site", str(site), "--output-subdir", "pagefind"]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise Abort(f"Pagefind could not index the site:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    languages = [line.strip() for line in result.stdout.splitlines() if "languages" in line or "Indexed" in line]
    log.info("Pagefind: %s", "; ".join(languages))
    # Pagefind writes its languages in a random order; sorted, two builds are byte-identical.
    entry = site / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    for name in ("pagefind.js", "pagefind-worker.js"):
        path = site / "pagefind" / name
        path.write_text(JAPANESE_QUERY_FIX + path.read_text(encoding="utf-8"), encoding="utf-8")
