"""The page shown in place of every page under `mkdocs serve` while the data has problems.

It depends on nothing in data/ (the broken data may be any file, labels.yaml too): only
on the problems and on the languages to word it in.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import jinja2

from . import render
from .problems import Problem

TEMPLATE = "data-error.html.j2"


# A whole HTML document listing every problem as `file:line: field: message`.
def problems_page(problems: Iterable[Problem], languages: list[str]) -> str:
    """Render the problems page, worded in `languages` (all the template knows if none of them)."""
    return _environment().get_template(TEMPLATE).render(problems=[str(problem) for problem in problems], languages=languages)


# Templates only, no cache folder: this page must render whatever state the project is in.
@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return render.environment()
