"""Rebuild latency under `mkdocs serve`: from saving data/resources.yml to the served page showing it."""

from __future__ import annotations

import re
import shutil
import socket
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from bench import ROOT
from bench.projects import BIN, ENV, config, make_ours
from bench.synthetic import DATA_FILES

# --- rebuild latency under `mkdocs serve` ----------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            body: bytes = resp.read()
            return body.decode("utf-8")
    except OSError:
        return None


def wait_for(check: Callable[[], bool], timeout: float, step: float = 0.01) -> bool:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if check():
            return True
        time.sleep(step)
    return False


@contextmanager
def serving(project: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` on a free loopback port; yields the site's base URL (site_url's path)."""
    port = free_port()
    path = urlsplit(config(project).get("site_url") or "/").path or "/"
    with log.open("w") as err:  # a file, not a pipe: a full pipe would stall the server
        proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    base = f"http://127.0.0.1:{port}{path}"
    try:
        if not wait_for(lambda: fetch(base + "resources/") is not None, timeout=60, step=0.2):
            raise SystemExit(f"mkdocs serve did not come up:\n{log.read_text()[-3000:]}")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def rebuild_latency(work: Path, edits: int) -> dict[str, Any]:
    """Seconds from saving data/resources.yml to the served page showing the edit (real catalog)."""
    project = make_ours(work / "serve", {n: yaml.safe_load((ROOT / "data" / n).read_text()) for n in DATA_FILES})
    shutil.copy(ROOT / "data" / "resources.yml", project / "data" / "resources.yml")  # the real file, as written
    data_file = project / "data" / "resources.yml"
    original = data_file.read_text(encoding="utf-8")
    anchor = "The free online book this guide is drawn from."
    assert anchor in original, "bench: the edited sentence is gone from data/resources.yml; pick another"
    latencies, builds = [], []
    log = work / "serve.log"
    with serving(project, log) as base:
        for i in range(edits):
            time.sleep(1.0)  # let the watcher settle after the previous build
            token = f"bench-edit-{i}-{time.time_ns()}"
            data_file.write_text(original.replace(anchor, f"{anchor} {token}"), encoding="utf-8")
            start = time.perf_counter()

            def shows_edit(token: str = token) -> bool:
                return token in (fetch(base + "resources/") or "")

            if not wait_for(shows_edit, timeout=30):
                raise SystemExit("bench: the edit never reached the served page")
            latencies.append(time.perf_counter() - start)
            built = BUILT.findall(log.read_text(errors="replace"))
            builds.append(float(built[-1]) if built else float("nan"))
    return {
        "resources_yml_bytes": len(original.encode()),
        "latencies_s": latencies,
        "median_s": statistics.median(latencies),
        "max_s": max(latencies),
        # MkDocs' own "Documentation built in" figure for each rebuild; the rest of the
        # latency is the watcher noticing the edit (it polls every 0.5 s) and the debounce.
        "build_s": builds,
        "median_build_s": statistics.median(builds),
    }
