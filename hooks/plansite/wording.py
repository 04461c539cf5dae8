"""The site's words (data/labels.yaml): the one way a label's {placeholders} are filled.

A label may hold only `{name}` placeholders, each one the labels schema declares for it
(`x-placeholders`): Python's own `str.format` would also run `{n.__class__}` and stop the
build on a stray brace, so it is never used on a label.
"""

from __future__ import annotations

import re
from typing import Mapping

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_BRACE = re.compile(r"[{}]")

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The placeholders a label's text holds, in order.
def placeholders(text: str) -> list[str]:
    """Names of the `{name}` placeholders in `text`."""
    return PLACEHOLDER.findall(text)


# What is wrong with a label's placeholders, given the ones its pages fill (empty: nothing).
def placeholder_problems(text: str, allowed: list[str]) -> list[str]:
    """Check a label's braces and placeholder names against those its pages fill."""
    if _BRACE.search(PLACEHOLDER.sub("", text)):
        return ["has a '{' or '}' that is not part of a placeholder such as {plan}. Write braces only around a placeholder's name."]
    unknown = [name for name in placeholders(text) if name not in allowed]
    if unknown:
        offer = ", ".join(f"{{{name}}}" for name in allowed) if allowed else "none: this label is shown as written"
        return [f"uses the placeholder {{{unknown[0]}}}, which its pages do not fill. Placeholders this label can use: {offer}."]
    return []


# Fill a label's placeholders. One that `values` does not give stays as written: the
# page's script fills it (the finder's and the search dialog's counts).
def fill(text: str, values: Mapping[str, object], escape=str) -> str:
    """Replace each `{name}` with its value; every piece of text and value goes through `escape`."""
    parts = PLACEHOLDER.split(text)
    return "".join(
        escape(part if index % 2 == 0 else values.get(part, "{" + part + "}")) for index, part in enumerate(parts)
    )
