"""A loopback HTTP server for the built site and the link lists LinkChecker starts from.

LinkChecker reads pages over HTTP rather than ``file://`` (where root-absolute
links and ``dir/#anchor`` fail). Each LinkChecker process starts from one
generated list page of the URLs it should check, so what is fetched is exactly
the content links we chose, each once.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

LIST_PREFIX = "/_linkcheck/"


def list_page(urls: list[str]) -> bytes:
    items = "\n".join(f'<li><a href="{html.escape(url, quote=True)}">{html.escape(url)}</a></li>' for url in urls)
    head = "<!doctype html><html><head><meta charset=utf-8><title>links</title></head>"
    return f"{head}<body><ul>\n{items}\n</ul></body></html>\n".encode()


class _Handler(SimpleHTTPRequestHandler):
    pages: dict[str, bytes]

    def __init__(self, *args: Any, pages: dict[str, bytes], **kwargs: Any) -> None:
        self.pages = pages
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        body = self.pages.get(self.path)
        if body is None:
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # LinkChecker's own output is the record


class SiteServer:
    """The running server: ``publish`` a list of URLs, get the address to start LinkChecker from."""

    def __init__(self, httpd: ThreadingHTTPServer, pages: dict[str, bytes]) -> None:
        self._httpd = httpd
        self._pages = pages
        self._count = 0
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def publish(self, urls: list[str]) -> str:
        with self._lock:
            self._count += 1
            path = f"{LIST_PREFIX}{self._count}.html"
        self._pages[path] = list_page(urls)
        return self.base + path


@contextmanager
def serve_site(site: Path) -> Iterator[SiteServer]:
    """Serve ``site`` on 127.0.0.1 at a free port for the duration of the block."""
    pages: dict[str, bytes] = {}
    handler = partial(_Handler, directory=str(site), pages=pages)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield SiteServer(httpd, pages)
    finally:
        httpd.shutdown()
        httpd.server_close()
