"""The same project built by each engine, side by side: MkDocs (hooks), ProperDocs (hooks), Zensical (staged)."""

from __future__ import annotations

import resource
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


def timed(engine: str, project: Path, site: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(_command(engine, site), cwd=project, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{engine} build failed in {project}:\n{(done.stdout + done.stderr)[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_engines(n: int, reps: int, work: Path, engines: tuple[str, ...] = ENGINES) -> dict[str, Any]:
    """Every engine in ``engines`` (MkDocs first: the ratios are to it) builds one project at ``n`` resources."""
    project = make_ours(work / f"engines-{n}", synthesize(n))
    times: dict[str, list[float]] = {e: [] for e in engines}
    cpu: dict[str, list[float]] = {e: [] for e in engines}
    for engine in engines:  # warm-up
        timed(engine, project, work / f"site-{engine}-{n}")
    for rep in range(reps):
        turn = rep % len(engines)
        for engine in engines[turn:] + engines[:turn]:  # alternate which engine goes first
            wall, used = timed(engine, project, work / f"site-{engine}-{n}")
            times[engine].append(wall)
            cpu[engine].append(used)
    med = {e: statistics.median(v) for e, v in times.items()}
    return {
        "resources": n,
        "reps": reps,
        "times_s": times,
        "median_s": med,
        "median_cpu_s": {e: statistics.median(v) for e, v in cpu.items()},
        "over_mkdocs": {e: med[e] / med["mkdocs"] for e in engines},
    }


NAMES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs", "zensical": "Zensical"}
TIMED = {"zensical": "Zensical, staged"}  # its time includes staging the filled pages


def engines_table(results: list[dict[str, Any]]) -> str:
    """Wall-time medians and their ratios to MkDocs, and the same ratios in CPU time (steadier on a shared machine)."""
    built = [e for e in ENGINES if results and e in results[0]["median_s"]]
    others = [NAMES[e] for e in built if e != "mkdocs"]
    head = [f"{TIMED.get(e, NAMES[e])} (s)" for e in built]
    head += [f"{o}/MkDocs" for o in others] + [f"{o}/MkDocs, CPU" for o in others]
    lines = ["| " + " | ".join(["resources", *head]) + " |", "|" + " ---: |" * (1 + len(head))]
    for r in results:
        m, x, c = r["median_s"], r["over_mkdocs"], r["median_cpu_s"]
        cells = [f"{r['resources']:,}", *(f"{m[e]:.2f}" for e in built)]
        cells += [f"{x[e]:.2f}" for e in built if e != "mkdocs"]
        cells += [f"{c[e] / c['mkdocs']:.2f}" for e in built if e != "mkdocs"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
