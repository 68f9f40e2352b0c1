"""A fetch turned into a verdict (links/verdict.py), and which verdicts are tried again.

``judge()`` is tested on LinkChecker's answers written out by hand, so each rule
of the README's verdict table has its own case; the retry policy is tested
through ``check_site`` with the engine replaced by a script of answers (no
network, no name lookups); and the answers the fake web can give (a 408, a 302
then a 301) go through the real LinkChecker on loopback servers of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mlprep.links import hosts
from mlprep.links.check import check_site
from mlprep.links.config import HostRule, Settings
from mlprep.links.linkchecker import Fetch, Run
from mlprep.links.model import Verdict
from mlprep.links.verdict import Judgement, judge
from tests.support.fakeweb import FakeWeb, Host, Route

URL = "http://site.example.org/page"
SETTINGS = Settings()


def answer(result: str, *, redirects: list[tuple[str, int]] | None = None, url: str = URL) -> Fetch:
    """LinkChecker's row for ``url``: ``result`` as it writes it, the status read from its first three digits."""
    status = int(result[:3]) if result[:3].isdigit() else None
    hops = redirects or []
    return Fetch(url, hops[-1][0] if hops else url, result, status is not None and status < 400, status, hops)


# Connection-level failures: no HTTP status. (LinkChecker's result text, the detail, transient?)
FAILURES = [
    ("ReadTimeout: HTTPConnectionPool(host='x', port=80): Read timed out. (read timeout=2)", "timed out", True),
    ("ConnectTimeout: connection to x timed out", "timed out", True),
    ("Timeout", "timed out", True),
    ("Connection to x.example.org timed out. (connect timeout=2)", "timed out", True),
    ("HTTPSConnectionPool: Read timed out.", "timed out", True),
    ("NameResolutionError: <urllib3.connection.HTTPSConnection object>", "host name not found (DNS)", True),
    ("ConnectionError: ... NameResolutionError(\"Failed to resolve 'x'\")", "host name not found (DNS)", True),
    ("ConnectionError: Failed to resolve 'x.invalid'", "host name not found (DNS)", True),
    ("[Errno -2] Name or service not known", "host name not found (DNS)", True),
    ("URLError: hostname not found", "host name not found (DNS)", True),
    ("SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate", None, False),
    ("ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
     "connection reset", True),
    ("CertificateError: hostname 'x' doesn't match 'y'", None, False),
    ("ConnectionError: ('Connection aborted.', BrokenPipeError(32, 'Broken pipe'))",
     "connection closed without an answer", True),
    ("ConnectionError: [Errno 111] Connection refused", "connection refused", True),
    ("ConnectionError: NewConnectionError('<urllib3.connection.HTTPConnection>')", "connection refused", True),
    ("ConnectionError: Failed to establish a new connection", "connection refused", True),
    ("ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed'))",
     "connection closed without an answer", True),
    ("RemoteDisconnected: Remote end closed connection without response",
     "connection closed without an answer", True),
    ("something nobody has seen", "something nobody has seen", True),
    ("", "no answer", True),
]  # fmt: skip


@pytest.mark.parametrize(("result", "detail", "transient"), FAILURES, ids=[d or "tls" for _, d, _ in FAILURES])
def test_a_failure_without_an_answer_is_dead_and_retried_unless_it_is_tls(
    result: str, detail: str | None, transient: bool
) -> None:
    got = judge(answer(result), SETTINGS)
    assert (got.verdict, got.status, got.transient) == (Verdict.DEAD, None, transient)
    assert got.suggestion is None
    if detail is not None:
        assert got.detail == detail


def test_a_tls_failure_says_what_failed_without_the_exception_name() -> None:
    reason = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate"
    got = judge(answer(f"SSLError: {reason}"), SETTINGS)
    assert got.detail == "TLS failure: " + reason[:160]
    long = "x" * 300
    assert judge(answer(f"SSLError: {long}"), SETTINGS).detail == "TLS failure: " + "x" * 160


