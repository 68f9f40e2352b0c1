#!/usr/bin/env python3
"""Open, update or close the nightly link check's issue (see mlprep.cli.links_issue).

    PYTHONPATH=src python3 scripts/links_issue.py --code 1 --run-url URL   # in the workflow, with GH_TOKEN

Reads link-report.md, link-report.json and link-check.log from the current
folder. Standard library only, so the workflow's issue job installs nothing.
"""

import sys

from mlprep.cli.links_issue import main

if __name__ == "__main__":
    sys.exit(main())
