"""LinkChecker as the fetching engine: run it as a subprocess, parse its CSV output.

Each run starts from a generated list page (``server.publish``) at recursion
level 1 with ``--check-extern``, so LinkChecker fetches exactly those URLs,
each once. robots.txt is off (a ``Disallow`` must not hide a dead page), and the
HttpHeaderInfo plugin copies ``Retry-After`` into the output so retries can
honour it. Run as root, LinkChecker drops privileges to ``nobody``: its
configuration file is written world-readable, and its report goes to a pipe.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

_REDIRECT = re.compile(r"Redirected to `(?P<url>.+?)' status: (?P<code>\d{3})")
_RETRY_AFTER = re.compile(r"Retry-after=(?P<value>[^,]+)", re.IGNORECASE)
_STATUS = re.compile(r"^(?P<code>\d{3})\b")


class EngineError(Exception):
    """LinkChecker could not run or its output cannot be read; the check exits with code 2."""


@dataclass
class Fetch:
    """LinkChecker's answer for one URL."""

    url: str  # as cited
    final_url: str  # after redirects
    result: str  # "404 Not Found", "ReadTimeout: ...", ...
    valid: bool
    status: int | None
    redirects: list[tuple[str, int]] = field(default_factory=list)  # (new URL, status of the hop)
    retry_after: float | None = None
    warnings: list[str] = field(default_factory=list)


def _retry_after(text: str) -> float | None:
    match = _RETRY_AFTER.search(text)
    if not match:
        return None
    value = match.group("value").strip()
    if value.isdigit():
        return float(value)
    try:  # an HTTP date
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def parse_csv(text: str, start_url: str) -> list[Fetch]:
    """The rows of LinkChecker's CSV output (``-o csv``), less the start page."""
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    fetches: list[Fetch] = []
    for row in csv.DictReader(io.StringIO("".join(lines)), delimiter=";"):
        if row.get("urlname") in (None, start_url) or row.get("parentname") != start_url:
            continue
        warnings = [w for w in (row.get("warningstring") or "").splitlines() if w]
        status = _STATUS.match(row.get("result") or "")
        fetches.append(
            Fetch(
                url=row["urlname"],
                final_url=row.get("url") or row["urlname"],
                result=row.get("result") or "",
                valid=row.get("valid") == "True",
                status=int(status.group("code")) if status else None,
                redirects=[(m.group("url"), int(m.group("code"))) for w in warnings if (m := _REDIRECT.search(w))],
                retry_after=_retry_after(row.get("infostring") or ""),
                warnings=warnings,
            )
        )
    return fetches


def _config(timeout: float, threads: int, user_agent: str, max_seconds: int) -> str:
    lines = [
        "[checking]",
        "robotstxt=0",
        f"threads={threads}",
        f"timeout={max(1, round(timeout))}",
        f"maxrunseconds={max(1, max_seconds)}",
        "[filtering]",
        "checkextern=1",
        "[HttpHeaderInfo]",
        "prefixes=retry-after",
    ]
    if user_agent:
        lines.insert(2, f"useragent={user_agent}")
    return "\n".join(lines) + "\n"


def run_linkchecker(
    start_url: str, *, timeout: float, threads: int, user_agent: str, max_seconds: float
) -> list[Fetch]:
    """Check every link of the page at ``start_url``; stop starting new fetches after ``max_seconds``."""
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        os.chmod(tmp, 0o755)  # LinkChecker reads it as 'nobody' when run as root
        rc_file = Path(tmp) / "linkcheckerrc"
        rc_file.write_text(_config(timeout, threads, user_agent, int(max_seconds)), encoding="utf-8")
        os.chmod(rc_file, 0o644)
        command = [
            sys.executable, "-m", "linkcheck",
            "--config", str(rc_file),
            "--check-extern", "--recursion-level", "1",
            "--no-status", "--verbose", "--output", "csv",
            start_url,
        ]  # fmt: skip
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                # maxrunseconds stops new fetches; the ones running still get their timeout.
                timeout=max_seconds + 2 * timeout + 30,
                env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
            )
        except subprocess.TimeoutExpired:
            raise EngineError(f"LinkChecker did not finish {start_url}") from None
        except OSError as err:
            raise EngineError(f"cannot run LinkChecker: {err}") from None
    if done.returncode not in (0, 1) or "urlname;" not in done.stdout:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise EngineError(f"LinkChecker failed (exit code {done.returncode}): {tail}")
    return parse_csv(done.stdout, start_url)
