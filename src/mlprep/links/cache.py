"""Results kept across runs: a URL found 'ok' recently is not fetched again.

Only 'ok' is remembered; every other verdict is checked afresh each run.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from .model import LinkResult, Verdict

VERSION = 1


class Cache:
    def __init__(self, path: Path | None, max_age_days: float) -> None:
        self.path = path
        self.max_age = max_age_days * 86400
        self.entries: dict[str, dict[str, object]] = {}
        if path and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == VERSION and isinstance(data.get("urls"), dict):
                    self.entries = data["urls"]
            except (OSError, ValueError, AttributeError):
                pass  # a damaged cache only costs a full check

    def fresh(self, url: str, now: float | None = None) -> dict[str, object] | None:
        """The remembered 'ok' result for ``url`` if it is recent enough."""
        entry = self.entries.get(url)
        now = time.time() if now is None else now
        if entry and entry.get("verdict") == Verdict.OK.value and now - float(entry.get("checked", 0)) < self.max_age:  # type: ignore[arg-type]
            return entry
        return None

    def save(self, results: list[LinkResult], now: float | None = None, *, merge: bool = False) -> None:
        """Remember the 'ok' results; ``merge`` (a check of some URLs only) keeps the other URLs' entries."""
        if not self.path:
            return
        now = time.time() if now is None else now
        urls: dict[str, dict[str, object]] = dict(self.entries) if merge else {}
        for result in results:
            if result.verdict is not Verdict.OK:
                urls.pop(result.url, None)
                continue
            old = self.entries.get(result.url) if result.cached else None
            urls[result.url] = old or {"verdict": "ok", "status": result.status, "checked": now}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            json.dumps({"version": VERSION, "urls": urls}, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
