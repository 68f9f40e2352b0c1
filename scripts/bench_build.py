#!/usr/bin/env python3
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
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner
KINDS = ("ours", "static", "macros")
DATA_FILES = ("resources.yml", "timeline.yml", "stories.yml")


# --- synthetic data -------------------------------------------------------------------------


def _variant(url: str, tag: str) -> str:
    """A distinct page on the same site: the guide refuses two entries that open the same page."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}/{tag}", fragment=""))


def synthesize(n: int, source: Path = ROOT / "data") -> dict[str, Any]:
    """The real data grown to ``n`` resources, with about n/10 tasks and n/100 stories citing them."""
    real = {name: yaml.safe_load((source / name).read_text(encoding="utf-8")) for name in DATA_FILES}
    catalog, timeline, stories = (copy.deepcopy(real[name]) for name in DATA_FILES)
    base = real["resources.yml"]["resources"]
    if n < len(base):  # the real timeline and stories cite real entries
        raise ValueError(f"at least {len(base)} resources, the size of the real catalog")
    resources = catalog["resources"]
    for i in range(len(resources), n):
        r = copy.deepcopy(base[i % len(base)])
        r["id"] = f"{r['id'][:40]}-{i}"
        r["title"] = f"{r['title']} ({i})"
        if r.get("url"):
            r["url"] = _variant(r["url"], f"r{i}")
        resources.append(r)
    catalog["resources"] = resources
    ids = [r["id"] for r in resources]

    phases = timeline["phases"]
    texts = [t["text"] for p in real["timeline.yml"]["phases"] for t in p["tasks"]]
    for j in range(n // 10):
        phases[j % len(phases)]["tasks"].append(
            {
                "id": f"bench-task-{j}",
                "text": texts[j % len(texts)],
                "resources": [ids[(3 * j + k) % n] for k in range(3)],
            }
        )
    people = real["stories.yml"]["stories"]
    for k in range(n // 100):
        s = copy.deepcopy(people[k % len(people)])
        s["id"] = f"{s['id']}-{k}"
        s["person"] = f"{s['person']} ({k})"
        s["resources"] = [ids[(7 * k + m) % n] for m in range(5)]
        for j, w in enumerate(s["writeups"]):
            w["url"] = _variant(w["url"], f"s{k}-{j}")
        stories["stories"].append(s)
    return {"resources.yml": catalog, "timeline.yml": timeline, "stories.yml": stories}


def write_data(data_dir: Path, data: dict[str, Any]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, content in data.items():
        text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=88)
        (data_dir / name).write_text(text, encoding="utf-8")


# --- the three projects ---------------------------------------------------------------------


def _config(project: Path) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


def _write_config(project: Path, config: dict[str, Any]) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


# What a build reads besides data/: everything at the top of the repo except these.
_NOT_FOR_BUILD = {".git", ".venv", "site", "data", "tests", "bench", "src", "scripts", ".github", ".cache"}


def make_ours(dst: Path, data: dict[str, Any]) -> Path:
    dst.mkdir(parents=True)
    for item in ROOT.iterdir():  # docs/, hooks/, overrides/, mkdocs.yml, files that snippets pull in
        if item.name in _NOT_FOR_BUILD or item.name.startswith(".pytest"):
            continue
        if item.is_dir():
            shutil.copytree(item, dst / item.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(item, dst / item.name)
    write_data(dst / "data", data)
    return dst


def make_static(ours: Path, dst: Path) -> Path:
    """The pages exactly as our hook hands them to MkDocs, as plain Markdown files."""
    from mlprep.guide import load_guide
    from mlprep.render import environment, fill_markers, render_blocks

    shutil.copytree(ours, dst, ignore=shutil.ignore_patterns("hooks", "__pycache__"))
    blocks = render_blocks(dst / "docs", load_guide(ours / "data"), environment(), display_root=dst)
    for page in sorted((dst / "docs").rglob("*.md")):
        out = fill_markers(page.read_text(encoding="utf-8"), blocks)
        if out is not None:
            page.write_text(out, encoding="utf-8")
    config = _config(dst)
    config.pop("hooks", None)
    _write_config(dst, config)
    return dst


MACROS_RESOURCES = """\
---
title: Resources
description: Courses, books, notes and communities for an ML job search, with cost, level and topics.
---

# Resources

{{ resources | length }} resources, grouped by type.

{% for type, items in resources | groupby("type") %}
## {{ type }} { #type-{{ type }} }

