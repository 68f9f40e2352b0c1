#!/usr/bin/env python3
"""Run the whole test suite as a contributor's pull request would meet it, in random order.

    python3 scripts/dev.py test-as-contributor [PYTEST ARGS]

Copies the project (every file git tracks, or would: untracked files that are not
ignored count too) to a temporary folder and makes the edits of
tests/support/contributor.py to its data/: one resource of every type added with
add-resource, a resource that nothing cites removed, a cited resource's title
changed. Then it runs pytest there, with the copy's own code, in random order
(pytest-random-order, modules and the tests in each shuffled); the seed is
printed first, and ``--random-order-seed=N`` among the arguments replays a run.
``--keep`` keeps the copy. Exit code: pytest's.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support, as the test suite imports it

from tests.support.contributor import simulate  # noqa: E402

SKIP = {".git", ".venv", "site", "build", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def project_files() -> list[str]:
    """The files a fresh clone (with the work in progress) has, relative to ROOT."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
    )
    if listed.returncode == 0:
        return [name for name in listed.stdout.split("\0") if name and (ROOT / name).is_file()]
    return [  # not a git checkout: everything but what builds, tests and tools leave behind
        str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and not SKIP & set(p.relative_to(ROOT).parts)
    ]


def copy_project(dest: Path) -> None:
    for name in project_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)


def main(argv: list[str]) -> int:
    keep = "--keep" in argv
    args = [a for a in argv if a != "--keep"]
    if not any(a.startswith("--random-order-seed") for a in args):
        args.append(f"--random-order-seed={random.SystemRandom().randrange(1_000_000)}")
    seed = next(a.split("=", 1)[1] for a in args if a.startswith("--random-order-seed="))
    dest = Path(tempfile.mkdtemp(prefix="mlprep-contributor-"))
    os.chmod(dest, 0o755)  # LinkChecker, run as root, drops to 'nobody'
    try:
        copy_project(dest)
        edits = simulate(dest)
        # Everything is said before pytest starts: its summary stays the run's last line.
        print(f"contributor run in {dest}{' (kept)' if keep else ''}: {edits.summary()}")
        print(
            f"random order seed: {seed} (replay: python3 scripts/dev.py test-as-contributor --random-order-seed={seed})"
        )
        src = os.pathsep.join(filter(None, [str(dest / "src"), os.environ.get("PYTHONPATH")]))
        pytest = [sys.executable, "-m", "pytest", "--random-order-bucket=module", *args]
        sys.stdout.flush()
        return subprocess.run(pytest, cwd=dest, env={**os.environ, "PYTHONPATH": src}).returncode
    finally:
        if not keep:
            shutil.rmtree(dest, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
