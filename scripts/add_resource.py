#!/usr/bin/env python3
"""Add a resource to data/resources.yml (see mlprep.cli.add_resource); prompts for what the flags leave out.

python3 scripts/dev.py add-resource
python3 scripts/dev.py add-resource --title "CS229" --url https://cs229.stanford.edu/ --type course ...
"""

import sys

from mlprep.cli.add_resource import main

if __name__ == "__main__":
    sys.exit(main())
