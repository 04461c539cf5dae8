"""Check the pages written by hand in docs/: the same safety check as the data's texts.

A page is `<name>.<language>.md`, one per language of the site, with a front matter
(docs-page.schema.json) and a Markdown body judged as the kind `page` (safety.py):
no HTML, no script links, no images from other hosts, relative links only to pages
that exist. Files other than pages may only be the site's own assets.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import safety, schema
from .load import load_text
from .problems import Problem, display_path

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# What else docs/ may hold: the site's own stylesheets, scripts and pictures, which the
# developers keep (CODEOWNERS); a page of HTML or SVG could carry script.
ASSET_FOLDER = "assets"
ASSET_SUFFIXES = {".css", ".js", ".png", ".jpg", ".jpeg", ".webp", ".ico"}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Every problem of the pages in `docs_dir`: files, front matter, text, links, languages.
def check(docs_dir: Path, root: Path, languages: tuple[str, ...], pages: set[str] | None, extensions: tuple) -> list[Problem]:
    """Check docs/ for a site in `languages` whose pages (source paths, e.g. ministries/npa) are
    `pages`; relative links are left unchecked while `pages` is None (not yet known)."""
    problems: list[Problem] = []
    seen: dict[str, set[str]] = {}
    for path in sorted(docs_dir.rglob("*")):
        name = display_path(path, root, resolve=False)
        if path.is_symlink():
            problems.append(Problem(name, 1, "", "this is a symbolic link. Pages must be ordinary files in the repository: replace the link with the file itself."))
            continue
        if path.is_dir():
            continue
        relative = path.relative_to(docs_dir).as_posix()
        page, _, lang = relative[: -len(".md")].rpartition(".") if relative.endswith(".md") else ("", "", "")
        if relative.endswith(".md") and lang in languages:
            seen.setdefault(page, set()).add(lang)
            problems += _check_page(path, name, page, pages, extensions)
        elif not (relative.startswith(ASSET_FOLDER + "/") and path.suffix in ASSET_SUFFIXES):
            problems.append(Problem(name, 1, "", f"docs/ holds pages named <page>.<language>.md ({', '.join(languages)}) and the site's assets; this file is neither. Move or remove it."))
    for page, langs in sorted(seen.items()):
        for lang in languages:
            if lang not in langs:
                other = sorted(langs)[0]
                problems.append(Problem(f"{display_path(docs_dir, root)}/{page}.{other}.md", 1, "", f"the page has no {lang} version: add {page}.{lang}.md, so that the language switch finds it."))
    return problems


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _check_page(path: Path, name: str, page: str, pages: set[str] | None, extensions: tuple) -> list[Problem]:
    problems: list[Problem] = []
    text = path.read_text(encoding="utf-8", errors="replace")
    match = _FRONT_MATTER.match(text)
    body_start = 1
    if match:
        body_start = match.group(0).count("\n") + 1
        loaded = load_text(match.group(1), path, name, "docs-page", problems, first_line=2)
        if loaded is not None:
            problems += schema.check(loaded)
    else:
        problems.append(Problem(name, 1, "", "the page has no front matter: start it with '---', a line 'title: ...', and '---'."))
    body = text[match.end():] if match else text
    problems += _check_body(body, name, body_start, page, pages, extensions)
    return problems


# The body judged whole (reference links resolve across paragraphs), then paragraph by
# paragraph to name the line of each problem.
def _check_body(body: str, name: str, first_line: int, page: str, pages: set[str] | None, extensions: tuple) -> list[Problem]:
    found = safety.problems(body, "page", extensions)
    problems = []
    for message in found:
        line = first_line
        for offset, block in _blocks(body):
            if message in safety.problems(block, "page", extensions):
                line = first_line + offset
                break
        problems.append(Problem(name, line, "", message))
    for offset, block in _blocks(body) if pages is not None else []:
        for target in _LINK_TARGET.findall(block):
            problem = _relative_problem(target, page, pages)
            if problem:
                problems.append(Problem(name, first_line + offset, "", problem))
    return problems


# The paragraphs of a text with the offset of their first line.
def _blocks(body: str) -> list[tuple[int, str]]:
    blocks, start, lines = [], 0, []
    for number, line in enumerate(body.split("\n")):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            blocks.append((start, "\n".join(lines)))
            lines = []
    if lines:
        blocks.append((start, "\n".join(lines)))
    return blocks


# A relative link from a page must reach a page of the site (written as its .md source).
def _relative_problem(target: str, page: str, pages: set[str]) -> str | None:
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^#|^//", target):
        return None
    path = target.split("#", 1)[0]
    if not path:
        return None
    base = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
    joined = (base + path) if not path.startswith("/") else path.lstrip("/")
    parts: list[str] = []
    for piece in joined.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    resolved = "/".join(parts)
    resolved = re.sub(r"(\.[a-z]{2})?\.md$", "", resolved)
    if resolved in pages or resolved + "/index" in pages or resolved.removesuffix("/index") in pages or (f"{resolved}".startswith(ASSET_FOLDER + "/")):
        return None
    return f"links to '{target[:60]}', which is not a page of the site. Link to a page's .md file (for example about.md) or its address."
