"""The search test set (tests/search/, measured by tools/bench/search.py): big enough, made
as it says, and still true of the data."""

from __future__ import annotations

import pytest

from tools.bench.search import load_queries
from tools.search_queries import measure_path, measure_texts, site_languages

SETS = load_queries()


def test_each_language_has_100_generated_queries_and_20_questions():
    assert set(SETS) == set(site_languages()[0])
    for lang, queries in SETS.items():
        assert sum(q["set"] == "generated" for q in queries) >= 100, lang
        assert sum(q["set"] == "questions" for q in queries) >= 20, lang
    # The cases readers reported (in Japanese): names inside longer words, and quoted names.
    assert max(sum("embedded" in q["features"] for q in queries) for queries in SETS.values()) >= 20
    assert max(sum("quoted" in q["features"] for q in queries) for queries in SETS.values()) >= 20


# Every expected measure exists, and a glossary term's measures contain it in that language:
# if the data changed under the set, regenerate it (python -m tools.search_queries).
@pytest.mark.parametrize("lang", sorted(SETS))
def test_expected_answers_are_true_of_the_data(catalogue, lang):
    default = site_languages()[1]
    pages = {measure_path(m, lang, default): m for m in catalogue.measures}
    for query in SETS[lang]:
        measures = [pages[p] for p in query["expect"] if "/measures/" in p]
        assert measures, query
        if query["made"].startswith("glossary"):
            for measure in measures:
                assert any(query["query"].casefold() in t.casefold() for t in measure_texts(measure, lang)), (query["query"], measure.ref)
