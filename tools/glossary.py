"""`python -m tools.glossary`: bring the glossary's entries that the site uses into data/glossary.yaml.

The project's glossary (../shared/glossary-ja.yaml) lies beside the repository, where CI
and the deploy workflow cannot see it; the site keeps a copy of the entries its pages use
(with `verified` and `source`), from which the translation-status page and
`make preflight` list the names still to be confirmed. Run this after the data starts or
stops using a glossary name; tests/test_preflight.py says when it is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "glossary-ja.yaml"
TARGET = ROOT / "data" / "glossary.yaml"

HEADER = """\
# yaml-language-server: $schema=../hooks/plansite/schemas/glossary.schema.json
# The entries of the project's glossary (../shared/glossary-ja.yaml) that the pages use, as
# they are there. Written by `python -m tools.glossary`; do not edit by hand: correct the
# glossary and run it again. verified: false = not yet confirmed against an official source.
"""


# The shared glossary's entries (as written there) that some page of the site uses.
def entries_in_use(root: Path = ROOT, shared: Path = SHARED) -> list[dict]:
    from plansite import glossary
    from plansite.languages import SOURCE, WRITTEN
    from plansite.session import session_for
    from plansite.settings import from_config

    raw = yaml.safe_load(shared.read_text(encoding="utf-8"))
    session = session_for(root / "data", root, from_config(root))
    found = glossary.entries(raw, WRITTEN)
    used: set[int] = set()
    for lang in [lang for lang in WRITTEN if lang != SOURCE]:
        uses = glossary.used_on(found, session.page_texts(lang), lang)
        used |= {index for index, entry in enumerate(found) if entry in uses}
    return [raw[index] for index in sorted(used)]


# The text of data/glossary.yaml for the entries in use.
def glossary_yaml(entries: list[dict]) -> str:
    return HEADER + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=200)


def main() -> int:
    if not SHARED.exists():
        print(f"{SHARED} is not there; nothing to bring in.", file=sys.stderr)
        return 1
    entries = entries_in_use()
    TARGET.write_text(glossary_yaml(entries), encoding="utf-8")
    print(f"Wrote {len(entries)} entries to {TARGET.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
