"""The nightly check's issue: opened on dead links, told of new ones and of a failed run, closed when clean.

The job keeps one issue, labelled ``broken-links`` and found by the hidden
marker its body starts with, never by the label alone: an issue a person files
with that label is never edited, commented on or closed. Its body holds the
latest report and, hidden, a digest of each dead URL it lists, so the next run
knows which dead links are new. What each run does, by the check's exit code:

- 0 (no dead links): comment that the check is clean, and close the issue.
- 1 (dead links): open the issue with the report; or, when it is open, replace
  its body with the new report and comment on the dead links that are new
  (an edit notifies nobody; a comment notifies everyone subscribed).
- 2, or no code (the check itself failed, or the job failed before it):
  comment so, with the last lines of the log in a code block; open the issue
  if none is open, so the failure is never silent.

Everything taken from the report or the log is written inert (``mlprep.github.markdown``).
Standard library only: the issue job runs it without installing the project.
The command is ``mlprep.cli.links_issue`` (``scripts/links_issue.py``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlprep.github.client import LABELS, Issue, Issues
from mlprep.github.markdown import fence, table_code, table_url, tail

LABEL = "broken-links"
MARKER = "<!-- mlprep:broken-links -->"
_STATE = re.compile(r"<!-- mlprep:dead ([0-9a-f ]*) -->")
_RUN_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?/[A-Za-z0-9._/-]+")
TITLE_DEAD = "Dead external links"
TITLE_FAILED = "The nightly link check could not run"
BODY_LIMIT = 65_536  # GitHub's limit on an issue body or comment
LOG_LINES = 40
NEW_ROWS = 50  # dead links listed in one comment; the body has them all


@dataclass
class Run:
    """What the nightly check left behind."""

    code: int | None  # None: the check step never said (the job failed before it)
    run_url: str
    report_md: str | None = None
    links: list[dict[str, Any]] | None = None  # the JSON report's "links"
    log: str | None = None

    @property
    def link(self) -> str:
        """The run as a Markdown link when its address is a plain one (it comes from the workflow)."""
        return f"[this run]({self.run_url})" if _RUN_URL.fullmatch(self.run_url) else "this run"

    @property
    def dead(self) -> list[dict[str, Any]]:
        return [link for link in self.links or [] if link.get("verdict") == "dead"]


def key(address: str) -> str:
    """A dead URL's digest in the issue's hidden state: short, and inert whatever the URL holds."""
    return hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def own_issue(issues: list[Issue]) -> Issue | None:
    """The job's own open issue: its body starts with the marker (a person's issue does not)."""
    own = [i for i in issues if i.body.lstrip().startswith(MARKER)]
    return min(own, key=lambda i: i.number) if own else None


def known_dead(body: str) -> set[str]:
    match = _STATE.search(body)
    return set(match.group(1).split()) if match else set()


def _cut(report: str, room: int) -> str:
    """The report cut to ``room`` characters at a table row, heading or blank line, never inside a code block."""
    if len(report) <= room:
        return report
    lines = report[:room].split("\n")[:-1]
    while lines and not (lines[-1] == "" or lines[-1].startswith(("|", "#"))):
        lines.pop()
    return "\n".join(lines) + "\n\n> The report is cut here; the run's `link-report` artifact has all of it.\n"


def _state(dead: list[dict[str, Any]]) -> str:
    return f"{MARKER}\n<!-- mlprep:dead {' '.join(sorted(key(str(d['url'])) for d in dead))} -->\n"


def issue_body(run: Run) -> str:
    """The marker, the hidden digests of the dead URLs, the report (cut to fit), and where it came from."""
    assert run.report_md is not None
    head = _state(run.dead)
    foot = (
        f"\n\nFrom {run.link} of the nightly link check. This issue is kept by the workflow "
        "(`.github/workflows/links.yml`): it is updated each night and closes itself when the check is clean.\n"
    )
    return head + _cut(run.report_md, BODY_LIMIT - len(head) - len(foot) - 200) + foot


def failure_text(run: Run) -> str:
    if run.code is None:
        what = "did not report a result (the job failed before the check finished)"
    elif run.code == 1:
        what = "found dead links but left no report"
    else:
        what = f"exited with code {run.code}"
    lines = [
        f"**The nightly link check could not run**: it {what} in {run.link}. "
        "The links were not checked, so this report may be out of date until a run succeeds.",
        "",
    ]
    if run.log and run.log.strip():
        lines += ["The last lines of its log:", "", fence(tail(run.log, LOG_LINES), "text")]
    else:
        lines += ["No log was saved: see the run's own log."]
    return "\n".join(lines) + "\n"


def new_dead_comment(new: list[dict[str, Any]], run: Run) -> str:
    count = len(new)
    lines = [
        f"**{count} new dead link{'s' if count != 1 else ''}** found by {run.link}:",
        "",
        "| URL | problem | where to fix |",
        "| --- | --- | --- |",
    ]
    for link in sorted(new, key=lambda d: str(d["url"]))[:NEW_ROWS]:
        where = "<br>".join(table_code(str(s)) for s in link.get("sources") or []) or "not found in data/ or docs/"
        lines.append(f"| {table_url(str(link['url']))} | {table_code(str(link.get('detail') or ''))} | {where} |")
    if count > NEW_ROWS:
        lines += ["", f"and {count - NEW_ROWS} more: the issue above lists every dead link."]
    return "\n".join(lines) + "\n"


def _open(api: Issues, title: str, body: str) -> int:
    color, description = LABELS[LABEL]
    api.ensure_label(LABEL, color, description)
    return api.create_issue(title, body, [LABEL])


def sync(api: Issues, run: Run) -> list[str]:
    """Bring the job's issue up to date with one nightly run; returns what was done (our own words only)."""
    done: list[str] = []
    issue = own_issue(api.open_issues(LABEL))
    if run.code == 0:
        if issue is None:
            return ["no dead links, and no issue of ours is open"]
        api.comment(issue.number, f"The link check is clean again ({run.link}): closing.\n")
        api.close_issue(issue.number)
        return [f"closed #{issue.number}"]
    if run.code == 1 and run.links is not None and run.report_md is not None:
        dead, body = run.dead, issue_body(run)
        if issue is None:
            return [f"opened #{_open(api, TITLE_DEAD, body)} with {len(dead)} dead link(s)"]
        before = known_dead(issue.body)
        new = [d for d in dead if key(str(d["url"])) not in before]
        api.edit_issue(issue.number, title=TITLE_DEAD, body=body)
        done.append(f"updated #{issue.number}: {len(dead)} dead link(s)")
        if new:
            api.comment(issue.number, new_dead_comment(new, run))
            done.append(f"commented on #{issue.number}: {len(new)} new dead link(s)")
        return done
    text = failure_text(run)
    if issue is None:
        return [f"opened #{_open(api, TITLE_FAILED, _state([]) + text)}: the check failed"]
    api.comment(issue.number, text)
    return [f"commented on #{issue.number}: the check failed"]


def _read(path: Path | None) -> str | None:
    if path is None or not path.is_file():
        return None
    return path.read_text(encoding="utf-8", errors="replace")


def load_run(code: str, run_url: str, report_md: Path | None, report_json: Path | None, log: Path | None) -> Run:
    """The run as the workflow hands it over: the check step's exit code (maybe empty) and its files."""
    number = int(code) if code.strip().isdigit() else None
    links = None
    text = _read(report_json)
    if text is not None:
        try:
            links = list(json.loads(text)["links"])
        except (ValueError, KeyError, TypeError):
            links = None
    return Run(number, run_url, _read(report_md), links, _read(log))
