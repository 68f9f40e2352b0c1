"""One link check: which URLs, the passes with retries, the time budget, the verdicts.

A pass hands each LinkChecker process the URLs of a few hosts (each host lives
in exactly one process, so LinkChecker's per-host spacing stays the politeness
limit while hosts are checked in parallel). Transient failures go into the next
pass after a delay that honours Retry-After (bounded); what still fails after
the last pass is dead.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import zip_longest
from pathlib import Path
from urllib.parse import urlsplit

from .cache import Cache
from .config import Settings
from .engine import EngineError, Fetch, run_linkchecker
from .extract import site_links
from .gone import Entry, data_entries, gone_results, mark_gone, set_apart
from .locate import find, locate
from .model import LinkResult, Verdict
from .server import serve_site
from .verdict import Judgement, judge
from .wayback import snapshots

Progress = Callable[[str], None]


@dataclass
class Outcome:
    results: list[LinkResult]
    pages: int
    elapsed: float
    fetched: int = 0
    notes: list[str] = field(default_factory=list)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for r in self.results if r.verdict is verdict)


def shards(urls: list[str], jobs: int) -> list[list[str]]:
    """Split URLs into at most ``jobs`` lists, all of a host's URLs in one, hosts interleaved."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
    bins: list[list[list[str]]] = [[] for _ in range(max(1, min(jobs, len(by_host))))]
    for host_urls in sorted(by_host.values(), key=len, reverse=True):
        min(bins, key=lambda b: sum(map(len, b))).append(host_urls)
    # Round-robin over hosts so consecutive fetches rarely wait on the same host.
    return [[u for group in zip_longest(*b) for u in group if u] for b in bins if b]


def _fetch_all(
    urls: list[str], start: Callable[[list[str]], str], settings: Settings, seconds: float, progress: Progress
) -> dict[str, Fetch]:
    parts = shards(urls, settings.jobs)

    def one(part: list[str]) -> list[Fetch]:
        found = run_linkchecker(
            start(part),
            timeout=settings.timeout,
            threads=settings.threads,
            user_agent=settings.user_agent,
            max_seconds=seconds,
        )
        progress(f"  {len(found)}/{len(part)} URLs on {len({urlsplit(u).hostname for u in part})} host(s) answered")
        return found

    with ThreadPoolExecutor(max_workers=len(parts) or 1) as pool:
        return {f.url: f for found in pool.map(one, parts) for f in found}


def _advise_dead(
    results: list[LinkResult],
    known: dict[str, Entry],
    archive_api: str | None,
    timeout: float,
    progress: Progress,
    edits: bool = True,
) -> None:
    """Give each dead link an archived copy when the archive has one, and the data edit that marks it gone."""
    dead = [r for r in results if r.verdict is Verdict.DEAD]
    # A dead archived copy of a gone link: look for another copy of the original page.
    originals = {e.gone.archive: e.url for e in known.values() if e.gone}
    for r in dead:
        if r.url in originals:
            r.detail += f"; the archived copy of {originals[r.url]}, marked gone in the data"
    if dead and archive_api:
        progress(f"looking up archived copies of {len(dead)} dead URL(s)")
        pages = [originals.get(r.url, r.url) for r in dead]
        copies = snapshots(pages, archive_api, timeout=timeout)
        for r, page in zip(dead, pages, strict=True):
            copy = copies.get(page)
            r.suggestion = copy if copy != r.url else None
    today = datetime.now(UTC).date()
    for r in dead if edits else []:
        entry = find(r.url, known)
        if entry is not None and entry.gone is None:
            r.edit = mark_gone(entry, r.suggestion, today)


