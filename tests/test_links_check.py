"""End to end: the real LinkChecker, driven by scripts/check_links.py, against a simulated web.

Every server listens on a 127.0.0.x address; the one non-loopback name is under
``.invalid`` (RFC 6761), and the tests' own resolver answers it on this machine
(tests/support/localdns): no DNS query leaves.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mlprep.links.cache import Cache
from mlprep.links.check import check_site
from mlprep.links.config import Settings
from tests.support.fakeweb import FakeWeb, Host, Route, closed_port
from tests.support.linkcheck import FAST, run_cli

# The CLI's run, its JSON links by URL, each URL's expected source, the Markdown report.
Checked = tuple[subprocess.CompletedProcess[str], dict[str, dict[str, Any]], dict[str, str], str]


@dataclass(frozen=True)
class Case:
    name: str
    url: str
    verdict: str
    suggestion: str | None = None  # for moved: the new URL
    in_docs: bool = False  # written in docs/notes.md rather than the data file


def page(title: str, links: list[str], boiler: Host) -> str:
    """A page shaped like Material's: boilerplate around an <article> of content."""
    items = "\n".join(f'<li><a href="{url}">{url}</a></li>' for url in links)
    return f"""<!doctype html><html><head><title>{title}</title>
<link rel="stylesheet" href="{boiler.url("/theme.css")}"><script src="{boiler.url("/theme.js")}"></script></head>
<body><header><a href="{boiler.url("/header-repo")}">repository</a></header>
<nav><a href="{boiler.url("/nav-link")}">nav</a><a href="/other/">internal</a></nav>
<main><article class="md-content__inner md-typeset">
<a href="{boiler.url("/edit")}" class="md-content__button md-icon">Edit this page</a>
<h1 id="t">{title}<a class="headerlink" href="#t">¶</a></h1><ul>{items}</ul>
<a href="../more/">a relative, internal link</a></article></main>
<footer><div class="md-copyright">Content from <a href="{boiler.url("/copyright")}">a book</a></div></footer>
</body></html>"""


@pytest.fixture(scope="module")
def web() -> Iterator[dict[str, Host]]:
    with FakeWeb() as fake:
        a = fake.add("127.0.0.2", {
            "/ok": Route("ok"),
            "/slow": Route("slow", seconds=1.0),
            "/r301": Route("redirect", to="/r308", code=301),
            "/r308": Route("redirect", to="/landing", code=308),
            "/landing": Route("ok"),
            "/r302": Route("redirect", to="/for-now", code=302),
            "/for-now": Route("ok"),
            "/moved-to-nothing": Route("redirect", to="/nothing", code=301),
            "/404": Route("status", code=404),
            "/410": Route("status", code=410),
            "/500": Route("status", code=500),
            "/flaky": Route("flaky", code=503, failures=1),
            "/limited": Route("ratelimit", seconds=3),
            "/bot": Route("botwall", code=403),
            "/reset": Route("reset"),
            "/hang": Route("hang", seconds=60),
        })  # fmt: skip
        b = fake.add("127.0.0.3", {"/new-home": Route("ok")})
        a.routes["/cross"] = Route("redirect", to=b.url("/new-home"), code=301)
        c = fake.add("127.0.0.4", {"/private/gone": Route("status", code=404), "/private/fine": Route("ok")},
                     robots="User-agent: *\nDisallow: /private/\n")  # fmt: skip
        d = fake.add("127.0.0.5", {"/wall": Route("status", code=429), "/li": Route("status", code=999)})
        e = fake.add("127.0.0.6", {})  # boilerplate targets: must never be asked
        archive = fake.add("127.0.0.9", {"/wayback/available": Route("wayback", to="/500")})
        yield {"a": a, "b": b, "c": c, "d": d, "boiler": e, "archive": archive}


