"""When each source file last changed, from git history: every page's last-changed date.

One `git log` over data/ and docs/ answers for all files at once. Outside a git
checkout (or for files not committed yet) the build's own time stands in: the
SOURCE_DATE_EPOCH that reproducible builds set, so two builds still agree.

Three things that are easily confused have one name each in the code:
- the last-changed date: when a page's files last changed in git (this module,
  `Session.last_changed`, `render.last_changed`, templates/last-changed.html.j2; the
  reader sees it as "Last updated");
- the change history: what editors write under `changes:` in a data file (`model.Change`,
  `pages.change_history`; the reader sees it as "Updates to this page");
- the news: the site's announcements in data/updates.yaml (`model.Update`,
  `Catalogue.updates`; the home page's latest updates and the feeds).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# The date each file under `folders` last changed in git, by path relative to `root`.
def by_file(root: Path, folders: tuple[str, ...] = ("data", "docs")) -> dict[str, dt.date]:
    """Map each file under `folders` (path relative to `root`) to the date of its last commit."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--", *folders],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    changed: dict[str, dt.date] = {}
    for commit in log.split("\x00")[1:]:
        lines = [line for line in commit.splitlines() if line.strip()]
        if not lines:
            continue
        when = dt.datetime.fromtimestamp(int(lines[0]), dt.timezone.utc).date()
        for path in lines[1:]:
            changed.setdefault(path, when)
    return changed


# The latest change among some files; files git does not know take the build's time.
def latest(changed: dict[str, dt.date], paths: list[str]) -> dt.date:
    """The latest date in `changed` among `paths`; the build's own date for files git does not know."""
    fallback = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), dt.timezone.utc).date()
    return max((changed.get(path, fallback) for path in paths), default=fallback)
