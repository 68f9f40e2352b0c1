#!/usr/bin/env python3
"""Benchmark: this link check vs plain LinkChecker vs lychee on a simulated loopback web.

    make bench-links            # or: .venv/bin/python scripts/bench_links.py [--pages N] [--only TOOL ...]

A thin wrapper: the benchmark is bench/links.py in the top-level package bench/, kept
out of the shipped mlprep package (it uses the fake web of tests/support/).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/ and tests/ sit beside src/

from bench.links import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
