"""plansite.reuse: under `make serve`, every page after an edit is exactly what a fresh
rendering makes, whichever pages' renderings were kept from before the edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import small_data

from plansite import reuse, session
from plansite.model import Text
from plansite.pages import plan_pages
from plansite.session import Session, session_for
from plansite.settings import SiteSettings
from plansite.validate import check

# Edits made one after the other, as an editor saves them: (what, file under data/, old, new).
EDITS = [
    ("a measure's title", "measures/plan-small/1-1.yaml", "  en: A conference of the ministries", "  en: A meeting of the ministries"),
    ("a measure's text", "measures/plan-small/1-1.yaml", "ja: 警察庁は関係府省庁の会議を開催する。", "ja: 警察庁は会議を開催する。"),
    ("a word of the site", "labels.yaml", "responsible_ministries: {en: Responsible ministries and agencies,", "responsible_ministries: {en: Ministries in charge,"),
    ("a text naming a ministry", "measures/plan-small/1-2.yaml", "en: Campaigns shall be run", "en: The NPA and MEXT shall run campaigns, run"),
    # The measure 1-2 names the NPA in its text only: its abbreviation's title changes.
    ("a ministry's name", "ministries.yaml", "name: {en: National Police Agency,", "name: {en: National Police Authority,"),
    ("a measure's ministries", "measures/plan-small/1-1.yaml", "ministries: [npa, mext]", "ministries: [npa]"),
    ("the title back", "measures/plan-small/1-1.yaml", "  en: A meeting of the ministries", "  en: A conference of the ministries"),
]


# Every page in every language, as the session renders it, and the links to parts of pages recorded.
def _pages(current: Session) -> tuple[dict, set]:
    pages = {(spec.path, lang): current.html(spec, lang, current.settings.folder(lang)) for spec in current.specs for lang in current.languages}
    return pages, set(current._anchors)


def test_a_page_is_rendered_again_when_anything_it_read_changed(tmp_path: Path, settings: SiteSettings, monkeypatch: pytest.MonkeyPatch):
    project = small_data(tmp_path)
    # The small data is checked without the real docs/, whose pages link to pages it lacks.
    monkeypatch.setattr(session.checked, "check", lambda data_dir, root, settings: check(data_dir, root))
    monkeypatch.setattr(reuse, "renderings", reuse.Renderings(on=True))
    monkeypatch.delenv("PLANSITE_NO_CACHE", raising=False)
    monkeypatch.setattr(session, "_cache", {})
    rendered = []
    render = session.render.render
    monkeypatch.setattr(session.render, "render", lambda env, spec, L, **extra: rendered.append(spec.path) or render(env, spec, L, **extra))
    _pages(session_for(project / "data", project, settings))
    total = len(rendered)
    for what, name, old, new in EDITS:
        path = project / "data" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, what
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        rendered.clear()
        served = session_for(project / "data", project, settings)
        pages = _pages(served)
        again = list(rendered)
        environment = session.render.environment(cache=project / ".cache" / "jinja")
        fresh = Session(served.catalogue, plan_pages(served.catalogue), environment, root=project, docs_dir=settings.docs_dir, settings=settings)
        with monkeypatch.context() as off:
            off.setattr(reuse, "renderings", reuse.Renderings(on=False))
            assert pages == _pages(fresh), what
        if what == "a measure's title":
            # Some pages were kept, and the measure's page was not among them.
            assert 0 < len(again) < total and "plans/plan-small/measures/1-1" in again, again
    shutil.rmtree(project)


# A page made inside another's rendering (the translation-status page reads the other
# pages): what the inner page read, the outer read too, even when the inner one was kept.
def test_a_page_rendered_inside_another_passes_on_what_it_read():
    renderings = reuse.Renderings(on=True)

    def session(first: str, second: str) -> str:
        a, b = Text({"en": first}), Text({"en": second})
        renderings.start(("the same structure", [a, b]), {"inner": "a page", "outer": "another"})
        inner = lambda anchors: a.get("en")  # noqa: E731
        renderings.rendered("inner", "inner", inner, set())
        return renderings.rendered("outer", "outer", lambda anchors: renderings.rendered("inner", "inner", inner, set()) + b.get("en"), set())

    assert session("a", "b") == "ab"
    assert session("A", "b") == "Ab"
    assert session("A", "B") == "AB"
