#!/usr/bin/env python3
"""One entry point for building, previewing and testing, with only Python 3.11+ installed.

    python3 scripts/dev.py build   # validate the data and build the site into site/
    python3 scripts/dev.py build --engine {mkdocs,properdocs,zensical} [--site-dir DIR]
    python3 scripts/dev.py test    # run every test
    python3 scripts/dev.py test-as-contributor  # every test again, on a copy with a contributor's edits, random order
    python3 scripts/dev.py serve   # live preview at http://127.0.0.1:8000/
    python3 scripts/dev.py validate        # check data/ (file:line:col: message)
    python3 scripts/dev.py add-resource    # add an entry to data/resources.yml (prompts, or --help)
    python3 scripts/dev.py schemas         # regenerate docs/schemas/, CONTRIBUTING.md's tables, the issue form's topics
    python3 scripts/dev.py lint [ruff|mypy]  # ruff and mypy --strict, exactly as the tests run them
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# In CI every test must run (a skip fails there): the benchmark's smoke test needs `bench`, the
# engine equivalence tests the other engines. Any CI job that runs the tests then needs no extra step.
EXTRAS = "test,bench,properdocs,zensical" if in_ci() else "test"


def ensure_env() -> None:
    """Create the virtual environment and install the project when pyproject.toml or the extras changed."""
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    if not (BIN / "python").exists():
        print("Creating .venv (first run only)...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[{EXTRAS}]"], check=True)
    STAMP.write_text(want)


def run(*args: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT, env=env).returncode


def need_extra(extra: str, module: str) -> None:
    """Install an optional dependency set on first use (checked by importing one of its modules)."""
    if subprocess.run([str(BIN / "python"), "-c", f"import {module}"], capture_output=True).returncode:
        print(f"Installing the '{extra}' extra (first use only)...", file=sys.stderr)
        pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--editable", f"{ROOT}[test,{extra}]"], check=True)


def bench(extra: list[str]) -> int:
    """The build-cost benchmark (minutes); it needs the `bench` extra (mkdocs-macros, the peer)."""
    need_extra("bench", "mkdocs_macros")
    if "--engines" in extra:
        need_extra("properdocs", "properdocs")
        need_extra("zensical", "zensical")
    return run("python", "scripts/bench_build.py", *extra)


# How each engine builds and serves. MkDocs is the default and the Pages deploy; ProperDocs (the
# maintained MkDocs 1.x fork) runs our hook itself; Zensical runs no hooks, so mlprep.cli.build_zensical
# fills the pages into a staging copy first (see "When Material reaches end of life" in the docs).
ENGINES: dict[str, tuple[list[str], list[str] | None]] = {
    "mkdocs": (["mkdocs", "build", "--strict"], ["mkdocs", "serve"]),
    "properdocs": (
        ["properdocs", "build", "--strict", "-f", "mkdocs.yml"],
        ["properdocs", "serve", "-f", "mkdocs.yml"],
    ),
    "zensical": (["python", "-m", "mlprep.cli.build_zensical"], None),
}


class UsageError(Exception):
    """A command line dev.py cannot run; the message says what to type instead."""


def engine_command(extra: list[str], *, serve: bool) -> tuple[str, list[str]]:
    """The engine ``extra`` names and the command that builds (or serves) with it, the other arguments after it.

    ``--engine NAME`` or ``--engine=NAME`` (MkDocs without either); ``--site-dir DIR`` and any other
    argument go to the engine's command. The command's first word is a program in .venv's bin/.
    """
    engine, rest = "mkdocs", []
    args = iter(extra)
    for arg in args:
        if arg == "--engine":
            engine = next(args, "")
        elif arg.startswith("--engine="):
            engine = arg.removeprefix("--engine=")
        else:
            rest.append(arg)
    if engine not in ENGINES:
        given = f" (not {engine!r})" if engine else ""
        raise UsageError(f"--engine must be one of: {', '.join(ENGINES)}{given}")
    build_cmd, serve_cmd = ENGINES[engine]
    cmd = serve_cmd if serve else build_cmd
    if cmd is None:
        raise UsageError(f"{engine} cannot preview this project live (it runs no hooks); use: build --engine {engine}")
    return engine, [*cmd, *rest]


def with_engine(serve: bool) -> Callable[[list[str]], int]:
    def command(extra: list[str]) -> int:
        try:
            engine, cmd = engine_command(extra, serve=serve)
        except UsageError as err:
            print(err, file=sys.stderr)
            return 2
        if engine != "mkdocs":
            need_extra(engine, engine)
        return run(*cmd)

    return command


# The lint and type checks: tests/test_code_style.py runs these very commands, and so does pre-commit.
LINT_PATHS = ["src", "hooks", "scripts", "tests", "bench"]
LINT = {
    "ruff-check": ["ruff", "check", *LINT_PATHS],
    "ruff-format": ["ruff", "format", "--check", *LINT_PATHS],
    "mypy": ["mypy", *LINT_PATHS],
}


def lint(extra: list[str]) -> int:
    """``lint`` runs every check; ``lint ruff`` or ``lint mypy`` runs those whose name starts so."""
    chosen = [name for name in LINT if not extra or any(name.startswith(x) for x in extra)]
    if not chosen:
        print(f"lint: choose from {', '.join(LINT)}", file=sys.stderr)
        return 2
    return max(run("python", "-m", *LINT[name]) for name in chosen)


def mutate(extra: list[str]) -> int:
    """Mutation testing (README "Mutation testing"): `mutate` runs mutmut, `mutate js` the planner's script."""
    need_extra("mutation", "mutmut")
    if extra[:1] == ["js"]:
        return run("python", "scripts/mutate_js.py", *extra[1:])
    code = run("mutmut", "run", "--max-children", "2", *extra)
    run("mutmut", "results")  # the survivors; `mutmut show NAME` gives each one's diff
    return code


COMMANDS = {
    "build": with_engine(serve=False),
    "serve": with_engine(serve=True),
    "test": lambda extra: run("python", "-m", "pytest", *extra),
    "test-as-contributor": lambda extra: run("python", "scripts/contributor_run.py", *extra),
    "validate": lambda extra: run("python", "scripts/validate_data.py", *extra),
    "add-resource": lambda extra: run("python", "scripts/add_resource.py", *extra),
    "schemas": lambda extra: run("python", "scripts/generate_schemas.py", *extra),
    "lint": lint,
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