{% for r in items %}
<article class="guide-resource" id="{{ r.id }}" data-type="{{ r.type }}" data-cost="{{ r.cost }}" \
data-level="{{ r.level }}" data-topics="{{ r.topics | join(' ') }}" markdown>
<h3 class="guide-resource-title">{% if r.url %}<a href="{{ r.url | e }}" rel="noopener">{{ r.title | e }}</a>\
{% else %}<cite>{{ r.title | e }}</cite>{% endif %}</h3>
<p class="guide-meta"><span class="guide-author">{{ r.author | e }}</span> \
<span class="guide-badge guide-cost-{{ r.cost }}">{{ r.cost }}</span> <span class="guide-badge">{{ r.level }}</span></p>
<p>{{ r.description | e }}</p>
{%- if r.note %}
<p class="guide-note">{{ r.note | e }}</p>
{%- endif %}
<p class="guide-topics">Topics: {% for t in r.topics %}<span class="guide-topic">{{ t | replace("-", " ") }}</span>\
{% if not loop.last %}, {% endif %}{% endfor %}</p>
</article>
{% endfor %}
{% endfor %}
"""


def make_macros(static: Path, dst: Path) -> Path:
    """The common data-driven way: the resources page loops over `include_yaml` data in Jinja."""
    shutil.copytree(static, dst)
    (dst / "docs" / "resources.md").write_text(MACROS_RESOURCES, encoding="utf-8")
    config = _config(dst)
    config["plugins"] = [*config.get("plugins", []), {"macros": {"include_yaml": ["data/resources.yml"]}}]
    _write_config(dst, config)
    return dst


def build(project: Path, site: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `mkdocs build` in a fresh process, as a contributor runs it.

    CPU time (user + system of the child) is reported too: on a shared machine it
    moves far less than wall time when other work competes for the cores.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(site)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"mkdocs build failed in {project}:\n{done.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_size(n: int, reps: int, work: Path, warmup: bool = True) -> dict[str, Any]:
    data = synthesize(n)
    ours = make_ours(work / f"ours-{n}", data)
    projects = {"ours": ours, "static": make_static(ours, work / f"static-{n}")}
    projects["macros"] = make_macros(projects["static"], work / f"macros-{n}")
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    cpu: dict[str, list[float]] = {k: [] for k in KINDS}
    for kind in KINDS if warmup else ():  # warm-up: page cache, .pyc files
        build(projects[kind], work / f"site-{kind}-{n}")
    for rep in range(reps):
        order = KINDS[rep % 3 :] + KINDS[: rep % 3]  # alternate which build goes first
        for kind in order:
            wall, used = build(projects[kind], work / f"site-{kind}-{n}")
            times[kind].append(wall)
            cpu[kind].append(used)
    med = {k: statistics.median(v) for k, v in times.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    page = {k: (work / f"site-{k}-{n}" / "resources" / "index.html").stat().st_size for k in KINDS}
    return {
        "resources": n,
        "resources_yml_bytes": (ours / "data" / "resources.yml").stat().st_size,
        "reps": reps,
        "times_s": times,
        "median_s": med,
        "ours_over_static": med["ours"] / med["static"],
        "macros_over_static": med["macros"] / med["static"],
        "cpu_s": cpu,
        "median_cpu_s": med_cpu,
        "cpu_ours_over_static": med_cpu["ours"] / med_cpu["static"],
        "cpu_macros_over_static": med_cpu["macros"] / med_cpu["static"],
        "resources_page_bytes": page,
    }


# --- rebuild latency under `mkdocs serve` ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            body: bytes = resp.read()
            return body.decode("utf-8")
    except OSError:
        return None


def _wait_for(check: Callable[[], bool], timeout: float, step: float = 0.01) -> bool:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if check():
            return True
        time.sleep(step)
    return False


@contextmanager
def serving(project: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` on a free loopback port; yields the site's base URL (site_url's path)."""
    port = _free_port()
    path = urlsplit(_config(project).get("site_url") or "/").path or "/"
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
        if not _wait_for(lambda: _fetch(base + "resources/") is not None, timeout=60, step=0.2):
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
                return token in (_fetch(base + "resources/") or "")

            if not _wait_for(shows_edit, timeout=30):
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


# --- profile --------------------------------------------------------------------------------

# (label, file suffix, function name); cumulative times, so nested rows overlap.
PROFILE_ROWS = [
    ("whole build", "mkdocs/commands/build.py", "build"),
    ("  our hook's on_config: load, validate, render", "hooks/guide.py", "on_config"),
    ("    YAML, fast path (yaml-rs + checks)", "mlprep/fastyaml.py", "parse_fast"),
    ("    YAML, line-aware loader", "mlprep/yamlsource.py", "parse"),
    ("    pydantic validation", "mlprep/validate.py", "build"),
    ("    Jinja: our templates (render_blocks)", "mlprep/render.py", "render_blocks"),
    ("  Markdown to HTML (all pages)", "markdown/core.py", "convert"),
    ("  search index (Material's search plugin)", "material/plugins/search/plugin.py", "on_page_context"),
    ("  search index written", "material/plugins/search/plugin.py", "on_post_build"),
    ("  theme templates (all pages)", "mkdocs/commands/build.py", "_build_template"),
    ("  pages written", "mkdocs/utils/__init__.py", "write_file"),
]


