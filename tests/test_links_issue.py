"""The nightly check's issue: exit 0, 1 and 2, a person's issue with the same label, new dead links while open.

The logic runs against ``FakeIssues`` (in memory, every call recorded); the
REST client and the CLI run end to end against the same state served over
loopback HTTP, with the standard library only, as the workflow's issue job runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mlprep.github.client import GitHubError, RestClient, ensure_labels, form_labels
from mlprep.links.check import Outcome
from mlprep.links.issue import BODY_LIMIT, LABEL, MARKER, TITLE_DEAD, TITLE_FAILED, Run, known_dead, load_run, sync
from mlprep.links.model import LinkResult, Verdict
from mlprep.links.report import markdown
from tests.support.gfm import code_texts, outside_code, render
from tests.support.github import FakeGitHubAPI, FakeIssues, serve_api
from tests.support.project import ROOT

RUN = "https://github.com/owner/repo/actions/runs/42"


def link(url: str, verdict: str = "dead", detail: str = "404 Not Found") -> dict[str, Any]:
    return {"url": url, "verdict": verdict, "detail": detail, "sources": ["data/x.yml:3"], "pages": ["/resources/"]}


def dead_run(*urls: str, ok: tuple[str, ...] = ()) -> Run:
    links = [link(u) for u in urls] + [link(u, "ok", "200 OK") for u in ok]
    report = "## External links\n\n" + "".join(f"| {u} | dead |\n" for u in urls)
    return Run(1, RUN, report, links)


def person_issue(fake: FakeIssues) -> int:
    """Someone files an issue by hand and labels it broken-links."""
    return fake.add("The FloydHub link is dead", "I found a dead link on the stories page.", [LABEL])


def ours(fake: FakeIssues) -> list[int]:
    return [n for n, i in fake.issues.items() if i.body.startswith(MARKER)]


# Exit 0: clean.


def test_clean_with_no_issue_writes_nothing() -> None:
    fake = FakeIssues()
    assert sync(fake, Run(0, RUN)) == ["no dead links, and no issue of ours is open"]
    assert [c[0] for c in fake.calls] == ["list"]


def test_clean_closes_its_own_issue_with_a_comment() -> None:
    fake = FakeIssues()
    sync(fake, dead_run("https://a.example.org/x"))
    [number] = ours(fake)
    assert sync(fake, Run(0, RUN)) == [f"closed #{number}"]
    issue = fake.issues[number]
    assert issue.state == "closed" and "clean again" in issue.comments[-1] and RUN in issue.comments[-1]


# A person's issue with the same label.


def test_a_persons_issue_with_the_label_is_never_touched() -> None:
    fake = FakeIssues()
    theirs = person_issue(fake)
    quoting = fake.add("Re: dead links", f"> {MARKER}\n> quoted from the bot's issue", [LABEL])
    for run in (dead_run("https://a.example.org/x"), Run(2, RUN, log="boom"), Run(0, RUN)):
        sync(fake, run)
    assert fake.writes(theirs) == [] and fake.writes(quoting) == []
    assert fake.issues[theirs].state == "open" and fake.issues[theirs].body.startswith("I found")
    [number] = ours(fake)  # dead links opened our own issue beside theirs; the clean run closed it
    assert fake.issues[number].state == "closed"


def test_a_pull_request_with_the_label_is_not_an_issue() -> None:
    fake = FakeIssues()
    pr = fake.add("Fix links", f"{MARKER}\nlooks like ours", [LABEL], pull_request=True)
    sync(fake, Run(0, RUN))
    assert fake.writes(pr) == []


# Exit 1: dead links.


def test_dead_links_open_an_issue_with_the_marker_the_label_and_the_report() -> None:
    fake = FakeIssues()
    [action] = sync(fake, dead_run("https://a.example.org/x", ok=("https://b.example.org/",)))
    [number] = ours(fake)
    issue = fake.issues[number]
    assert action == f"opened #{number} with 1 dead link(s)"
    assert issue.title == TITLE_DEAD and issue.labels == [LABEL] and ("label", LABEL) in fake.calls
    assert issue.body.startswith(MARKER + "\n") and "| https://a.example.org/x | dead |" in issue.body
    assert RUN in issue.body and len(known_dead(issue.body)) == 1
    assert issue.comments == []  # opening the issue notifies; no comment needed


def test_the_same_dead_links_again_update_the_body_without_a_comment() -> None:
    fake = FakeIssues()
    sync(fake, dead_run("https://a.example.org/x"))
    [number] = ours(fake)
    assert sync(fake, dead_run("https://a.example.org/x")) == [f"updated #{number}: 1 dead link(s)"]
    assert fake.writes(number) == [("edit", number)] and fake.issues[number].comments == []


def test_new_dead_links_while_open_arrive_as_a_comment_naming_only_them() -> None:
    fake = FakeIssues()
    sync(fake, dead_run("https://a.example.org/x"))
    [number] = ours(fake)
    actions = sync(fake, dead_run("https://a.example.org/x", "https://c.example.org/new"))
    assert actions == [f"updated #{number}: 2 dead link(s)", f"commented on #{number}: 1 new dead link(s)"]
    [comment] = fake.issues[number].comments
    assert "1 new dead link" in comment and "https://c.example.org/new" in comment
    assert "https://a.example.org/x" not in comment and "`data/x.yml:3`" in comment
    assert "https://c.example.org/new" in fake.issues[number].body  # the body has the whole report
    # A link fixed and then broken again is new again: it was gone from the last report.
    sync(fake, dead_run("https://c.example.org/new"))
    sync(fake, dead_run("https://a.example.org/x", "https://c.example.org/new"))
    assert "https://a.example.org/x" in fake.issues[number].comments[-1]


def test_a_failed_run_issue_turns_into_the_dead_links_issue() -> None:
    fake = FakeIssues()
    sync(fake, Run(2, RUN, log="network down"))
    [number] = ours(fake)
    assert fake.issues[number].title == TITLE_FAILED
    sync(fake, dead_run("https://a.example.org/x"))
    assert ours(fake) == [number] and fake.issues[number].title == TITLE_DEAD
    assert "1 new dead link" in fake.issues[number].comments[-1]


def test_a_long_report_is_cut_to_fit_outside_any_code_block() -> None:
    rows = "".join(f"| https://a.example.org/{i} | dead |\n" for i in range(3000))
    fence = "```yaml\n" + "  gone:\n" * 40 + "```\n"
    report = "## External links\n\n" + (rows + "\n" + fence + "\n") * 3
    run = Run(1, RUN, report, [link(f"https://a.example.org/{i}") for i in range(3000)])
    fake = FakeIssues()
    sync(fake, run)
    [number] = ours(fake)
    body = fake.issues[number].body
    assert len(body) <= BODY_LIMIT and "The report is cut here" in body and body.count("```") % 2 == 0
    assert len(known_dead(body)) == 3000  # every dead link is remembered, even those cut from view


# Exit 2, or no exit code: the check itself failed.

HOSTILE_LOG = (
    "pass 1: fetching 12 URLs\n"
    "````\n## Forged heading\n@maintainer please look #1\n"
    "\x1b[31mred\x1b[0m \x07bell \u202eevil\u202c\r\n"
    "::error::forged workflow command\n"
    "error: none of 12 hosts could be resolved; is the network down?\n"
)


def test_a_failed_check_comments_on_the_open_issue_with_the_logs_last_lines_inert() -> None:
    fake = FakeIssues()
    sync(fake, dead_run("https://a.example.org/x"))
    [number] = ours(fake)
    body = fake.issues[number].body
    assert sync(fake, Run(2, RUN, log=HOSTILE_LOG)) == [f"commented on #{number}: the check failed"]
    assert fake.issues[number].body == body  # the report stays; the comment says it may be stale
    [comment] = fake.issues[number].comments
    assert "could not run" in comment and "exited with code 2" in comment and RUN in comment
    assert_log_is_inert(comment)


def assert_log_is_inert(comment: str) -> None:
    soup = render(comment)
    assert soup.find(["h1", "h2", "h3"]) is None  # no forged heading
    [block] = [c for c in code_texts(comment) if "Forged" in c]
    assert "@maintainer please look #1" in block and "::error::forged" in block
    assert "is the network down?" in block  # the last lines
    for bad in ("\x1b", "\x07", "\u202e", "\r"):
        assert bad not in comment
    assert "@maintainer" not in outside_code(comment) and "Forged" not in outside_code(comment)


def test_a_failed_check_with_no_issue_open_opens_one_and_the_next_clean_run_closes_it() -> None:
    fake = FakeIssues()
    theirs = person_issue(fake)
    [action] = sync(fake, Run(2, RUN, log=HOSTILE_LOG))
    [number] = ours(fake)
    assert action == f"opened #{number}: the check failed"
    assert fake.issues[number].title == TITLE_FAILED and fake.issues[number].labels == [LABEL]
    assert_log_is_inert(fake.issues[number].body)
    sync(fake, Run(0, RUN))
    assert fake.issues[number].state == "closed" and fake.writes(theirs) == []


@pytest.mark.parametrize(
    ("run", "said"),
    [
        (Run(None, RUN), "did not report a result"),
        (Run(1, RUN, None, None, "the build failed"), "found dead links but left no report"),
        (Run(3, RUN), "exited with code 3"),
    ],
    ids=["no-code", "dead-without-report", "other-code"],
)
def test_anything_but_0_or_a_full_report_is_a_failure(run: Run, said: str) -> None:
    fake = FakeIssues()
    sync(fake, dead_run("https://a.example.org/x"))
    [number] = ours(fake)
    sync(fake, run)
    assert said in fake.issues[number].comments[-1] and fake.issues[number].state == "open"


def test_dead_link_table_in_a_comment_is_inert() -> None:
    fake = FakeIssues()
    sync(fake, dead_run("https://a.example.org/x"))
    [number] = ours(fake)
    evil = link("https://a.example.org/y", detail="404 @admin [click](https://evil.example.org) | col")
    sync(fake, Run(1, RUN, "report", [link("https://a.example.org/x"), evil]))
    comment = fake.issues[number].comments[-1]
    soup = render(comment)
    assert [a["href"] for a in soup.find_all("a")] == [RUN, "https://a.example.org/y"]
    assert "@admin" not in outside_code(comment)
    assert len(soup.find_all("tr")[1].find_all("td")) == 3  # the pipe did not split the row


def test_an_international_host_shows_its_punycode_in_the_issue_and_its_comments() -> None:
    # A Cyrillic 'а' in place of the Latin 'a': the issue's readers see the two hosts apart.
    idn, punycode = "https://ex\u0430mple.org/", "(host `xn--exmple-4nf.org`)"
    fake = FakeIssues()
    sync(fake, dead_run("https://a.example.org/x"))
    [number] = ours(fake)
    report = markdown(Outcome([LinkResult(idn, Verdict.DEAD, 404, "404 Not Found")], pages=1, elapsed=1.0))
    sync(fake, Run(1, RUN, report, [link("https://a.example.org/x"), link(idn)]))
    assert f"| {idn} {punycode} | `404 Not Found` |" in fake.issues[number].body
    assert f"| `{idn}` {punycode} | `404 Not Found` |" in fake.issues[number].comments[-1]


# Reading what the check step left, and the CLI against a loopback REST API.


def write_reports(folder: Path, links: list[dict[str, Any]]) -> None:
    (folder / "link-report.md").write_text("## External links\n\nreport\n")
    (folder / "link-report.json").write_text(json.dumps({"summary": {}, "links": links}))
    (folder / "link-check.log").write_text("pass 1: fetching 2 URLs\n")


def test_load_run_reads_the_files_and_an_empty_code(tmp_path: Path) -> None:
    write_reports(tmp_path, [link("https://a.example.org/x")])
    run = load_run("1", RUN, tmp_path / "link-report.md", tmp_path / "link-report.json", tmp_path / "link-check.log")
    assert run.code == 1 and [d["url"] for d in run.dead] == ["https://a.example.org/x"] and run.log
    missing = load_run("", RUN, tmp_path / "no.md", tmp_path / "no.json", tmp_path / "no.log")
    assert (missing.code, missing.report_md, missing.links, missing.log) == (None, None, None, None)


def cli(folder: Path, api: FakeGitHubAPI, *args: str, token: str = "test-token") -> subprocess.CompletedProcess[str]:
    # -S: no site-packages, so mlprep comes from src/ alone and must need only the standard library.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT / "src"),
        "GH_TOKEN": token,
        "GITHUB_REPOSITORY": "owner/repo",
        "GITHUB_API_URL": api.url,
    }
    script = str(ROOT / "scripts" / "links_issue.py")
    return subprocess.run(
        [sys.executable, "-S", script, *args], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )


def test_cli_runs_the_nightly_sequence_over_the_rest_api(tmp_path: Path) -> None:
    state = FakeIssues()
    theirs = person_issue(state)
    with serve_api(FakeGitHubAPI(state)) as api:
        write_reports(tmp_path, [link("https://a.example.org/x")])
        opened = cli(tmp_path, api, "--code", "1", "--run-url", RUN)
        assert opened.returncode == 0, opened.stderr
        [number] = ours(state)
        assert opened.stdout == f"opened #{number} with 1 dead link(s)\n"
        write_reports(tmp_path, [link("https://a.example.org/x"), link("https://b.example.org/y")])
        assert cli(tmp_path, api, "--code", "1", "--run-url", RUN).returncode == 0
        (tmp_path / "link-check.log").write_text(HOSTILE_LOG)
        assert cli(tmp_path, api, "--code", "2", "--run-url", RUN).returncode == 0
        assert cli(tmp_path, api, "--code", "0", "--run-url", RUN).returncode == 0
    issue = state.issues[number]
    assert [c.split("**")[1] for c in issue.comments[:2]] == ["1 new dead link", "The nightly link check could not run"]
    assert issue.state == "closed" and state.writes(theirs) == []
    methods = {(m, path.split("?")[0]) for m, path, _ in api.requests}
    assert ("PATCH", f"/repos/owner/repo/issues/{number}") in methods
    assert ("POST", "/repos/owner/repo/labels") in methods
    assert all(auth == "Bearer test-token" for *_, auth in api.requests)


def test_cli_reports_a_refused_token_and_exits_1(tmp_path: Path) -> None:
    with serve_api(FakeGitHubAPI(FakeIssues())) as api:
        done = cli(tmp_path, api, "--code", "0", token="wrong")
    assert done.returncode == 1 and "HTTP 401 Bad credentials" in done.stderr


def test_rest_client_reads_every_page_and_skips_pull_requests() -> None:
    state = FakeIssues()
    for i in range(150):
        state.add(f"issue {i}", "text", [LABEL], pull_request=i % 2 == 1)
    own = state.add("ours", f"{MARKER}\n", [LABEL])
    with serve_api(FakeGitHubAPI(state)) as api:
        found = RestClient("owner/repo", "test-token", api.url).open_issues(LABEL)
    assert len(found) == 76 and found[-1].number == own
    assert sum(1 for m, path, _ in api.requests if "page=" in path) == 2


def test_rest_client_treats_an_existing_label_as_done_and_other_errors_as_errors() -> None:
    state = FakeIssues(labels={LABEL: ("000000", "a person's colour")})
    with serve_api(FakeGitHubAPI(state)) as api:
        client = RestClient("owner/repo", "test-token", api.url)
        ensure_labels(client, [LABEL, "resource"])
        assert state.labels[LABEL] == ("000000", "a person's colour") and "resource" in state.labels
        with pytest.raises(GitHubError, match="HTTP 404"):
            client._call("GET", "/nothing")
    with pytest.raises(GitHubError, match="not a repository name"):
        RestClient("owner/repo/../x", "t")


def test_labels_cli_creates_every_form_label(tmp_path: Path) -> None:
    state = FakeIssues()
    with serve_api(FakeGitHubAPI(state)) as api:
        env = {"PYTHONPATH": str(ROOT / "src"), "GH_TOKEN": "test-token", "GITHUB_REPOSITORY": "owner/repo"}
        done = subprocess.run(
            [sys.executable, "-S", str(ROOT / "scripts" / "github_labels.py")],
            cwd=ROOT,
            env={**env, "GITHUB_API_URL": api.url},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert set(form_labels(ROOT / ".github" / "ISSUE_TEMPLATE")) <= set(state.labels) and LABEL in state.labels