@pytest.fixture(scope="module")
def cases(web: dict[str, Host]) -> list[Case]:
    a, b, c, d = web["a"], web["b"], web["c"], web["d"]
    return [
        Case("200", a.url("/ok"), "ok"),
        Case("slow answer", a.url("/slow"), "ok"),
        Case("301 then 308", a.url("/r301"), "moved", a.url("/landing")),
        Case("301 to another host", a.url("/cross"), "moved", b.url("/new-home")),
        Case("302", a.url("/r302"), "ok"),
        Case("301 to a 404", a.url("/moved-to-nothing"), "dead"),
        Case("404", a.url("/404"), "dead"),
        Case("410", a.url("/410"), "dead", in_docs=True),
        Case("persistent 500", a.url("/500"), "dead"),
        Case("503 then 200", a.url("/flaky"), "ok"),
        Case("429 with Retry-After then 200", a.url("/limited"), "ok"),
        Case("403 to non-browsers", a.url("/bot"), "blocked"),
        Case("connection reset", a.url("/reset"), "dead"),
        Case("hang past the timeout", a.url("/hang"), "dead"),
        Case("dead page behind robots.txt", c.url("/private/gone"), "dead"),
        Case("live page behind robots.txt", c.url("/private/fine"), "ok"),
        Case("host rule: 429 wall", d.url("/wall"), "blocked"),
        Case("999 wall", d.url("/li"), "blocked"),
        Case("connection refused", f"http://127.0.0.7:{closed_port('127.0.0.7')}/x", "dead"),
        Case("unresolvable host", "http://no-such-host.invalid/page", "dead"),
    ]


def write_project(root: Path, cases: list[Case], boiler: Host, wall_host: str) -> dict[str, str]:
    """site/, data/, docs/ and linkcheck.toml; returns each URL's expected source."""
    half = len(cases) // 2
    for name, chunk in (("", cases[:half]), ("more/", cases[half:])):
        (root / "site" / name).mkdir(parents=True, exist_ok=True)
        links = [c.url for c in chunk] + [cases[0].url]  # the first URL is cited on both pages
        (root / "site" / name / "index.html").write_text(page(name or "home", links, boiler))
    lines = ["# links the guide cites", "links:"]
    where: dict[str, str] = {}
    for case in cases:
        if case.in_docs:
            continue
        lines += [f'  - name: "{case.name}"', f"    url: {case.url}"]
        where[case.url] = f"data/links.yml:{len(lines)}"
    (root / "data").mkdir()
    (root / "data" / "links.yml").write_text("\n".join(lines) + "\n")
    (root / "docs").mkdir()
    notes = ["# Notes", ""]
    for case in cases:
        if case.in_docs:
            notes.append(f"See [the page]({case.url}) for more.")
            where[case.url] = f"docs/notes.md:{len(notes)}"
    (root / "docs" / "notes.md").write_text("\n".join(notes) + "\n")
    (root / "linkcheck.toml").write_text(
        f'[check]\njobs = 4\n\n[[walls]]\nhost = "{wall_host}"\nstatuses = [429]\nreason = "test wall"\n'
    )
    return where


def requests_so_far(web: dict[str, Host]) -> dict[str, dict[str, int]]:
    counts = {}
    for name, host in web.items():
        with host.lock:
            counts[name] = {path: len(times) for path, times in host.hits.items()}
    return counts


@dataclass(frozen=True)
class Seen:
    """What the fake web and the test resolver saw during the CLI's run alone (other tests share the servers)."""

    requests: dict[str, dict[str, int]]  # host → path → requests
    names: list[str]  # host names the resolver answered on this machine, once per lookup

    def hits(self, host: str, path: str) -> int:
        return self.requests[host].get(path, 0)


