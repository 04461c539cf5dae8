"""Problems found in the data, reported as `file:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

# Where a field is inside a data file: keys and list positions from the top, such as
# ("pillars", 2, "title", "ja"). Not a file path: the file is Problem.file.
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one data file, pinned to a line and a field."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{field} {self.message}"


class DataError(Exception):
    """Raised when the data has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"The data has {count} {noun}. Each line names the file, the line and the field:\n{lines}")


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------

# Write a field path the way an editor reads it: parts[2].ministries, counting from 1.
def field_name(path: FieldPath) -> str:
    """A field path as an editor reads it: `parts[2].ministries`, counting from 1."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step + 1}]"
        else:
            out += ("." if out else "") + step
    return out


# Name a file relative to the repository, as reviewers see it in a pull request.
# Unresolved for links, whose target must not be shown.
def display_path(path: Path, root: Path, resolve: bool = True) -> str:
    """The path as a reviewer reads it in a pull request, relative to the repository."""
    try:
        if not resolve:
            return path.absolute().relative_to(root.absolute()).as_posix()
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
