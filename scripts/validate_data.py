#!/usr/bin/env python3
"""Check every data file and print each problem as file:line:col: message (see mlprep.cli.check_data).

python3 scripts/dev.py validate       # sets up .venv first, then runs this
.venv/bin/python scripts/validate_data.py [DATA_DIR]
"""

import sys

from mlprep.cli.check_data import main

if __name__ == "__main__":
    sys.exit(main())
