"""model and pages, in-process on the small data set: the object graph and which pages it makes."""

from __future__ import annotations

from plansite.pages import change_history, plan_pages, source_files, trail


def _measure(catalogue, ref):
    return next(m for m in catalogue.measures if m.ref == ref)


# Measures sit in their pillars in order; every cross-link is derived once, both ways.
def test_the_object_graph(small_catalogue):
    c = small_catalogue
    plan = c.current_plan
    assert plan.id == "plan-small"
    assert [p.number for p in plan.pillars] == [1, 2]
    assert [m.ref for m in plan.measures] == ["plan-small/1-1", "plan-small/1-2", "plan-small/2-1"]
    assert [m.ref for m in plan.pillar(1).measures] == ["plan-small/1-1", "plan-small/1-2"]
    npa, mext = c.ministries
    assert [m.ref for m in c.measures_of(mext)] == ["plan-small/1-1", "plan-small/1-2"]
    assert [m.ref for m in c.measures_of(npa)] == ["plan-small/1-1", "plan-small/2-1"]
    assert c.ministries_of([_measure(c, "plan-small/2-1")]) == [npa]
    (spring,) = c.months
    assert c.measures_in(spring) == [_measure(c, "plan-small/1-2")]
    assert spring.start == (4, 6) and spring.end == (5, 15)


# A text without Japanese is known as such (the page shows the English, marked).
def test_texts_keep_what_is_not_translated(small_catalogue):
    campaigns = _measure(small_catalogue, "plan-small/1-2")
    assert campaigns.parts[0].text.ja is None
    assert campaigns.parts[0].text.en.startswith("Campaigns")


# The licence's attribution is filled with the site's and the publisher's names, per language.
def test_licence_attribution_is_filled(small_catalogue, settings):
    licence = small_catalogue.licence
    assert licence.id == "cc-by-4.0"
    assert licence.attribution.get(settings.languages[0]) == 'Source: "Small Site" (National Police Agency), CC BY 4.0'
    assert licence.attribution.get("ja") == "出典：「小さなサイト」（警察庁）、CC BY 4.0"


# One page per plan, pillar, measure, ministry and month; every parent is a page too.
def test_which_pages_exist(small_catalogue):
    specs = plan_pages(small_catalogue)
    paths = [spec.path for spec in specs]
    assert len(paths) == len(set(paths))
    for expected in (
        "index",
        "plans/plan-small/index",
        "plans/plan-small/full-text",
        "plans/plan-small/pillars/1",
        "plans/plan-small/pillars/2",
        "plans/plan-small/measures/1-1",
        "plans/plan-small/measures/2-1",
        "ministries/npa",
        "ministries/mext",
        "awareness-months/spring-month",
        "help",
    ):
        assert expected in paths, (expected, paths)
    assert not any(path.startswith("reports/") and path != "reports/index" for path in paths)
    assert {spec.parent for spec in specs} - {None} <= set(paths)


# The trail to a measure runs home, plans, plan, pillars, pillar, measure, titled in the language asked.
def test_trail_and_sources(small_catalogue):
    specs = {spec.path: spec for spec in plan_pages(small_catalogue)}
    steps = trail("plans/plan-small/measures/1-2", specs, "ja")
    assert [path for _, path in steps] == [
        "index", "plans/index", "plans/plan-small/index", "plans/plan-small/pillars/index",
        "plans/plan-small/pillars/1", "plans/plan-small/measures/1-2",
    ]
    assert steps[0][0] == "小さなサイト" and steps[-1][0] == "春の広報啓発"
    measure = specs["plans/plan-small/measures/1-2"]
    assert source_files(measure, small_catalogue) == ["data/measures/plan-small/1-2.yaml"]
    assert source_files(specs["ministries/mext"], small_catalogue) == [
        "data/ministries.yaml", "data/measures/plan-small/1-1.yaml", "data/measures/plan-small/1-2.yaml",
    ]
    assert change_history(measure) == []
