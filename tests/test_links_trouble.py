"""The link check always reports what it found: slow hosts, damaged caches, long redirect chains, rate limits.

Real LinkChecker against real loopback servers, as in test_links_check.py. Each
test starts its own fake web, so no test depends on another's requests, and no
assertion is about time: the limits only stop a broken run.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest

from mlprep.links import hosts
from mlprep.links.cache import Cache
from mlprep.links.check import Outcome, check_site
from mlprep.links.config import Settings
from mlprep.links.linkchecker import MAX_REDIRECTS, EngineError, Fetch, Run, run_linkchecker
from mlprep.links.model import LinkResult, Verdict
from mlprep.links.report import json_text, markdown
from mlprep.links.verdict import Judgement, judge
from tests.support.fakeweb import FakeWeb, Host, Route
from tests.support.linkcheck import FAST, run_cli

QUICK = Settings(timeout=2, retries=2, retry_delay=0.5, budget=150)


def write_site(root: Path, urls: list[str]) -> Path:
    site = root / "site"
    site.mkdir(parents=True, exist_ok=True)
    items = "".join(f'<li><a href="{url}">{url}</a></li>' for url in urls)
    (site / "index.html").write_text(f"<!doctype html><html><body><article><ul>{items}</ul></article></body></html>")
    return site


def check(root: Path, urls: list[str], settings: Settings = QUICK, cache: Cache | None = None) -> Outcome:
    return check_site(write_site(root, urls), settings, data_dir=root / "data", docs_dir=root / "docs", cache=cache)


def by_url(outcome: Outcome) -> dict[str, LinkResult]:
    return {r.url: r for r in outcome.results}


# One slow host must not wipe the report.


@pytest.fixture()
def slow_web() -> Iterator[dict[str, Host]]:
    with FakeWeb() as web:
        yield {
            "a": web.add("127.0.0.2", {"/ok": Route("ok"), "/404": Route("status", code=404)}),
            "b": web.add("127.0.0.3", {"/fine": Route("ok"), "/410": Route("status", code=410)}),
            "c": web.add("127.0.0.4", {"/500": Route("status", code=500)}),
            # A byte a second: every read gets something, so no read ever times out.
            "slow": web.add("127.0.0.8", {"/t1": Route("trickle", seconds=1), "/t2": Route("trickle", seconds=1)}),
        }


def test_a_trickling_host_among_healthy_ones_still_gives_a_full_report(
    tmp_path: Path, slow_web: dict[str, Host]
) -> None:
    a, b, c, slow = slow_web["a"], slow_web["b"], slow_web["c"], slow_web["slow"]
    dead = [a.url("/404"), b.url("/410"), c.url("/500")]
    fine = [a.url("/ok"), b.url("/fine")]
    trickling = [slow.url("/t1"), slow.url("/t2")]
    write_site(tmp_path, [*trickling, *dead, *fine])
    done = run_cli(tmp_path, "site", "--json", "out.json", "--markdown", "out.md", "--no-cache", "--no-archive", *FAST)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    links = {link["url"]: link for link in json.loads((tmp_path / "out.json").read_text())["links"]}
    assert {url: links[url]["verdict"] for url in dead + fine + trickling} == {
        **{url: "dead" for url in dead},
        **{url: "ok" for url in fine},
        **{url: "unchecked" for url in trickling},
    }
    for url in trickling:
        assert "127.0.0.8 answered too slowly" in links[url]["detail"], links[url]
    md = (tmp_path / "out.md").read_text()
    assert md.strip() == done.stdout.strip()  # the report the CLI printed is the one it wrote
    assert "### Dead: fix or remove these" in md and "### Not settled" in md
    unsettled = md[md.index("### Not settled") :]
    assert all(f"| {url} |" in unsettled for url in trickling)
    assert "answered too slowly and were stopped" in md  # the note above the tables


def test_when_the_budget_runs_out_on_a_slow_host_the_rest_is_still_judged(
    tmp_path: Path, slow_web: dict[str, Host]
) -> None:
    a, slow = slow_web["a"], slow_web["slow"]
    # The slow host's own limit is longer than this budget: the budget's end stops it.
    out = check(tmp_path, [slow.url("/t1"), a.url("/404"), a.url("/ok")], Settings(timeout=2, retries=0, budget=8))
    results = by_url(out)
    assert (results[a.url("/404")].verdict, results[a.url("/ok")].verdict) == (Verdict.DEAD, Verdict.OK)
    stuck = results[slow.url("/t1")]
    assert stuck.verdict is Verdict.UNCHECKED
    assert stuck.detail == "the time budget ran out while 127.0.0.8 was still answering"
    assert json.loads(json_text(out))["summary"]["unchecked"] == 1
    assert "`the time budget ran out while 127.0.0.8 was still answering`" in markdown(out)


def test_the_cli_with_a_short_budget_writes_both_reports_and_exits_on_the_dead_link(
    tmp_path: Path, slow_web: dict[str, Host]
) -> None:
    a, slow = slow_web["a"], slow_web["slow"]
    trickling = [slow.url("/t1"), slow.url("/t2")]
    write_site(tmp_path, [*trickling, a.url("/404"), a.url("/ok")])
    reports = ["--json", "out.json", "--markdown", "out.md", "--no-cache", "--no-archive"]
    # A few seconds: enough for LinkChecker to settle the healthy host, far less than the trickle needs.
    done = run_cli(tmp_path, "site", *reports, *FAST, "--retries", "0", "--budget", "6")
    assert done.returncode == 1, done.stdout + done.stderr  # README: 1 = dead links; unchecked ones do not count
    assert "Traceback" not in done.stderr
    links = {link["url"]: link for link in json.loads((tmp_path / "out.json").read_text())["links"]}
    assert (links[a.url("/404")]["verdict"], links[a.url("/ok")]["verdict"]) == ("dead", "ok")
    for url in trickling:
        assert links[url]["verdict"] == "unchecked", links[url]
        assert links[url]["detail"] == "the time budget ran out while 127.0.0.8 was still answering"
    md = (tmp_path / "out.md").read_text()
    assert md.strip() == done.stdout.strip()
    dead = md[md.index("### Dead: fix or remove these") : md.index("### Not settled")]
    assert a.url("/404") in dead and not any(url in dead for url in trickling)
    assert all(f"| {url} |" in md[md.index("### Not settled") :] for url in trickling)


# A damaged cache only costs a refetch.

GOOD = {"verdict": "ok", "status": 200, "checked": 0.0}  # 'checked' is set to now by the tests
BAD_ENTRIES: dict[str, Any] = {
    "checked as a word": {**GOOD, "checked": "yesterday"},
    "checked missing": {"verdict": "ok", "status": 200},
    "checked null": {**GOOD, "checked": None},
    "checked a list": {**GOOD, "checked": [1]},
    "checked a boolean": {**GOOD, "checked": True},
    "checked in the future": {**GOOD, "checked": 4e9},
    "status as text": {**GOOD, "status": "200"},
    "status out of range": {**GOOD, "status": 9999},
    "verdict a number": {**GOOD, "verdict": 1},
    "entry a string": "ok",
    "entry a list": ["ok", 200],
    "rate limit count as text": {"verdict": "unchecked", "rate_limited": "2", "checked": 0.0},
    "rate limit count zero": {"verdict": "unchecked", "rate_limited": 0, "checked": 0.0},
}


@pytest.mark.parametrize("name", BAD_ENTRIES)
def test_a_damaged_entry_is_dropped_and_the_rest_kept(tmp_path: Path, name: str) -> None:
    now = time.time()
    bad = BAD_ENTRIES[name]
    if isinstance(bad, dict) and bad.get("checked") == 0.0:
        bad = {**bad, "checked": now}
    path = tmp_path / "cache.json"
    urls = {"https://bad.example.org/": bad, "https://good.example.org/": {**GOOD, "checked": now}}
    path.write_text(json.dumps({"version": 1, "urls": urls}))
    cache = Cache(path, 7)
    assert cache.fresh("https://bad.example.org/", now) is None
    assert cache.rate_limited("https://bad.example.org/", now) == 0
    assert cache.fresh("https://good.example.org/", now) is not None


@pytest.mark.parametrize(
    "text",
    [
        '{"version": 1, "urls": {"https://x.example.org/": {"verdict": "ok", "checked": 17',  # truncated
        '{"version": 1, "urls": {"https://x.example.org/": {"verdict": "ok", "checked": Infinity}}}',
        '{"version": 1, "urls": {"https://x.example.org/": {"verdict": "ok", "checked": NaN}}}',
        '{"version": 1, "urls": ["https://x.example.org/"]}',
        '["version", 1]',
        "",
        "[" * 100_000,
        '{"version": 2, "urls": {}}',
    ],
    ids=["truncated", "infinity", "nan", "urls-list", "top-list", "empty", "deep", "other-version"],
)
def test_a_damaged_file_costs_a_full_check(tmp_path: Path, text: str) -> None:
    path = tmp_path / "cache.json"
    path.write_text(text)
    assert Cache(path, 7).fresh("https://x.example.org/") is None
    path.write_bytes(b'{"version": 1, "urls": {"\xff": 1}}')  # not UTF-8
    assert Cache(path, 7).entries == {}


def test_the_cli_refetches_a_damaged_entry_and_writes_a_sound_cache(tmp_path: Path) -> None:
    with FakeWeb() as web:
        host = web.add("127.0.0.2", {"/ok": Route("ok")})
        url = host.url("/ok")
        write_site(tmp_path, [url])
        cache = tmp_path / "cache.json"
        cache.write_text(json.dumps({"version": 1, "urls": {url: {**GOOD, "checked": "yesterday"}}}))
        done = run_cli(tmp_path, "site", "--cache", "cache.json", "--json", "out.json", "--no-archive", *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    (link,) = json.loads((tmp_path / "out.json").read_text())["links"]
    assert (link["verdict"], link["cached"], link["attempts"]) == ("ok", False, 1)
    saved = json.loads(cache.read_text())["urls"][url]
    assert saved["verdict"] == "ok" and isinstance(saved["checked"], float)


def test_a_cache_that_cannot_be_written_costs_a_note_not_the_report(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("in the way")
    cache = Cache(tmp_path / "file" / "cache.json", 7)  # its folder would have to be a file
    out = check(tmp_path, [], cache=cache)  # no links: nothing to fetch, the cache is still written
    assert any("could not be written" in note for note in out.notes)
    assert "could not be written" in markdown(out)


# Redirect chains: up to 20 hops are followed; a loop is a loop.


@pytest.fixture(scope="module")
def redirects(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, LinkResult | Host]]:
    with FakeWeb() as web:
        # Each chain has its own prefix: LinkChecker answers a URL met inside another chain from that chain.
        host = web.add("127.0.0.2", {
            "/temp/*": Route("chain", code=302),
            "/perm/*": Route("chain", code=301),
            "/long/*": Route("chain", code=302),
            "/loop-a": Route("redirect", to="/loop-b", code=301),
            "/loop-b": Route("redirect", to="/loop-a", code=302),
            "/self": Route("redirect", to="/self", code=307),
            "/into-loop": Route("redirect", to="/loop-c", code=302),
            "/loop-c": Route("redirect", to="/loop-d", code=302),
            "/loop-d": Route("redirect", to="/loop-c", code=302),
        })  # fmt: skip
        paths = {
            "20 temporary": f"/temp/{MAX_REDIRECTS}",
            "20 permanent": f"/perm/{MAX_REDIRECTS}",
            "21": f"/long/{MAX_REDIRECTS + 1}",
            "loop": "/loop-a",
            "self": "/self",
            "into a loop": "/into-loop",
        }
        out = check(tmp_path_factory.mktemp("redirects"), [host.url(p) for p in paths.values()])
        results = by_url(out)
        yield {"host": host, **{name: results[host.url(path)] for name, path in paths.items()}}


def test_twenty_redirects_are_followed(redirects: dict[str, Any]) -> None:
    host = redirects["host"]
    assert redirects["20 temporary"].verdict is Verdict.OK
    assert redirects["20 permanent"].verdict is Verdict.MOVED
    assert redirects["20 permanent"].suggestion == host.url("/perm/0")


def test_more_than_twenty_is_dead_and_said_so(redirects: dict[str, Any]) -> None:
    long = redirects["21"]
    assert (long.verdict, long.attempts) == (Verdict.DEAD, 1)  # final: not retried
    assert long.detail.startswith("more than 20 redirects")


@pytest.mark.parametrize("name", ["loop", "self", "into a loop"])
def test_a_redirect_loop_is_reported_as_a_loop(redirects: dict[str, Any], name: str) -> None:
    loop = redirects[name]
    assert (loop.verdict, loop.attempts) == (Verdict.DEAD, 1)
    assert loop.detail.startswith("redirect loop"), loop.detail


def test_loop_words_come_from_the_hops() -> None:
    def fetch(
        url: str, hops: list[str], result: str = f"TooManyRedirects: Exceeded {MAX_REDIRECTS} redirects."
    ) -> Fetch:
        return Fetch(url, hops[-1], result, False, None, [(hop, 302) for hop in hops])

    def dead(detail: str) -> Judgement:
        return Judgement(Verdict.DEAD, None, detail)  # final: a loop does not end by itself

    settings = Settings()
    assert judge(fetch("http://a/x", ["http://a/y", "http://a/x"]), settings) == dead(
        "redirect loop: leads back to http://a/x"
    )
    # Back to a hop on the way, not to the start; LinkChecker's other wording of the limit.
    hops = ["http://a/y", "http://a/z", "http://a/y"]
    assert judge(fetch("http://a/x", hops, "Exceeded 30 redirects"), settings) == dead(
        "redirect loop: leads back to http://a/y"
    )
    far = "http://a/" + "p" * 300
    assert judge(fetch("http://a/x", [far, far]), settings) == dead(f"redirect loop: leads back to {far[:200]}")
    assert judge(fetch("http://a/x", ["http://a/y", "http://a/z"]), settings) == dead(
        "redirect loop through 2 address(es)"
    )
    chain = [f"http://a/{i}" for i in range(MAX_REDIRECTS)]
    assert judge(fetch("http://a/x", chain), settings) == dead("more than 20 redirects (browsers give up there too)")
    chain.pop()  # one hop short of the limit: LinkChecker listed a loop's hops once
    assert judge(fetch("http://a/x", chain), settings) == dead(f"redirect loop through {MAX_REDIRECTS - 1} address(es)")


# 429: rate limited, not dead, unless it lasts.


def test_an_absurd_retry_after_is_rate_limited_and_dead_only_after_runs_in_a_row(tmp_path: Path) -> None:
    year = formatdate(time.time() + 365 * 86400, usegmt=True)
    settings = Settings(timeout=2, retries=2, retry_delay=0.5, rate_limit_runs=3)
    cache = tmp_path / "cache.json"
    with FakeWeb() as web:
        host = web.add("127.0.0.2", {
            "/day": Route("ratelimit", seconds=86400),
            "/year": Route("ratelimit", seconds=400 * 86400, to=year),  # Retry-After as an HTTP date
        })  # fmt: skip
        urls = [host.url("/day"), host.url("/year")]
        runs = [by_url(check(tmp_path, urls, settings, Cache(cache, 7))) for _ in range(3)]
    for url, wait in ((urls[0], "1 day"), (urls[1], "365 days")):
        first, second, third = (run[url] for run in runs)
        for result in (first, second, third):
            assert result.status == 429 and result.attempts == 1  # not retried: it asked for too long
            assert f"rate limited, asks to wait {wait} (this check waits at most 30 s)" in result.detail
        assert (first.verdict, second.verdict, third.verdict) == (Verdict.UNCHECKED, Verdict.UNCHECKED, Verdict.DEAD)
        assert "1 run(s) in a row, dead after 3" in first.detail
        assert "rate limited in 3 runs in a row" in third.detail


def test_a_lasting_429_is_rate_limited_and_an_answer_resets_the_count(tmp_path: Path) -> None:
    settings = Settings(timeout=2, retries=1, retry_delay=0.5, rate_limit_runs=2)
    cache = tmp_path / "cache.json"
    with FakeWeb() as web:
        host = web.add("127.0.0.2", {"/busy": Route("status", code=429)})  # no Retry-After, never lets up
        url = host.url("/busy")
        first = by_url(check(tmp_path, [url], settings, Cache(cache, 0)))[url]
        host.routes["/busy"] = Route("ok")
        between = by_url(check(tmp_path, [url], settings, Cache(cache, 0)))[url]
        host.routes["/busy"] = Route("status", code=429)
        again = by_url(check(tmp_path, [url], settings, Cache(cache, 0)))[url]
        last = by_url(check(tmp_path, [url], settings, Cache(cache, 0)))[url]
    assert (first.verdict, first.attempts) == (Verdict.UNCHECKED, 2)
    assert "rate limited (2 tries); 1 run(s) in a row, dead after 2" in first.detail
    assert between.verdict is Verdict.OK
    assert again.verdict is Verdict.UNCHECKED and "1 run(s) in a row" in again.detail  # counted afresh
    assert last.verdict is Verdict.DEAD and "rate limited in 2 runs in a row" in last.detail


# LinkChecker failing on one host costs that host's URLs, not the report.


def test_linkchecker_failing_on_one_host_leaves_the_others_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = run_linkchecker
    with FakeWeb() as web:
        fine = web.add("127.0.0.2", {"/404": Route("status", code=404)})
        broken = web.add("127.0.0.3", {"/ok": Route("ok")})

        def engine(start_url: str, **kwargs: Any) -> Run:
            with urllib.request.urlopen(start_url, timeout=10) as page:  # the list LinkChecker would start from
                if broken.base in page.read().decode():
                    raise EngineError("LinkChecker failed (exit code 3): something broke")
            return real(start_url, **kwargs)

        monkeypatch.setattr(hosts, "run_linkchecker", engine)
        results = by_url(check(tmp_path, [fine.url("/404"), broken.url("/ok")], Settings(timeout=2, retries=0)))
        assert results[fine.url("/404")].verdict is Verdict.DEAD
        assert results[broken.url("/ok")].verdict is Verdict.UNCHECKED
        assert results[broken.url("/ok")].detail == "LinkChecker failed on 127.0.0.3"

        def broken_everywhere(start_url: str, **kwargs: Any) -> Run:
            raise EngineError("LinkChecker failed (exit code 3): something broke")

        monkeypatch.setattr(hosts, "run_linkchecker", broken_everywhere)
        with pytest.raises(EngineError):  # failing on every host: the check itself failed (exit code 2)
            check(tmp_path, [fine.url("/404"), broken.url("/ok")], Settings(timeout=2, retries=0))
