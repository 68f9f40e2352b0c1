#!/usr/bin/env python3
"""Run the whole test suite as a contributor's pull request would meet it, in random order.

    python3 scripts/dev.py test-as-contributor [PYTEST ARGS]   # --random-order-seed=N replays, --keep keeps the copy

A thin wrapper: the run is tests/support/contributor.py's ``main``, beside the edits it makes.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/ sits beside src/

from tests.support.contributor import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
