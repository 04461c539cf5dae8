"""The help page's data and the quick exit's address: checked before anything is built."""

from __future__ import annotations

import re

import yaml
from helpers import GLOSSARY, ROOT, SOURCES, needs_shared
from test_validation import assert_reported, edit, problems_of

SITE = "data/site.yaml"
HOTLINES = "data/hotlines.yaml"


# The quick exit takes a reader in distress elsewhere: only an https address will do,
# never a script (javascript:) or a plain-http page.
def test_quick_exit_must_be_an_https_address(project):
    line = edit(project, SITE, "quick_exit: https://www.jma.go.jp/bosai/forecast/", "quick_exit: javascript:alert(1)")
    assert_reported(project, SITE, line, "", "quick_exit")


def test_a_number_the_plans_do_not_give_needs_its_source(project):
    line = edit(project, HOTLINES, "  source: \"Glossary entry '110", "  x-source: \"Glossary entry '110", marker="- id: police-110")
    assert any(p.startswith(f"{HOTLINES}:") for p in problems_of(project)), line


def test_situation_must_be_one_of_the_help_page_groups(project):
    line = edit(project, HOTLINES, "situation: danger", "situation: panic")
    assert_reported(project, HOTLINES, line, "", "situation", "danger, abuse, sexual, unsure, rights")


# Every number on the help page is in the official sources or in a verified glossary entry
# (110 and the Children's Rights Hotline's toll-free number); none is made up.
@needs_shared
def test_every_help_number_comes_from_the_sources_or_a_verified_glossary_entry(catalogue):
    sources = " ".join(path.read_text(encoding="utf-8") for path in SOURCES.glob("*.txt"))
    verified = [e for e in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")) if e.get("verified") is True]
    glossary = " ".join(f"{e['en']} {e['ja']} {e.get('note') or ''}" for e in verified)
    sources_of = {h["id"]: h.get("source") for h in yaml.safe_load((ROOT / HOTLINES).read_text(encoding="utf-8"))}
    for hotline in catalogue.hotlines:
        if not hotline.number:
            continue
        digits = hotline.number.lstrip("#")
        in_sources = re.search(rf"#\s?{re.escape(digits)}\b", sources)
        in_glossary = hotline.number in glossary
        assert in_sources or in_glossary, hotline.number
        if not in_sources:
            assert sources_of[hotline.id], f"{hotline.id}: a number from the glossary names it under 'source'"
