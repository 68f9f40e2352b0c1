"""A simulated web on loopback addresses, for the link-check tests and the benchmark.

Each host is a standard-library ``ThreadingHTTPServer`` on its own 127.0.0.x
address (all of 127.0.0.0/8 reaches ``lo`` on Linux); each path behaves like one
kind of real-world link: fine, slow, moved, gone, flaky, rate-limited, behind a
bot wall or robots.txt, hanging, trickling its answer, redirecting through a
long chain, resetting the connection, or answering with exact bytes no
well-behaved server sends. Nothing here leaves the machine.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Route:
    """How a path answers. ``kind`` is one of KINDS; ``to`` is a redirect target path or URL.

    A route keyed ``prefix*`` answers for every path under the prefix.
    """

    kind: str
    to: str = ""  # redirect target; ratelimit: the Retry-After text when not ``seconds`` (an HTTP date)
    code: int = 0
    # delay (slow), hang length (hang), Retry-After (flaky, ratelimit), seconds between bytes (trickle)
    seconds: float = 0.0
    failures: int = 1  # flaky: how many answers fail before it recovers
    reply: bytes = b""  # raw: the status line and any headers, sent as they are; an empty body follows


KINDS = {
    "ok", "slow", "redirect", "chain", "status", "flaky", "ratelimit", "botwall", "hang", "trickle", "reset",
    "robots", "wayback", "raw",
}  # fmt: skip
# What a desktop browser sends; link checkers say who they are ("compatible; LinkChecker", "lychee/").
BROWSER = re.compile(r"^Mozilla/5\.0 \((?:Windows|Macintosh|X11)")


@dataclass
class Host:
    address: str
    routes: dict[str, Route] = field(default_factory=dict)
    robots: str = ""  # robots.txt body; empty answers 404
    hits: dict[str, list[float]] = field(default_factory=dict)  # path → request times
    server: ThreadingHTTPServer | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://{self.address}:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        with self.lock:
            return len(self.hits.get(path, []))


def _by_prefix(routes: dict[str, Route], path: str) -> Route | None:
    """The route of the longest key written ``prefix*`` that ``path`` starts with.

    An archive's copies embed whole URLs in their paths, which clients encode
    in their own ways (LinkChecker writes a port's ``:`` as ``%3A``).
    """
    keys = [key for key in routes if key.endswith("*") and path.startswith(key[:-1])]
    return routes[max(keys, key=len)] if keys else None


def _handler(host: Host, stop: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

        def answer(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if "Content-Type" not in (headers or {}):
                self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:  # noqa: N802
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            with host.lock:
                times = host.hits.setdefault(path, [])
                times.append(time.monotonic())
                seen = len(times)
                previous = times[-2] if seen > 1 else None
            if path == "/robots.txt":
                self.answer(200 if host.robots else 404, host.robots.encode(), {"Content-Type": "text/plain"})
                return
            route = host.routes.get(path) or _by_prefix(host.routes, path)
            if route is None:
                self.answer(404, b"not found")
                return
            ok = b"<html><body>fine</body></html>"
            kind = route.kind
            if kind == "ok":
                self.answer(200, ok)
            elif kind == "slow":
                stop.wait(route.seconds)
                self.answer(200, ok)
            elif kind == "redirect":
                self.answer(route.code, headers={"Location": route.to})
            elif kind == "chain":
                # ``prefix*`` routes ``prefix<n>``: n > 0 redirects to ``prefix<n-1>``, 0 answers 200.
                head, _, left = path.rpartition("/")
                if left.isdigit() and int(left) > 0:
                    self.answer(route.code or 302, headers={"Location": f"{head}/{int(left) - 1}"})
                else:
                    self.answer(200, ok)
            elif kind in ("status", "robots"):
                self.answer(route.code, b"<html><body>error</body></html>")
            elif kind == "flaky":
                if seen <= route.failures:
                    self.answer(
                        route.code or 503, headers={"Retry-After": f"{route.seconds:g}"} if route.seconds else {}
                    )
                else:
                    self.answer(200, ok)
            elif kind == "ratelimit":
                # Like a real limiter: a retry sooner than Retry-After is refused again.
                if previous is None or times[-1] - previous < route.seconds:
                    self.answer(429, headers={"Retry-After": route.to or f"{route.seconds:g}"})
                else:
                    self.answer(200, ok)
            elif kind == "botwall":
                if BROWSER.match(self.headers.get("User-Agent") or ""):
                    self.answer(200, ok)
                else:
                    self.answer(route.code or 403, b"<html><body>are you a robot?</body></html>")
            elif kind == "hang":
                stop.wait(route.seconds)
                self.close_connection = True
            elif kind == "trickle":
                # One byte every ``seconds``: each read gets something, so no per-read timeout trips,
                # and the status line alone takes longer than any check will wait.
                reply = b"HTTP/1.1 200 " + b"O" * 4000 + b"K\r\nContent-Length: 0\r\n\r\n"
                self.close_connection = True
                for byte in reply:
                    if stop.wait(route.seconds or 1.0):
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:
                        return  # the client gave up
            elif kind == "wayback":
                # The Wayback availability API: a snapshot for every URL not containing ``to``.
                wanted = parse_qs(urlsplit(self.path).query).get("url", [""])[0]
                closest = {
                    "available": True,
                    "status": "200",
                    "timestamp": "20200101000000",
                    "url": f"{host.base}/web/20200101000000/{wanted}",
                }
                body = {
                    "url": wanted,
                    "archived_snapshots": {} if route.to and route.to in wanted else {"closest": closest},
                }
                self.answer(200, json.dumps(body).encode(), {"Content-Type": "application/json"})
            elif kind == "raw":
                # Bytes the standard library would not send: control characters in the reason phrase,
                # a line break inside it, anything in a header.
                self.close_connection = True
                self.wfile.write(route.reply + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            elif kind == "reset":
                # SO_LINGER 0 makes close() send RST: 'connection reset by peer'.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that give up (timeouts, resets) are part of the simulation


class FakeWeb:
    """Start hosts on loopback addresses; ``with FakeWeb() as web: web.add('127.0.0.2', routes)``."""

    def __init__(self) -> None:
        self.hosts: dict[str, Host] = {}
        self.stop = threading.Event()

    def add(self, address: str, routes: dict[str, Route], robots: str = "", port: int = 0) -> Host:
        host = Host(address, dict(routes), robots)
        server = _Server((address, port), _handler(host, self.stop))
        host.server = server
        threading.Thread(target=server.serve_forever, name=f"fakeweb-{address}", daemon=True).start()
        self.hosts[address] = host
        return host

    def close(self) -> None:
        self.stop.set()  # wakes hanging and slow answers
        for host in self.hosts.values():
            assert host.server is not None
            host.server.shutdown()
            host.server.server_close()

    def __enter__(self) -> FakeWeb:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def closed_port(address: str) -> int:
    """A port on ``address`` with nothing listening: connecting is refused."""
    with socket.socket() as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])