def profile(n: int, work: Path) -> dict[str, Any]:
    """cProfile of one in-process build of `ours` at ``n`` resources."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project = make_ours(work / f"profile-{n}", synthesize(n))
    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(work / f"site-profile-{n}"))
        prof = cProfile.Profile()
        prof.enable()
        mkdocs_build(config)
        prof.disable()
    finally:
        os.chdir(cwd)
    stats = pstats.Stats(prof, stream=io.StringIO())
    cum: dict[str, float] = {}
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for label, suffix, name in PROFILE_ROWS:
            if func == name and file.replace(os.sep, "/").endswith(suffix):
                cum[label] = cum.get(label, 0.0) + ct
    total = cum.get("whole build") or 1.0
    rows = [
        {"part": label, "seconds": cum.get(label, 0.0), "share": cum.get(label, 0.0) / total}
        for label, _, _ in PROFILE_ROWS
    ]
    top = io.StringIO()
    pstats.Stats(prof, stream=top).sort_stats("tottime").print_stats(12)
    return {"resources": n, "rows": rows, "top_tottime": top.getvalue()}


# --- report ---------------------------------------------------------------------------------


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| resources | resources.yml | ours (s) | static (s) | macros (s) | ours/static | macros/static "
        "| ours/static, CPU | macros/static, CPU |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        m = r["median_s"]
        lines.append(
            f"| {r['resources']:,} | {r['resources_yml_bytes'] / 1024:,.0f} KiB | {m['ours']:.2f} | {m['static']:.2f} "
            f"| {m['macros']:.2f} | {r['ours_over_static']:.2f} | {r['macros_over_static']:.2f} "
            f"| {r['cpu_ours_over_static']:.2f} | {r['cpu_macros_over_static']:.2f} |"
        )
    return "\n".join(lines)


def profile_table(prof: dict[str, Any]) -> str:
    lines = ["| part of the build (cumulative) | seconds | share |", "| --- | ---: | ---: |"]
    for row in prof["rows"]:
        depth = (len(row["part"]) - len(row["part"].lstrip())) // 2
        lines.append(f"| {'· ' * depth}{row['part'].strip()} | {row['seconds']:.2f} | {row['share']:.0%} |")
    return "\n".join(lines)


DOCS = ROOT / "docs" / "performance.md"
DOCS_START, DOCS_END = "<!-- bench:start -->", "<!-- bench:end -->"


def report_markdown(out: dict[str, Any]) -> str:
    """The results as the Markdown the Performance page shows between its bench markers."""
    m = out["machine"]
    parts = [f"Last run: {out['date']}, Python {m['python']}, {m['cpus']} CPUs. Medians of alternating builds.", ""]
    parts += [table(out["sizes"]), ""]
    if "rebuild" in out:
        r = out["rebuild"]
        parts += [
            f"Rebuild under `mkdocs serve` after editing `data/resources.yml` (the real catalog, "
            f"{r['resources_yml_bytes'] / 1024:.0f} KiB): median **{r['median_s']:.2f} s** from saving the file to the "
            f"served page showing the edit (max {r['max_s']:.2f} s, {len(r['latencies_s'])} edits), of which MkDocs' "
            f"rebuild is {r['median_build_s']:.2f} s; the rest is the file watcher, which polls every 0.5 s.",
            "",
        ]
    if "profile" in out:
        parts += [
            f"Where one in-process build of ours spends its time at {out['profile']['resources']:,} resources "
            "(cProfile, which slows Python code about twofold; cumulative, so nested rows are part of their parent):",
            "",
            profile_table(out["profile"]),
            "",
        ]
    return "\n".join(parts)


def write_docs(out: dict[str, Any], page: Path = DOCS) -> None:
    text = page.read_text(encoding="utf-8")
    start, end = text.index(DOCS_START) + len(DOCS_START), text.index(DOCS_END)
    page.write_text(f"{text[:start]}\n\n{report_markdown(out)}\n{text[end:]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--reps", type=int, default=5, help="timed builds per project and size (after one warm-up)")
    parser.add_argument("--large-reps", type=int, default=3, help="reps at 10,000 resources and above")
    parser.add_argument("--no-warmup", action="store_true", help="skip the untimed first build of each project")
    parser.add_argument("--edits", type=int, default=5, help="data edits timed under mkdocs serve (0: skip)")
    parser.add_argument("--profile-size", type=int, default=None, help="default: the largest size (0: skip)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--write-docs", action="store_true", help=f"put the tables into {DOCS.relative_to(ROOT)}")
    parser.add_argument("--from-json", type=Path, help="only turn an earlier run's JSON into the docs tables")
    args = parser.parse_args(argv)
    if args.from_json:
        write_docs(json.loads(args.from_json.read_text(encoding="utf-8")))
        return 0

    results: list[dict[str, Any]] = []
    out: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "sizes": results,
    }
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
        write_docs(out)
        print(f"updated {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
