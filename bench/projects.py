"""The three projects built from one data set (ours, static, macros), one timed build, one size."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from bench import ROOT
from bench.synthetic import synthesize, write_data

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner
KINDS = ("ours", "static", "macros")


# --- the three projects ---------------------------------------------------------------------


def config(project: Path) -> dict[str, Any]:
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
    from mlprep.data.load import load_guide
    from mlprep.site.render import environment, fill_markers, render_blocks

    shutil.copytree(ours, dst, ignore=shutil.ignore_patterns("hooks", "__pycache__"))
    blocks = render_blocks(dst / "docs", load_guide(ours / "data"), environment(), display_root=dst)
    for page in sorted((dst / "docs").rglob("*.md")):
        out = fill_markers(page.read_text(encoding="utf-8"), blocks)
        if out is not None:
            page.write_text(out, encoding="utf-8")
    conf = config(dst)
    conf.pop("hooks", None)
    _write_config(dst, conf)
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
    conf = config(dst)
    conf["plugins"] = [*conf.get("plugins", []), {"macros": {"include_yaml": ["data/resources.yml"]}}]
    _write_config(dst, conf)
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
