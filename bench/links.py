"""Benchmark: this link check vs plain LinkChecker vs lychee on a simulated loopback web.

    make bench-links            # or: .venv/bin/python scripts/bench_links.py

A few dozen pages cite 500+ URLs on 22 hosts (127.0.0.10-31) with the mix of the
tests: fine, slow, redirected, gone, flaky, rate-limited, walled, hidden by
robots.txt, resetting, hanging, unresolvable. Each tool gets a fresh copy of the
web and the site, defaults otherwise, and a wall-clock cap ("capped" if hit).
Prints wall time, dead links found, missed, and false alarms (a live or walled
URL called dead). Nothing leaves the machine: every host is on loopback and the
unresolvable ones are under .invalid.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench import ROOT
from mlprep.links.server import serve_site
from tests.support.fakeweb import FakeWeb, Route, closed_port  # the fake web of the link check's tests

BIN = Path(sys.executable).parent
HOSTS = [f"127.0.0.{n}" for n in range(10, 32)]
PATTERN = ["ok"] * 11 + [
    "slow",
    "chain",
    "r302",
    "404",
    "404",
    "410",
    "flaky",
    "ratelimit",
    "botwall",
    "robots-dead",
    "moved-dead",
    "robots-ok",
    "ok",
]
DEAD_KINDS = {"404", "410", "500", "reset", "hang", "robots-dead", "moved-dead", "dns", "refused"}


@dataclass
class World:
    web: FakeWeb
    site: Path
    truth: dict[str, str]  # url → kind


def routes_for(index: int) -> dict[str, Route]:
    kinds = list(PATTERN)
    if index % 5 == 0:
        kinds[0] = "500"
    if index % 7 == 0:
        kinds[1] = "reset"
    if index in (3, 11, 19):
        kinds[2] = "hang"
    routes: dict[str, Route] = {}
    for n, kind in enumerate(kinds):
        path = f"/{kind}/{n}" if not kind.startswith("robots") else f"/private/{kind}-{n}"
        routes[path] = {
            "ok": Route("ok"), "robots-ok": Route("ok"), "slow": Route("slow", seconds=1.5),
            "chain": Route("redirect", to=f"/hop/{n}", code=301), "r302": Route("redirect", to=f"/final/{n}", code=302),
            "404": Route("status", code=404), "410": Route("status", code=410), "500": Route("status", code=500),
            "flaky": Route("flaky", code=503, failures=1), "ratelimit": Route("ratelimit", seconds=2),
            "botwall": Route("botwall", code=403), "robots-dead": Route("status", code=404),
            "moved-dead": Route("redirect", to=f"/nowhere/{n}", code=301), "reset": Route("reset"),
            "hang": Route("hang", seconds=300),
        }[kind]  # fmt: skip
        if kind == "chain":
            routes[f"/hop/{n}"] = Route("redirect", to=f"/final/{n}", code=308)
        if kind in ("chain", "r302"):
            routes[f"/final/{n}"] = Route("ok")
    return routes


def make_world(tmp: Path, pages: int, seed: int) -> World:
    web = FakeWeb()
    truth: dict[str, str] = {}
    for i, address in enumerate(HOSTS):
        routes = routes_for(i)
        host = web.add(address, routes, robots="User-agent: *\nDisallow: /private/\n")
        for path in routes:
            if path.startswith(("/hop/", "/final/")):
                continue
            kind = path.split("/")[1] if not path.startswith("/private/") else path.split("/")[2].rsplit("-", 1)[0]
            truth[host.url(path)] = kind
    for n in range(4):
        truth[f"http://gone-{n}.example.invalid/page"] = "dns"
    for n in range(2):
        truth[f"http://127.0.0.40:{closed_port('127.0.0.40')}/x{n}"] = "refused"
    rng = random.Random(seed)
    urls = sorted(truth)
    cites: dict[int, list[str]] = {p: [] for p in range(pages)}
    for url in urls:  # every URL on 1 to 3 pages
        for p in rng.sample(range(pages), rng.randint(1, 3)):
            cites[p].append(url)
    site = tmp / "site"
    site.mkdir()
    index = "".join(f'<li><a href="p{p:02d}/">page {p}</a></li>' for p in range(pages))
    (site / "index.html").write_text(f"<!doctype html><html><body><article><ul>{index}</ul></article></body></html>")
    for p, links in cites.items():
        (site / f"p{p:02d}").mkdir()
        items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
        (site / f"p{p:02d}" / "index.html").write_text(
            f"<!doctype html><html><body><article><ul>{items}</ul></article></body></html>"
        )
    return World(web, site, truth)


def run(command: list[str], cap: float, cwd: Path) -> tuple[float, str | None, bool]:
    """Wall time, stdout (None if capped), capped."""
    began = time.monotonic()
    proc = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
    )
    try:
        out, _ = proc.communicate(timeout=cap)
        return time.monotonic() - began, out, False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return time.monotonic() - began, None, True


def ours(world: World, tmp: Path, cap: float) -> tuple[float, set[str] | None]:
    out = tmp / "ours.json"
    script, config = ROOT / "scripts" / "check_links.py", ROOT / "linkcheck.toml"
    command = [sys.executable, str(script), str(world.site), "--config", str(config), "--no-cache", "--no-archive"]
    command += ["--json", str(out)]
    wall, stdout, capped = run(command, cap, tmp)
    if capped or not out.exists():
        return wall, None
    return wall, {link["url"] for link in json.loads(out.read_text())["links"] if link["verdict"] == "dead"}


def plain_linkchecker(world: World, tmp: Path, cap: float) -> tuple[float, set[str] | None]:
    with serve_site(world.site) as server:
        start = server.base + "/index.html"
        wall, stdout, capped = run(
            [str(BIN / "linkchecker"), "--check-extern", "--no-status", "-v", "-o", "csv", start], cap, tmp
        )
    if capped or stdout is None:
        return wall, None
    import csv
    import io

    rows = csv.DictReader(
        io.StringIO("".join(line for line in stdout.splitlines(True) if not line.startswith("#"))), delimiter=";"
    )
    return wall, {r["urlname"] for r in rows if r.get("valid") == "False"}


def lychee(world: World, tmp: Path, cap: float) -> tuple[float, set[str] | None]:
    out = tmp / "lychee.json"
    wall, stdout, capped = run(
        [str(BIN / "lychee"), "--no-progress", "--format", "json", "--output", str(out), str(world.site)], cap, tmp
    )
    if capped or not out.exists():
        return wall, None
    data = json.loads(out.read_text())
    # lychee files timeouts apart from errors; both are dead links it reports. It
    # skips .invalid (and example) hosts by default, so those count as missed.
    found = set()
    for key in ("error_map", "fail_map", "timeout_map"):
        found |= {item["url"] for items in (data.get(key) or {}).values() for item in items}
    return wall, found


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=36)
    p.add_argument("--cap", type=float, default=480, help="wall-clock cap per tool, seconds")
    p.add_argument("--seed", type=int, default=4)
    p.add_argument("--only", nargs="*", default=["this check", "LinkChecker", "lychee"])
    args = p.parse_args(argv)
    tools = {"this check": ours, "LinkChecker": plain_linkchecker, "lychee": lychee}
    rows = []
    for name in args.only:
        with tempfile.TemporaryDirectory(prefix="bench-links-") as tmp_name:
            tmp = Path(tmp_name)
            os.chmod(tmp, 0o755)  # LinkChecker, run as root, reads as 'nobody'
            world = make_world(tmp, args.pages, args.seed)
            dead = {u for u, k in world.truth.items() if k in DEAD_KINDS}
            print(
                f"{name}: {len(world.truth)} URLs ({len(dead)} dead) on {len(HOSTS)} hosts, {args.pages} pages ...",
                file=sys.stderr,
                flush=True,
            )
            try:
                wall, found = tools[name](world, tmp, args.cap)
            finally:
                world.web.close()
            if found is None:
                rows.append((name, f"capped at {args.cap:.0f} s", "-", "-", "-", ""))
            else:
                found &= set(world.truth)
                kinds = Counter(world.truth[u] for u in dead - found) + Counter(world.truth[u] for u in found - dead)
                which = ", ".join(f"{kind} ×{n}" for kind, n in sorted(kinds.items()))
                rows.append(
                    (
                        name,
                        f"{wall:.1f} s",
                        str(len(found & dead)),
                        str(len(dead - found)),
                        str(len(found - dead)),
                        which,
                    )
                )
    head = ("tool", "wall time", "dead found", "dead missed", "false alarms", "kinds missed or falsely alarmed")
    print("| " + " | ".join(head) + " |\n|" + " --- |" * len(head))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0
