#!/usr/bin/env python3
"""Regenerate the JSON Schemas (docs/schemas/), CONTRIBUTING.md's tables and the issue form's topics.

python3 scripts/dev.py schemas            # write what changed
python3 scripts/dev.py schemas --check    # exit 1 if anything is out of date
"""

import sys
from pathlib import Path

from mlprep.cli.schemas import main

if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent.parent, sys.argv[1:]))