def check_site(
    site: Path,
    settings: Settings,
    *,
    data_dir: Path,
    docs_dir: Path,
    site_url: str | None = None,
    cache: Cache | None = None,
    archive_api: str | None = None,
    only: Collection[str] | None = None,
    progress: Progress = lambda _: None,
) -> Outcome:
    """Check the site's external content links; with ``only``, just those of them (a pull request's new URLs)."""
    began = time.monotonic()
    deadline = began + settings.budget
    cited = site_links(site, site_url)
    located = locate(data_dir, docs_dir)
    known = data_entries(data_dir)
    gone = {url: entry for url, entry in known.items() if entry.gone}
    notes: list[str] = []
    pages = {p for ps in cited.values() for p in ps}
    still = set_apart(cited, gone)
    if only is not None:
        chosen = {url: url for url in only}
        # (A gone original is set apart, not unseen: the site links its archived copy.)
        unseen = [url for url in chosen if find(url, cited) is None and find(url, still) is None]
        cited = {url: citing for url, citing in cited.items() if find(url, chosen) is not None}
        # A gone link is reported only when its archived copy is one of the chosen URLs.
        gone = {url: entry for url, entry in gone.items() if entry.gone and entry.gone.archive in cited}
        still = {entry.url: still[entry.url] for entry in gone.values()}
        progress(f"{len(chosen)} URL(s) chosen, {len(cited)} of them linked from the site")
        if unseen:
            notes.append(f"{len(unseen)} chosen URL(s) are not linked from any page of the built site: not checked")
        pages = {p for ps in [*cited.values(), *still.values()] for p in ps}
    progress(f"{len(cited)} unique external URLs on {len(pages)} pages")
    if gone:
        progress(f"{len(gone)} link(s) marked gone in the data: not fetched; their archived copies are checked")
    judged: dict[str, tuple[Judgement, int, bool]] = {}  # url → (judgement, attempts, from cache)
    todo: list[str] = []
    for url in cited:
        host = urlsplit(url).hostname or ""
        wall = settings.wall(host)
        entry = cache.fresh(url) if cache else None
        if wall and wall.skip:
            judged[url] = (
                Judgement(Verdict.BLOCKED, None, f"not fetched: {wall.reason or 'known bot wall'}"),
                0,
                False,
            )
        elif entry:
            judged[url] = (Judgement(Verdict.OK, entry.get("status"), "ok in a recent run (cached)"), 0, True)  # type: ignore[arg-type]
        else:
            todo.append(url)
    if len(todo) < len(cited):
        progress(f"{len(cited) - len(todo)} URLs answered from the cache or the host rules")
    fetched = 0
    persisted: set[str] = set()
    with serve_site(site) as server:
        for attempt in range(1, settings.retries + 2):
            if not todo:
                break
            remaining = deadline - time.monotonic()
            if remaining < 1:
                notes.append(f"the time budget ({settings.budget:g} s) ran out with {len(todo)} URL(s) not settled")
                break
            progress(f"pass {attempt}: fetching {len(todo)} URLs")
            answers = _fetch_all(todo, server.publish, settings, remaining, progress)
            fetched += len(answers)
            if (
                attempt == 1
                and len(answers) >= 3
                and all(judge(f, settings).detail.startswith("host name not found") for f in answers.values())
            ):
                # Every host unknown is the runner's network, not the links: no false alarms.
                raise EngineError(f"none of {len(answers)} hosts could be resolved; is the network down?")
            retry: list[str] = []
            waits: list[float] = []
            for url in todo:
                fetch = answers.get(url)
                if fetch is None:
                    continue  # not reached within the budget
                judgement = judge(fetch, settings)
                judged[url] = (judgement, attempt, False)
                limit = settings.timeout_retries if judgement.detail.startswith("timed out") else settings.retries
                if judgement.transient and attempt <= limit:
                    retry.append(url)
                    waits.append(min(fetch.retry_after or 0.0, settings.max_retry_after))
                elif judgement.transient:
                    persisted.add(url)  # failed on every try: dead
            missing = [u for u in todo if u not in answers]
            if missing:
                notes.append(f"{len(missing)} URL(s) could not be fetched within the time budget")
            todo = retry
            if todo:
                delay = max([settings.retry_delay * 2 ** (attempt - 1), *waits])
                if time.monotonic() + delay >= deadline:
                    notes.append(f"no time left in the budget to retry {len(todo)} URL(s)")
                    break
                progress(f"{len(todo)} transient failure(s); retrying in {delay:g} s")
                time.sleep(delay)
    results: list[LinkResult] = []
    for url, citing in cited.items():
        if url not in judged:
            result = LinkResult(url, Verdict.UNCHECKED, detail="not reached within the time budget")
        else:
            judgement, attempts, cached = judged[url]
            verdict, detail = judgement.verdict, judgement.detail
            if judgement.transient:
                if url not in persisted:  # a transient failure the budget left no time to retry
                    verdict, detail = Verdict.UNCHECKED, f"{detail}; not retried within the time budget"
                else:
                    detail = f"{detail} ({attempts} tries)"
            result = LinkResult(
                url,
                verdict,
                judgement.status,
                detail,
                suggestion=judgement.suggestion,
                attempts=attempts,
                cached=cached,
            )
        result.pages = citing
        result.sources = find(url, located) or []
        results.append(result)
    results += gone_results(gone, still, {r.url: r for r in results}, located)
    # A chosen URL is new: a dead one is to be fixed, not marked gone.
    _advise_dead(results, known, archive_api, min(10.0, settings.timeout), progress, edits=only is None)
    if cache:
        cache.save(results, merge=only is not None)
    return Outcome(results, len(pages), time.monotonic() - began, fetched, notes)