@pytest.mark.parametrize(
    ("result", "detail"),
    [
        ("ssl handshake failed: wrong version number", "TLS failure: wrong version number"),
        ("certificate verify failed", "TLS failure: certificate verify failed"),
        ("CertificateError: hostname mismatch: a: b", "TLS failure: hostname mismatch: a: b"),
    ],
)
def test_a_tls_failure_keeps_what_follows_the_first_colon(result: str, detail: str) -> None:
    assert judge(answer(result), SETTINGS).detail == detail


def test_an_unknown_failure_is_cut_to_200_characters() -> None:
    text = "Unheard-of trouble: " + "y" * 400
    got = judge(answer(text), SETTINGS)
    assert got.detail == text[:200] and got.transient


def test_a_failure_after_a_redirect_names_where_it_went() -> None:
    hops = [("http://other.example.org/new", 301)]
    got = judge(answer("ReadTimeout: read timed out", redirects=hops), SETTINGS)
    assert got.detail == "timed out (after redirect to http://other.example.org/new)"
    assert got.verdict is Verdict.DEAD and got.transient


@pytest.mark.parametrize(
    ("result", "transient"),
    [
        ("408 Request Timeout", True),
        ("429 Too Many Requests", True),
        ("500 Internal Server Error", True),
        ("502 Bad Gateway", True),
        ("503 Service Unavailable", True),
        ("504 Gateway Timeout", True),
        ("599 Network Connect Timeout", True),
        ("400 Bad Request", False),
        ("404 Not Found", False),
        ("405 Method Not Allowed", False),
        ("407 Proxy Authentication Required", False),
        ("409 Conflict", False),
        ("410 Gone", False),
        ("428 Precondition Required", False),
        ("430 Unassigned", False),
        ("451 Unavailable For Legal Reasons", False),
        ("499 Client Closed Request", False),
    ],
)
def test_an_error_status_is_dead_and_only_trouble_that_can_pass_is_retried(result: str, transient: bool) -> None:
    got = judge(answer(result), SETTINGS)
    assert got == Judgement(Verdict.DEAD, int(result[:3]), result, transient=transient)


def test_an_error_status_after_a_redirect_names_where_it_went() -> None:
    hops = [("http://site.example.org/new", 301)]
    got = judge(answer("404 Not Found", redirects=hops), SETTINGS)
    assert got == Judgement(Verdict.DEAD, 404, "404 Not Found (after redirect to http://site.example.org/new)")
    got = judge(answer("503 Service Unavailable", redirects=hops), SETTINGS)
    assert got.detail == "503 Service Unavailable (after redirect to http://site.example.org/new)" and got.transient


@pytest.mark.parametrize("result", ["401 Unauthorized", "403 Forbidden", "999 "])
def test_a_bot_wall_is_blocked_not_dead(result: str) -> None:
    got = judge(answer(result), SETTINGS)
    code = result.strip()
    assert got == Judgement(Verdict.BLOCKED, int(code[:3]), f"{code}: refuses automated requests; check by hand")


def test_the_walled_statuses_come_from_the_settings() -> None:
    settings = Settings(blocked_statuses=frozenset({402}))
    assert judge(answer("402 Payment Required"), settings).verdict is Verdict.BLOCKED
    assert judge(answer("403 Forbidden"), settings) == Judgement(Verdict.DEAD, 403, "403 Forbidden")


WALLED = Settings(walls=(HostRule("walled.example.org", frozenset({429, 404}), reason="answers 429 to robots"),))


def test_a_host_rule_makes_its_statuses_blocked_on_that_host_only() -> None:
    on_wall = "https://www.walled.example.org/a"
    assert judge(answer("429 Too Many Requests", url=on_wall), WALLED) == Judgement(
        Verdict.BLOCKED, 429, "429 Too Many Requests: answers 429 to robots"
    )
    assert judge(answer("404 Not Found", url=on_wall), WALLED).verdict is Verdict.BLOCKED
    assert judge(answer("500 Internal Server Error", url=on_wall), WALLED).verdict is Verdict.DEAD  # not its status
    assert judge(answer("429 Too Many Requests"), WALLED).transient  # another host: retried as usual


def test_a_host_rule_without_a_reason_says_bot_wall() -> None:
    settings = Settings(walls=(HostRule("walled.example.org", frozenset({429})),))
    got = judge(answer("429 Too Many Requests", url="https://walled.example.org/"), settings)
    assert got == Judgement(Verdict.BLOCKED, 429, "429 Too Many Requests: known bot wall")


