"""Create the labels the issue forms and workflows apply, so a form's label is never silently dropped.

GitHub drops an issue form's label that does not exist in the repository. Each
label's colour and description come from ``mlprep.github.client.LABELS``; one
that exists already is left as it is. Exit codes: 0 every label present, 1 GitHub
refused or could not answer (or a form applies a label ``LABELS`` lacks), 2 usage
error. Standard library only: the labels workflow installs nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlprep.github.client import LABELS, GitHubError, Issues, RestClient, ensure_labels, form_labels


def main(argv: list[str] | None = None, api: Issues | None = None) -> int:
    p = argparse.ArgumentParser(prog="github_labels.py", description=__doc__.splitlines()[0])
    p.add_argument("--templates", type=Path, default=Path(".github/ISSUE_TEMPLATE"), help="the issue forms' folder")
    args = p.parse_args(argv)
    try:
        names = ensure_labels(api or RestClient.from_env(), sorted(set(form_labels(args.templates)) | set(LABELS)))
    except GitHubError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print("labels present: " + ", ".join(names))
    return 0
