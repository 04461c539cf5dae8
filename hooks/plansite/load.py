"""Read the YAML files under data/, remembering the line of every field."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from .problems import FieldPath, Problem, display_path
from .safety import normalise

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
    "glossary.yaml": "glossary",
    "accessibility-results.yaml": "accessibility-results",
    "plans/*.yaml": "plan",
    "measures/*/*.yaml": "measure",
    "reports/*.yaml": "report",
    "meetings/*.yaml": "meeting",
}


# Limits that no real data file comes near (the largest is about 60 KB, 8 levels deep),
# so that a hostile file is refused in milliseconds instead of exhausting the machine.
MAX_BYTES = 1_000_000
MAX_DEPTH = 20


@dataclass
class Document:
    """One data file: its content, and the line each field starts on."""

    path: Path
    name: str  # as shown in messages, relative to the repository
    kind: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    # The line of a field, or of the nearest enclosing field that has one.
    def line(self, path: FieldPath) -> int:
        """The line of the field at `path`, or of the nearest enclosing field."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    # A problem at a field of this file.
    def problem(self, path: FieldPath, message: str) -> Problem:
        """A Problem at the field `path` of this file."""
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
def _construct(node: yaml.Node, loader: _Loader, path: FieldPath, lines: dict, problems: list, name: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if not key.isprintable():
                problems.append(Problem(name, key_node.start_mark.line + 1, "", "a field name contains an invisible character or a line break; retype the field name."))
                key = "".join(ch if ch.isprintable() else "?" for ch in key)
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
    value = loader.construct_object(node, deep=True)
    return normalise(value) if isinstance(value, str) else value


# YAML's own words for its commonest errors, and what an editor should do about each.
_PLAIN_WORDS = [
    ("mapping values are not allowed", "a text that contains ': ' (a colon and a space) must be put in quotes, like this: title: \"Plan: 2022\"."),
    ("could not find expected ':'", "a line is missing the ':' after its field name, or a text runs onto the next line without quotes. Put long texts in quotes or after '|-'."),
    ("did not find expected key", "the indentation does not line up with the lines above: indent fields of the same group by the same number of spaces."),
    ("did not find expected '-' indicator", "the indentation of this list does not line up: start every item of one list with '- ' at the same column."),
    ("expected <block end>", "the indentation does not line up with the lines above: indent fields of the same group by the same number of spaces."),
    ("found unexpected end of stream", "a quotation mark is opened but not closed: close it, or remove it."),
    ("found unknown escape character", "a text in double quotes contains a backslash (\\): write the text in single quotes, or write \\\\."),
    ("cannot start any token", "a line starts with a character YAML reserves (such as ` @ or %): put the text in quotes."),
    ("found undefined tag handle", "a text starts with '!': put the text in quotes."),
]


# Explain a YAML syntax error in plain words, at its line.
def _syntax_problem(name: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 1
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    said = f"{context} {what}" if context else what
    advice = next((words for phrase, words in _PLAIN_WORDS if phrase in said), None)
    if advice:
        return Problem(name, line, "", f"the file cannot be read here: {advice}")
    return Problem(
        name,
        line,
        "",
        f"the file is not valid YAML ({said}). Check the indentation and the quotes on this line and the one before.",
    )


# YAML features that data files never need and that hostile files use: anchors and aliases
# (one alias can stand for a copy of a whole tree, so nine of them nested nine deep make
# billions of nodes), explicit tags, and nesting deep enough to exhaust the parser's stack.
# Read from the token stream, before any node is built.
def _refused_features(name: str, text: str) -> Problem | None:
    depth = 0
    opening = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    try:
        for token in yaml.scan(text, Loader=_Base):
            line = token.start_mark.line + 1
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return Problem(name, line, "", "uses a YAML anchor or alias ('&name' or '*name'), which data files may not use. Write the value out in full.")
            if isinstance(token, yaml.TagToken):
                return Problem(name, line, "", "uses a YAML tag ('!' or '!!' before a value), which data files may not use. Put the text in quotes.")
            if isinstance(token, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(name, line, "", f"is nested more than {MAX_DEPTH} levels deep, which no data file needs. Check the indentation.")
            elif isinstance(token, closing):
                depth -= 1
    except yaml.YAMLError as error:
        return _syntax_problem(name, error)
    return None


# The files under a folder, without following symbolic links; the links themselves too.
def _walk(folder: Path) -> Iterator[Path]:
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for entry in sorted(dirs + files):
            path = Path(top) / entry
            if entry in files or path.is_symlink():
                yield path


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Which kind of file this is, from where it lies under data/; None for files we do not know.
def kind_of(relative: str) -> str | None:
    """The kind of a data file from its path under data/ (`plan`, `measure` ...); None if unknown."""
    for pattern, kind in KINDS.items():
        if Path(relative).match(pattern) and relative.count("/") == pattern.count("/"):
            return kind
    return None


# Read one file; problems with its bytes or its YAML go to `problems`, never raise.
def load_file(path: Path, root: Path, kind: str, problems: list[Problem]) -> Document | None:
    """Read and parse one data file."""
    name = display_path(path, root)
    if path.stat().st_size > MAX_BYTES:
        problems.append(Problem(name, 1, "", f"the file is larger than {MAX_BYTES // 1_000_000} MB, far larger than any data file needs. Split it, or check that it is the right file."))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(name, line, "", "the file is not saved as UTF-8. Save it again with the encoding UTF-8.")
        )
        return None
    return load_text(text.removeprefix("\ufeff"), path, name, kind, problems)


# Read YAML text that starts at line `first_line` of the file `name` (a page's front matter
# starts at line 2); problems go to `problems`, never raise.
def load_text(text: str, path: Path, name: str, kind: str, problems: list[Problem], first_line: int = 1) -> Document | None:
    """Parse one YAML text into a Document with the line of every field."""
    text = "\n" * (first_line - 1) + text
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^ *\t", line):
            problems.append(
                Problem(name, number, "", "this line is indented with a tab. YAML needs spaces: replace the tab with spaces.")
            )
            return None
    refused = _refused_features(name, text)
    if refused:
        problems.append(refused)
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(name, 1, "", "the file is empty."))
            return None
        lines: dict[FieldPath, int] = {}
        data = _construct(node, loader, (), lines, problems, name)
    except yaml.YAMLError as error:
        problems.append(_syntax_problem(name, error))
        return None
    finally:
        loader.dispose()
    return Document(path=path, name=name, kind=kind, data=data, lines=lines)


# Read every data file under `data_dir`; unknown files are problems too, so none is ignored silently.
# `read` reads one file as load_file does (plansite.validate passes one that also checks it).
def load_all(data_dir: Path, root: Path, read: Callable[[Path, Path, str, list[Problem]], Document | None] | None = None) -> tuple[list[Document], list[Problem]]:
    """Read every file under `data_dir` (with `read`, else load_file): the documents read, and the problems met (never raises)."""
    problems: list[Problem] = []
    documents: list[Document] = []
    for path in _walk(data_dir):
        if path.is_symlink():
            # The link's target is not named: it may be a file of the machine, not of the project.
            problems.append(Problem(display_path(path, root, resolve=False), 1, "", "this is a symbolic link. Data files must be ordinary files in the repository: replace the link with the file itself."))
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
        document = (read or load_file)(path, root, kind, problems)
        if document is not None:
            documents.append(document)
    return documents, problems
