"""The checked catalogue, kept on disk by the hash of everything it is made from.

Reading, checking (JSON Schemas, references, docs/ links) and modelling the data is the
same work for the same inputs in every build that `mkdocs serve`, the tests, CI and
publishing start in a new process: a fifth of a build. A catalogue that passed every
check is kept in one file under .cache/catalogue/, named by the SHA-256 of every input
of `validate.check`:

- every file under data/ and docs/: its path, whether it is a symbolic link (and to
  what), and its bytes (not its time: a checkout, a copy, or a save within the same
  second is still seen);
- every file of the plansite package, its code and its JSON Schemas;
- where the data, the project and docs/ are, and the site's settings (languages,
  Markdown extensions, the one language built);
- the Python version and the versions of the packages plansite runs on.

A change to any of them is another name, so a catalogue made from other inputs is never
read. Data with problems is never kept (the check raises), so its problems are reported
by every build until they are fixed. Set PLANSITE_NO_CACHE=1 to check from scratch.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

from . import validate
from .kept import keep_only
from .model import Catalogue
from .settings import SiteSettings

# The package's own files (code and schemas): a change of the checks is a change of input.
PACKAGE = Path(__file__).resolve().parent

# The distributions plansite imports, directly or through the ones it names (jsonschema's
# referencing and rpds); their versions are inputs of the check too.
DISTRIBUTIONS = ("PyYAML", "jsonschema", "jsonschema-specifications", "referencing", "rpds-py", "Markdown", "MarkupSafe", "Jinja2", "icalendar")

# Where a project keeps its checked catalogue.
FOLDER = Path(".cache") / "catalogue"

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The checked catalogue of `data_dir`: read from the cache if one was made from exactly
# these inputs, else checked (raising DataError on problems) and kept for the next build.
def check(data_dir: Path, root: Path, settings: SiteSettings) -> Catalogue:
    """`validate.check(data_dir, root, settings)`, read from .cache/catalogue/ when its inputs are unchanged."""
    if os.environ.get("PLANSITE_NO_CACHE"):
        return validate.check(data_dir, root, settings)
    folder = root / FOLDER
    kept = folder / f"{inputs_hash(data_dir, root, settings)}.pickle"
    try:
        with kept.open("rb") as file:
            return pickle.load(file)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a file cut short or from another plansite: check again
        kept.unlink(missing_ok=True)
    catalogue = validate.check(data_dir, root, settings)
    _keep(catalogue, kept)
    return catalogue


# The hash of every input of the check (see the module's docstring).
def inputs_hash(data_dir: Path, root: Path, settings: SiteSettings, package: Path = PACKAGE) -> str:
    """The SHA-256 (hex) of every input of `validate.check` for these folders and settings."""
    digest = hashlib.sha256()
    digest.update(repr((sys.version, [_version(name) for name in DISTRIBUTIONS])).encode())
    digest.update(repr((str(data_dir.resolve()), str(root.resolve()), settings)).encode())
    for label, folder in (("data", data_dir), ("docs", settings.docs_dir), ("plansite", package)):
        digest.update(f"\0folder {label}\0".encode())
        _add_tree(digest, folder)
    return digest.hexdigest()


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# Every entry under `folder`, in a fixed order: its path, what it is, and a file's bytes.
# Compiled Python (__pycache__) is left out: it follows from the source.
def _add_tree(digest: "hashlib._Hash", folder: Path) -> None:
    if not folder.is_dir():
        digest.update(b"\0absent\0")
        return
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if "__pycache__" in relative.parts:
            continue
        if path.is_symlink():
            kind = f"link {os.readlink(path)}"
        else:
            kind = "folder" if path.is_dir() else "file"
        digest.update(f"\0{relative.as_posix()}\0{kind}\0".encode())
        if path.is_file():
            content = path.read_bytes()
            digest.update(f"{len(content)}\0".encode())
            digest.update(content)


# An installed distribution's version, or a mark that it is absent.
def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


# Write the catalogue as the one kept file (plansite.kept: whole or not at all, older ones dropped).
def _keep(catalogue: Catalogue, kept: Path) -> None:
    keep_only(kept, pickle.dumps(catalogue, protocol=pickle.HIGHEST_PROTOCOL))
