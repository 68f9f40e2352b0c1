"""The code keeps to the project's lint and type settings (pyproject.toml): ruff and mypy --strict.

The commands are ``scripts/dev.py``'s ``LINT`` table, which pre-commit runs too
(``dev.py lint``), so a commit is checked exactly as the tests check it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from typing import Any

import pytest

from tests.support.project import ROOT


def dev_script() -> Any:
    """scripts/dev.py as a module (it runs nothing on import)."""
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "scripts" / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LINT: dict[str, list[str]] = dev_script().LINT
LINT_PATHS: list[str] = dev_script().LINT_PATHS


@pytest.mark.parametrize("command", list(LINT.values()), ids=list(LINT))
def test_code_passes(command: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
