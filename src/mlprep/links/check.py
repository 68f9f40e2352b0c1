"""One link check: which URLs, the passes with retries, the time budget, the verdicts.

Each pass fetches by host (:mod:`mlprep.links.hosts`); a host stopped at its own
time limit leaves its URLs 'unchecked', naming the host. Transient failures go into
the next pass after a delay that honours Retry-After (bounded); what still fails
after the last pass is dead, except a 429: a host that keeps rate limiting (or asks
to wait longer than the check will) is 'unchecked' until that lasts
``rate_limit_runs`` runs in a row, counted in the cache.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from mlprep.links.cache import Cache
from mlprep.links.config import Settings
from mlprep.links.extract import site_links
from mlprep.links.gone import Entry, data_entries, gone_results, mark_gone, set_apart
from mlprep.links.hosts import Progress, fetch_by_host, progress_line
from mlprep.links.linkchecker import EngineError
from mlprep.links.locate import find, locate
from mlprep.links.model import LinkResult, Verdict
from mlprep.links.server import serve_site
from mlprep.links.verdict import Judgement, judge
from mlprep.links.wayback import snapshots


@dataclass
class Outcome:
    results: list[LinkResult]
    pages: int
    elapsed: float
    fetched: int = 0
    notes: list[str] = field(default_factory=list)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for r in self.results if r.verdict is verdict)


def _wait(seconds: float) -> str:
    """A Retry-After in words."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = round(seconds / size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds:.0f} s"


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
            status = entry.get("status")
            judged[url] = (
                Judgement(Verdict.OK, status if isinstance(status, int) else None, "ok in a recent run (cached)"),
                0,
                True,
            )
        else:
            todo.append(url)
    if len(todo) < len(cited):
        progress(f"{len(cited) - len(todo)} URLs answered from the cache or the host rules")
    fetched = 0
    persisted: set[str] = set()  # transient trouble that lasted: no more tries this run
    cut: dict[str, str] = {}  # url → why its process was stopped or failed before it answered
    asks: dict[str, float] = {}  # url → a 429's Retry-After longer than the check waits
    with serve_site(site) as server:
        for attempt in range(1, settings.retries + 2):
            if not todo:
                break
            remaining = deadline - time.monotonic()
            if remaining < 1:
                notes.append(f"the time budget ({settings.budget:g} s) ran out with {len(todo)} URL(s) not settled")
                break
            progress(f"pass {attempt}: fetching {len(todo)} URLs")
            done = fetch_by_host(todo, server.publish, settings, deadline, progress)
            answers = done.answers
            cut.update(done.unanswered)
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
                    continue  # not reached within the budget, or its host was stopped: not retried
                cut.pop(url, None)
                asks.pop(url, None)
                judgement = judge(fetch, settings)
                judged[url] = (judgement, attempt, False)
                limit = settings.timeout_retries if judgement.detail.startswith("timed out") else settings.retries
                asked = fetch.retry_after or 0.0
                if judgement.transient and judgement.status == 429 and asked > settings.max_retry_after:
                    asks[url] = asked  # longer than the check waits: retrying sooner would be refused again
                    persisted.add(url)
                elif judgement.transient and attempt <= limit:
                    retry.append(url)
                    waits.append(min(fetch.retry_after or 0.0, settings.max_retry_after))
                elif judgement.transient:
                    persisted.add(url)  # failed on every try: dead (rate limited, for a 429)
            if done.slow_hosts:
                notes.append(
                    f"{done.slow_hosts} host(s) answered too slowly and were stopped at their time limit: "
                    f"{len(done.slow)} URL(s) not settled (the report names the hosts)"
                )
            if done.failed:
                notes.append(f"LinkChecker failed on {len(done.failed)} host(s): their URLs are not settled")
            missing = [u for u in todo if u not in answers and u not in done.slow | done.broken]
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
    rate_limited: dict[str, int] = {}  # url → runs in a row it was rate limited, this one included
    for url, citing in cited.items():
        if url not in judged:
            result = LinkResult(url, Verdict.UNCHECKED, detail=cut.get(url, "not reached within the time budget"))
        else:
            judgement, attempts, cached = judged[url]
            verdict, detail = judgement.verdict, judgement.detail
            if judgement.transient and judgement.status == 429 and url in persisted:
                runs = rate_limited[url] = (cache.rate_limited(url) if cache else 0) + 1
                if url in asks:
                    detail = (
                        f"{detail}: rate limited, asks to wait {_wait(asks[url])} "
                        f"(this check waits at most {settings.max_retry_after:g} s)"
                    )
                else:
                    detail = f"{detail}: rate limited ({attempts} tries)"
                if runs >= settings.rate_limit_runs:
                    detail += f"; rate limited in {runs} runs in a row"
                else:
                    verdict = Verdict.UNCHECKED
                    detail += f"; {runs} run(s) in a row, dead after {settings.rate_limit_runs}"
            elif judgement.transient:
                if url not in persisted:  # a transient failure the budget left no time to retry
                    verdict, detail = Verdict.UNCHECKED, f"{detail}; not retried within the time budget"
                    if url in cut:
                        detail = f"{judgement.detail}; the retry got no answer: {cut[url]}"
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
        trouble = cache.save(results, merge=only is not None, rate_limited=rate_limited)
        if trouble:
            progress(progress_line(trouble))
            notes.append(trouble)
    return Outcome(results, len(pages), time.monotonic() - began, fetched, notes)
