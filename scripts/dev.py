#!/usr/bin/env python3
"""One entry point for building, previewing and testing, with only Python 3.11+ installed.

    python3 scripts/dev.py build   # validate the data and build the site into site/
    python3 scripts/dev.py test    # run every test
    python3 scripts/dev.py serve   # live preview at http://127.0.0.1:8000/
    python3 scripts/dev.py validate        # check data/ (file:line:col: message)
    python3 scripts/dev.py add-resource    # add an entry to data/resources.yml (prompts, or --help)
    python3 scripts/dev.py schemas         # regenerate docs/schemas/ and CONTRIBUTING.md's fields table
    python3 scripts/dev.py bench   # build-cost benchmark (several minutes; see docs/performance.md)
    python3 scripts/dev.py mutate  # mutation testing: mutmut; `mutate js` for the planner (slow; see README)

The first run creates .venv/ and installs the project into it; later runs
reinstall only when pyproject.toml changes. Standard library only: this script
runs before anything else is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def ensure_env() -> None:
    """Create the virtual environment and install the project when pyproject.toml changed."""
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    if not (BIN / "python").exists():
        print("Creating .venv (first run only)...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[test]"], check=True)
    STAMP.write_text(want)


def run(*args: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT, env=env).returncode


def bench(extra: list[str]) -> int:
    """The build-cost benchmark (minutes); it needs the `bench` extra (mkdocs-macros, the peer)."""
    if subprocess.run([str(BIN / "python"), "-c", "import mkdocs_macros"], capture_output=True).returncode:
        pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--editable", f"{ROOT}[test,bench]"], check=True)
    return run("python", "scripts/bench_build.py", *extra)


def mutate(extra: list[str]) -> int:
    """Mutation testing (README "Mutation testing"): `mutate` runs mutmut, `mutate js` the planner's script."""
    if subprocess.run([str(BIN / "python"), "-c", "import mutmut"], capture_output=True).returncode:
        pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--editable", f"{ROOT}[test,mutation]"], check=True)
    if extra[:1] == ["js"]:
        return run("python", "scripts/mutate_js.py", *extra[1:])
    code = run("mutmut", "run", "--max-children", "2", *extra)
    run("mutmut", "results")  # the survivors; `mutmut show NAME` gives each one's diff
    return code


COMMANDS = {
    "build": lambda extra: run("mkdocs", "build", "--strict", *extra),
    "serve": lambda extra: run("mkdocs", "serve", *extra),
    "test": lambda extra: run("python", "-m", "pytest", *extra),
    "validate": lambda extra: run("python", "scripts/validate_data.py", *extra),
    "add-resource": lambda extra: run("python", "scripts/add_resource.py", *extra),
    "schemas": lambda extra: run("python", "scripts/generate_schemas.py", *extra),
    "bench": bench,
    "mutate": mutate,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    ensure_env()
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
