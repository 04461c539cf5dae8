"""`python -m plansite check [data-dir]`: validate the data and print every problem.

Exit 0 when the data is good, 1 when it has problems (each on its own line as
file:line: field: message), so CI and editors can run it without building the site.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .problems import DataError
from .validate import check


# Validate the data folder given (default: data/ beside hooks/) and report.
def main(argv: list[str]) -> int:
    args = [arg for arg in argv if arg != "check"]
    root = Path(__file__).resolve().parents[2]
    data_dir = Path(args[0]).resolve() if args else root / "data"
    started = time.perf_counter()
    try:
        catalogue = check(data_dir, root)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"The data is valid: {len(catalogue.plans)} plans, {len(catalogue.measures)} measures, "
        f"{len(catalogue.ministries)} ministries, {len(catalogue.months)} awareness months, "
        f"{len(catalogue.reports)} reports, {len(catalogue.meetings)} meetings ({elapsed:.2f} s)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
