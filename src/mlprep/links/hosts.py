"""A pass over some URLs: one LinkChecker process per host, each bounded by a wall-clock limit.

A host lives in exactly one process, so LinkChecker's per-host spacing stays the
politeness limit while hosts are checked in parallel, ``jobs`` at once. Each process
has a wall-clock limit from its URL count (:func:`host_limit`: a URL may take three
timeouts in all, however slowly its bytes come) and the time left in the budget; a
process past it is killed and what it answered is kept, so a host that trickles its
answers costs its own URLs and nothing else.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from mlprep.github.markdown import clean
from mlprep.links.config import Settings
from mlprep.links.linkchecker import EngineError, Fetch, Run, run_linkchecker

Progress = Callable[[str], None]

STARTUP = 10.0  # seconds a LinkChecker process may take to start on a busy machine
SPACING = 0.5  # seconds per URL: LinkChecker spaces the requests to one host (~3 a second)
URL_TIMEOUTS = 3  # a URL may take this many timeouts in all: connecting, redirects, a slow answer


def progress_line(text: str) -> str:
    """Text for a progress line: one line, no control characters."""
    return " ".join(clean(text).split())


def by_host(urls: list[str]) -> list[list[str]]:
    """The URLs grouped by host (one LinkChecker process each), the hosts with most URLs first."""
    groups: dict[str, list[str]] = {}
    for url in urls:
        groups.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
    return sorted(groups.values(), key=len, reverse=True)


def host_limit(count: int, settings: Settings) -> float:
    """Wall-clock seconds a LinkChecker process may take for ``count`` URLs of one host."""
    per_url = URL_TIMEOUTS * settings.timeout
    return STARTUP + math.ceil(count / max(1, settings.threads)) * per_url + count * SPACING


@dataclass
class Pass:
    """A pass's answers, and why the URLs of stopped or failed processes have none."""

    answers: dict[str, Fetch] = field(default_factory=dict)
    unanswered: dict[str, str] = field(default_factory=dict)  # url → why: its process was stopped or failed
    slow: set[str] = field(default_factory=set)  # unanswered: their host was stopped at its own limit
    slow_hosts: int = 0
    failed: list[str] = field(default_factory=list)  # LinkChecker's errors, one per host it failed on
    broken: set[str] = field(default_factory=set)  # unanswered: LinkChecker failed on their host


def fetch_by_host(
    urls: list[str], start: Callable[[list[str]], str], settings: Settings, deadline: float, progress: Progress
) -> Pass:
    groups = by_host(urls)

    def one(group: list[str]) -> tuple[list[str], Run | EngineError, str, bool]:
        host = urlsplit(group[0]).hostname or ""
        remaining = deadline - time.monotonic()
        if remaining < 1:
            return group, Run([]), "", False  # not reached within the time budget
        limit = host_limit(len(group), settings)
        # When the budget ends LinkChecker starts no new fetch; those under way get one timeout more.
        kill_after = min(limit, remaining + settings.timeout + 5)
        try:
            run = run_linkchecker(
                start(group),
                timeout=settings.timeout,
                threads=settings.threads,
                user_agent=settings.user_agent,
                max_seconds=remaining,
                kill_after=kill_after,
            )
        except EngineError as err:
            progress(f"  {progress_line(host)}: {progress_line(str(err))}")
            return group, err, f"LinkChecker failed on {host}", False
        why, slow = "", False
        if run.stopped and kill_after < limit:
            why = f"the time budget ran out while {host} was still answering"
        elif run.stopped:
            why, slow = f"{host} answered too slowly: stopped after {run.seconds:.0f} s", True
        stopped = f", stopped after {run.seconds:.0f} s" if run.stopped else ""
        progress(f"  {len(run.fetches)}/{len(group)} URLs on {progress_line(host)} answered{stopped}")
        return group, run, why, slow

    done = Pass()
    with ThreadPoolExecutor(max_workers=max(1, min(settings.jobs, len(groups)))) as pool:
        for group, run, why, slow in pool.map(one, groups):
            if isinstance(run, EngineError):
                done.failed.append(str(run))
                done.unanswered.update((url, why) for url in group)
                done.broken.update(group)
                continue
            done.answers.update((f.url, f) for f in run.fetches)
            lost = [url for url in group if url not in done.answers] if why else []
            done.unanswered.update((url, why) for url in lost)
            if slow:
                done.slow.update(lost)
                done.slow_hosts += 1
    if done.failed and len(done.failed) == len(groups):
        raise EngineError(done.failed[0])  # no host could be checked: the check itself is broken
    return done
