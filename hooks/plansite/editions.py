"""The plans' PDF editions: where `make publish` leaves them, whether they still match the
project, and where they sit in the site.

tools/pdf.py renders each plan's full text to PDF into .cache/pdf/ before the build and
writes there a stamp of everything the PDFs were made from. A build publishes the PDFs
(and the plan pages link them, with their size) only while that stamp matches the project
as it is: a PDF left over from older data or templates is never published, and a build
without PDFs (`make build`) simply has no PDF links.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import paths

# Where tools/pdf.py writes the PDFs and their stamp, under the project.
FOLDER = Path(".cache") / "pdf"
STAMP = "stamp"

# What a PDF is made from, under the project: the data, the templates and the code that
# render it, and its stylesheet.
INPUTS = ("data", "hooks/templates", "hooks/plansite", "tools/pdf.py", "docs/assets/print.css")

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """One plan's PDF in one language."""

    plan: str  # the plan's id
    lang: str
    source: Path  # the file on disk, in .cache/pdf/
    path: str  # its path in the site, shared by both languages' builds
    size: int  # in bytes


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The PDF's file name, which carries its plan and language (also when downloaded).
def file_name(plan_id: str, lang: str) -> str:
    """The file name of a plan's PDF in one language."""
    return f"{plan_id}-{lang}.pdf"


# The PDF's path in the site: beside the plan's pages, once for both languages' builds.
def site_path(plan_id: str, lang: str) -> str:
    """The PDF's path in the site: beside the plan's pages, once for both languages' builds."""
    return paths.pdf(plan_id, file_name(plan_id, lang))


# A fingerprint of everything the PDFs are made from (file names and contents).
def stamp(root: Path) -> str:
    """A hash of every file the PDF editions are made from."""
    digest = hashlib.sha256()
    for name in INPUTS:
        top = root / name
        paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts)  # none if missing
        for path in paths:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


# The PDFs in .cache/pdf/ that were made from the project as it is now, by plan id and
# language; none when the folder is missing or its stamp is stale.
def current(root: Path) -> dict[tuple[str, str], Edition]:
    """The PDF editions in .cache/pdf/ that match the project now, by (plan id, language)."""
    folder = root / FOLDER
    stamp_file = folder / STAMP
    if not stamp_file.is_file() or stamp_file.read_text(encoding="utf-8").strip() != stamp(root):
        return {}
    found = {}
    for pdf in sorted(folder.glob("*-*.pdf")):
        plan_id, lang = pdf.stem.rsplit("-", 1)
        found[(plan_id, lang)] = Edition(plan_id, lang, pdf, site_path(plan_id, lang), pdf.stat().st_size)
    return found
