"""The same project built by each engine, side by side: MkDocs (hooks), ProperDocs (hooks), Zensical (staged)."""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.projects import BIN, ENV, make_ours
from bench.synthetic import synthesize

ENGINES = ("mkdocs", "properdocs", "zensical")


def _command(engine: str, site: Path) -> list[str]:
    # The commands scripts/dev.py runs; Zensical's includes staging the filled pages (part of its cost).
    return {
        "mkdocs": [str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(site)],
        "properdocs": [str(BIN / "properdocs"), "build", "--quiet", "-f", "mkdocs.yml", "--site-dir", str(site)],
        "zensical": [sys.executable, "-m", "mlprep.cli.build_zensical", "--site-dir", str(site)],
    }[engine]


# Zensical keeps a build cache beside the staged config; a warm one roughly halves its CPU time at 10,000
# resources. MkDocs and ProperDocs keep none, and the deploy builds from a fresh checkout, so every timed
# Zensical build starts without it.
CACHES = {"zensical": Path("build", "zensical", ".cache")}


def timed(engine: str, project: Path, site: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build in a fresh process, from cold: the engine's cache, if any, removed."""
    if engine in CACHES:
        shutil.rmtree(project / CACHES[engine], ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(_command(engine, site), cwd=project, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{engine} build failed in {project}:\n{(done.stdout + done.stderr)[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_engines(
    n: int, reps: int, work: Path, engines: tuple[str, ...] = ENGINES, *, warmup: bool = True
) -> dict[str, Any]:
    """Every engine in ``engines`` (MkDocs first: the ratios are to it) builds one project at ``n`` resources.

    After one untimed build each (``warmup``), every rep builds with each engine in turn, the first engine
    rotating from rep to rep, so a spell of load on the shared machine falls on all of them alike.
    """
    project = make_ours(work / f"engines-{n}", synthesize(n))
    times: dict[str, list[float]] = {e: [] for e in engines}
    cpu: dict[str, list[float]] = {e: [] for e in engines}
    for engine in engines if warmup else ():
        timed(engine, project, work / f"site-{engine}-{n}")
    for rep in range(reps):
        turn = rep % len(engines)
        for engine in engines[turn:] + engines[:turn]:  # alternate which engine goes first
            wall, used = timed(engine, project, work / f"site-{engine}-{n}")
            times[engine].append(wall)
            cpu[engine].append(used)
    med = {e: statistics.median(v) for e, v in times.items()}
    med_cpu = {e: statistics.median(v) for e, v in cpu.items()}
    return {
        "resources": n,
        "reps": reps,
        "warmup": warmup,
        "times_s": times,
        "cpu_s": cpu,
        "median_s": med,
        "median_cpu_s": med_cpu,
        "over_mkdocs": {e: med[e] / med["mkdocs"] for e in engines},
        "cpu_over_mkdocs": {e: med_cpu[e] / med_cpu["mkdocs"] for e in engines},
    }
