#!/usr/bin/env python3
"""Check every external content link of the built site; LinkChecker does the fetching.

    .venv/bin/python scripts/check_links.py                  # site/ with linkcheck.toml
    .venv/bin/python scripts/check_links.py --markdown report.md --json report.json
    .venv/bin/python scripts/check_links.py --only-changed origin/main   # only the URLs a change adds
    .venv/bin/python scripts/check_links.py --urls https://example.org/a https://example.org/b

Verdicts: ok, moved (permanent redirect: update the URL), blocked (bot wall:
unverified), dead (404, 410, DNS, TLS, a redirect loop or more than 20
redirects, or trouble that persists after retries), unchecked (the time budget
ran out, the host answered too slowly, or it rate-limits: not yet for
rate_limit_runs runs in a row), gone (marked gone in the data: not fetched, its
archived copy is checked instead). Exit codes: 0 no dead links, 1 dead links
(a dead archived copy included), 2 the check itself failed. Progress goes to stderr.
"""

import sys

from mlprep.cli.check_links import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
