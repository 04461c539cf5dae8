"""Render every plan's full text to PDF, in every language (the first step of `make publish`).

Each PDF is the plan's full-text page (hooks/templates/full-text.html.j2, the same HTML
as on the site) in a document of its own (full-text-document.html.j2) with the print
stylesheet alone, rendered by WeasyPrint in Noto Sans CJK JP, tagged (PDF/UA-1), with a
bookmark per section, pillar and measure. The PDFs and a stamp of what they were made from
go to .cache/pdf/; the build that follows copies them into the site and links them from
the plan pages with their size (hooks/plansite/editions.py), so one build is enough.

Usage: python -m tools.pdf [PROJECT]   (the project folder, this repository by default; SITE_URL
is read as mkdocs.yml reads it: the PDFs' links point there)
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parent.parent

from plansite import editions, paths, render  # noqa: E402
from plansite.links import UnknownLink, page_url  # noqa: E402
from plansite.problems import DataError  # noqa: E402
from plansite.session import Session, session_for  # noqa: E402
from plansite.settings import from_config

STYLESHEET = Path("docs/assets/print.css")
# Tagged for assistive technology; WeasyPrint's PDF/UA-1 variant also embeds the fonts.
VARIANT = "pdf/ua-1"

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Render every plan in every language into .cache/pdf/ (emptied first), then stamp it.
# Returns the PDFs written.
def make_pdfs(project: Path = ROOT) -> list[Path]:
    import weasyprint  # here: without Pango it fails to load, and main() says what to install

    config = _mkdocs_config(project)
    settings = from_config(project)
    session = session_for(project / "data", project, settings)
    out = project / editions.FOLDER
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    stylesheet = weasyprint.CSS(filename=str(project / STYLESHEET))
    written = []
    for lang in settings.languages:
        folder = settings.folder(lang)
        for plan in session.catalogue.plans:
            document = full_text_document(session, plan, lang, folder, config["site_url"])
            target = out / editions.file_name(plan.id, lang)
            base = config["site_url"] + folder + page_url(paths.full_text(plan))
            weasyprint.HTML(string=document, base_url=base).write_pdf(target, stylesheets=[stylesheet], pdf_variant=VARIANT)
            written.append(target)
    (out / editions.STAMP).write_text(editions.stamp(project) + "\n", encoding="utf-8")
    return written


# The HTML document of one plan's PDF in one language ('folder': where that language's
# pages are in the site, from the site's settings).
def full_text_document(session: Session, plan: Any, lang: str, folder: str, site_url: str) -> str:
    """One plan's full text in one language as a standalone HTML document for WeasyPrint."""
    spec = session.spec_by_path[paths.full_text(plan)]
    L = session.localiser(lang, spec.path, folder)
    # The reference-translation notice, as on the site: every language but the source's.
    notice = render.notice(session.env, L) if lang != session.settings.default_language and spec.status == "reference" else ""
    last_changed = render.last_changed(session.env, session.last_changed(spec, ""), L)
    return session.env.get_template("full-text-document.html.j2").render(
        catalogue=session.catalogue,
        lang=lang,
        L=L,
        title=L.name(spec.title),
        address=site_url + folder + page_url(spec.path),
        plan=spec.context["plan"],
        notice=Markup(notice),
        body=Markup(session.html(spec, lang, folder).html),
        last_changed=Markup(last_changed),
    )


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# mkdocs.yml as MkDocs reads it (with SITE_URL from the environment), without loading the
# site's plugins and hooks.
def _mkdocs_config(project: Path) -> dict:
    with open(project / "mkdocs.yml", encoding="utf-8") as file:
        config = yaml.load(file, Loader=get_yaml_loader())
    url = config.get("site_url") or ""
    config["site_url"] = url if url.endswith("/") else url + "/"
    return config


# WeasyPrint warns about every CSS property it does not know; only errors matter here.
def main(argv: list[str]) -> int:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    project = Path(argv[0]).resolve() if argv else ROOT
    started = time.perf_counter()
    try:
        written = make_pdfs(project)
    except (DataError, UnknownLink) as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"WeasyPrint could not run: {error}\nIts libraries come from Debian: sh tools/system-deps.sh pdf", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path.relative_to(project)}: {path.stat().st_size / 1024:.0f} KB")
    print(f"{len(written)} PDFs in {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main(sys.argv[1:]))
