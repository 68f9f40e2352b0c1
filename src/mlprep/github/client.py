"""The few GitHub REST calls the workflows make: issues, comments, labels.

The nightly link check's issue (``links.issue``) and the labels command
(``cli.labels``) talk to GitHub through :class:`Issues`, a small interface; :class:`RestClient`
implements it over the REST API with the job's token, and the tests use a fake
that records every call. Standard library only: the jobs that run this install
nothing.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

# Every label a workflow or an issue form applies: name → (colour, description).
LABELS: dict[str, tuple[str, str]] = {
    "broken-links": ("B60205", "Dead external links found by the nightly check"),
    "resource": ("0E8A16", "A resource suggested for the guide (issue form)"),
}


class GitHubError(Exception):
    """A call GitHub refused or could not answer."""


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    labels: tuple[str, ...] = ()


class Issues(Protocol):
    """What the workflows need of a repository's issues."""

    def open_issues(self, label: str) -> list[Issue]: ...

    def create_issue(self, title: str, body: str, labels: list[str]) -> int: ...

    def edit_issue(self, number: int, *, title: str | None = None, body: str | None = None) -> None: ...

    def comment(self, number: int, body: str) -> None: ...

    def close_issue(self, number: int) -> None: ...

    def ensure_label(self, name: str, color: str, description: str) -> None: ...


class RestClient:
    """:class:`Issues` over GitHub's REST API (``api_url`` is GitHub's or a test server's)."""

    def __init__(self, repo: str, token: str, api_url: str = "https://api.github.com", timeout: float = 30) -> None:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repo):
            raise GitHubError(f"not a repository name: {repo!r} (owner/name)")
        self.base = f"{api_url.rstrip('/')}/repos/{repo}"
        self.token = token
        self.timeout = timeout

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> RestClient:
        """The client a workflow step has: GITHUB_REPOSITORY, GH_TOKEN or GITHUB_TOKEN, GITHUB_API_URL."""
        env = dict(os.environ) if env is None else env
        token = env.get("GH_TOKEN") or env.get("GITHUB_TOKEN")
        if not token:
            raise GitHubError("no token: set GH_TOKEN (the job's github.token)")
        repo = env.get("GITHUB_REPOSITORY") or ""
        return cls(repo, token, env.get("GITHUB_API_URL") or "https://api.github.com")

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "mlprep-workflows")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310 - https or a test server
                body = answer.read()
        except urllib.error.HTTPError as err:
            raise GitHubError(f"{method} {path}: HTTP {err.code} {_message(err.read())}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            raise GitHubError(f"{method} {path}: {err}") from None
        return json.loads(body) if body else None

    def open_issues(self, label: str) -> list[Issue]:
        found: list[Issue] = []
        query = urllib.parse.urlencode({"state": "open", "labels": label, "per_page": 100})
        for page in range(1, 51):
            batch = self._call("GET", f"/issues?{query}&page={page}")
            for item in batch:
                if "pull_request" in item:
                    continue  # the issues API lists pull requests too
                names = tuple(str(lab.get("name", "")) for lab in item.get("labels", []))
                title, body = str(item.get("title") or ""), str(item.get("body") or "")
                found.append(Issue(int(item["number"]), title, body, names))
            if len(batch) < 100:
                break
        return found

    def create_issue(self, title: str, body: str, labels: list[str]) -> int:
        return int(self._call("POST", "/issues", {"title": title, "body": body, "labels": labels})["number"])

    def edit_issue(self, number: int, *, title: str | None = None, body: str | None = None) -> None:
        changes = {k: v for k, v in (("title", title), ("body", body)) if v is not None}
        if changes:
            self._call("PATCH", f"/issues/{number}", changes)

    def comment(self, number: int, body: str) -> None:
        self._call("POST", f"/issues/{number}/comments", {"body": body})

    def close_issue(self, number: int) -> None:
        self._call("PATCH", f"/issues/{number}", {"state": "closed", "state_reason": "completed"})

    def ensure_label(self, name: str, color: str, description: str) -> None:
        try:
            self._call("POST", "/labels", {"name": name, "color": color, "description": description})
        except GitHubError as err:
            if "HTTP 422" not in str(err):  # 422: it exists already, perhaps with a colour a person chose
                raise


def _message(body: bytes) -> str:
    """GitHub's one-line reason from an error answer, printable."""
    try:
        text = str(json.loads(body).get("message", ""))
    except (ValueError, AttributeError):
        text = body.decode("utf-8", "replace")
    return "".join(ch for ch in text[:200] if ch.isprintable())


def form_labels(template_dir: Path) -> list[str]:
    """The labels the issue forms in ``template_dir`` apply (their ``labels:`` line)."""
    found: list[str] = []
    for form in sorted(template_dir.glob("*.y*ml")):
        for line in form.read_text(encoding="utf-8").splitlines():
            match = re.fullmatch(r"labels:\s*\[(.*)\]\s*", line)
            if match:
                found += [name.strip().strip("'\"") for name in match.group(1).split(",") if name.strip()]
    return sorted(set(found))


def ensure_labels(api: Issues, names: list[str]) -> list[str]:
    """Create each label that does not exist yet; returns the names asked for."""
    for name in names:
        if name not in LABELS:
            raise GitHubError(f"label {name!r} has no colour and description in mlprep.github.client.LABELS")
        color, description = LABELS[name]
        api.ensure_label(name, color, description)
    return names
