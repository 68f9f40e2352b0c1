"""Text from data files or servers, made safe to print on one line of a terminal or a CI log.

A data file can hold any character through YAML escapes ("\\n", "\\e", "\\u202e"), and a
server can send any reason phrase. Printed raw, a line break could start a GitHub
Actions workflow command (``::error``, ``::add-mask::``), an escape sequence could
rewrite the terminal, and a bidi override could reorder what a reviewer reads.
Every such character is shown as a visible escape instead.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, bidi controls, zero-width characters, BOM.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) <= 0xFF else f"\\u{ord(ch):04x}")


def one_line(text: str) -> str:
    """``text`` with every control, separator, bidi and zero-width character written as an escape."""
    return _UNSAFE.sub(_shown, text)
