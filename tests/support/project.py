"""Build real MkDocs projects for tests: the repository itself, or a copy with edited data."""

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


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def copy_project(dest: Path, *, data: Path | None = None) -> Path:
    """A copy of the project's site sources (config, docs, data, hooks) to break on purpose.

    ``data`` replaces the real data/ (for instance with ``FIXTURE``), so that an edit by
    text finds what it expects whatever the guide holds today.
    """
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


def build(project: Path, *, strict: bool = True) -> BuildResult:
    """Run the real `mkdocs build` in a subprocess, as a contributor would."""
    site = project / "site"
    args = [*MKDOCS, "build", "--site-dir", str(site), *(["--strict"] if strict else [])]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)
