"""A repository's issues without GitHub: an in-memory fake that records calls, and a loopback REST API over it.

``FakeIssues`` implements ``mlprep.github.client.Issues`` for the issue logic's tests;
``FakeGitHubAPI`` serves the same state over HTTP on 127.0.0.1 with the REST
paths ``RestClient`` calls, so the real client and the CLI run end to end.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from mlprep.github.client import Issue


@dataclass
class StoredIssue:
    number: int
    title: str
    body: str
    labels: list[str]
    state: str = "open"
    comments: list[str] = field(default_factory=list)
    pull_request: bool = False


@dataclass
class FakeIssues:
    issues: dict[int, StoredIssue] = field(default_factory=dict)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, title: str, body: str, labels: list[str], *, pull_request: bool = False) -> int:
        """An issue filed by someone else (a person, or an earlier run)."""
        number = max(self.issues, default=0) + 1
        self.issues[number] = StoredIssue(number, title, body, list(labels), pull_request=pull_request)
        return number

    def open_issues(self, label: str) -> list[Issue]:
        self.calls.append(("list", label))
        return [
            Issue(i.number, i.title, i.body, tuple(i.labels))
            for i in self.issues.values()
            if i.state == "open" and label in i.labels and not i.pull_request
        ]

    def create_issue(self, title: str, body: str, labels: list[str]) -> int:
        self.calls.append(("create", title))
        number = max(self.issues, default=0) + 1
        self.issues[number] = StoredIssue(number, title, body, list(labels))
        return number

    def edit_issue(self, number: int, *, title: str | None = None, body: str | None = None) -> None:
        self.calls.append(("edit", number))
        issue = self.issues[number]
        issue.title = title if title is not None else issue.title
        issue.body = body if body is not None else issue.body

    def comment(self, number: int, body: str) -> None:
        self.calls.append(("comment", number))
        self.issues[number].comments.append(body)

    def close_issue(self, number: int) -> None:
        self.calls.append(("close", number))
        self.issues[number].state = "closed"

    def ensure_label(self, name: str, color: str, description: str) -> None:
        self.calls.append(("label", name))
        self.labels.setdefault(name, (color, description))

    def writes(self, number: int) -> list[tuple[Any, ...]]:
        """The calls that changed issue ``number``."""
        return [c for c in self.calls if c[0] in {"edit", "comment", "close"} and c[1] == number]


@dataclass
class FakeGitHubAPI:
    """The REST API over a ``FakeIssues``; ``requests`` keeps (method, path, auth header) of each call."""

    state: FakeIssues
    token: str = "test-token"
    requests: list[tuple[str, str, str]] = field(default_factory=list)
    url: str = ""

    def handle(self, method: str, target: str, auth: str, payload: Any) -> tuple[int, Any]:
        self.requests.append((method, target, auth))
        if auth != f"Bearer {self.token}":
            return 401, {"message": "Bad credentials"}
        parts = urlsplit(target)
        query = parse_qs(parts.query)
        match = re.fullmatch(r"/repos/owner/repo(/.*)", parts.path)
        if not match:
            return 404, {"message": "Not Found"}
        path = match.group(1)
        s = self.state
        if method == "GET" and path == "/issues":
            assert query.get("state") == ["open"]
            page, per_page = int(query.get("page", ["1"])[0]), int(query.get("per_page", ["30"])[0])
            items = [i for i in s.issues.values() if i.state == "open" and query["labels"][0] in i.labels]
            chunk = items[(page - 1) * per_page : page * per_page]
            return 200, [self._json(i) for i in chunk]
        if method == "POST" and path == "/issues":
            return 201, {"number": s.create_issue(payload["title"], payload["body"], payload["labels"])}
        if method == "POST" and path == "/labels":
            if payload["name"] in s.labels:
                return 422, {"message": "Validation Failed"}
            s.ensure_label(payload["name"], payload["color"], payload["description"])
            return 201, {}
        if found := re.fullmatch(r"/issues/(\d+)/comments", path):
            s.comment(int(found.group(1)), payload["body"])
            return 201, {}
        if (found := re.fullmatch(r"/issues/(\d+)", path)) and method == "PATCH":
            number = int(found.group(1))
            if payload.get("state") == "closed":
                s.close_issue(number)
            else:
                s.edit_issue(number, title=payload.get("title"), body=payload.get("body"))
            return 200, {}
        return 404, {"message": "Not Found"}

    @staticmethod
    def _json(issue: StoredIssue) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": issue.number,
            "title": issue.title,
            "body": issue.body,
            "labels": [{"name": n} for n in issue.labels],
        }
        if issue.pull_request:
            data["pull_request"] = {"url": "…"}
        return data


@contextmanager
def serve_api(api: FakeGitHubAPI) -> Iterator[FakeGitHubAPI]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length)) if length else None
            code, body = api.handle(self.command, self.path, self.headers.get("Authorization", ""), payload)
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = _serve  # noqa: N815

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
