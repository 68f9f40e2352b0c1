"""Browser pages for the interactive tests: a fixed "today", UTC, and every error collected."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tests.support.project import ROOT

# The planner's "today" in every interactive test, so past/future never depends on the real date.
TODAY = "2026-11-25"
SHOTS = ROOT / "build" / "screenshots"


@dataclass
class Watched:
    page: Any
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@contextmanager
def opened(browser: Any, *, dark: bool = False, javascript: bool = True, width: int = 1280) -> Iterator[Watched]:
    """A fresh context (empty storage) and page; fails the test on a console error or an off-machine request."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        timezone_id="UTC",
        locale="en-US",
        accept_downloads=True,
        java_script_enabled=javascript,
        color_scheme="dark" if dark else "light",
    )
    context.clock.set_fixed_time(f"{TODAY}T12:00:00Z")
    page = context.new_page()
    watched = Watched(page)
    page.on("console", lambda msg: watched.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watched.errors.append(str(exc)))

    def off_machine(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            watched.foreign.append(request.url)

    page.on("request", off_machine)
    try:
        yield watched
        assert watched.errors == [], watched.errors
        assert watched.foreign == [], watched.foreign
    finally:
        context.close()


# The page has loaded (styles, scripts, images, the search index) and nothing moves: no CSS
# animation or transition is running. What a test that measures or audits the page needs.
_AT_REST = "document.readyState === 'complete' && document.getAnimations().every(a => a.playState !== 'running')"


def at_rest(page: Any) -> None:
    """Wait until the page is loaded and still, instead of a fixed quiet time on the network."""
    page.wait_for_function(_AT_REST)


def screenshot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
