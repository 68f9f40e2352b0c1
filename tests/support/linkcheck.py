"""Running scripts/check_links.py as the nightly workflow does, with short timeouts for tests.

Every run resolves host names on this machine (``localdns/sitecustomize.py``): the fake
web listens on 127.0.0.x addresses, and a name such as ``no-such-host.invalid`` fails
here rather than as a DNS query sent off the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.project import ROOT

SCRIPT = ROOT / "scripts" / "check_links.py"
FAST = ["--timeout", "2", "--retries", "2", "--retry-delay", "0.5", "--budget", "150"]
LOCAL_DNS = Path(__file__).parent / "localdns"


def local_dns_env(log: Path | None = None) -> dict[str, str]:
    """The environment for a link check whose processes resolve names only on this machine."""
    path = os.pathsep.join(filter(None, [str(LOCAL_DNS), os.environ.get("PYTHONPATH")]))
    return {"PYTHONPATH": path, **({"MLPREP_TEST_DNS_LOG": str(log)} if log else {})}


def run_cli(root: Path, *extra: str, dns_log: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **local_dns_env(dns_log)}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *extra], cwd=root, env=env, capture_output=True, text=True, timeout=240
    )
