#!/usr/bin/env python3
"""Build-cost benchmark: our hooks against the floor (the same Markdown as plain pages) and a peer.

    python3 scripts/dev.py bench                      # or: make bench
    .venv/bin/python scripts/bench_build.py --sizes 100 1000 --reps 3 --json out.json

A thin wrapper: the benchmark is the top-level package bench/ (see bench/cli.py), kept
out of the shipped mlprep package.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/ sits beside src/

from bench.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
