#!/usr/bin/env python3
"""Check every external content link of the built site (see mlprep.cli.check_links, or --help).

.venv/bin/python scripts/check_links.py --markdown report.md --json report.json
"""

import sys

from mlprep.cli.check_links import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
