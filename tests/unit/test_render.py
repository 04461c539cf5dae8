"""render, in-process: every page of the small data set in every language, through the real
templates, without MkDocs; what the pages say, where their links go, and what they escape."""

from __future__ import annotations

import html
import re

import pytest
from markupsafe import Markup
from plansite import rehearsal, render
from plansite.links import UnknownLink
from plansite.model import Text


def _folder(settings, lang: str) -> str:
    return "" if lang == settings.default_language else f"{lang}/"


# Every generated page renders in every language (what `make check` rehearses).
def test_every_page_renders_in_every_language(small_session, settings):
    assert rehearsal.problems(small_session, settings.languages) == []
    assert len(small_session.specs) >= 20


# A measure page: its title, its prose as HTML, its ministries, links relative to it.
def test_a_measure_page(small_session, settings):
    spec = small_session.spec_by_path["plans/plan-small/measures/1-1"]
    rendered = small_session.html(spec, settings.default_language, "")
    page = rendered.html
    assert "A conference of the ministries" in page
    assert "<strong>" in page  # the data's **NPA**, as Markdown
    assert 'href="../../../../ministries/mext/"' in page
    assert rendered.sections[0].level == 2 and rendered.sections[0].id in rendered.anchors


# Where a text has no Japanese, the Japanese page shows the English, marked as English.
def test_untranslated_text_is_shown_in_english_and_marked(small_session):
    spec = small_session.spec_by_path["plans/plan-small/measures/1-2"]
    page = small_session.html(spec, "ja", "ja/").html
    assert "春の広報啓発" in page
    assert re.search(r'<div lang="en">\s*<p>Campaigns shall be run', page)
    assert html.escape(small_session.catalogue.label("untranslated_title").ja, quote=False) in page


# The Localiser's words, names, dates and links for one page.
def test_localiser(small_session, settings):
    L = small_session.localiser("ja", "plans/plan-small/measures/1-1", "ja/")
    assert L.name(Text({"en": "Plan", "ja": "計画"})) == "計画"
    assert L.name(Text({"en": "Plan"})) == "Plan"
    assert L.date("2022-05-20") == "令和4年（2022年）5月20日"
    assert L.url("ministries/npa") == "../../../../ministries/npa/"
    assert L.url("plans/plan-small/measures/2-1", anchor="top") == "../2-1/#top"
    with pytest.raises(UnknownLink, match="plans/no-such-plan"):
        L.url("plans/no-such-plan/index")
    L = small_session.localiser(settings.default_language, "index", "")
    assert str(L.label("count_measures", n=3)) == "3 measures"
    assert str(L.label("count_measures", n="<b>")) == "&lt;b&gt; measures"  # values are escaped
    # Filled once per session and language without values (the placeholder left for the
    # page's script), whatever was filled in before; and in another language, its own words.
    assert str(L.label("count_measures")) == str(small_session.localiser(settings.default_language, "about", "").label("count_measures")) == "{n} measures"
    assert str(L.label("count_measures", n=4)) == "4 measures"
    assert small_session.localiser("ja", "index", "ja/").label("count_measures") == small_session.catalogue.label("count_measures").or_source("ja")


# Data text reaches HTML escaped: a name with markup characters is shown, not run.
def test_names_are_escaped(small_session, settings):
    env = render.environment()
    L = small_session.localiser(settings.default_language, "index", "")
    out = render.breadcrumbs(env, [("<script>alert(1)</script>", "index"), ("A & B", "help")], L)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "A &amp; B" in out


# The small helpers the MkDocs layer uses around the rendered HTML.
def test_after_title():
    page = '<h1 id="t">Title</h1><p id="p">x</p>'
    assert render.after_title(page, "<nav></nav>").startswith('<h1 id="t">Title</h1>\n<nav></nav><p')
    assert render.after_title("<p>x</p>", "<nav></nav>") == "<nav></nav><p>x</p>"


# A heading declared by a template is written once, escaped, and recorded with its words
# (without tags) as a section; the table of contents nests each section under the nearest
# one before it of a higher level.
def test_declared_headings_make_the_table_of_contents(small_session, settings):
    L = small_session.localiser(settings.default_language, "index", "")
    assert L.heading(2, "a", "A & <b>") == '<h2 id="a">A &amp; &lt;b&gt;</h2>'
    assert L.heading(3, "c", L.link("help", "C"), css_class="x") == '<h3 id="c" class="x"><a href="help/">C</a></h3>'
    assert L.heading(2, "d", "D") and L.anchor("form") == "form"
    assert [(s.id, str(s.title), s.level) for s in L.outline.sections] == [("a", "A &amp; &lt;b&gt;", 2), ("c", "C", 3), ("d", "D", 2)]
    assert L.outline.anchors == {"a", "c", "d", "form"}
    tree = render.table_of_contents(L.outline.sections)
    assert [(token["id"], [child["id"] for child in token["children"]]) for token in tree] == [("a", ["c"]), ("d", [])]
    assert tree[0]["name"] == tree[0]["html"] == "A &amp; &lt;b&gt;"
    # A heading's words, spaces collapsed, as striptags makes them, with or without markup.
    L.heading(2, "e", "Two\n  words　here")
    L.heading(2, "f", Markup("<em>Em</em>  x"))
    L.heading(2, "g", Markup("Em  'q' > r"))
    assert [str(s.title) for s in L.outline.sections[-3:]] == ["Two words here", "Em x", "Em &#39;q&#39; &gt; r"]


# Every id a template writes is one it declared (L.heading, L.anchor), and every heading
# with an id is a section, in order: MkDocs gets the table of contents and the anchors
# that links to a part of a page are checked against from these declarations, so an id
# written past them would go unchecked.
def test_every_id_a_template_writes_is_declared(small_session, settings):
    for lang in settings.languages:
        for spec in small_session.specs:
            rendered = small_session.html(spec, lang, _folder(settings, lang))
            assert set(re.findall(r'\sid="([^"]+)"', rendered.html)) == rendered.anchors, (spec.path, lang)
            headings = re.findall(r'<h([1-6]) id="([^"]+)"', rendered.html)
            assert [(int(level), anchor) for level, anchor in headings] == [(s.level, s.id) for s in rendered.sections], (spec.path, lang)
