"""`mkdocs serve` rebuilds when a data file changes, and reads the data afresh."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            body: bytes = resp.read()
            return body.decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, limit: float = 90) -> bool:
    """Poll until the page holds ``text``; the limit only bounds a broken run."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def served(project: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # serve mounts the site under site_url's path, as GitHub Pages will.
        base = urlsplit(yaml.safe_load((project / "mkdocs.yml").read_text())["site_url"]).path
        url = f"http://127.0.0.1:{port}{base}"
        assert _wait_for(url + "stories/", "Emma Ding"), "mkdocs serve did not come up"
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_data_edit_triggers_rebuild(project: Path, served: str) -> None:
    stories = project / "data" / "stories.yml"
    stories.write_text(stories.read_text().replace("person: Emma Ding", "person: Emma Ding-Renamed"))
    assert _wait_for(served + "stories/", "Emma Ding-Renamed")
