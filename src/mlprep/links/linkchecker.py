"""LinkChecker, which does the fetching: run it as a subprocess, parse its CSV output.

Each run starts from a generated list page (``server.publish``) at recursion
level 1 with ``--check-extern``, so LinkChecker fetches exactly those URLs,
each once. robots.txt is off (a ``Disallow`` must not hide a dead page), and the
HttpHeaderInfo plugin copies ``Retry-After`` into the output so retries can
honour it. Run as root, LinkChecker drops privileges to ``nobody``: its
configuration file is written world-readable, and its report goes to a pipe.

LinkChecker follows at most 10 redirects and has no setting for it (10.6 sets
``maxhttpredirects`` in its defaults and reads it from no file or option), so it
is started through a few lines that raise the default to :data:`MAX_REDIRECTS`,
what browsers follow. Its timeout bounds each read, not a whole answer: a server
that trickles a byte a second never trips it. So every run has a wall-clock
limit, ``kill_after``: past it the process is killed and the rows it had written
are kept (its CSV output writes and flushes a row as each URL finishes, and
``PYTHONUNBUFFERED`` keeps Python from holding them back).
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

_REDIRECT = re.compile(r"Redirected to `(?P<url>.+?)' status: (?P<code>\d{3})")
# HttpHeaderInfo writes "HTTP headers Retry-after=VALUE"; an HTTP date holds a comma, so VALUE runs to the line's end.
_RETRY_AFTER = re.compile(r"Retry-after=(?P<value>[^\n]+)", re.IGNORECASE)
_STATUS = re.compile(r"^(?P<code>\d{3})\b")

MAX_REDIRECTS = 20  # what Chrome and Firefox follow
# LinkChecker with its redirect limit raised; the rest of the command line is its own.
_LAUNCH = f"""
import linkcheck.configuration as configuration
from linkcheck.command.linkchecker import linkchecker
defaults = configuration.Configuration.__init__
def init(self):
    defaults(self)
    assert "maxhttpredirects" in self, "LinkChecker has no maxhttpredirects default"
    self["maxhttpredirects"] = {MAX_REDIRECTS}
configuration.Configuration.__init__ = init
linkchecker()
"""


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


@dataclass
class Run:
    """One LinkChecker process: the answers it gave, and whether it was stopped at its wall-clock limit."""

    fetches: list[Fetch]
    stopped: bool = False  # killed at ``kill_after``: the URLs without a row got no answer in time
    seconds: float = 0.0


def _retry_after(text: str) -> float | None:
    found = _RETRY_AFTER.findall(text)
    if not found:
        return None
    value = found[-1].strip()  # the last answer's, after any redirects
    if value.split(",")[0].strip().isdigit():
        return float(value.split(",")[0])
    try:  # an HTTP date
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def parse_csv(text: str, start_url: str) -> list[Fetch]:
    """The rows of LinkChecker's CSV output (``-o csv``), less the start page."""
    # Whole lines only (split at newlines alone: a server's words may hold other line breaks); text after
    # the last newline is a row cut off when the process was stopped.
    lines = [line + "\n" for line in text.split("\n")[:-1] if not line.startswith("#")]
    # LinkChecker leaves a reason phrase's bare "\r" unquoted, where the csv module would take it for the
    # end of the row: it is read as a character the text does not hold, and put back in every field.
    body = "".join(lines)
    cr = next(chr(n) for n in range(0xE000, 0xF900) if chr(n) not in body)
    fetches: list[Fetch] = []
    for found in csv.DictReader(io.StringIO(body.replace("\r", cr), newline="\n"), delimiter=";"):
        row = {key: value.replace(cr, "\r") if isinstance(value, str) else value for key, value in found.items()}
        if row.get("urlname") in (None, start_url) or row.get("parentname") != start_url:
            continue
        if None in row or None in row.values() or row.get("valid") not in ("True", "False"):
            continue  # not a whole row
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


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the process and anything it started (it leads its own session)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()


def run_linkchecker(
    start_url: str, *, timeout: float, threads: int, user_agent: str, max_seconds: float, kill_after: float
) -> Run:
    """Check every link of the page at ``start_url``.

    LinkChecker starts no new fetch after ``max_seconds``; after ``kill_after`` seconds the process is
    killed, whatever it is waiting for, and the answers it wrote until then are returned.
    """
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        os.chmod(tmp, 0o755)  # LinkChecker reads it as 'nobody' when run as root
        rc_file = Path(tmp) / "linkcheckerrc"
        rc_file.write_text(_config(timeout, threads, user_agent, int(max_seconds)), encoding="utf-8")
        os.chmod(rc_file, 0o644)
        command = [
            sys.executable, "-c", _LAUNCH,
            "--config", str(rc_file),
            "--check-extern", "--recursion-level", "1",
            "--no-status", "--verbose", "--output", "csv",
            start_url,
        ]  # fmt: skip
        env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=True,  # its own process group: killed whole
            )
        except OSError as err:
            raise EngineError(f"cannot run LinkChecker: {err}") from None
        stopped = False
        try:
            out, errors = process.communicate(timeout=max(0.0, kill_after))
        except subprocess.TimeoutExpired:
            stopped = True
            _stop(process)
            out, errors = process.communicate()  # what it wrote before it was stopped
        except BaseException:
            _stop(process)
            process.wait()
            raise
    # Read as bytes: text mode would turn a server's "\r" into a line break and split its row.
    stdout, stderr = out.decode("utf-8", "replace"), errors.decode("utf-8", "replace")
    seconds = time.monotonic() - began
    if stopped:
        return Run(parse_csv(stdout, start_url), stopped=True, seconds=seconds)
    if process.returncode not in (0, 1) or "urlname;" not in stdout:
        tail = "\n".join(stderr.strip().splitlines()[-5:])
        raise EngineError(f"LinkChecker failed (exit code {process.returncode}): {tail}")
    return Run(parse_csv(stdout, start_url), seconds=seconds)
