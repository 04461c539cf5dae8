"""Check each data file against its JSON Schema, with messages an editor understands.

The schemas in `schemas/` are the one definition of every file's fields: this module
checks against them, the editors' YAML extension reads them, and the site publishes them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from .load import Document
from .problems import Problem, field_name

SCHEMA_DIR = Path(__file__).parent / "schemas"

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Every schema file, by file name.
@cache
def schemas() -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMA_DIR.glob("*.json"))}


# Check one document against the schema of its kind.
def check(document: Document) -> list[Problem]:
    validator = _validator(document.kind)
    problems = []
    for error in validator.iter_errors(document.data):
        path = tuple(error.absolute_path)
        problem = document.problem(path, _explain(error))
        if error.validator == "additionalProperties":
            # Point at the unknown field's own line, where the typo is.
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            at = path + tuple(extra[:1])
            problem = Problem(document.name, document.line(at), field_name(at), problem.message)
        if error.validator == "required":
            # Name the missing field itself, at the line of the group it belongs in.
            missing = re.findall(r"'([^']+)' is a required property", error.message)
            problem = replace(problem, field=field_name(path + tuple(missing[:1])))
        problems.append(problem)
    return problems


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------

_formats = jsonschema.FormatChecker()


# A partial date (YYYY-MM or YYYY-MM-DD) must name a month or day that exists.
@_formats.checks("date", raises=ValueError)
@_formats.checks("partial-date", raises=ValueError)
def _real_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if re.fullmatch(r"\d{4}-\d{2}", value):
        dt.date.fromisoformat(value + "-01")
        return True
    dt.date.fromisoformat(value)
    return True


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    registry = Registry().with_resources(
        (name, Resource.from_contents(contents)) for name, contents in schemas().items()
    )
    schema = schemas()[f"{kind}.schema.json"]
    return jsonschema.Draft202012Validator(schema, registry=registry, format_checker=_formats)


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines starting with '- ')",
    "object": "a group of fields",
    "null": "empty (null)",
}


# What the value the editor wrote looks like, in words.
def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "nothing"


# Turn a jsonschema error into a plain sentence that says what is allowed.
def _explain(error: jsonschema.ValidationError) -> str:
    kind = error.validator
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0] if missing else error.message
        return f"the required field '{name}' is missing."
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        hints = []
        for name in extra:
            close = difflib.get_close_matches(name, allowed, n=1)
            hints.append(f"'{name}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        if allowed:
            return f"unknown field {', '.join(hints)}. Allowed fields here: {', '.join(allowed)}."
        return f"unknown field {', '.join(hints)}."
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        return f"must be {words}, but is {_describe(error.instance)}."
    if kind == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)
        return f"'{error.instance}' is not allowed here. Use one of: {allowed}."
    if kind == "format":
        return f"'{error.instance}' is not a real date. Write an existing date as YYYY-MM-DD (or YYYY-MM)."
    if kind == "minLength":
        return "is empty. Write the text, or leave the field out until there is a translation."
    if kind == "minItems":
        return "the list is empty; it needs at least one item."
    if kind in ("minimum", "maximum"):
        return f"{error.instance} is out of range ({kind} {error.validator_value})."
    if kind == "pattern":
        hint = error.schema.get("description", "")
        return f"'{error.instance}' is not written the expected way. {hint}".strip()
    return error.message
