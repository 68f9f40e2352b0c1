"""The validator: every problem in every data file, as the build sees them (it calls the same ``load_guide``).

Prints ``file:line:col: message`` per problem; under GitHub Actions it also
prints ``::error`` workflow commands so problems show on the pull request's diff.
Exit codes: 0 clean, 1 problems, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from mlprep.data.problems import Problem
from mlprep.data.terminal_text import one_line
from mlprep.site.check import data_problems


def _escape(text: str, *, prop: bool = False) -> str:
    # GitHub's workflow-command encoding; properties also escape their separators.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def annotation(problem: Problem) -> str:
    """A GitHub Actions ``::error`` command that marks the problem on the diff."""
    file = _escape(one_line(problem.file.replace(os.sep, "/")), prop=True)
    return f"::error file={file},line={problem.line},col={problem.col}::{_escape(one_line(problem.message))}"


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(prog="validate_data.py", description="Check the guide's data files.")
    parser.add_argument("data_dir", nargs="?", type=Path, default=Path("data"), help="the data folder (default: data)")
    parser.add_argument(
        "--annotations",
        choices=("auto", "always", "never"),
        default="auto",
        help="print GitHub ::error annotations (auto: when GITHUB_ACTIONS=true)",
    )
    args = parser.parse_args(argv)  # exits 2 on a usage error
    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir} is not a folder")
    problems = data_problems(args.data_dir)
    github = args.annotations == "always" or (args.annotations == "auto" and os.environ.get("GITHUB_ACTIONS") == "true")
    for problem in problems:
        print(problem, file=out)
        if github:
            print(annotation(problem), file=out)
    count = len(problems)
    summary = (
        f"{count} problem{'s' if count != 1 else ''} in the guide's data" if count else "the guide's data is valid"
    )
    print(summary, file=sys.stderr)
    return 1 if problems else 0
