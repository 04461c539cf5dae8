"""What every part of the benchmark shares: paths, the log, the languages, a measurement's context."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
# What a copy of the project needs to build (data/ is copied or generated apart).
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")


# One line of progress, with the time, to the terminal.
def log(message: str) -> None:
    """Print a progress line."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml without its tags: `!ENV [NAME, default]` reads as its default."""


# `!ENV [NAME, default]` (or `!ENV NAME`) as its default value; other tags as plain values.
def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        return items[-1] if suffix == "ENV" and items else items
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    return None if suffix == "ENV" else loader.construct_scalar(node)


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _tagged(loader, suffix.lstrip("!"), node))


# The project's mkdocs.yml as plain data (environment variables not applied).
def read_config(project: Path) -> dict:
    """The project's mkdocs.yml as a dict, `!ENV` values replaced by their defaults."""
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


# The languages of the i18n plugin, the default first: the one source of the list.
def languages(project: Path = ROOT) -> list[str]:
    """The site's languages from mkdocs.yml's i18n plugin, the default language first."""
    for plugin in read_config(project).get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            found = plugin["i18n"]["languages"]
            return [item["locale"] for item in sorted(found, key=lambda item: not item.get("default"))]
    raise ValueError(f"no i18n plugin in {project / 'mkdocs.yml'}")


# A page's path in the built site for a language: the default language at the top.
def localised(path: str, lang: str, langs: list[str]) -> str:
    """The site path of `path` in `lang` (the default language, langs[0], has no prefix)."""
    return path if lang == langs[0] else f"{lang}/{path}"


@dataclass
class Context:
    """What a measurement is given: the settings, folders, the real site as served, the report so far."""

    args: argparse.Namespace
    work: Path  # temporary folder, removed at the end
    out: Path  # bench-results/
    env: dict[str, str]  # environment for builds (PYTHONPATH, SOURCE_DATE_EPOCH ...)
    snapshot: Path  # a copy of the project (with data/) taken when the benchmark started
    site: Path  # the real data's built site, as the server serves it
    server: Any  # server.GzipServer, serving `site`
    langs: list[str]
    report: dict[str, Any] = field(default_factory=dict)

    # A note for the report's notes list.
    def note(self, text: str) -> None:
        """Add a line to the report's notes."""
        self.report.setdefault("notes", []).append(text)


@dataclass
class Measurement:
    """One measurement: its entry function, and optionally its report section and target rows.

    `measure(context)` returns a dict stored in the report under `name`; `markdown(result)`
    returns the report's lines for it (without it the dict is shown as JSON); `targets(result)`
    returns rows {"target", "measured", "goal", "pass"} for the report's table of targets.
    """

    name: str
    measure: Callable[[Context], dict]
    markdown: Callable[[dict], list[str]] | None = None
    targets: Callable[[dict], list[dict]] | None = None
    skip: Callable[[argparse.Namespace], bool] = lambda args: False


class suppress:
    """Ignore the errors of signalling or reading a process or file that is already gone."""

    # Nothing to set up.
    def __enter__(self) -> None:
        return None

    # Swallow only the errors of a process or file already gone.
    def __exit__(self, *exc: Any) -> bool:
        return exc[0] is not None and issubclass(exc[0], (ProcessLookupError, PermissionError, OSError, AttributeError))
