"""The closest Wayback Machine snapshot of a dead URL, from the availability API.

Best effort: an unreachable or odd archive answers None and never fails the run.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

DEFAULT_API = "https://archive.org/wayback/available"


def snapshot(url: str, api: str = DEFAULT_API, timeout: float = 10.0) -> str | None:
    query = urllib.parse.urlencode({"url": url})
    try:
        with urllib.request.urlopen(f"{api}?{query}", timeout=timeout) as answer:  # noqa: S310 - http(s) base from our options
            data = json.load(answer)
        closest = data["archived_snapshots"]["closest"]
        if closest.get("available") and str(closest.get("status", "200")).startswith("2"):
            return str(closest["url"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def snapshots(urls: list[str], api: str = DEFAULT_API, timeout: float = 10.0) -> dict[str, str]:
    """URL → archived copy, for those the archive has; a few lookups at a time, to be polite."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = pool.map(lambda u: snapshot(u, api, timeout), urls)
    return {url: copy for url, copy in zip(urls, found, strict=True) if copy}
