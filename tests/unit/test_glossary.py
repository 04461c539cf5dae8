"""plansite.glossary: where each official name is used, found again after any change of a
page's text (the look-up of unchanged texts is remembered between `make serve` rebuilds)."""

from __future__ import annotations

from plansite.glossary import Entry, texts_of, used_on


def _entry(ja: str) -> Entry:
    return Entry({"en": ja.upper(), "ja": ja}, "ministry", False, None)


# Look-ups in a row, as rebuilds make them: a text that changes, a page whose text is
# another page's old text, an entry's forms that change; each answer as if it were the first.
def test_each_look_up_sees_the_texts_and_forms_as_they_are_now():
    police, agency = _entry("警察庁"), _entry("こども家庭庁 / こ家庁")
    assert used_on([police, agency], {"a": "警察庁の施策", "b": "なし"}, "ja") == {police: ["a"]}
    assert used_on([police, agency], {"a": "なし", "b": "警察庁の施策"}, "ja") == {police: ["b"]}
    assert used_on([police, agency], {"a": "こ家庁", "b": "警察庁の施策"}, "ja") == {police: ["b"], agency: ["a"]}
    coastguard = _entry("海上保安庁")
    assert used_on([coastguard, agency], {"a": "こ家庁", "b": "警察庁の施策"}, "ja") == {agency: ["a"]}
    assert used_on([police, agency], {"a": "こ家庁", "b": "なし"}, "ja") == {agency: ["a"]}


# The texts of pages in a row, as rebuilds ask: each page's own text, whatever the last call saw.
def test_each_page_text_is_its_own_html_text():
    assert texts_of({"a": "<p>警察庁</p>", "b": "<p>x &amp; y</p>"}, "ja") == {"a": "警察庁", "b": "x & y"}
    assert texts_of({"a": "<p>x &amp; y</p>", "b": "<p>文部科学省</p>"}, "ja") == {"a": "x & y", "b": "文部科学省"}
    assert texts_of({"b": "<p>警察庁</p>"}, "ja") == {"b": "警察庁"}


# A one-off build keeps no texts nor look-ups for a next call (they would only hold memory).
def test_a_look_up_not_kept_leaves_nothing_behind(monkeypatch):
    from plansite import glossary

    monkeypatch.setattr(glossary, "_texts", {})
    monkeypatch.setattr(glossary, "_entries_in", {})
    police = _entry("警察庁")
    assert glossary.texts_of({"a": "<p>警察庁</p>"}, "ja", keep=False) == {"a": "警察庁"}
    assert used_on([police], {"a": "警察庁"}, "ja", keep=False) == {police: ["a"]}
    assert glossary._texts == {} and glossary._entries_in == {}
    texts_of({"a": "<p>警察庁</p>"}, "ja")
    assert glossary._texts == {"ja": {"<p>警察庁</p>": "警察庁"}}
