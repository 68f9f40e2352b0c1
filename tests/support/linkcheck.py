"""Running scripts/check_links.py as the nightly workflow does, with short timeouts for tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.project import ROOT

SCRIPT = ROOT / "scripts" / "check_links.py"
FAST = ["--timeout", "2", "--retries", "2", "--retry-delay", "0.5", "--budget", "150"]


def run_cli(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *extra], cwd=root, capture_output=True, text=True, timeout=240)
