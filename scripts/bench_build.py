#!/usr/bin/env python3
"""Build-cost benchmark: our hooks against the floor (the same Markdown as plain pages) and a peer.

    python3 scripts/dev.py bench                      # or: make bench
    .venv/bin/python scripts/bench_build.py --sizes 100 1000 --reps 3 --json out.json

A thin wrapper: the benchmark is the package mlprep.bench (see mlprep.bench.cli).
"""

import sys

from mlprep.bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
