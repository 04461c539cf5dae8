"""The site's design tokens are the Digital Agency Design System's, from the pinned package."""

from __future__ import annotations

import re

from helpers import ROOT

from tools import design_tokens


# The committed stylesheet is exactly what the generator makes from the pinned package:
# nobody retyped or edited a value, and an upgrade of the package shows up here.
def test_committed_tokens_are_generated_from_the_pinned_package():
    tokens = design_tokens.read_package()
    assert (ROOT / "docs" / "assets" / "tokens.css").read_text(encoding="utf-8") == design_tokens.stylesheet(tokens)


# Every value in the committed file is the package's own value for that name.
def test_every_committed_value_is_the_package_value():
    tokens = design_tokens.read_package()
    committed = dict(re.findall(r"--([a-z0-9-]+): (.+?);", (ROOT / "docs" / "assets" / "tokens.css").read_text(encoding="utf-8")))
    assert committed and all(tokens[name] == value for name, value in committed.items())
    # The foundations the site's stylesheet relies on are among them.
    for name in ("font-size-16", "line-height-170", "color-neutral-solid-gray-800", "color-primitive-blue-900", "color-semantic-error-1"):
        assert name in committed


# Every token the site's stylesheet uses is defined: a typo would silently fall back.
def test_site_css_uses_only_defined_tokens():
    defined = set(re.findall(r"--([a-z0-9-]+):", (ROOT / "docs" / "assets" / "tokens.css").read_text(encoding="utf-8")))
    css = (ROOT / "docs" / "assets" / "site.css").read_text(encoding="utf-8")
    own = set(re.findall(r"--([a-z0-9-]+):", css))
    used = set(re.findall(r"var\(--((?:color|font|line-height|border-radius|elevation)-[a-z0-9-]+)\)", css))
    assert used and not used - defined - own
