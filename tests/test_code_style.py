"""The code keeps to the project's lint and type settings (pyproject.toml): ruff and mypy --strict."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.project import ROOT

PATHS = ["src", "hooks", "scripts", "tests"]


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", *PATHS], ["ruff", "format", "--check", *PATHS], ["mypy", *PATHS]],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_code_passes(command: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
