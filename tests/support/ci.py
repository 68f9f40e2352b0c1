"""Whether the tests run in CI, where nothing may be skipped: a skip there would hide a missing install."""

from __future__ import annotations

import os


def in_ci() -> bool:
    """``CI`` set to anything but an empty, false or zero value (GitHub Actions and ``.ci/run`` set ``CI=true``)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
