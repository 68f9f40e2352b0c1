"""Open, update or close the nightly link check's issue from the files the check left behind.

Reads the check's exit code (empty when it never ran), its Markdown and JSON
reports and its log, then brings the issue up to date (``mlprep.links.issue``
says what each exit code does) and prints what it did. Exit codes: 0 done,
1 GitHub refused or could not answer, 2 usage error. Standard library only:
the workflow's issue job runs it without installing the project.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mlprep.github.client import GitHubError, Issues, RestClient
from mlprep.links.issue import load_run, sync


def main(argv: Sequence[str] | None = None, api: Issues | None = None) -> int:
    p = argparse.ArgumentParser(prog="links_issue.py", description="Open, update or close the broken-links issue.")
    p.add_argument("--code", default="", help="the check's exit code: 0, 1 or 2; empty when it never ran")
    p.add_argument("--report-md", type=Path, default=Path("link-report.md"))
    p.add_argument("--report-json", type=Path, default=Path("link-report.json"))
    p.add_argument("--log", type=Path, default=Path("link-check.log"), help="the check's log, quoted from its end")
    p.add_argument("--run-url", default=os.environ.get("RUN_URL", ""), help="the workflow run, linked from the issue")
    args = p.parse_args(argv)
    run = load_run(args.code, args.run_url, args.report_md, args.report_json, args.log)
    try:
        for action in sync(api or RestClient.from_env(), run):
            print(action)
    except GitHubError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
