"""`make preflight`: list every placeholder that must not go live; exit 1 while any remains.

Checks: the licence is set; CODEOWNERS names a real owner (no `@OWNER`); SITE_URL is set
to a public https address; a problem-report target is set (data/site.yaml `feedback`); no
date of news, change note or report is later than the last commit; the glossary names the
pages use are confirmed (how many, on which pages); no 「（仮）」 (provisional) in the text
the site publishes (data/ and docs/).

The deploy workflow runs it with --deploy: the list goes to the job summary
($GITHUB_STEP_SUMMARY), and the step fails only when data/site.yaml says `preflight: block`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROVISIONAL = "（仮）"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", ""}

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One placeholder that must not go live: which check, and where."""

    check: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.detail}"


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Every placeholder left in the project at `root`, check by check.
def findings(root: Path = ROOT, site_url: str | None = None) -> list[Finding]:
    from plansite.session import session_for
    from plansite.settings import from_config

    session = session_for(root / "data", root, from_config(root))
    catalogue = session.catalogue
    found: list[Finding] = []
    if catalogue.licence is None:
        found.append(Finding("licence", "data/site.yaml", "the licence is not set (licence: null); set e.g. licence: pdl-1.0"))
    found += _codeowners(root)
    found += _site_url(site_url)
    feedback = catalogue.site["feedback"]
    if not (feedback["repository"] or feedback["email"]):
        found.append(Finding("feedback", "data/site.yaml", "no problem-report target: set feedback.repository or feedback.email"))
    found += _future_dates(root, catalogue)
    unverified = session.unverified_names()
    if unverified:
        pages = sorted({page for _, used in unverified for page in used})
        found.append(Finding("glossary", "data/glossary.yaml", f"{len(unverified)} unconfirmed glossary names are used, on {len(pages)} pages (verified: false)"))
        for entry, used in unverified:
            found.append(Finding("glossary", "data/glossary.yaml", f"{_name(entry)} unconfirmed, used on: {', '.join(used)}"))
    found += _provisional(root)
    return found


# The list as text, one line per finding, grouped under each check.
def report(found: list[Finding]) -> str:
    if not found:
        return "Preflight: nothing left that must not go live.\n"
    lines = [f"Preflight: {len(found)} placeholders must be resolved before the site goes live."]
    for check in dict.fromkeys(f.check for f in found):
        lines.append(f"\n[{check}]")
        lines += [f"  {f}" for f in found if f.check == check]
    return "\n".join(lines) + "\n"


# The list as Markdown, for the deployment's job summary.
def summary(found: list[Finding], blocking: bool) -> str:
    if not found:
        return "## Preflight\n\nNothing left that must not go live.\n"
    verdict = "The deployment stops until they are resolved (preflight: block)." if blocking else "The site is deployed anyway (preflight: warn in data/site.yaml)."
    lines = ["## Preflight", "", f"{len(found)} placeholders must be resolved before the site goes live. {verdict}", ""]
    for check in dict.fromkeys(f.check for f in found):
        lines.append(f"### {check}")
        lines += [f"- `{f.where}`: {f.detail}" for f in found if f.check == check]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.preflight", description=__doc__.split("\n")[0])
    parser.add_argument("--deploy", action="store_true", help="fail only when data/site.yaml says preflight: block")
    parser.add_argument("--summary", type=Path, help="also append the list as Markdown to this file (the job summary)")
    args = parser.parse_args(argv)
    found = findings(root, os.environ.get("SITE_URL"))
    print(report(found), end="")
    mode = yaml.safe_load((root / "data" / "site.yaml").read_text(encoding="utf-8")).get("preflight", "warn")
    blocking = mode == "block" or not args.deploy
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as out:
            out.write(summary(found, mode == "block"))
    return 1 if found and blocking else 0


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# A glossary entry as 「translated name」 (English name).
def _name(entry) -> str:
    from plansite.languages import SOURCE

    translated = " / ".join(name for lang, name in entry.names.items() if lang != SOURCE)
    return f"「{translated}」 ({entry.names.get(SOURCE, '')})"


def _codeowners(root: Path) -> list[Finding]:
    path = root / ".github" / "CODEOWNERS"
    if not path.exists():
        return [Finding("codeowners", ".github/CODEOWNERS", "the file is missing")]
    return [
        Finding("codeowners", f".github/CODEOWNERS:{number}", f"placeholder owner in '{line.strip()}'")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "@OWNER" in line and not line.lstrip().startswith("#")
    ]


def _site_url(url: str | None) -> list[Finding]:
    if not url:
        return [Finding("site-url", "SITE_URL", "not set: the deployment must give the site's public address")]
    parts = urlsplit(url)
    if parts.scheme != "https" or (parts.hostname or "") in LOCAL_HOSTS:
        return [Finding("site-url", "SITE_URL", f"'{url}' is not a public https address")]
    return []


# Dates of news, change notes and reports later than the last commit: written ahead of time.
def _future_dates(root: Path, catalogue) -> list[Finding]:
    last = _last_commit(root)
    dated = [(u.date, "data/updates.yaml", "news") for u in catalogue.updates]
    dated += [(r.published, r.source, "published") for r in catalogue.reports]
    owners = [*catalogue.plans, *catalogue.measures, *catalogue.reports, *catalogue.meetings]
    dated += [(c.date, o.source, "change note") for o in owners for c in o.changes]
    return [
        Finding("dates", source, f"{what} dated {date}, later than the last commit ({last.isoformat()})")
        for date, source, what in dated
        if dt.date.fromisoformat(date) > last
    ]


def _last_commit(root: Path) -> dt.date:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        return dt.date.fromisoformat(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return dt.datetime.now(dt.timezone.utc).date()


# 「（仮）」 in the text the site publishes: data (but the glossary's own names) and docs.
def _provisional(root: Path) -> list[Finding]:
    files = [p for p in sorted((root / "data").rglob("*.yaml")) if p.name != "glossary.yaml"]
    files += sorted((root / "docs").rglob("*.md"))
    found = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PROVISIONAL in line and not line.lstrip().startswith("#"):
                found.append(Finding("provisional", f"{path.relative_to(root).as_posix()}:{number}", f"「（仮）」 in '{line.strip()[:80]}'"))
    return found


if __name__ == "__main__":
    sys.exit(main())