def test_a_host_rule_applies_to_where_a_redirect_lands_and_to_where_it_started() -> None:
    into_wall = [("https://walled.example.org/login", 302)]
    assert judge(answer("429 Too Many Requests", redirects=into_wall), WALLED).verdict is Verdict.BLOCKED
    out_of_wall = [("https://elsewhere.example.org/x", 302)]
    got = judge(answer("429 Too Many Requests", redirects=out_of_wall, url="https://walled.example.org/"), WALLED)
    assert got.verdict is Verdict.BLOCKED


def test_a_plain_answer_is_ok() -> None:
    assert judge(answer("200 OK"), SETTINGS) == Judgement(Verdict.OK, 200, "200 OK")
    assert judge(answer("204 No Content"), SETTINGS) == Judgement(Verdict.OK, 204, "204 No Content")
    assert judge(answer("399 Unassigned"), SETTINGS).verdict is Verdict.OK


@pytest.mark.parametrize("code", [301, 308])
def test_a_permanent_redirect_is_moved_to_its_target(code: int) -> None:
    hops = [("https://new.example.org/home", code)]
    got = judge(answer("200 OK", redirects=hops), SETTINGS)
    assert got == Judgement(
        Verdict.MOVED, 200, f"moved permanently ({code})", suggestion="https://new.example.org/home"
    )


def test_a_chain_of_permanent_redirects_suggests_its_end() -> None:
    hops = [("https://a.example.org/1", 301), ("https://a.example.org/2", 308), ("https://a.example.org/3", 301)]
    got = judge(answer("200 OK", redirects=hops), SETTINGS)
    assert (got.verdict, got.suggestion, got.detail) == (
        Verdict.MOVED,
        "https://a.example.org/3",
        "moved permanently (301)",
    )


def test_a_permanent_redirect_then_a_temporary_one_suggests_the_permanent_target() -> None:
    """The page moved for good; where it sends readers today may change again."""
    hops = [("https://a.example.org/new", 308), ("https://a.example.org/new?session=1", 302)]
    got = judge(answer("200 OK", redirects=hops), SETTINGS)
    assert (got.verdict, got.suggestion, got.detail) == (
        Verdict.MOVED,
        "https://a.example.org/new",
        "moved permanently (308)",
    )


@pytest.mark.parametrize("code", [302, 303, 307])
def test_a_temporary_redirect_is_ok(code: int) -> None:
    hops = [("https://a.example.org/today", code)]
    got = judge(answer("200 OK", redirects=hops), SETTINGS)
    assert got == Judgement(Verdict.OK, 200, "200 OK; redirects temporarily to https://a.example.org/today")


def test_a_temporary_redirect_then_a_permanent_one_is_not_moved() -> None:
    """The cited URL itself only sends readers elsewhere for now: it is the one to keep."""
    hops = [("https://a.example.org/login", 302), ("https://a.example.org/welcome", 301)]
    got = judge(answer("200 OK", redirects=hops), SETTINGS)
    assert got == Judgement(Verdict.OK, 200, "200 OK; redirects temporarily to https://a.example.org/welcome")


# The retry policy, through check_site with the engine replaced: each URL answers from its own script.


class ScriptedEngine:
    """Stands in for LinkChecker: each URL gives the next answer of its script (the last one repeats)."""

    def __init__(self, scripts: dict[str, list[str]]) -> None:
        self.scripts = scripts
        self.asked: dict[str, int] = {}

    def __call__(self, start_url: str, **_: Any) -> Run:
        import urllib.request

        with urllib.request.urlopen(start_url) as page:  # the list page check_site published for this pass
            html = page.read().decode()
        found = []
        for url, script in self.scripts.items():
            if f'href="{url}"' in html:
                n = self.asked[url] = self.asked.get(url, 0) + 1
                found.append(answer(script[min(n, len(script)) - 1], url=url))
        return Run(found)


