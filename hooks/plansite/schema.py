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


# Check one document against the schema of its kind: a document that conforms costs a
# walk of it (_conforms); only one that does not goes through jsonschema, for its messages.
def check(document: Document) -> list[Problem]:
    """The problems of one document against the schema of its kind."""
    name = f"{document.kind}.schema.json"
    try:
        if _conforms(document.data, schemas()[name], name):
            return []
    except _Unsure:
        pass
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

    for message in _text_problems(kind, instance):
        yield jsonschema.ValidationError(message, validator="x-text")


# What `x-text` finds wrong with a value: a string's safety problems (other values: none).
def _text_problems(kind: str, instance: object) -> list[str]:
    return safety.problems(instance, kind) if isinstance(instance, str) else []


# The keyword `x-placeholders` names the {placeholders} the pages fill in a label (wording.py).
def _label_placeholders(validator, allowed: list[str], instance: object, schema: dict):
    import jsonschema

    for lang, message in _placeholder_problems(allowed, instance):
        yield jsonschema.ValidationError(message, validator="x-placeholders", path=[lang])


# What `x-placeholders` finds wrong with a label: (language, message) for each text.
def _placeholder_problems(allowed: list[str], instance: object) -> list[tuple[str, str]]:
    if not isinstance(instance, dict):
        return []
    return [(lang, message) for lang, text in instance.items() if isinstance(text, str) for message in wording.placeholder_problems(text, allowed)]


class _Unsure(Exception):
    """The quick walk (_conforms) met a schema it does not read as jsonschema does: ask jsonschema."""


# The keywords that say nothing about the data (annotations), and where definitions live.
_ANNOTATIONS = {"description", "title", "$schema", "$id", "$defs", "$comment", "examples", "default", "x-filled-by"}

# JSON Schema's types, as jsonschema's Draft 2020-12 tells them (a bool is not a number;
# 1.0 is an integer).
_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


# Whether `instance` conforms to `schema` (of the schema file `base`), read as jsonschema
# reads the keywords schemas/ uses, the site's own (x-text, x-placeholders) with them.
# Nearly every document conforms: walking it this way costs a fraction of jsonschema's
# validation (which was a tenth of a cold build). Any keyword or value it is not sure
# of raises _Unsure, and jsonschema decides.
def _conforms(instance: object, schema: object, base: str) -> bool:
    if schema is True or schema is False:
        return schema
    if not isinstance(schema, dict):
        raise _Unsure(schema)
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None:
            raise _Unsure(keyword)
        if not check(instance, value, schema, base):
            return False
    return True


# The schema a `$ref` names, and the schema file it is in (references resolve against it).
def _resolve(reference: str, base: str) -> tuple[object, str]:
    name, _, pointer = reference.partition("#")
    name = name or base
    if name not in schemas():
        raise _Unsure(reference)  # jsonschema says what is wrong with the schema
    target: object = schemas()[name]
    for part in filter(None, pointer.split("/")):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, dict) or part not in target:
            raise _Unsure(reference)
        target = target[part]
    return target, name


# Whether a value is of the type (or one of the types) `type` names; a name JSON Schema
# does not know is jsonschema's to report.
def _of_type(instance: object, names: object) -> bool:
    names = names if isinstance(names, list) else [names]
    if not all(isinstance(name, str) and name in _TYPES for name in names):
        raise _Unsure(f"type {names}")
    return any(_TYPES[name](instance) for name in names)


# Whether a string matches a `pattern` (searched, as jsonschema does); a pattern Python
# cannot read is jsonschema's to report.
def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        raise _Unsure(pattern) from None


# A value one of `enum`'s, compared as jsonschema compares (strings only; else unsure).
def _in_enum(instance: object, allowed: list) -> bool:
    if not isinstance(instance, str) or not all(isinstance(value, str) for value in allowed):
        raise _Unsure("enum")
    return instance in allowed


# A `format`: the two date formats are checked (as _validator's format checker does them).
def _format_ok(instance: object, name: str) -> bool:
    if name not in ("date", "partial-date"):
        raise _Unsure(f"format {name}")
    try:
        return _real_date(instance)
    except ValueError:
        return False


# The properties of an object that `properties` does not name, checked against `additionalProperties`.
def _additional_ok(instance: object, value: object, schema: dict, base: str) -> bool:
    if not isinstance(instance, dict):
        return True
    if "patternProperties" in schema:
        raise _Unsure("patternProperties")
    named = schema.get("properties", {})
    return all(_conforms(item, value, base) for key, item in instance.items() if key not in named)


# Each keyword schemas/ uses: (instance, its value, the whole schema, the schema file) -> conforms.
# A keyword that concerns one type of value passes any other, as in JSON Schema.
_KEYWORDS = {
    "$ref": lambda i, v, s, b: _conforms(i, *_resolve(v, b)),
    "type": lambda i, v, s, b: _of_type(i, v),
    "enum": lambda i, v, s, b: _in_enum(i, v),
    "required": lambda i, v, s, b: not isinstance(i, dict) or all(key in i for key in v),
    "properties": lambda i, v, s, b: not isinstance(i, dict) or all(_conforms(i[key], sub, b) for key, sub in v.items() if key in i),
    "additionalProperties": _additional_ok,
    "propertyNames": lambda i, v, s, b: not isinstance(i, dict) or all(_conforms(key, v, b) for key in i),
    "items": lambda i, v, s, b: not isinstance(i, list) or all(_conforms(item, v, b) for item in i),
    "minItems": lambda i, v, s, b: not isinstance(i, list) or len(i) >= v,
    "minLength": lambda i, v, s, b: not isinstance(i, str) or len(i) >= v,
    "pattern": lambda i, v, s, b: not isinstance(i, str) or _matches(v, i),
    "minimum": lambda i, v, s, b: not _TYPES["number"](i) or i >= v,
    "maximum": lambda i, v, s, b: not _TYPES["number"](i) or i <= v,
    "format": lambda i, v, s, b: _format_ok(i, v),
    "anyOf": lambda i, v, s, b: any(_conforms(i, sub, b) for sub in v),
    "oneOf": lambda i, v, s, b: sum(1 for sub in v if _conforms(i, sub, b)) == 1,
    "x-text": lambda i, v, s, b: not _text_problems(v, i),
    "x-placeholders": lambda i, v, s, b: not _placeholder_problems(v, i),
}


# jsonschema is imported here, on the first document that does not conform, not with the
# module: a build whose data conforms (nearly every build) never needs it, and its import
# was a twentieth of a build.
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
