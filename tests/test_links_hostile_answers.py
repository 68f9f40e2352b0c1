"""A server's words cannot act in the link check's output: not on a terminal, not in an Actions log, not in Markdown.

The real CLI runs real LinkChecker against loopback servers that answer with
exact bytes: reason phrases holding line breaks of every kind followed by
workflow commands, terminal escape sequences, bidi and invisible characters,
mentions, images, links and HTML, and a redirect whose Location holds the same.
The run is as the nightly job's, under GITHUB_ACTIONS=true. Every hostile answer
must reach the check (its text is asserted in the JSON report and, shown inert,
in the Markdown), so the test cannot pass because nothing arrived.

What an Actions runner acts on (actions/runner, ActionCommand.cs): a line that
starts with ``::`` after leading white space (``::error ...::``, ``::add-mask::``),
and ``##[command]`` anywhere in a line (the older form). .NET compares those
with the current culture, where invisible format characters (a soft hyphen, a
zero-width space) can be skipped, so none may reach the log either.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlprep.data.terminal_text import log_lines
from tests.support.fakeweb import FakeWeb, Host, Route
from tests.support.gfm import outside_code, render
from tests.support.linkcheck import FAST, SCRIPT, local_dns_env

FORGED = "::error file=README.md,line=1::Fake"
MASK = "::add-mask::x"
OLD_FORM = "##[add-mask]y ##[error]Fake"
MARKDOWN = "@octocat ![t](https://evil.example/t.png) <img src=x onerror=alert(1)> [x](javascript:alert(1))"
# Reason phrases. http.client reads a status line up to "\n" and decodes it as Latin-1, so a "\n"
# ends the reason (the rest becomes a header line), while "\r", the other line breaks and every
# byte 0x80-0xFF arrive (UTF-8 bidi and zero-width characters come as Latin-1 with C1 controls).
REASONS: dict[str, bytes] = {
    "/newline": b"Not Found\n" + FORGED.encode(),
    "/cr": b"Not Found\r" + FORGED.encode() + b"\r" + MASK.encode(),
    "/breaks": b"Gone\x85%s\x0b%s\x0c::error::ff\x1c::error::fs\x1e::error::rs" % (FORGED.encode(), MASK.encode()),
    "/escapes": b"\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x07hyperlink\x1b]8;;\x07 \x9b2J csi \x07bell",
    "/bidi": "\u202eevil\u202c zero\u200bwidth".encode() + b" soft\xad" + FORGED.encode(),
    "/markdown": MARKDOWN.encode() + b" ``` | cell | " + OLD_FORM.encode(),
}
LOCATION = (
    b"/moved/x\x1b[31m\xe2\x80\xae\xe2\x80\x8b@octocat<img src=x onerror=alert(1)>"
    b"[x](javascript:alert(1))![t](https://evil.example/t.png)##[add-mask]z\r" + FORGED.encode()
)


def assert_nothing_invisible(text: str) -> None:
    """No control character but the line break and tab, no format character (bidi, zero-width, soft hyphen)."""
    unsafe = [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\n\t"]
    assert unsafe == [], [f"U+{ord(ch):04X}" for ch in unsafe]


def assert_inert_for_a_log(output: str) -> None:
    """Nothing a terminal or an Actions runner would act on, whichever line breaks they honour."""
    assert_nothing_invisible(output)
    for line in output.splitlines():  # every break Python knows, a superset of what a log viewer splits at
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


@pytest.fixture()
def hostile_web() -> Iterator[dict[str, Host]]:
    with FakeWeb() as web:
        reasons = {path: Route("raw", reply=b"HTTP/1.1 404 " + reason) for path, reason in REASONS.items()}
        yield {
            "dead": web.add("127.0.0.2", reasons),
            "other": web.add(
                "127.0.0.3",
                {
                    # An answer that is not an error: its words are kept as the link's detail.
                    "/fine": Route(
                        "raw", reply=b"HTTP/1.1 200 OK " + REASONS["/markdown"] + b" \x1b[2J" + FORGED.encode()
                    ),
                    "/blocked": Route("raw", reply=b"HTTP/1.1 403 " + REASONS["/breaks"]),
                    "/moves": Route(
                        "raw", reply=b"HTTP/1.1 301 Moved\x1b[31m\r" + FORGED.encode() + b"\r\nLocation: " + LOCATION
                    ),
                    "/moved/*": Route("ok"),
                },
            ),
        }


def _run(root: Path) -> tuple[str, str, int]:
    """The nightly job's command, its output taken as bytes: no newline translation hides a carriage return."""
    env = {**os.environ, **local_dns_env(), "GITHUB_ACTIONS": "true"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--markdown", "link-report.md", "--json", "link-report.json",
         "--no-cache", "--no-archive", *FAST],
        cwd=root, env=env, capture_output=True, timeout=240,
    )  # fmt: skip
    return done.stdout.decode("utf-8"), done.stderr.decode("utf-8"), done.returncode


