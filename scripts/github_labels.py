#!/usr/bin/env python3
"""Create the labels the issue forms and workflows apply (see mlprep.cli.labels).

    PYTHONPATH=src python3 scripts/github_labels.py   # in the labels workflow, with GH_TOKEN

GitHub drops an issue form's label that does not exist in the repository.
Standard library only, so the workflow installs nothing.
"""

import sys

from mlprep.cli.labels import main

if __name__ == "__main__":
    sys.exit(main())
