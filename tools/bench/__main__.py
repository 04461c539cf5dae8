"""`python -m tools.bench`: the benchmark (see tools/bench/run.py)."""

import sys

from tools.bench.run import main

sys.exit(main(sys.argv[1:]))
