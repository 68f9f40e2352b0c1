"""Build-cost benchmark: our hooks against the floor (the same Markdown as plain pages) and a peer.

    python3 scripts/dev.py bench                      # or: make bench
    .venv/bin/python scripts/bench_build.py --sizes 100 1000 --reps 3 --json out.json

For each size it generates a synthetic catalog (real entries first, then
variations of them) with timeline tasks and stories citing the resources, and
builds three projects from it, in fresh `mkdocs build` processes, alternating
their order:

- ours:   the real mkdocs.yml, docs/ and hooks/ over the synthetic data/;
- static: the Markdown our templates produced for that data, written as plain
          pages, hooks switched off (same theme and extensions): the floor;
- macros: static, except that the resources page is a mkdocs-macros page that
          reads data/resources.yml with `include_yaml` and loops over it in Jinja.

Then it times `mkdocs serve` rebuilding after a data edit at the real catalog's
size, and profiles one in-process build at the largest size. Wall times are
medians; the machine is shared, so expect noise of a few per cent.

With --engines it builds the `ours` project with MkDocs, ProperDocs and Zensical
instead, alternating, and writes bench/results-engines.json (beside --json);
--write-docs then fills the Build cost section of docs/engines.md.

    python3 scripts/dev.py bench --engines --write-docs
    python3 scripts/dev.py bench --from-json bench/results-engines.json   # only the docs section
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import ROOT
from bench.engines import ENGINES, bench_engines
from bench.profiling import profile
from bench.projects import bench_size
from bench.rebuild import rebuild_latency
from bench.report import DOCS, ENGINE_DOCS, engines_table, profile_table, table, write_docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--reps", type=int, default=5, help="timed builds per project and size (after one warm-up)")
    parser.add_argument("--large-reps", type=int, default=3, help="reps at 10,000 resources and above")
    parser.add_argument("--no-warmup", action="store_true", help="skip the untimed first build of each project")
    parser.add_argument("--edits", type=int, default=5, help="data edits timed under mkdocs serve (0: skip)")
    parser.add_argument("--profile-size", type=int, default=None, help="default: the largest size (0: skip)")
    parser.add_argument(
        "--json",
        type=Path,
        default=ROOT / "bench" / "results.json",
        help="where the results go (default: bench/results.json; with --engines, NAME-engines.json beside it)",
    )
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help=f"put the tables into {DOCS.relative_to(ROOT)} (with --engines: {ENGINE_DOCS.relative_to(ROOT)})",
    )
    parser.add_argument("--docs", type=Path, help="the page --write-docs and --from-json fill instead")
    parser.add_argument("--from-json", type=Path, help="only turn an earlier run's JSON into the docs tables")
    parser.add_argument(
        "--engines",
        nargs="*",
        choices=ENGINES,
        help="time MkDocs, ProperDocs and Zensical on the same projects instead (or MkDocs and the engines named)",
    )
    args = parser.parse_args(argv)
    if args.from_json:
        page = write_docs(json.loads(args.from_json.read_text(encoding="utf-8")), args.docs)
        print(f"updated {page}")
        return 0

    results: list[dict[str, Any]] = []
    out: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "sizes": results,
    }
    if args.engines is not None:
        return engines(args, out)
    with tempfile.TemporaryDirectory(prefix="mlprep-bench-") as tmp:
        work = Path(tmp)
        for n in args.sizes:
            reps = args.large_reps if n >= 10000 else args.reps
            print(f"building {n:,} resources: 3 projects x {reps} alternating builds ...", file=sys.stderr, flush=True)
            results.append(bench_size(n, reps, work, warmup=not args.no_warmup))
        if results:
            print("\nBuild time, median of alternating runs (a fresh `mkdocs build` process each):\n")
            print(table(results))
        if args.edits:
            print(f"\ntiming {args.edits} rebuilds under mkdocs serve ...", file=sys.stderr, flush=True)
            out["rebuild"] = rebuild_latency(work, args.edits)
            r = out["rebuild"]
            print(
                f"\nRebuild after editing data/resources.yml ({r['resources_yml_bytes'] / 1024:.0f} KiB, "
                f"the real catalog) under `mkdocs serve`: median {r['median_s']:.2f} s, max {r['max_s']:.2f} s "
                f"over {len(r['latencies_s'])} edits; of which MkDocs' rebuild: median {r['median_build_s']:.2f} s"
            )
        size = args.profile_size if args.profile_size is not None else max(args.sizes, default=0)
        if size:
            print(f"\nprofiling one build at {size:,} resources ...", file=sys.stderr, flush=True)
            out["profile"] = profile(size, work)
            print(f"\nWhere an in-process build of ours spends its time at {size:,} resources (cProfile):\n")
            print(profile_table(out["profile"]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    if args.write_docs:
        print(f"updated {write_docs(out, args.docs)}")
    return 0


def engines(args: argparse.Namespace, out: dict[str, Any]) -> int:
    """The engine comparison: each size built by every engine, alternating, in one run."""
    chosen = tuple(e for e in ENGINES if e == "mkdocs" or not args.engines or e in args.engines)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="mlprep-engines-") as tmp:
        for n in args.sizes:
            reps = args.large_reps if n >= 10000 else args.reps
            print(
                f"building {n:,} resources with {len(chosen)} engines x {reps} alternating builds ...",
                file=sys.stderr,
                flush=True,
            )
            results.append(bench_engines(n, reps, Path(tmp), chosen, warmup=not args.no_warmup))
    print("\nBuild time by engine, median of alternating runs (a fresh process each):\n")
    print(engines_table(results))
    out = out | {"engines": results}
    del out["sizes"]  # the main benchmark's rows; this run has none
    path = args.json.with_name(args.json.stem + "-engines.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {path}")
    if args.write_docs:
        print(f"updated {write_docs(out, args.docs)}")
    return 0
