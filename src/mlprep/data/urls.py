"""URL identity: two links that open the same page are one resource, however they are written.

The design keeps each URL once (a story cites a resource by id), so the
validator and the add-resource command refuse a second entry whose link differs
only in scheme, ``www.``, a trailing slash, tracking parameters or a fragment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit

# Query parameters that say where a visitor came from, not which page it is.
_TRACKING_PREFIXES = ("utm_", "mc_", "_hs", "pk_", "mtm_")
_TRACKING = {
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "igshid",
    "twclid",
    "li_fat_id",
    "ref",
    "ref_src",
    "ref_url",
    "si",
    "spm",
    "_ga",
    "_gl",
    "oly_anon_id",
    "oly_enc_id",
    # Affiliate networks: who earns a commission on the click (Rakuten, Impact, Awin, generic programmes).
    "ranmid",
    "raneaid",
    "ransiteid",
    "irclickid",
    "irgwc",
    "awc",
    "clickref",
    "aff",
    "affid",
    "aff_id",
    "affiliate",
    "affiliate_id",
}
# Amazon's associate parameters: names too common to refuse on every site ("tag" picks a page elsewhere).
_AMAZON_HOST = re.compile(r"(?:.+\.)?amazon(?:\.[a-z]{2,3}){1,2}")
_AMAZON_AFFILIATE = {"tag", "ascsubtag", "linkcode", "linkid", "camp", "creative", "creativeasin"}


def is_tracking(name: str, host: str = "") -> bool:
    """Whether a query parameter only says where a visitor came from or who is paid for the click."""
    lower = name.lower()
    if lower in _TRACKING or lower.startswith(_TRACKING_PREFIXES):
        return True
    return lower in _AMAZON_AFFILIATE and _AMAZON_HOST.fullmatch(host.lower()) is not None


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # a malformed URL is the model's to report
        return ""


def tracking_parameters(url: str) -> list[str]:
    """The names of the query parameters in ``url`` that only say where a visitor came from."""
    host = _host(url)
    query = url.partition("#")[0].partition("?")[2]
    names = (unquote_plus(pair.split("=", 1)[0]) for pair in query.split("&") if pair)
    return [name for name in names if is_tracking(name, host)]


def without_tracking(url: str) -> str:
    """``url`` with its tracking parameters taken out, every other byte as written (the fragment too)."""
    head, hash_, fragment = url.partition("#")
    base, mark, query = head.partition("?")
    if not mark:
        return url
    host = _host(url)
    kept = [pair for pair in query.split("&") if pair and not is_tracking(unquote_plus(pair.split("=", 1)[0]), host)]
    return base + ("?" + "&".join(kept) if kept else "") + hash_ + fragment


def normalise(url: str) -> str:
    """A key equal for URLs that open the same page: ``https://www.x.org/a/?utm_source=y#z`` → ``x.org/a``."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port if parts.port not in (80, 443) else None
    except ValueError:  # a malformed port is the model's to report; keep the key stable
        port = None
    path = parts.path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k, host))
    key = host + (f":{port}" if port else "") + path
    return key + (f"?{urlencode(query)}" if query else "")


def duplicates(urls: Iterable[str]) -> Iterator[tuple[int, int]]:
    """Pairs (later, first) of indexes into ``urls`` whose URLs normalise alike."""
    first: dict[str, int] = {}
    for i, url in enumerate(urls):
        key = normalise(url)
        if key in first:
            yield i, first[key]
        else:
            first[key] = i


# A snapshot's address ends in /<timestamp>[modifier_]/<the page's URL>: the Wayback Machine's
# web.archive.org/web/20200101000000/https://…, and the same shape at archive.today
# (archive.ph/2020.01.01-000000/https://…) and other Wayback-software archives.
_SNAPSHOT = re.compile(r"/(?:\d{4,14}|\d{4}\.\d\d\.\d\d-\d{6})(?:[a-z]{2}_)?/(?P<page>[^/].*)$")


def archived_page(archive: str) -> str | None:
    """The page an archive's snapshot address is a copy of; None when the address names no page."""
    parts = urlsplit(archive)
    if not parts.netloc:
        return None
    found = _SNAPSHOT.search(archive.split(parts.netloc, 1)[1])
    if found is None:
        return None
    page = re.sub(r"^(https?):/+", r"\1://", found.group("page"))  # some tools fold the // in a path
    return page if page.startswith(("http://", "https://")) else "http://" + page


def is_archived_copy(archive: str, url: str) -> bool:
    """Whether ``archive`` is an archive's snapshot of the page ``url`` opens, on another host."""
    page = archived_page(archive)
    other_host = (urlsplit(archive).hostname or "") != (urlsplit(url).hostname or "")
    return page is not None and other_host and normalise(page) == normalise(url)
