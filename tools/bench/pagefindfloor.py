"""The memory floor of the search index: Pagefind alone, indexing one language's pages.

The site hands Pagefind every page as it is written and nothing else; Pagefind 1.6.0
then builds a language's index in one go from all that language's words, and keeps it
until the files are made. What that costs is Pagefind's own: its command-line indexer,
run on nothing but one language's pages of the same built site, needs as much. The
largest of these peaks (the Japanese pages: Pagefind's Japanese segmentation) is the
floor under the build's memory; the build adds MkDocs beside it.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from plansite.searchindex import pagefind_executable
from plansite.settings import SiteSettings


# Each language's pages of `site` (hard links, no copies) in `target`, as their own site.
def _language_pages(site: Path, target: Path, folder: str, other_folders: list[str]) -> int:
    root = site / folder if folder else site
    count = 0
    for page in root.rglob("*.html"):
        relative = page.relative_to(root)
        if relative.parts[0] == "pagefind" or any(f"{relative.parts[0]}/" == other for other in other_folders):
            continue  # the index itself, or another language's folder inside the default's
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        os.link(page, copy)
        count += 1
    return count


# Pagefind's command-line indexer on each language's pages of a built `site`: its peak RSS.
def pagefind_alone(site: Path, settings: SiteSettings, work: Path) -> dict[str, dict]:
    """For each language: pages, seconds and peak RSS (wait4) of Pagefind indexing only that language's pages of `site`."""
    executable = pagefind_executable()
    folders = {lang: settings.folder(lang) for lang in settings.languages}
    results = {}
    for lang, folder in folders.items():
        with tempfile.TemporaryDirectory(dir=work) as temporary:
            pages_dir, output = Path(temporary) / "site", Path(temporary) / "index"
            count = _language_pages(site, pages_dir, folder, [f for f in folders.values() if f and f != folder])
            started = time.perf_counter()
            with open(Path(temporary) / "log", "wb") as log:
                process = subprocess.Popen([str(executable), "--site", str(pages_dir), "--output-path", str(output)], stdout=log, stderr=subprocess.STDOUT)
                _, status, usage = os.wait4(process.pid, 0)
            results[lang] = {"pages": count, "seconds": round(time.perf_counter() - started, 2),
                             "peak_rss_bytes": usage.ru_maxrss * 1024, "ok": os.waitstatus_to_exitcode(status) == 0}
    return results
