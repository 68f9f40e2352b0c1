"""The kinds of value a data field holds: ids, text a reader can see, durations, links.

Each is a type with its limits and its check, so every model field of that kind
refuses the same things with the same words.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from mlprep.data.hidden_text import hidden_at
from mlprep.data.urls import tracking_parameters, without_tracking

# Lengths are generous for real prose and stop a pasted page from breaking layout.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
TopicId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)]
# A resource's topic: any text to the model; the validator checks it against the file's topic list,
# so that a typo gets the nearest topic as a suggestion rather than a pattern.
TopicRef = Annotated[str, Field(description="a topic id from the `topics:` list at the top of the file")]


def _visible(text: str) -> str:
    """Refuse text that shows nothing or holds a character a reader cannot see (or that reorders the rest)."""
    if (index := hidden_at(text)) is not None:
        raise PydanticCustomError(
            "unsafe_character",
            "holds the invisible or control character U+{code} at character {position}; remove it",
            # Not 'at': the validator reads a ctx 'at' as the field to locate the problem on.
            {"code": f"{ord(text[index]):04X}", "position": index + 1},
        )
    if text and not text.strip():
        raise PydanticCustomError("blank_text", "holds only spaces; write the text or leave the field out")
    return text


Label = Annotated[str, StringConstraints(min_length=1, max_length=80), AfterValidator(_visible)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=160), AfterValidator(_visible)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=1200), AfterValidator(_visible)]
DURATION_PATTERN = r"^-?P(?:\d+Y(?:\d+M)?(?:\d+W)?(?:\d+D)?|\d+M(?:\d+W)?(?:\d+D)?|\d+W(?:\d+D)?|\d+D)$"
# Signed ISO 8601 duration in whole years, months, weeks and days: -P1Y, -P3M, P1D.
Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN)]
_DURATION_PARTS = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")

_URL_SHAPE = r"^https?://[^\s/?#@]+[^\s]*$"


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError("a link must start with http:// or https://")
    if any(ch.isspace() for ch in url):
        raise ValueError("a link must not contain spaces or line breaks")
    if (index := hidden_at(url, link=True)) is not None:
        raise ValueError(f"a link must not hold the invisible character U+{ord(url[index]):04X}")
    if "@" in parts.netloc:  # even an empty user name (https://@host/) hides where the link goes
        raise ValueError("a link must not contain a user name or password")
    # The port as written, read here rather than through urlsplit's .port, whose one ValueError means
    # either "not a number" or "out of range". An IPv6 host is bracketed and holds colons of its own.
    after_host = parts.netloc.rpartition("]")[2]
    port = after_host.rpartition(":")[2] if ":" in after_host else ""
    if port and not (port.isascii() and port.isdigit()):
        raise ValueError("a link's port must be a number, as in example.org:8080")
    if port and not 1 <= int(port) <= 65535:
        raise ValueError("a link's port must be from 1 to 65535, as in example.org:8080")
    host = parts.hostname or ""
    if "." not in host.strip(".") or any(not label for label in host.rstrip(".").split(".")):
        raise ValueError("a link needs a full host name, such as example.org")
    if tracking_parameters(url):
        # Its own type: the link still names its page, so the cross-checks (duplicate links) keep using it.
        raise PydanticCustomError(
            "tracking_parameters", "remove the tracking parameters: use {clean}", {"clean": without_tracking(url)}
        )
    return url


Url = Annotated[
    str,
    # The pattern is for editors; _check_url gives the build its clearer messages.
    Field(max_length=500, json_schema_extra={"format": "uri", "pattern": _URL_SHAPE}),
    AfterValidator(_check_url),
]


def months_and_days(duration: str) -> tuple[int, int]:
    """A signed duration as the model admits it (see DURATION_PATTERN), as calendar months and days."""
    found = _DURATION_PARTS.match(duration)
    if not found:
        raise ValueError(f"not a duration: {duration!r}")
    sign = -1 if found[1] else 1
    years, months, weeks, days = (int(g or 0) for g in found.groups()[1:])
    return sign * (12 * years + months), sign * (7 * weeks + days)
