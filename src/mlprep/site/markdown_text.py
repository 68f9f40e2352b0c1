"""Make text from the data inert in Markdown and HTML.

A contributor's title or description lands inside a Markdown page, where ``<``
would open raw HTML and ``[x](javascript:…)`` would make a link. Every value a
template prints goes through :func:`inert` (the Jinja ``finalize`` hook), which
writes HTML and Markdown punctuation as character references: the page shows
the characters, and neither parser acts on them.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# HTML's special characters, then the Markdown and extension syntax characters
# that act anywhere in a line; one table, so no reference is encoded twice.
_INLINE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
    | {ch: f"&#{ord(ch)};" for ch in "\\`*_[]{}()#!|~^$:="}
)
# Characters that open a list only at the start of a line: "- x", "+ x", "1. x".
_LINE_START = re.compile(r"^(\d*)([-+.])")
_LIST_CHARS = frozenset("0123456789-+.")


def inert(value: object) -> str:
    """Text safe to print anywhere in a Markdown page, as one line."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())  # no line breaks: a value cannot start a block
    text = text.translate(_INLINE)
    if text[:1] not in _LIST_CHARS:  # most values: skip the regex
        return text
    return _LINE_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text)


def attr(value: str) -> Markup:
    """A value for an HTML attribute, already validated (ids, URLs)."""
    return escape(value)
