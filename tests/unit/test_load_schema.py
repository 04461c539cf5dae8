"""load and schema, in-process: YAML with the line of every field, and each file against its schema."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from helpers import FIXTURES
from plansite import schema
from plansite.load import kind_of, load_all, load_text


# Every file of the small data set is read, as the kind its place under data/ says.
def test_load_all_reads_every_file_as_its_kind(small: Path):
    documents, problems = load_all(small / "data", small)
    assert problems == []
    kinds = sorted(d.kind for d in documents)
    assert kinds == sorted(["site", "labels", "ministries", "awareness-months", "plan", "measure", "measure", "measure"])
    names = {d.name for d in documents}
    assert "data/measures/plan-small/2-1.yaml" in names


# A field's line is where it is written, also inside lists, so messages can point at it.
def test_lines_of_fields_are_where_they_are_written():
    problems: list = []
    text = (FIXTURES / "data-small" / "measures" / "plan-small" / "2-1.yaml").read_text(encoding="utf-8")
    document = load_text(text, Path("2-1.yaml"), "data/measures/plan-small/2-1.yaml", "measure", problems)
    assert problems == []
    assert document.line(("number",)) == 3
    assert document.line(("title", "ja")) == 6
    assert document.line(("parts", 0, "ministries")) == 12
    assert str(document.problem(("parts", 0, "ministries"), "a message.")) == "data/measures/plan-small/2-1.yaml:12: parts[1].ministries: a message."


# What YAML would do silently (a duplicate key, a tab, an anchor) is a problem, not data.
def test_yaml_that_hides_mistakes_is_refused():
    for text, words in [
        ("a: 1\na: 2\n", "twice"),
        ("a:\n\tb: 1\n", "tab"),
        ("a: &x 1\nb: *x\n", ""),
    ]:
        problems: list = []
        assert load_text(text, Path("x.yaml"), "data/x.yaml", "site", problems) is None or problems
        assert problems, text
        assert words in str(problems[0])


# Where a file lies says what it is; a file elsewhere is no kind at all.
def test_kind_of_place():
    assert kind_of("plans/plan-small.yaml") == "plan"
    assert kind_of("measures/plan-small/1-1.yaml") == "measure"
    assert kind_of("labels.yaml") == "labels"
    assert kind_of("measures/1-1.yaml") is None
    assert kind_of("plans/extra/plan.yaml") is None


# Every file of the small data set passes its schema; a wrong type is named with its field.
def test_schema_passes_the_small_data_and_names_a_wrong_field(small: Path):
    documents, _ = load_all(small / "data", small)
    assert [p for d in documents for p in schema.check(d)] == []
    problems: list = []
    document = load_text("id: plan-x\ndecided: yesterday\n", Path("p.yaml"), "data/plans/p.yaml", "plan", problems)
    found = [str(p) for p in schema.check(document)]
    assert any(line.startswith("data/plans/p.yaml:2: decided: ") for line in found), found
    assert any("'title' is missing" in line for line in found), found


# Each kind of file has its schema, named after it.
def test_every_kind_has_a_schema():
    known = schema.schemas()
    for kind in ("site", "labels", "ministries", "awareness-months", "plan", "measure", "report", "meeting"):
        assert f"{kind}.schema.json" in known


# The quick walk that passes a conforming document without jsonschema (schema._conforms)
# agrees with jsonschema on every document of the fixtures and on each of their mutations
# (a field dropped, a value of another type, an unknown field, an unsafe or malformed
# text): where it is sure, its verdict is jsonschema's.
def test_the_quick_walk_agrees_with_jsonschema(small: Path):
    documents, _ = load_all(small / "data", small)
    broken = [d for case in sorted((FIXTURES / "data-with-problems").iterdir()) if case.is_dir() for d in load_all(case, FIXTURES)[0]]
    assert broken
    cases = [(d.kind, d.data) for d in documents + broken if d is not None]
    cases += [(kind, mutant) for kind, data in cases[: len(documents)] for mutant in _mutants(data)]
    sure = 0
    for kind, data in cases:
        name = f"{kind}.schema.json"
        expected = not any(True for _ in schema._validator(kind).iter_errors(data))
        try:
            verdict = schema._conforms(data, schema.schemas()[name], name)
        except schema._Unsure:
            continue
        sure += 1
        assert verdict == expected, (kind, data)
    assert sure > len(cases) * 0.9


# Copies of `data` with one change each, at places all through it (at most `limit`).
def _mutants(data: object, limit: int = 25) -> list:
    others = [7, 1.5, True, None, "x", "", [], {}, "2022-02-30", "a\tb", "<b>x</b>", "{bad}", "2022-13", "javascript:x"]
    changes: list[tuple[tuple, object]] = []

    # Every place under `value` (at `path`): dropped, replaced, or given an unknown field.
    def walk(value: object, path: tuple) -> None:
        if path:
            changes.extend((path, new) for new in [_GONE, *others][len(changes) % 5 :: 5])
        if isinstance(value, dict):
            changes.append((path, _EXTRA))
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    walk(data, ())
    return [_changed(data, path, new) for path, new in changes[:: max(1, len(changes) // limit)]]


# A copy of `data` with the value at `path` dropped (_GONE), given an unknown field
# (_EXTRA), or replaced by `new`.
def _changed(data: object, path: tuple, new: object) -> object:
    copy = deepcopy(data)
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    if new is _EXTRA:
        (parent[path[-1]] if path else copy)["unknown_field"] = 1
    elif new is _GONE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return copy


_GONE, _EXTRA = object(), object()
