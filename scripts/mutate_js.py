#!/usr/bin/env python3
"""Mutation testing of the planner's date logic: does a small bug in the JavaScript fail a test?

    python3 scripts/dev.py mutate js     # or: .venv/bin/python scripts/mutate_js.py [--list] [--only N ...] [--file F]

A thin wrapper: the runner is tests/mutation/js.py, beside the tests it runs.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/ sits beside src/

from tests.mutation.js import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
