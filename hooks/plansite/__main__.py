"""`python -m plansite check [data-dir]`: validate the data and the pages, print every problem.

Exit 0 when the data is good, 1 when it has problems (each on its own line as
file:line: field: message), so CI and editors can run it without building the site.
Nothing it meets ends in a traceback: an error in the site's own code is reported as
such, in a sentence, with exit 2.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import rehearsal
from .problems import DataError
from .session import session_for
from .settings import from_config

ROOT = Path(__file__).resolve().parents[2]


# Validate the data folder given (default: data/ beside hooks/) and report.
def main(argv: list[str]) -> int:
    """Run `make check`; return the process's exit status."""
    args = [arg for arg in argv if arg != "check"]
    data_dir = Path(args[0]).absolute() if args else ROOT / "data"
    # A project's data lies in its data/ folder, beside its mkdocs.yml and docs/.
    root = data_dir.parent if (data_dir.parent / "mkdocs.yml").exists() else ROOT
    started = time.perf_counter()
    try:
        settings = from_config(root)
        session = session_for(data_dir, root, settings)
        problems = rehearsal.problems(session, settings.languages)
        if problems:
            raise DataError(problems)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("make check was interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: a sentence, never a traceback
        print(f"make check stopped on an error in the site's own code, not in the data: {type(error).__name__}: {error}. Please tell the developers.", file=sys.stderr)
        return 2
    catalogue = session.catalogue
    elapsed = time.perf_counter() - started
    print(
        f"The data is valid: {len(catalogue.plans)} plans, {len(catalogue.measures)} measures, "
        f"{len(catalogue.ministries)} ministries, {len(catalogue.months)} awareness months, "
        f"{len(catalogue.reports)} reports, {len(catalogue.meetings)} meetings; "
        f"{len(session.specs) * len(settings.languages)} pages made ({elapsed:.2f} s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
