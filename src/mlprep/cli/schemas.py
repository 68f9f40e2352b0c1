"""Regenerate the JSON Schemas (docs/schemas/), CONTRIBUTING.md's tables and the issue form's topics.

What is generated, and from what, is ``mlprep.data.schemas``. Files are written
only when their content changes. Exit codes: 0 up to date (or brought up to
date), 1 with ``--check`` when a generated file is out of date, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlprep.data.schemas import generate


def main(root: Path, argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="generate_schemas.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a generated file is out of date"
    )
    args = parser.parse_args(argv)
    stale = generate(root, check=args.check)
    for path in stale:
        print(f"{path.relative_to(root)}: {'out of date' if args.check else 'updated'}", file=sys.stderr)
    return 1 if stale and args.check else 0
