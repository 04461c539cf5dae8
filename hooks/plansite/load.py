"""Read the YAML files under data/, remembering the line of every field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Path_, Problem, display_path

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# Which schema each file is checked against, by where it lies under data/.
KINDS: dict[str, str] = {
    "site.yaml": "site",
    "labels.yaml": "labels",
    "ministries.yaml": "ministries",
    "awareness-months.yaml": "awareness-months",
    "history.yaml": "history",
    "updates.yaml": "updates",
    "hotlines.yaml": "hotlines",
    "accessibility-results.yaml": "accessibility-results",
    "plans/*.yaml": "plan",
    "measures/*/*.yaml": "measure",
    "reports/*.yaml": "report",
    "meetings/*.yaml": "meeting",
}


@dataclass
class Document:
    """One data file: its content, and the line each field starts on."""

    path: Path
    name: str  # as shown in messages, relative to the repository
    kind: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    # The line of a field, or of the nearest enclosing field that has one.
    def line(self, path: Path_) -> int:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    # A problem at a field of this file.
    def problem(self, path: Path_, message: str) -> Problem:
        from .problems import field_name

        return Problem(self.name, self.line(path), field_name(path), message)


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# The C parser when PyYAML has it (several times faster), the Python one otherwise.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe YAML, with dates kept as text so that the schema can check them."""


# Dates stay strings: PyYAML would turn 2022-02-30 into a crash, not a message.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Turn a composed node into plain Python, recording each value's line.
def _construct(node: yaml.Node, loader: _Loader, path: Path_, lines: dict, problems: list, name: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                problems.append(
                    Problem(name, key_node.start_mark.line + 1, key, f"the field '{key}' is written twice; keep one")
                )
            result[key] = _construct(value_node, loader, path + (key,), lines, problems, name)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, loader, path + (index,), lines, problems, name)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


# Explain a YAML syntax error in plain words, at its line.
def _syntax_problem(name: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 1
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    detail = f"{context}, {what}" if context else what
    return Problem(
        name,
        line,
        "",
        f"the file is not valid YAML ({detail}). Check the indentation and the quotes on this line and the one before.",
    )


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Which kind of file this is, from where it lies under data/; None for files we do not know.
def kind_of(relative: str) -> str | None:
    for pattern, kind in KINDS.items():
        if Path(relative).match(pattern) and relative.count("/") == pattern.count("/"):
            return kind
    return None


# Read one file; problems with its bytes or its YAML go to `problems`, never raise.
def load_file(path: Path, root: Path, kind: str, problems: list[Problem]) -> Document | None:
    name = display_path(path, root)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(name, line, "", "the file is not saved as UTF-8. Save it again with the encoding UTF-8.")
        )
        return None
    text = text.removeprefix("\ufeff")
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^ *\t", line):
            problems.append(
                Problem(name, number, "", "this line is indented with a tab. YAML needs spaces: replace the tab with spaces.")
            )
            return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(name, 1, "", "the file is empty."))
            return None
        lines: dict[Path_, int] = {}
        data = _construct(node, loader, (), lines, problems, name)
    except yaml.YAMLError as error:
        problems.append(_syntax_problem(name, error))
        return None
    finally:
        loader.dispose()
    return Document(path=path, name=name, kind=kind, data=data, lines=lines)


# Read every data file under `data_dir`; unknown files are problems too, so none is ignored silently.
def load_all(data_dir: Path, root: Path) -> tuple[list[Document], list[Problem]]:
    problems: list[Problem] = []
    documents: list[Document] = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(data_dir).as_posix()
        kind = kind_of(relative) if path.suffix == ".yaml" else None
        if kind is None:
            places = ", ".join(f"data/{pattern}" for pattern in KINDS)
            problems.append(
                Problem(
                    display_path(path, root),
                    1,
                    "",
                    f"this file is not where data files go, or is not named .yaml. Data files are: {places}.",
                )
            )
            continue
        document = load_file(path, root, kind, problems)
        if document is not None:
            documents.append(document)
    return documents, problems
