"""safety and wording, in-process: what a text may hold, and the one way labels are filled."""

from __future__ import annotations

import pytest
from plansite import safety, wording


# Each kind of text: what it may hold, judged by what it becomes.
@pytest.mark.parametrize(
    "text, kind, refused",
    [
        ("Plain words", "plain", False),
        ("A [link](https://example.org)", "plain", True),
        ("**bold** words", "inline", False),
        ("one\ntwo", "inline", True),
        ("A paragraph.\n\n- a list\n- of items", "prose", False),
        ("see [x](https://example.org/a)", "prose", False),
        ("see [x](javascript:alert(1))", "prose", True),
        ("see [x](java\nscript:alert(1))", "prose", True),
        ("see [x](JaVaScRiPt:alert(1))", "prose", True),
        ("<b>bold</b>", "prose", True),
        ("&lt;script&gt;", "prose", True),
        ("text {: .class }", "prose", True),
        ("zero\u200bwidth", "plain", True),
        ("![image](https://example.org/a.png)", "prose", True),
    ],
)
def test_what_a_text_may_hold(text, kind, refused):
    assert bool(safety.problems(text, kind)) is refused, safety.problems(text, kind)


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        safety.problems("x", "poem")


# Links are judged as a browser reads the address.
def test_link_problem():
    assert safety.link_problem("https://example.org/") is None
    assert safety.link_problem("mailto:someone@example.org") is None
    assert safety.link_problem("tel:0120-000-000") is None
    assert safety.link_problem(" javascript:alert(1)") is not None
    assert safety.link_problem("data:text/html,x") is not None
    assert safety.link_problem("../about/") is not None
    assert safety.link_problem("../about/", relative_allowed=True) is None


# Placeholders: named ones only, never Python's format (no attribute lookups, no stray brace errors).
def test_placeholders_are_filled_by_name_only():
    assert wording.placeholders("{n} measures of {plan}") == ["n", "plan"]
    assert wording.fill("{n} measures", {"n": 3}) == "3 measures"
    assert wording.fill("{n.__class__}", {"n": 3}) == "{n.__class__}"
    assert wording.fill("{later} stays", {}) == "{later} stays"
    assert wording.fill("<{n}>", {"n": "&"}, escape=lambda s: str(s).replace("&", "&amp;")) == "<&amp;>"


def test_placeholder_problems():
    assert wording.placeholder_problems("{n} measures", ["n"]) == []
    assert "{plan}" in wording.placeholder_problems("{plan} measures", ["n"])[0]
    assert "'{'" in wording.placeholder_problems("a { b", ["n"])[0]
    assert "shown as written" in wording.placeholder_problems("{n}", [])[0]


# A text that safety judges without converting it (only_paragraphs) becomes, converted,
# nothing but paragraphs and line breaks: checked on random texts made of the characters
# Markdown reads (list markers, indents, underlines, emphasis, links ...) and plain ones.
def test_texts_judged_without_conversion_make_only_paragraphs():
    import random
    import re

    pieces = ["word", "語", " ", "  ", "\n", "\n\n", "\n    ", "\t", "-", "- ", "1. ", "2) ", "3.", "#", "*", "_", "`", "[", "]", "(", ")",
              "!", "<", ">", "&", "\\", "=", "===", "---", "|", "~", "+", ":", "https://example.org", ".", ",", "'", '"', "%", "/", "\u3000"]
    rng = random.Random(15)
    judged = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if not safety.only_paragraphs(text):
            continue
        judged += 1
        tags = set(re.findall(r"<([a-z0-9]+)", safety._convert(text, None)))
        assert tags <= {"p", "br"}, (text, tags)
    assert judged > 200
    assert not safety.only_paragraphs("- an item") and not safety.only_paragraphs("text\n    code") and not safety.only_paragraphs("Title\n---")
