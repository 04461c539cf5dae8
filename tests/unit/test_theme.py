"""theme, on the small fixture data set: what the theme's own templates are given in one
language, escaped as MkDocs' unescaping templates need, and where their links go."""

from __future__ import annotations

from markupsafe import Markup

from plansite import paths, theme


# Every text reaches the theme HTML-escaped, as Markup, which Jinja's `| e` leaves as it is.
def test_texts_are_escaped_as_markup():
    assert theme.escaped('A & <b> "c"') == "A &amp; &lt;b&gt; &#34;c&#34;"
    assert isinstance(theme.escaped("x"), Markup)
    assert theme.escaped(None) == ""


# Each language gets its own words, every label escaped; the home and the theme's links
# are in that language's folder below the site's address path.
def test_the_theme_settings_of_each_language(small_session, settings):
    catalogue = small_session.catalogue
    for lang in settings.languages:
        folder = settings.folder(lang)
        given = theme.theme_settings(small_session, lang, "/plan/", folder)
        assert given.site_name == theme.escaped(catalogue.site_name.or_source(lang)) == given.extra["site_name"]
        assert given.site_description == theme.escaped(catalogue.label("site_description").or_source(lang))
        assert given.extra["labels"] == {key: theme.escaped(text.or_source(lang)) for key, text in catalogue.labels.items()}
        assert any("&amp;" in label or "&#39;" in label or "&#34;" in label for label in given.extra["labels"].values())
        assert given.extra["home_url"] == "/plan/" + folder
        assert given.extra["urls"]["help"] == "/plan/" + folder + "help/"
        assert given.extra["urls"]["feed"] == "/plan/" + paths.feed(folder)
        assert set(given.extra["urls"]) == set(paths.theme_links(folder))
