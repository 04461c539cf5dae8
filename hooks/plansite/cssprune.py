"""A stylesheet without the rules that no page of the site can match.

Material's stylesheet styles every feature of the theme (code blocks, tabs, admonition
icons, search, palettes ...): 138 KB, of which the site's pages use about a fifth. A
rule is kept when one of its selectors can match: every class it requires, and every
`data-md-*` or `dir` attribute value it requires, appears in the site's pages or
scripts. What may match through a selector the pruning cannot read (inside :not(),
:is(), :where(), :has()) is kept, as are @font-face, @keyframes and every rule without
a class. So the pruning can only keep too much, never drop a rule that a page uses.

Plain Python on strings: it knows nothing of MkDocs or of the theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

# class="a b" in the pages; data-md-*="..." and dir="..." attributes, by name and value.
# Each counts only where a word starts (as `\bclass` would say; see _at_word_start).
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
_MARKED_ATTRIBUTE = re.compile(r'(data-md-[a-z-]+|dir)="([^"]*)"')
_WORD_CHARACTER = re.compile(r"\w")
# In a script, any word that could be a class name it sets.
_SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")
# In a selector: a class, and an attribute selector on one of the marked attributes.
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_SELECTOR_MARK = re.compile(r"\[(data-md-[a-z-]+|dir)=[\"']?([^\]\"']*)[\"']?\]")
# Functional pseudo-classes whose arguments need not match: their contents are not required.
_OPEN_ARGUMENTS = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
# At-rules whose blocks hold rules, pruned inside; any other at-rule block is kept whole.
_GROUPING = ("@media", "@supports", "@layer", "@container")


@dataclass
class UsedNames:
    """What the site's pages and scripts can match: class names and marked attribute values."""

    classes: set[str] = field(default_factory=set)
    marks: set[tuple[str, str]] = field(default_factory=set)

    # Note what one page's HTML uses.
    def add_html(self, html: str) -> None:
        """Add the classes and the data-md-*/dir attribute values of one page."""
        for match in _at_word_start(_CLASS_ATTRIBUTE, html):
            self.classes.update(match.group(1).split())
        self.marks.update(match.groups() for match in _at_word_start(_MARKED_ATTRIBUTE, html))

    # A script may set any class it names: every word of it counts.
    def add_script(self, source: str) -> None:
        """Add every word of a script as a class it may set."""
        self.classes.update(_SCRIPT_WORD.findall(source))


# The stylesheet with only the rules that can match what `used` names.
def prune(css: str, used: UsedNames) -> str:
    """The rules of `css` that can match a page, in their order, minified as they came."""
    return "".join(_prune_block(_without_comments(css), used))


# Whether one selector (of a comma-separated list) can match.
def selector_can_match(selector: str, used: UsedNames) -> bool:
    """Whether every class and marked attribute value `selector` requires is used."""
    required = _required_part(selector)
    if any(name not in used.classes for name in _SELECTOR_CLASS.findall(required)):
        return False
    return all(mark in used.marks for mark in _SELECTOR_MARK.findall(required))


# The selector without the arguments of :not(), :is() ... (not required to match).
def _required_part(selector: str) -> str:
    out, depth, i = [], 0, 0
    while i < len(selector):
        opened = _OPEN_ARGUMENTS.match(selector, i) if depth == 0 else None
        if opened:
            depth, i = 1, opened.end()
            continue
        char = selector[i]
        if depth:
            depth += {"(": 1, ")": -1}.get(char, 0)
        else:
            out.append(char)
        i += 1
    return "".join(out)


# The matches of `pattern` in `text` that start a word, as `\b` + `pattern` would find them:
# with `\b` in front, the regular expression engine tries every position of every page
# (0.3 s of a 3.5 s build); searched for as plain text, it jumps from candidate to candidate.
def _at_word_start(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and _WORD_CHARACTER.match(text, start - 1):
            position = start + 1  # inside a word: look again from the next character, as \b would
            continue
        yield match
        position = match.end()


# The rules of one block (the whole sheet, or an @media's inside), pruned.
def _prune_block(css: str, used: UsedNames) -> list[str]:
    kept: list[str] = []
    i = 0
    while i < len(css):
        brace = _find(css, "{;", i)
        if brace < 0:
            break
        prelude = css[i:brace].strip()
        if css[brace] == ";":  # a statement at-rule (@charset, @import ...): kept
            kept.append(prelude + ";")
            i = brace + 1
            continue
        end = _matching_brace(css, brace)
        body = css[brace + 1:end]
        i = end + 1
        if prelude.startswith(_GROUPING):
            inner = _prune_block(body, used)
            if inner:
                kept.append(prelude + "{" + "".join(inner) + "}")
        elif prelude.startswith("@"):
            kept.append(prelude + "{" + body + "}")
        else:
            selectors = [s for s in _split_selectors(prelude) if selector_can_match(s, used)]
            if selectors:
                kept.append(",".join(selectors) + "{" + body + "}")
    return kept


# The first of `chars` at or after `start`, outside strings and parentheses (-1 if none).
def _find(css: str, chars: str, start: int) -> int:
    depth, quote = 0, ""
    for i in range(start, len(css)):
        char = css[i]
        if quote:
            if char == quote and css[i - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and char in chars:
            return i
    return -1


# The brace that closes the one at `open_at`.
def _matching_brace(css: str, open_at: int) -> int:
    depth, i = 0, open_at
    while i < len(css):
        found = _find(css, "{}", i)
        if found < 0:
            return len(css)
        depth += 1 if css[found] == "{" else -1
        if depth == 0:
            return found
        i = found + 1
    return len(css)


# A selector list split at its top-level commas.
def _split_selectors(prelude: str) -> list[str]:
    parts, start = [], 0
    while True:
        comma = _find(prelude, ",", start)
        if comma < 0:
            parts.append(prelude[start:])
            return [part.strip() for part in parts if part.strip()]
        parts.append(prelude[start:comma])
        start = comma + 1


def _without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)