@pytest.fixture
def scripted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    def run(scripts: dict[str, list[str]], settings: Settings) -> tuple[dict[str, Any], dict[str, int]]:
        engine = ScriptedEngine(scripts)
        monkeypatch.setattr(hosts, "run_linkchecker", engine)
        site = tmp_path / "site"
        site.mkdir(exist_ok=True)
        links = "".join(f'<a href="{url}">x</a>' for url in scripts)
        (site / "index.html").write_text(f"<html><body><article>{links}</article></body></html>")
        out = check_site(site, settings, data_dir=tmp_path / "data", docs_dir=tmp_path / "docs")
        return {r.url: r for r in out.results}, engine.asked

    yield run


NO_WAIT = Settings(retries=2, timeout_retries=1, retry_delay=0, max_retry_after=0)
DNS = "ConnectionError: Failed to resolve 'gone.example.org' ([Errno -2] Name or service not known)"


@pytest.mark.parametrize(
    ("script", "tries", "verdict", "detail"),
    [
        (["408 Request Timeout", "200 OK"], 2, "ok", "200 OK"),
        (["408 Request Timeout"], 3, "dead", "408 Request Timeout (3 tries)"),
        ([DNS, "200 OK"], 2, "ok", "200 OK"),
        ([DNS], 3, "dead", "host name not found (DNS) (3 tries)"),
        (["503 Service Unavailable", "503 Service Unavailable", "200 OK"], 3, "ok", "200 OK"),
        (["ConnectionError: [Errno 111] Connection refused"], 3, "dead", "connection refused (3 tries)"),
        (["ReadTimeout: read timed out"], 2, "dead", "timed out (2 tries)"),  # each try costs a whole timeout
        (["404 Not Found"], 1, "dead", "404 Not Found"),
        (["SSLError: certificate verify failed"], 1, "dead", "TLS failure: certificate verify failed"),
        (["403 Forbidden"], 1, "blocked", "403 Forbidden: refuses automated requests; check by hand"),
    ],
    ids=["408-passes", "408-persists", "dns-passes", "dns-persists", "503-twice", "refused", "timeout", "404", "tls",
         "403"],
)  # fmt: skip
def test_transient_failures_are_tried_again_and_final_ones_are_not(
    scripted: Any, script: list[str], tries: int, verdict: str, detail: str
) -> None:
    url = "http://gone.example.org/page"
    results, asked = scripted({url: script}, NO_WAIT)
    assert asked == {url: tries}
    assert (results[url].verdict.value, results[url].detail) == (verdict, detail)


def test_one_host_that_cannot_be_resolved_among_others_is_a_dead_link_not_a_network_failure(scripted: Any) -> None:
    live = [f"http://h{i}.example.org/" for i in range(3)]
    results, _ = scripted({url: ["200 OK"] for url in live} | {"http://gone.example.org/": [DNS]}, NO_WAIT)
    assert results["http://gone.example.org/"].verdict is Verdict.DEAD
    assert [results[url].verdict for url in live] == [Verdict.OK] * 3


# The real LinkChecker against loopback servers of this test's own.


@pytest.fixture
def web() -> Iterator[Host]:
    with FakeWeb() as fake:
        host = fake.add(
            "127.0.0.11",
            {
                "/busy": Route("flaky", code=408, failures=1),
                "/always-408": Route("status", code=408),
                "/login": Route("redirect", to="/welcome", code=302),
                "/welcome": Route("redirect", to="/home", code=301),
                "/home": Route("ok"),
            },
        )
        yield host


def test_a_408_is_tried_again_and_a_302_then_301_is_not_moved(tmp_path: Path, web: Host) -> None:
    site = tmp_path / "site"
    site.mkdir()
    urls = [web.url("/busy"), web.url("/always-408"), web.url("/login")]
    (site / "index.html").write_text("<article>" + "".join(f'<a href="{u}">x</a>' for u in urls) + "</article>")
    out = check_site(site, Settings(timeout=2, retries=1, retry_delay=0.2), data_dir=tmp_path, docs_dir=tmp_path)
    got = {r.url: (r.verdict.value, r.suggestion, r.attempts) for r in out.results}
    assert got == {
        web.url("/busy"): ("ok", None, 2),
        web.url("/always-408"): ("dead", None, 2),
        web.url("/login"): ("ok", None, 1),
    }
    assert (web.count("/busy"), web.count("/always-408"), web.count("/login")) == (2, 2, 1)