@pytest.fixture(scope="module")
def checked_and_seen(
    tmp_path_factory: pytest.TempPathFactory, web: dict[str, Host], cases: list[Case]
) -> Iterator[tuple[Checked, Seen]]:
    # The resolver's log is written by LinkChecker after it drops root for 'nobody': a file anyone may append to.
    fd, name = tempfile.mkstemp(prefix="mlprep-dns-", suffix=".log")
    os.close(fd)
    os.chmod(name, 0o666)
    log = Path(name)
    try:
        before = requests_so_far(web)
        checked = run_checked(tmp_path_factory.mktemp("project"), web, cases, log)
        after = requests_so_far(web)
        requests = {
            h: {p: n - before[h].get(p, 0) for p, n in counts.items() if n > before[h].get(p, 0)}
            for h, counts in after.items()
        }
        yield checked, Seen(requests, log.read_text(encoding="utf-8").split())
    finally:
        log.unlink()


@pytest.fixture(scope="module")
def checked(checked_and_seen: tuple[Checked, Seen]) -> Checked:
    return checked_and_seen[0]


@pytest.fixture(scope="module")
def seen(checked_and_seen: tuple[Checked, Seen]) -> Seen:
    return checked_and_seen[1]


def run_checked(root: Path, web: dict[str, Host], cases: list[Case], dns_log: Path) -> Checked:
    where = write_project(root, cases, web["boiler"], "127.0.0.5")
    archive = web["archive"].url("/wayback/available")
    done = run_cli(
        root,
        "site",
        "--json",
        "out.json",
        "--markdown",
        "out.md",
        "--archive-url",
        archive,
        "--site-url",
        "http://127.0.0.1:9/",
        *FAST,
        dns_log=dns_log,
    )
    report = json.loads((root / "out.json").read_text())
    return done, {link["url"]: link for link in report["links"]}, where, (root / "out.md").read_text()


def test_exit_code_is_1_when_dead_links(checked: Checked) -> None:
    done, *_ = checked
    assert done.returncode == 1, done.stderr
    assert "pass 1: fetching" in done.stderr  # progress goes to stderr


@pytest.mark.parametrize("index", range(20))
def test_verdict_and_location(checked: Checked, cases: list[Case], index: int) -> None:
    case = cases[index]
    _, links, where, _ = checked
    link = links[case.url]
    assert link["verdict"] == case.verdict, f"{case.name}: {link}"
    assert link["sources"] == [where[case.url]], case.name
    if case.suggestion:
        assert link["suggestion"] == case.suggestion


def test_every_content_url_once_and_no_boilerplate(checked: Checked, cases: list[Case], seen: Seen) -> None:
    _, links, _, _ = checked
    assert set(links) == {c.url for c in cases}
    assert seen.requests["boiler"] == {}  # header, nav, footer, assets, edit button: never fetched
    assert links[cases[0].url]["pages"] == ["/", "/more/"]


def test_transient_failures_are_retried_and_final_ones_are_not(seen: Seen) -> None:
    assert seen.hits("a", "/flaky") == 2 and seen.hits("a", "/500") == 3
    assert seen.hits("a", "/hang") == 2  # a timeout is retried once
    assert seen.hits("a", "/404") == 1 and seen.hits("a", "/ok") == 1  # fetched once though cited on two pages


def test_robots_txt_does_not_hide_dead_links(seen: Seen) -> None:
    assert seen.hits("c", "/private/gone") >= 1


def test_the_unknown_host_is_answered_on_this_machine(checked: Checked, seen: Seen) -> None:
    # Each try at the .invalid name was answered by the tests' resolver, not sent to a DNS server.
    _, links, _, _ = checked
    tries = int(links["http://no-such-host.invalid/page"]["attempts"])
    assert seen.names == ["no-such-host.invalid"] * len(seen.names) and len(seen.names) >= tries >= 1


def test_archive_suggestion_for_dead_links(checked: Checked, web: dict[str, Host]) -> None:
    _, links, _, _ = checked
    dead = links[web["a"].url("/404")]
    assert dead["suggestion"] == web["archive"].url("/web/20200101000000/" + web["a"].url("/404"))
    assert links[web["a"].url("/500")]["suggestion"] is None  # the archive has no copy of that one


