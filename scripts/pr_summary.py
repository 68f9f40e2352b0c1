#!/usr/bin/env python3
"""Write a pull request's review summary: validator result, new links and their verdicts, pages changed, preview.

    .venv/bin/python scripts/pr_summary.py --base HEAD^1 --links-code 0 --links-json new-links.json

Run after `dev.py build` and `check_links.py --only-changed BASE --json ...`; it
builds the base commit's site itself to see which pages changed. Exit 1 when the
data has problems or a new link is dead or could not be checked (see mlprep.cli.pr_summary).
"""

import sys

from mlprep.cli.pr_summary import main

if __name__ == "__main__":
    sys.exit(main())
