"""plansite.cssprune: a rule stays when one of its selectors can match what the pages use,
and nothing it cannot read is dropped."""

from __future__ import annotations

from plansite.cssprune import UsedNames, prune, selector_can_match


def _used(html: str = "", script: str = "") -> UsedNames:
    used = UsedNames()
    used.add_html(html)
    used.add_script(script)
    return used


def test_a_rule_stays_only_if_every_class_of_one_of_its_selectors_is_used() -> None:
    used = _used('<div class="md-nav md-nav--primary"><p class="md-typeset">')
    css = ".md-nav .md-nav__link{color:red}.md-nav--primary,.md-tabs{margin:0}.md-typeset p{x:1}.md-search{y:2}"
    assert prune(css, used) == ".md-nav--primary{margin:0}.md-typeset p{x:1}"


def test_rules_without_classes_and_unreadable_arguments_stay() -> None:
    used = _used('<table><tr><td>1</td></tr></table>')
    css = "html{a:1}:root{--x:url(\"data:image/svg+xml;charset=utf-8,<svg a='{,}'/>\")}table:not([class]){b:2}:is(.nope,td){c:3}"
    assert prune(css, used) == css


def test_marked_attributes_need_their_value_in_a_page() -> None:
    used = _used('<body dir="ltr" data-md-color-scheme="default">')
    assert selector_can_match("[dir=ltr] a", used)
    assert not selector_can_match("[dir=rtl] .x", used)
    assert selector_can_match("[data-md-color-scheme=default]", used)
    assert not selector_can_match("[data-md-color-scheme=slate]", used)


def test_media_blocks_are_pruned_inside_and_dropped_when_empty() -> None:
    used = _used('<nav class="md-nav">')
    css = "@media screen and (max-width:76.234375em){.md-nav{a:1}.md-tabs{b:2}}@media print{.md-tabs{c:3}}@keyframes spin{0%{d:4}}"
    assert prune(css, used) == "@media screen and (max-width:76.234375em){.md-nav{a:1}}@keyframes spin{0%{d:4}}"


def test_classes_a_script_names_count_as_used() -> None:
    used = _used("", 'entry.className = "site-search__result";')
    assert selector_can_match(".site-search__result a", used)
    assert not selector_can_match(".md-search__result", used)


def test_an_attribute_counts_only_where_a_word_starts() -> None:
    # `myclass="..."` is not a class attribute, nor `xdir` a dir; a class attribute after
    # such a one still counts.
    used = _used('<p myclass="no" class="yes" xdir="rtl" dir="ltr" xdata-md-state="no"><i data-md-state="open" a-class="also">')
    assert used.classes == {"yes", "also"}
    assert used.marks == {("dir", "ltr"), ("data-md-state", "open")}
