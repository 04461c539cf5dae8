"""What hooks/site.py hands the theme, made in plansite on the small fixture data set: a
page's content around its HTML (compose), its place for the structured data, its report
link, and the navigation's stand-ins while serve has no data."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import unquote

from plansite import compose, feedback, structured
from plansite.pages import nav_page_paths, stand_in_sources

MEASURE = "plans/plan-small/measures/1-1"


def _folder(settings, lang: str) -> str:
    return settings.folder(lang)


# A generated page: breadcrumbs first, its own HTML, then its last-changed date; the
# reference-translation notice only in the other languages, right under the title.
def test_a_generated_pages_content(small_session, settings):
    for lang in settings.languages:
        folder = _folder(settings, lang)
        html = small_session.html(small_session.spec_by_path[MEASURE], lang, folder).html
        content = compose.page_content(small_session, MEASURE, lang, folder, html, title="ignored", status="official", doc_file="")
        assert content.html.startswith('<nav class="breadcrumbs"')
        assert content.last_changed == small_session.last_changed(small_session.spec_by_path[MEASURE], "")
        assert content.html.rstrip().endswith(f'<time datetime="{content.last_changed.isoformat()}">{small_session.localiser(lang, MEASURE, folder).date(content.last_changed.isoformat())}</time></p>')
        notices = content.html.count('class="translation-notice"')
        if lang == settings.default_language:
            assert notices == 0
        else:
            assert notices == 1
            assert content.html.index("</h1>") < content.html.index('class="translation-notice"')
        # The trail ends with the spec's own title, not the one given for docs/ pages.
        assert "ignored" not in content.html


# A page written in docs/: its own title ends the trail, its own status decides the
# notice, and the home page has no trail at all.
def test_a_docs_pages_content(small_session, settings):
    other = next(lang for lang in settings.languages if lang != settings.default_language)
    folder = _folder(settings, other)
    page = "<h1>About</h1>\n<p>Text</p>\n"
    official = compose.page_content(small_session, "about", other, folder, page, title="About & more", status="official", doc_file="docs/about.ja.md")
    assert '<span aria-current="page">About &amp; more</span>' in official.html
    assert "translation-notice" not in official.html
    reference = compose.page_content(small_session, "about", other, folder, page, title="About", status="reference", doc_file="docs/about.ja.md")
    assert reference.html.count('class="translation-notice"') == 1
    home = compose.page_content(small_session, "index", settings.default_language, "", small_session.html(small_session.spec_by_path["index"], settings.default_language, "").html, title="", status="official", doc_file="")
    assert 'class="breadcrumbs"' not in home.html


# The structured data's place of a page: full addresses from the site's, the trail from
# its language's home.
def test_a_pages_place(small_session, settings):
    other = next(lang for lang in settings.languages if lang != settings.default_language)
    folder = _folder(settings, other)
    site = "https://example.org/plan/"
    place = structured.page_place(small_session.spec_by_path, MEASURE, other, settings.languages, "T", site, folder, f"{folder}{MEASURE}/", "2024-01-02", ["data/a.json"])
    assert place.url == f"{site}{folder}{MEASURE}/"
    assert place.home == site + folder
    assert place.spec is small_session.spec_by_path[MEASURE]
    assert place.trail[0] == (small_session.catalogue.site_name.or_source(other), site + folder)
    assert place.trail[-1][1] == place.url
    steps = ["", "plans/", "plans/plan-small/", "plans/plan-small/pillars/", "plans/plan-small/pillars/1/", f"{MEASURE}/"]
    assert [address for _, address in place.trail] == [site + folder + step for step in steps]
    assert (place.langs, place.date_modified, place.files) == (list(settings.languages), "2024-01-02", ["data/a.json"])


# The report link is worded with the site's labels in the page's language, and there is
# none while data/site.yaml names no target.
def test_a_pages_report_link(small_catalogue, settings):
    assert feedback.page_report_link(small_catalogue, settings.default_language, "https://example.org/x/", "X") is None
    with_email = dataclasses.replace(small_catalogue, site={**small_catalogue.site, "feedback": {"email": "web@example.org"}})
    for lang in settings.languages:
        link = feedback.page_report_link(with_email, lang, "https://example.org/x/", "Title & <more>")
        assert link.startswith("mailto:web@example.org?subject=")
        subject = small_catalogue.label("report_problem_subject").or_source(lang).replace("{title}", "Title & <more>").replace("{url}", "https://example.org/x/")
        assert unquote(link.split("subject=")[1].split("&body=")[0]) == subject


# While serve has no data: a stand-in for each page of the navigation (at any depth)
# that docs/ does not hold, in every language.
def test_stand_ins_for_the_navigation(tmp_path: Path, settings):
    nav = ["index.md", {"Plans": ["plans/index.md", {"Old": "plans/old.md"}]}, {"About": "about.md"}, {"Elsewhere": "https://example.org/"}]
    assert nav_page_paths(nav) == ["index.md", "plans/index.md", "plans/old.md", "about.md"]
    (tmp_path / f"about.{settings.default_language}.md").write_text("# About\n", encoding="utf-8")
    langs = settings.languages
    assert stand_in_sources(nav, tmp_path, langs) == [f"{stem}.{lang}.md" for stem in ("index", "plans/index", "plans/old") for lang in langs]