def test_hostile_reason_phrases_and_redirects_print_nothing_that_acts(
    tmp_path: Path, hostile_web: dict[str, Host]
) -> None:
    dead, other = hostile_web["dead"], hostile_web["other"]
    urls = [dead.url(path) for path in REASONS] + [other.url(p) for p in ("/fine", "/blocked", "/moves")]
    site = tmp_path / "site"
    site.mkdir()
    items = "".join(f'<li><a href="{url}">link</a></li>' for url in urls)
    (site / "index.html").write_text(f"<!doctype html><html><body><article><ul>{items}</ul></article></body></html>")

    stdout, stderr, code = _run(tmp_path)
    assert code == 1, stdout + stderr
    assert "Traceback" not in stderr, stderr
    assert_inert_for_a_log(stdout)
    assert_inert_for_a_log(stderr)

    # Every hostile answer reached the check, whole: the JSON report keeps the server's words as data.
    raw = (tmp_path / "link-report.json").read_text(encoding="utf-8")
    links = {link["url"]: link for link in json.loads(raw)["links"]}
    assert set(links) == set(urls)
    verdicts = {url: links[url]["verdict"] for url in urls}
    assert verdicts == {
        **{dead.url(path): "dead" for path in REASONS},
        other.url("/fine"): "ok",
        other.url("/blocked"): "blocked",
        other.url("/moves"): "moved",
    }
    said = {path: links[dead.url(path)]["detail"] for path in REASONS}
    assert said["/newline"] == "404 Not Found"  # the line break ended the status line: the rest was a header
    assert FORGED in said["/cr"] and MASK in said["/cr"]
    assert said["/breaks"].startswith("404 Gone\x85" + FORGED) and "\x0b" + MASK in said["/breaks"]
    assert "\x1b[31mred" in said["/escapes"] and "\x9b2J" in said["/escapes"]
    assert said["/bidi"].startswith("404 \xe2\x80\xaeevil") and "soft\xad" + FORGED in said["/bidi"]  # as Latin-1
    assert MARKDOWN in said["/markdown"] and OLD_FORM in said["/markdown"]
    assert MARKDOWN in links[other.url("/fine")]["detail"]
    moved_to = links[other.url("/moves")]["suggestion"]
    assert moved_to.startswith(other.url("/moved/x%1B[31m%E2%80%AE%E2%80%8B@octocat"))  # requests quotes the rest
    assert "[x](javascript:alert(1))![t](https://evil.example/t.png)##[add-mask]z" in moved_to
    # ... and the file itself shows no control or invisible character to whoever opens it in a terminal.
    assert_nothing_invisible(raw)

    # The Markdown report (the job summary, the issue) shows the words as code: no mention, image, link or HTML.
    md = (tmp_path / "link-report.md").read_text(encoding="utf-8")
    soup = render(md)
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert all(href in urls for href in hrefs), hrefs  # only the plain addresses of the cited links
    assert soup.find("img") is None and not soup.find_all(["script", "b", "iframe"])
    assert "@octocat" not in outside_code(md) and "evil.example" not in outside_code(md)
    for table in soup.find_all("table"):  # no server's pipe split a row
        rows = table.find_all("tr")
        assert all(len(row.find_all(["td", "th"])) == len(rows[0].find_all("th")) for row in rows), table
    codes = " ".join(node.get_text() for node in soup.find_all("code"))
    for shown in (FORGED, MASK, "red", "hyperlink", MARKDOWN, OLD_FORM, "@octocat%3Cimg"):
        assert shown in codes, shown  # the words are there for a reviewer to read, inert
    # What the CLI printed is that report, made safe for a log: the words are there, as text.
    assert stdout.strip() == log_lines(md).strip()
    assert f"| {dead.url('/cr')} | `404 Not Found {FORGED} {MASK}` |" in stdout  # a bare CR parts words
    assert "#\\x23[add-mask]y #\\x23[error]Fake" in stdout and "soft\\xad" + FORGED in stdout
