"""README.md's map of the code is complete and true: every module under hooks/ and tools/
is named in it, everything it names exists, and plansite knows nothing of MkDocs."""

from __future__ import annotations

import ast
import re

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")

# The files the map must name: Python under hooks/ and tools/, and tools' Node and shell scripts.
PATTERNS = [("hooks", "*.py"), ("tools", "*.py"), ("tools", "*.cjs"), ("tools", "*.sh")]


def _modules() -> list[str]:
    found = set()
    for folder, pattern in PATTERNS:
        for path in (ROOT / folder).rglob(pattern):
            if "__pycache__" not in path.parts:
                found.add(path.relative_to(ROOT).as_posix())
    return sorted(found)


def test_every_module_is_named_in_the_readme():
    modules = _modules()
    assert "hooks/plansite/load.py" in modules and "tools/bench/run.py" in modules
    missing = [module for module in modules if f"`{module}`" not in README]
    assert missing == [], "Name these in README.md's 'Where things are', each with a line of what it does:\n" + "\n".join(missing)


# A path the README names under hooks/ or tools/ (or a folder it names) exists.
def test_what_the_readme_names_exists():
    named = re.findall(r"`((?:hooks|tools|tests|docs|overrides|data)/[^`\s<>*]*)`", README)
    assert len(named) > 50
    gone = [path for path in named if not (ROOT / path).exists()]
    assert gone == [], "README.md names what does not exist:\n" + "\n".join(gone)


# The seam the README describes: no module of plansite imports MkDocs, its theme or its plugins.
def test_plansite_does_not_import_mkdocs():
    engine = ("mkdocs", "material", "mkdocs_static_i18n")
    offenders = []
    for path in sorted((ROOT / "hooks" / "plansite").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in engine]
    assert offenders == []
