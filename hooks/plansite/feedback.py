"""The "Report a problem with this page" link: a prefilled issue or e-mail, no script.

Pure: from the site's feedback settings (data/site.yaml `feedback`), the page's
address and title and the site's words to one link, or None while no target is set.
Everything that goes into the link is percent-encoded, so a title cannot break out
of its parameter (the theme escapes the whole link again when it writes it).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from . import wording
from .model import Catalogue

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The link that reports a problem with a page: an issue on the repository where one is
# set, else an e-mail; None when the site has neither.
def report_link(settings: dict[str, Any] | None, url: str, title: str, subject: str, body: list[str]) -> str | None:
    """`subject` and the paragraphs of `body` are the site's words with {title} and {url} to fill in."""
    settings = settings or {}
    values = {"title": title, "url": url}
    subject = wording.fill(subject, values)
    body = "\n\n".join(wording.fill(paragraph, values) for paragraph in body) + "\n"
    repository = (settings.get("repository") or "").rstrip("/")
    if repository:
        return f"{repository}/issues/new?title={_encode(subject)}&body={_encode(body)}"
    email = settings.get("email")
    if email:
        return f"mailto:{quote(email, safe='@')}?subject={_encode(subject)}&body={_encode(body)}"
    return None


# One page's report link in one language, worded with the site's labels.
def page_report_link(catalogue: Catalogue, lang: str, url: str, title: str) -> str | None:
    """The report link of the page at `url` titled `title`, in `lang`; None while the site has no target."""
    subject, page_line, prompt = (catalogue.label(key).or_source(lang) for key in ("report_problem_subject", "report_problem_body", "report_problem_prompt"))
    return report_link(catalogue.site.get("feedback"), url, title, subject, [page_line, prompt])


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# Percent-encode all but the unreserved characters (spaces as %20, which mail programs
# read and '+' would not be).
def _encode(text: str) -> str:
    return quote(text, safe="")
