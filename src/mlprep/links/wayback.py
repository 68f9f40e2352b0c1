"""The closest Wayback Machine snapshot of a dead URL, from the availability API.

Best effort: an unreachable or odd archive answers None and never fails the run.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

DEFAULT_API = "https://archive.org/wayback/available"
# Only a plain http(s) address is taken from the archive's answer: it is printed into Markdown
# reports and into the YAML lines a report suggests, where spaces, backticks, angle brackets or
# quotes could act.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")


def plain(copy: str) -> str | None:
    """An archived copy's address as reports may print it; None unless it is a plain http(s) address."""
    if not _PLAIN_URL.fullmatch(copy):
        return None
    # The API names its copies http://web.archive.org/…; the site itself is served over https.
    return "https://" + copy.removeprefix("http://") if copy.startswith("http://web.archive.org/") else copy


def snapshot(url: str, api: str = DEFAULT_API, timeout: float = 10.0) -> str | None:
    query = urllib.parse.urlencode({"url": url})
    try:
        with urllib.request.urlopen(f"{api}?{query}", timeout=timeout) as answer:  # noqa: S310 - http(s) base from our options
            data = json.load(answer)
        closest = data["archived_snapshots"]["closest"]
        if closest.get("available") and str(closest.get("status", "200")).startswith("2"):
            return plain(str(closest["url"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def snapshots(urls: list[str], api: str = DEFAULT_API, timeout: float = 10.0) -> dict[str, str]:
    """URL → archived copy, for those the archive has; a few lookups at a time, to be polite."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = pool.map(lambda u: snapshot(u, api, timeout), urls)
    return {url: copy for url, copy in zip(urls, found, strict=True) if copy}
