"""The contracts between the code and the data that editors rely on, read from the code itself.

- Every string field of every data schema names its kind of text (`x-text`), so that no
  field escapes the safety check.
- Every label a template or override uses is declared (and so required) in the labels
  schema, with no placeholder that a page does not fill: deleting a label or mistyping
  a placeholder is caught by `make check`, never by a reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from jinja2 import nodes

from helpers import ROOT

from plansite.load import KINDS
from plansite.schema import SCHEMA_DIR, schemas

# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# Every schema object that accepts a string, with where it is.
def string_schemas(schema: object, where: str = ""):
    if isinstance(schema, dict):
        kind = schema.get("type")
        if kind == "string" or isinstance(kind, list) and "string" in kind:
            yield where, schema
        for key, value in schema.items():
            yield from string_schemas(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from string_schemas(value, f"{where}/{index}")


# The labels a set of templates uses: key -> the placeholders each call fills (None: the
# template writes the label as it is, as the overrides do for scripts that fill it).
def label_uses(folder: Path, pattern: str) -> dict[str, list[set[str] | None]]:
    env = jinja2.Environment()
    uses: dict[str, list[set[str] | None]] = {}
    for path in sorted(folder.rglob(pattern)):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(nodes.Call):
            func = call.node
            # L.label('key', ...): the plansite templates' words (Material's own lang.t is not ours).
            if isinstance(func, nodes.Getattr) and func.attr == "label" and isinstance(func.node, nodes.Name) and func.node.name == "L" and call.args and isinstance(call.args[0], nodes.Const):
                uses.setdefault(call.args[0].value, []).append({kw.key for kw in call.kwargs})
        for attr in tree.find_all(nodes.Getattr):
            if isinstance(attr.node, (nodes.Getattr, nodes.Name)) and getattr(attr.node, "attr", getattr(attr.node, "name", "")) == "labels":
                uses.setdefault(attr.attr, []).append(None)
    return uses


# -----------------------------------------------------------------------------
# Tests
# -----------------------------------------------------------------------------


def test_every_string_field_of_the_data_names_its_kind_of_text():
    data_schemas = {f"{kind}.schema.json" for kind in KINDS.values()} | {"common.schema.json", "docs-page.schema.json"}
    missing = [
        f"{name}{where}"
        for name in sorted(data_schemas)
        for where, schema in string_schemas(schemas()[name])
        if "x-text" not in schema
    ]
    assert not missing, "string fields without x-text: " + ", ".join(missing)


def test_every_label_the_templates_use_is_declared_with_the_placeholders_they_fill():
    declared = json.loads((SCHEMA_DIR / "labels.schema.json").read_text(encoding="utf-8"))
    properties, required = declared["properties"], set(declared["required"])
    uses = label_uses(ROOT / "hooks" / "templates", "*.j2")
    for key, calls in label_uses(ROOT / "overrides", "*.html").items():
        uses.setdefault(key, []).extend(calls)
    assert uses, "no label use found: the scan is broken"
    undeclared = sorted(key for key in uses if key not in required)
    assert not undeclared, f"labels used but not required by labels.schema.json: {undeclared}"
    for key, calls in uses.items():
        wanted = set(properties[key].get("x-placeholders", []))
        by_script = properties[key].get("x-filled-by") == "script"
        for filled in calls:
            if by_script:
                assert not filled, f"label {key}: its placeholders are the script's, but a template fills {sorted(filled)}"
            else:
                assert wanted <= (filled or set()), f"label {key}: declares {sorted(wanted)}, a template fills {sorted(filled or set())}"
