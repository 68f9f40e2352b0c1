"""Results kept across runs: a URL found 'ok' recently is not fetched again.

Two things are remembered per URL: an 'ok' (with its status and when), and for
a URL that keeps answering 429, how many runs in a row it was rate limited (it
is called dead only when that reaches ``rate_limit_runs``). Every other verdict
is checked afresh each run.

The file is written by this module, but it is a file on disk: each entry is
checked before it is used, and a damaged one (a wrong type, a date that is not
a number or lies in the future, truncated JSON) only costs a refetch. It is
written to a temporary file and renamed over, so a crash never leaves half a
file; a cache that cannot be written costs the next run a full check, never
this run's report.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from pathlib import Path

from mlprep.links.model import LinkResult, Verdict

VERSION = 1
_SKEW = 86400.0  # 'checked' later than a day from now is a broken clock or a broken file


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _valid(entry: object) -> bool:
    """An entry this module could have written."""
    if not isinstance(entry, dict) or not _number(entry.get("checked")) or not isinstance(entry.get("verdict"), str):
        return False
    if entry["verdict"] == Verdict.OK.value:
        status = entry.get("status")
        return status is None or (isinstance(status, int) and not isinstance(status, bool) and 100 <= status <= 599)
    return _count(entry.get("rate_limited"))


def _read(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}  # unreadable, not UTF-8, truncated or not JSON: a full check
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("urls"), dict):
        return {}
    return {url: entry for url, entry in data["urls"].items() if isinstance(url, str) and _valid(entry)}


class Cache:
    def __init__(self, path: Path | None, max_age_days: float) -> None:
        self.path = path
        self.max_age = max_age_days * 86400
        self.entries: dict[str, dict[str, object]] = _read(path) if path and path.is_file() else {}

    def _entry(self, url: str, now: float) -> dict[str, object] | None:
        entry = self.entries.get(url)
        if entry is None or float(entry["checked"]) > now + _SKEW:  # type: ignore[arg-type]
            return None
        return entry

    def fresh(self, url: str, now: float | None = None) -> dict[str, object] | None:
        """The remembered 'ok' result for ``url`` if it is recent enough."""
        now = time.time() if now is None else now
        entry = self._entry(url, now)
        if entry and entry["verdict"] == Verdict.OK.value and now - float(entry["checked"]) < self.max_age:  # type: ignore[arg-type]
            return entry
        return None

    def rate_limited(self, url: str, now: float | None = None) -> int:
        """How many runs in a row before this one found ``url`` rate limited."""
        entry = self._entry(url, time.time() if now is None else now)
        if entry is None or entry["verdict"] == Verdict.OK.value:
            return 0
        count = entry.get("rate_limited")
        return count if isinstance(count, int) else 0

    def save(
        self,
        results: list[LinkResult],
        now: float | None = None,
        *,
        merge: bool = False,
        rate_limited: dict[str, int] | None = None,
    ) -> str | None:
        """Remember the 'ok' results and the rate-limit counts; ``merge`` (a check of some URLs only) keeps
        the other URLs' entries. ``rate_limited`` holds this run's count for each URL that answered 429
        to the end; an 'unchecked' URL not in it keeps its count. Returns why the file could not be
        written, or None."""
        if not self.path:
            return None
        now = time.time() if now is None else now
        limited = rate_limited or {}
        urls: dict[str, dict[str, object]] = dict(self.entries) if merge else {}
        for result in results:
            urls.pop(result.url, None)
            if result.verdict is Verdict.OK:
                old = self.entries.get(result.url) if result.cached else None
                urls[result.url] = old or {"verdict": "ok", "status": result.status, "checked": now}
            elif result.url in limited:
                count = limited[result.url]
                urls[result.url] = {"verdict": result.verdict.value, "rate_limited": count, "checked": now}
            elif result.verdict is Verdict.UNCHECKED and self.rate_limited(result.url, now):
                urls[result.url] = self.entries[result.url]  # not asked this run: the count stands
        text = json.dumps({"version": VERSION, "urls": urls}, indent=1, sort_keys=True) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(name, self.path)
            except BaseException:
                Path(name).unlink(missing_ok=True)
                raise
        except OSError as err:
            return f"the results cache {self.path} could not be written: {err.strerror or err}"
        return None
