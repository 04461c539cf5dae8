"""Bring the labels schema in line with data/labels.yaml: declare new labels, drop removed ones.

`python -m tools.labels_schema` after adding or removing a label: a new label is declared
(and so required) with the placeholders its text uses; a removed one is no longer required
(tests/test_contracts.py fails if a template still uses it). tests/test_contracts.py then checks that
the templates using it fill exactly those; a label filled by a page's script needs
`"x-filled-by": "script"` added by hand.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "hooks" / "plansite" / "schemas" / "labels.schema.json"
LABELS = ROOT / "data" / "labels.yaml"
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


# Declare the labels the schema lacks and drop those data/labels.yaml no longer has;
# return how many were added.
def sync() -> int:
    """Update labels.schema.json in place."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    labels = yaml.load(LABELS.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    added = 0
    for key, text in labels.items():
        if key not in schema["properties"]:
            used = sorted(set(PLACEHOLDER.findall(" ".join(str(value) for value in text.values()))))
            schema["properties"][key] = {"$ref": "common.schema.json#/$defs/name", "x-placeholders": used}
            added += 1
    removed = [key for key in schema["properties"] if key not in labels]
    for key in removed:
        del schema["properties"][key]
    schema["properties"] = dict(sorted(schema["properties"].items()))
    schema["required"] = sorted(schema["properties"])
    SCHEMA.write_text(_dump(schema), encoding="utf-8")
    return added


# One line per label, so that a pull request's diff shows the label it adds.
def _dump(schema: dict) -> str:
    lines = json.dumps(schema, ensure_ascii=False, indent=2)
    lines = re.sub(r"\{\n\s+(\"\$ref\": [^\n]+),\n\s+(\"x-placeholders\": )\[([^\]]*)\](,\n\s+(\"x-filled-by\": \"script\"))?\n\s+\}", lambda m: "{" + m.group(1) + ", " + m.group(2) + "[" + ", ".join(part.strip() for part in m.group(3).split(",") if part.strip()) + "]" + (", " + m.group(5) if m.group(5) else "") + "}", lines)
    lines = re.sub(r"\"required\": \[\n([^\]]*)\]", lambda m: "\"required\": [" + ", ".join(part.strip().rstrip(",") for part in m.group(1).splitlines() if part.strip()) + "]", lines)
    return lines + "\n"


if __name__ == "__main__":
    print(f"{sync()} labels added to {SCHEMA.relative_to(ROOT)}.")
    sys.exit(0)
