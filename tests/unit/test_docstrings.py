"""Every public function and class of plansite, and every public method of its public
classes, has a docstring (as Material's own plugins do): the package is the site's API."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PLANSITE = ROOT / "hooks" / "plansite"


# The public functions, classes and methods of one module that have no docstring.
def _undocumented(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or node.name.startswith("_"):
            continue
        if ast.get_docstring(node) is None:
            missing.append(f"{path.name}:{node.lineno}: {node.name}")
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)) and not member.name.startswith("_") and ast.get_docstring(member) is None:
                    missing.append(f"{path.name}:{member.lineno}: {node.name}.{member.name}")
    return missing


def test_every_public_function_and_class_of_plansite_has_a_docstring():
    modules = sorted(PLANSITE.glob("*.py"))
    assert len(modules) > 10
    missing = [line for path in modules for line in _undocumented(path)]
    assert missing == [], "Public without a docstring (add one line saying what it gives):\n" + "\n".join(missing)


# The check itself finds what it is meant to find.
def test_the_check_finds_a_missing_docstring(tmp_path: Path):
    module = tmp_path / "example.py"
    module.write_text('def shown():\n    return 1\n\n\ndef _hidden():\n    return 2\n\n\nclass Thing:\n    """A thing."""\n\n    def size(self):\n        return 3\n', encoding="utf-8")
    assert _undocumented(module) == ["example.py:1: shown", "example.py:12: Thing.size"]
