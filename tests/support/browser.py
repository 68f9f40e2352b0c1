"""Headless Chromium for browser tests: Debian's chromium driven by Playwright.

Playwright cannot download its own browser here, so it launches the system
binary through ``executable_path``. Without a browser the tests skip with a
reason, except under CI (``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.support.ci import in_ci

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
# Chromium's background services would try to reach the internet on start.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """The browser to launch, or skip (fail under CI) when there is none."""
    found = os.environ.get("CHROMIUM_PATH") or next(filter(None, map(shutil.which, CANDIDATES)), None)
    if found:
        return found
    reason = "no Chromium found (install Debian's chromium or set CHROMIUM_PATH)"
    if in_ci():
        pytest.fail(f"{reason}; browser tests must run in CI")
    pytest.skip(reason)
