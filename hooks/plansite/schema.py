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
from typing import TYPE_CHECKING

from . import dates, safety, wording
from .load import Document
from .problems import Problem, field_name

if TYPE_CHECKING:
    import jsonschema

SCHEMA_DIR = Path(__file__).parent / "schemas"

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Every schema file, by file name; read once per process (a schema edit needs a restart
# of `mkdocs serve`; data edits do not touch it).
@cache
def schemas() -> dict[str, dict]:
    """Every JSON Schema of schemas/, by file name."""
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMA_DIR.glob("*.json"))}


# Check one document against the schema of its kind.
def check(document: Document) -> list[Problem]:
    """The problems of one document against the schema of its kind."""
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

# A date (YYYY-MM-DD, or YYYY-MM where partial) must be written so and name a day that
# exists. The pattern comes first: Python's fromisoformat also takes 20261123 and 2026-W47-1.
def _real_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        dt.date.fromisoformat(value + "-01")
        return not dates.too_early(value + "-01")
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError(value)
    dt.date.fromisoformat(value)
    return not dates.too_early(value)


# The keyword `x-text` names the kind of a string (safety.py); every text is checked there.
def _text_kind(validator, kind: str, instance: object, schema: dict):
    import jsonschema

    if isinstance(instance, str):
        for message in safety.problems(instance, kind):
            yield jsonschema.ValidationError(message, validator="x-text")


# The keyword `x-placeholders` names the {placeholders} the pages fill in a label (wording.py).
def _label_placeholders(validator, allowed: list[str], instance: object, schema: dict):
    import jsonschema

    if isinstance(instance, dict):
        for lang, text in instance.items():
            if isinstance(text, str):
                for message in wording.placeholder_problems(text, allowed):
                    yield jsonschema.ValidationError(message, validator="x-placeholders", path=[lang])


# jsonschema is imported here, on the first check, not with the module: a build whose
# checked catalogue is kept (plansite.checked) checks nothing, and its import was a
# twentieth of a build.
@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    import jsonschema
    from referencing import Registry, Resource

    formats = jsonschema.FormatChecker()
    formats.checks("date", raises=ValueError)(_real_date)
    formats.checks("partial-date", raises=ValueError)(_real_date)
    kind_of_validator = jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {"x-text": _text_kind, "x-placeholders": _label_placeholders}
    )
    registry = Registry().with_resources(
        (name, Resource.from_contents(contents)) for name, contents in schemas().items()
    )
    schema = schemas()[f"{kind}.schema.json"]
    return kind_of_validator(schema, registry=registry, format_checker=formats)


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
        return f"the text '{_shown(value)}'"
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
        return f"'{_shown(error.instance)}' is not allowed here. Use one of: {allowed}."
    if kind in ("x-text", "x-placeholders"):
        return error.message
    if kind == "format" and dates.too_early(error.instance):
        return f"'{_shown(error.instance)}' is before {dates.EARLIEST.isoformat()}, the first day the site can write in the Japanese calendar (the Shōwa era). Check the year."
    if kind == "format":
        return f"'{_shown(error.instance)}' is not a real date. Write an existing date as YYYY-MM-DD (or YYYY-MM where allowed), for example 2022-05-20."
    if kind == "minLength":
        return "is empty. Write the text, or leave the field out until there is a translation."
    if kind == "minItems":
        return "the list is empty; it needs at least one item."
    if kind in ("minimum", "maximum"):
        return f"{error.instance} is out of range ({kind} {error.validator_value})."
    if kind == "pattern":
        hint = error.schema.get("description", "")
        return f"'{_shown(error.instance)}' is not written the expected way. {hint}".strip()
    return error.message


# A value as a message quotes it: short, with line breaks and other invisible characters
# made visible, so that a message never carries what it complains about.
def _shown(value: object) -> str:
    text = str(value)
    visible = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text[:40])
    return visible + ("..." if len(text) > 40 else "")