def test_markdown_report_says_where_to_fix(checked: Checked, web: dict[str, Host]) -> None:
    _, _, where, md = checked
    url = web["a"].url("/404")
    row = next(line for line in md.splitlines() if line.startswith(f"| {url} |"))
    assert f"`{where[url]}`" in row and "404" in row
    assert "### Moved permanently" in md and web["a"].url("/landing") in md
    assert "connection refused (3 tries)" in md and "connection reset (3 tries)" in md


# Cache and small cases: check_site directly on a two-link site.


@pytest.fixture()
def small(tmp_path: Path, web: dict[str, Host]) -> Path:
    a = web["a"]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(page("small", [a.url("/ok"), a.url("/404")], web["boiler"]))
    return tmp_path


def test_cache_skips_recent_ok_and_rechecks_failures(small: Path, web: dict[str, Host]) -> None:
    a, settings = web["a"], Settings(timeout=2, retries=0)
    cache_file = small / "cache.json"
    ok, dead = a.count("/ok"), a.count("/404")
    kwargs: dict[str, Any] = {"data_dir": small / "data", "docs_dir": small / "docs"}
    check_site(small / "site", settings, cache=Cache(cache_file, 7), **kwargs)
    second = check_site(small / "site", settings, cache=Cache(cache_file, 7), **kwargs)
    assert (a.count("/ok"), a.count("/404")) == (ok + 1, dead + 2)
    assert {r.url: (r.verdict.value, r.cached) for r in second.results} == {
        a.url("/ok"): ("ok", True),
        a.url("/404"): ("dead", False),
    }
    check_site(small / "site", settings, cache=Cache(cache_file, 0), **kwargs)  # --no-cache
    assert a.count("/ok") == ok + 2


def test_unreachable_archive_never_fails_the_run(small: Path, web: dict[str, Host]) -> None:
    archive = f"http://127.0.0.9:{closed_port('127.0.0.9')}/wayback/available"
    out = check_site(
        small / "site", Settings(timeout=2, retries=0), data_dir=small, docs_dir=small, archive_api=archive
    )
    assert [(r.verdict.value, r.suggestion) for r in out.results if r.url.endswith("/404")] == [("dead", None)]


def test_exit_code_0_when_clean(tmp_path: Path, web: dict[str, Host]) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(
        page("clean", [web["a"].url("/ok"), web["b"].url("/new-home")], web["boiler"])
    )
    done = run_cli(tmp_path, "site", "--no-cache", "--no-archive", *FAST)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No dead links." in done.stdout


def test_exit_code_2_when_the_check_cannot_run(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "site").returncode == 2  # no built site
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html></html>")
    (tmp_path / "bad.toml").write_text("[check]\ntimeuot = 3\n")
    done = run_cli(tmp_path, "site", "--config", "bad.toml")
    assert done.returncode == 2 and "timeuot" in done.stderr


def test_time_budget_reports_what_it_could_not_settle(tmp_path: Path, web: dict[str, Host]) -> None:
    a = web["a"]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(page("budget", [a.url("/ok"), a.url("/hang")], web["boiler"]))
    out = check_site(
        tmp_path / "site", Settings(timeout=2, budget=3, retry_delay=2), data_dir=tmp_path, docs_dir=tmp_path
    )
    verdicts = {r.url: r.verdict.value for r in out.results}
    assert verdicts == {a.url("/ok"): "ok", a.url("/hang"): "unchecked"}  # not called dead without a retry
    assert out.notes


def test_host_rule_skip_is_blocked_without_a_fetch(tmp_path: Path, web: dict[str, Host]) -> None:
    from mlprep.links.config import HostRule

    d = web["d"]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(page("skip", [d.url("/never")], web["boiler"]))
    settings = Settings(walls=(HostRule("127.0.0.5", skip=True, reason="always walled"),))
    out = check_site(tmp_path / "site", settings, data_dir=tmp_path, docs_dir=tmp_path)
    assert [(r.verdict.value, r.attempts) for r in out.results] == [("blocked", 0)]
    assert d.count("/never") == 0
