"""How the code finds its own modules: one place puts hooks/ on the import path for the
tools (tools/__init__.py), pytest does it for the tests (pytest.ini), and tests import
their helpers from helpers.py, not from conftest.py (which pytest loads, not the tests)."""

from __future__ import annotations

import ast

from helpers import ROOT


def _python(folder: str) -> list:
    return [path for path in sorted((ROOT / folder).rglob("*.py")) if "__pycache__" not in path.parts]


# Every call of sys.path.insert/append under tools/ and tests/, as file:line.
def _path_edits() -> list[str]:
    found = []
    for path in _python("tools") + _python("tests"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"insert", "append"}:
                target = node.func.value
                if isinstance(target, ast.Attribute) and target.attr == "path" and isinstance(target.value, ast.Name) and target.value.id == "sys":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


# Where a tool must import another project's plansite than the repository's, and why.
ELSEWHERE = {
    "tools/bench/editloop.py": "times rebuilds of the bench's copy of the project, with that copy's hooks",
}


def test_only_tools_init_puts_hooks_on_the_import_path():
    edits = [edit.split(":")[0] for edit in _path_edits()]
    assert [edit for edit in edits if edit not in ELSEWHERE] == ["tools/__init__.py"], edits


def test_no_test_imports_from_conftest():
    found = []
    for path in _python("tests"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "conftest" or isinstance(node, ast.Import) and any(a.name == "conftest" for a in node.names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "Import test helpers from tests/helpers.py:\n" + "\n".join(found)
