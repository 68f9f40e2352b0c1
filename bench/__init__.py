"""The benchmarks behind ``scripts/bench_build.py`` (build cost: see ``cli`` for what it measures) and
``scripts/bench_links.py`` (the link check against LinkChecker and lychee: ``links``).

Kept beside ``src/``, not in the shipped ``mlprep`` package; its results JSON lives here too
(``results.json``, ``results-engines.json``).

One concern per module:

- ``synthetic``  the real data grown to n resources, written as a data/ directory
- ``projects``   the ours / static / macros projects, one timed ``mkdocs build``, one size
- ``rebuild``    rebuild latency under ``mkdocs serve`` after a data edit
- ``profiling``  cProfile of one in-process build, summed into the parts of a build
- ``engines``    the ours project built by MkDocs, ProperDocs and Zensical, alternating (``--engines``)
- ``report``     the tables, the Markdown, and the bench sections of docs/performance.md and docs/engines.md
- ``cli``        the command line: arguments, the run, the JSON results
- ``links``      the link-check benchmark on a simulated loopback web, and its command line
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repository: bench/ sits at its top, beside src/
