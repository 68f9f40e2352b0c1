"""A fetch turned into a verdict, and whether a failure is worth another try.

Transient trouble (5xx, 429, 408, timeouts, refused or reset connections, a
resolver hiccup) is retried before it can be called dead; 404, 410 and TLS
failures are final at once, and so are a redirect loop and a chain longer than
the 20 redirects browsers follow. Bot walls (401/403/999, and the per-host
rules) are 'blocked': unverified, not failures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from mlprep.links.config import Settings
from mlprep.links.linkchecker import MAX_REDIRECTS, Fetch
from mlprep.links.model import Verdict

PERMANENT = {301, 308}
# What LinkChecker (through requests) says when a chain goes past its redirect limit.
_TOO_MANY = re.compile(r"TooManyRedirects|Exceeded \d+ redirects", re.IGNORECASE)


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    status: int | None
    detail: str
    suggestion: str | None = None
    transient: bool = False  # dead only if it persists after the retries


def _error_kind(result: str) -> tuple[str, bool]:
    """A connection-level failure in words, and whether it can be transient."""
    text = result.lower()
    if "timeout" in text or "timed out" in text:
        return "timed out", True
    if (
        "nameresolution" in text
        or "failed to resolve" in text
        or "name or service not known" in text
        or "hostname not found" in text
    ):
        return "host name not found (DNS)", True
    if "ssl" in text or "certificate" in text:
        return "TLS failure: " + result.split(":", 1)[-1].strip()[:160], False
    if "reset" in text:
        return "connection reset", True
    if "refused" in text or "newconnectionerror" in text or "failed to establish" in text:
        # LinkChecker cuts long messages: "Failed to establish a new connection" may lose its errno.
        return "connection refused", True
    if "aborted" in text or "remotedisconnected" in text:
        return "connection closed without an answer", True
    return result[:200] or "no answer", True


def _redirect_trouble(fetch: Fetch) -> str | None:
    """A redirect loop or an endless chain in words; None when the redirects ended."""
    if not _TOO_MANY.search(fetch.result):
        return None
    seen = {fetch.url}
    for url, _ in fetch.redirects:
        if url in seen:
            return f"redirect loop: leads back to {url[:200]}"
        seen.add(url)
    if len(fetch.redirects) < MAX_REDIRECTS:
        # LinkChecker lists each hop once, so a loop shows fewer hops than the limit it ran into.
        return f"redirect loop through {len(fetch.redirects)} address(es)"
    return f"more than {MAX_REDIRECTS} redirects (browsers give up there too)"


def _moved_to(fetch: Fetch) -> str | None:
    """The URL after the leading run of permanent redirects, if there is one."""
    target = None
    for url, code in fetch.redirects:
        if code not in PERMANENT:
            break
        target = url
    return target


def judge(fetch: Fetch, settings: Settings) -> Judgement:
    status = fetch.status
    answer = fetch.result.strip()  # "999 " when the server gives no reason phrase
    host = urlsplit(fetch.url).hostname or ""
    final_host = urlsplit(fetch.final_url).hostname or host
    wall = settings.wall(final_host) or settings.wall(host)
    via = f" (after redirect to {fetch.final_url})" if fetch.redirects else ""
    if status is None:
        trouble = _redirect_trouble(fetch)
        if trouble:
            return Judgement(Verdict.DEAD, None, trouble)
        kind, transient = _error_kind(fetch.result)
        return Judgement(Verdict.DEAD, None, kind + via, transient=transient)
    if wall and status in wall.statuses:
        return Judgement(Verdict.BLOCKED, status, f"{answer}: {wall.reason or 'known bot wall'}")
    if status in settings.blocked_statuses:
        return Judgement(Verdict.BLOCKED, status, f"{answer}: refuses automated requests; check by hand")
    if status == 429 or status == 408 or status >= 500:
        return Judgement(Verdict.DEAD, status, answer + via, transient=True)
    if status >= 400:
        return Judgement(Verdict.DEAD, status, answer + via)
    moved = _moved_to(fetch)
    if moved:
        return Judgement(Verdict.MOVED, status, f"moved permanently ({fetch.redirects[0][1]})", suggestion=moved)
    if fetch.redirects:
        return Judgement(Verdict.OK, status, f"{answer}; redirects temporarily to {fetch.final_url}")
    return Judgement(Verdict.OK, status, answer)
