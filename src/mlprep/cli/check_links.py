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

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urldefrag

from mlprep.data.terminal_text import log_lines, one_line
from mlprep.links.cache import Cache
from mlprep.links.changed import ChangedError, changed_urls
from mlprep.links.check import check_site
from mlprep.links.config import ConfigError, load_settings
from mlprep.links.linkchecker import EngineError
from mlprep.links.model import Verdict
from mlprep.links.report import json_text, markdown
from mlprep.links.wayback import DEFAULT_API


def _site_url(mkdocs_yml: Path) -> str | None:
    """``site_url`` from mkdocs.yml, read as text: the file has tags plain YAML loaders refuse."""
    if not mkdocs_yml.is_file():
        return None
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", mkdocs_yml.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else None


def _error(err: Exception) -> None:
    """An error on stderr: it may quote LinkChecker's output, git's or a file's, so each line is made inert."""
    print(log_lines(f"error: {err}"), file=sys.stderr)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("site", nargs="?", type=Path, default=Path("site"), help="built site directory (default: site/)")
    p.add_argument(
        "--config", type=Path, default=None, help="settings and bot-wall rules (default: linkcheck.toml if present)"
    )
    p.add_argument("--data", type=Path, default=Path("data"), help="data files, to say which line holds a URL")
    p.add_argument("--docs", type=Path, default=Path("docs"), help="Markdown pages, to say which line holds a URL")
    p.add_argument(
        "--site-url",
        default=None,
        help="the site's own address; links under it are internal (default: from mkdocs.yml)",
    )
    p.add_argument("--json", type=Path, help="write the JSON report here")
    p.add_argument("--markdown", type=Path, help="write the Markdown report here")
    p.add_argument("--cache", type=Path, default=Path(".cache/linkcheck.json"), help="results kept across runs")
    p.add_argument("--no-cache", action="store_true", help="fetch every URL; still write the cache")
    p.add_argument("--budget", type=float, help="seconds for the whole run")
    p.add_argument("--timeout", type=float, help="seconds per request")
    p.add_argument("--retries", type=int, help="extra tries for transient failures")
    p.add_argument("--retry-delay", type=float, help="seconds before a retry without Retry-After")
    p.add_argument("--jobs", type=int, help="LinkChecker processes at once")
    p.add_argument("--archive-url", default=DEFAULT_API, help="Wayback availability API base URL")
    p.add_argument("--no-archive", action="store_true", help="do not look up archived copies")
    only = p.add_mutually_exclusive_group()
    only.add_argument(
        "--only-changed",
        metavar="BASE_REF",
        help="check only the URLs added or changed in --data and --docs since this git revision (a pull request's)",
    )
    only.add_argument("--urls", nargs="+", metavar="URL", help="check only these URLs (those the site links to)")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    config = args.config or (Path("linkcheck.toml") if Path("linkcheck.toml").is_file() else None)
    try:
        settings = load_settings(config).with_overrides(
            budget=args.budget, timeout=args.timeout, retries=args.retries, retry_delay=args.retry_delay, jobs=args.jobs
        )
    except ConfigError as err:
        _error(err)
        return 2
    if not (args.site / "index.html").is_file():
        print(
            f"error: {args.site}/ has no index.html; build the site first (python3 scripts/dev.py build)",
            file=sys.stderr,
        )
        return 2
    cache = Cache(args.cache, 0 if args.no_cache else settings.cache_days)
    only: set[str] | None = None
    title = "External links"
    if args.only_changed:
        try:
            only = changed_urls(args.only_changed, [args.data, args.docs])
        except ChangedError as err:
            _error(err)
            return 2
        title = "External links added or changed"
    elif args.urls:
        only, title = {urldefrag(url).url for url in args.urls}, "Chosen external links"

    def progress(message: str) -> None:
        print(one_line(message), file=sys.stderr, flush=True)

    try:
        outcome = check_site(
            args.site,
            settings,
            data_dir=args.data,
            docs_dir=args.docs,
            site_url=args.site_url or _site_url(Path("mkdocs.yml")),
            cache=cache,
            archive_api=None if args.no_archive else args.archive_url,
            only=only,
            progress=progress,
        )
    except EngineError as err:
        _error(err)
        return 2
    report = markdown(outcome, title)
    if args.markdown:
        args.markdown.write_text(report, encoding="utf-8")
    if args.json:
        args.json.write_text(json_text(outcome), encoding="utf-8")
    # The same report, made safe for a terminal and an Actions log: it quotes servers' words.
    print(log_lines(report))
    return 1 if outcome.count(Verdict.DEAD) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
