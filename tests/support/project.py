"""Copies of the project for tests, and real MkDocs builds of them.

Two copies, for two needs: ``copy_project`` copies what the site is built from
(config, docs, data, hooks, overrides), for a build to break on purpose;
``copy_checkout`` copies every file of the checkout, as a fresh clone with the
work in progress has it, for running the whole test suite elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A small guide shaped like the real one, frozen for tests that edit or name entries.
FIXTURE = ROOT / "tests" / "corpus" / "guide"
# The smallest valid data set, which the rule tests and the bad-file corpus start from.
SMALL_DATA = ROOT / "tests" / "corpus" / "base"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# What builds, tests and tools leave behind: not part of a checkout outside git.
LEFT_BEHIND = {".git", ".venv", "site", "build", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def copy_project(dest: Path, *, data: Path | None = None) -> Path:
    """A copy of the project's site sources (config, docs, data, hooks, overrides) to break on purpose.

    ``data`` replaces the real data/ (for instance with ``FIXTURE``), so that an edit by
    text finds what it expects whatever the guide holds today.
    """
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


def checkout_files() -> list[str]:
    """The files a fresh clone (with the work in progress) has, relative to ROOT.

    Every file git tracks, and untracked ones it does not ignore; outside a git
    checkout, every file but what builds, tests and tools leave behind.
    """
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
    )
    if listed.returncode == 0:
        return [name for name in listed.stdout.split("\0") if name and (ROOT / name).is_file()]
    return [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*")
        if p.is_file() and not LEFT_BEHIND & set(p.relative_to(ROOT).parts)
    ]


def copy_checkout(dest: Path) -> Path:
    """A copy of every file of the checkout (``checkout_files``): code, tests and tools as well as the site."""
    for name in checkout_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return dest


def build(project: Path, *, strict: bool = True) -> BuildResult:
    """Run the real `mkdocs build` in a subprocess, as a contributor would."""
    site = project / "site"
    args = [*MKDOCS, "build", "--site-dir", str(site), *(["--strict"] if strict else [])]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)
