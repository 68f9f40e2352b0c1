"""Build real MkDocs projects for tests: the repository itself, or a copy with edited data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def copy_project(dest: Path) -> Path:
    """A copy of the project's site sources (config, docs, data, hooks) to break on purpose."""
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def build(project: Path, *, strict: bool = True) -> BuildResult:
    """Run the real `mkdocs build` in a subprocess, as a contributor would."""
    site = project / "site"
    args = [*MKDOCS, "build", "--site-dir", str(site), *(["--strict"] if strict else [])]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)
