"""Pages, output size and search index sizes of a built site."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path
from typing import Any


# Files and bytes under a folder.
def tree_size(folder: Path) -> tuple[int, int]:
    """(number of files, total bytes) under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# The language of a built page's path: the first folder if it names a language, else the default.
def language_of(path: str, langs: list[str]) -> str:
    """The language of a site path: its first folder if that is a non-default language, else langs[0]."""
    first = path.split("/", 1)[0]
    return first if first in langs[1:] else langs[0]


# Pages (per language), files, output bytes and search indexes of a built site.
def site_stats(site: Path, langs: list[str]) -> dict:
    """What a built site holds: HTML pages per language (404 pages left out), sizes, search indexes."""
    count, size = tree_size(site)
    html = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"]
    by_language = {lang: sum(language_of(p, langs) == lang for p in html) for lang in langs}
    return {
        "pages": len(html),
        "pages_by_language": by_language,
        "files": count,
        "output_bytes": size,
        "search_indexes": [_lunr_index(index, site, langs) for index in sorted(site.rglob("search_index.json"))],
        "pagefind": [_pagefind(folder, site) for folder in pagefind_folders(site, langs)],
    }


# Material's search index (if a build has one): size, gzipped size, per-language share.
def _lunr_index(index: Path, site: Path, langs: list[str]) -> dict:
    entry: dict[str, Any] = {
        "file": index.relative_to(site).as_posix(),
        "bytes": index.stat().st_size,
        "gzip_bytes": len(gzip.compress(index.read_bytes(), 6)),
    }
    try:
        docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        by_lang: dict[str, list] = defaultdict(list)
        for doc in docs:
            by_lang[language_of(doc.get("location", ""), langs)].append(doc)
        entry["documents_by_language"] = {
            lang: {"documents": len(items), "json_bytes": len(json.dumps(items, ensure_ascii=False).encode())}
            for lang, items in sorted(by_lang.items())
        }
    except (ValueError, AttributeError) as error:
        entry["error"] = str(error)
    return entry


# Pagefind folders at the top of the site or of a language.
def pagefind_folders(site: Path, langs: list[str]) -> list[Path]:
    """The site's Pagefind bundles: pagefind/ at its top or in a language's folder."""
    return [f for f in [site / "pagefind", *(site / lang / "pagefind" for lang in langs)] if f.is_dir()]


# A Pagefind folder: per language its index chunks, page fragments, metadata and
# segmentation module (named <lang>_<hash>); the rest (UI, worker) is shared.
def _pagefind(folder: Path, site: Path) -> dict:
    files, size = tree_size(folder)
    entry: dict[str, Any] = {"folder": folder.relative_to(site).as_posix(), "files": files, "bytes": size}
    meta = folder / "pagefind-entry.json"
    if not meta.exists():
        return entry
    languages = json.loads(meta.read_text(encoding="utf-8")).get("languages", {})
    entry["languages"] = {}
    own: set[Path] = set()
    for lang, info in languages.items():
        mine = [p for sub in ("index", "fragment") for p in (folder / sub).glob(f"{lang}_*") if p.is_file()]
        mine += [p for p in (folder / f"pagefind.{info.get('hash')}.pf_meta", folder / f"wasm.{info.get('wasm') or 'unknown'}.pagefind") if p.is_file()]
        own.update(mine)
        entry["languages"][lang] = {
            "pages": info.get("page_count"),
            "index_chunks": sum(1 for p in mine if p.suffix == ".pf_index"),
            "index_bytes": sum(p.stat().st_size for p in mine if p.suffix == ".pf_index"),
            "fragment_bytes": sum(p.stat().st_size for p in mine if p.suffix == ".pf_fragment"),
            "bytes": sum(p.stat().st_size for p in mine),
        }
    entry["shared_bytes"] = size - sum(p.stat().st_size for p in own)
    return entry
