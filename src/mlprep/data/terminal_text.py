"""Text from data files or servers, made safe to print on one line of a terminal or a CI log.

A data file can hold any character through YAML escapes ("\\n", "\\e", "\\u202e"), and a
server can send any reason phrase. Printed raw, a line break could start a GitHub
Actions workflow command (``::error``, ``::add-mask::``), an escape sequence could
rewrite the terminal, and a bidi override could reorder what a reviewer reads.
Every such character is shown as a visible escape instead.

The Actions runner also acts on a line that starts with ``::`` after white space,
and on ``##[command]`` anywhere in a line (the older form of the commands); it
compares with the current culture, where an invisible character such as a soft
hyphen can be skipped. So every control and format character is escaped, not
only those in a fixed list, and neither form survives.
"""

from __future__ import annotations

import re
import unicodedata

# Anything but printable ASCII is looked at; what acts or hides is escaped.
_CANDIDATE = re.compile(r"[^ -~]")
# Controls (C0, C1, DEL), format characters (bidi controls, zero-width characters, soft hyphen, BOM,
# tags), line and paragraph separators.
_ACTING = frozenset({"Cc", "Cf", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match[str]) -> str:
    ch = match.group()
    if unicodedata.category(ch) not in _ACTING:
        return ch
    code = ord(ch)
    return _NAMED.get(ch) or (
        f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    )


def one_line(text: str) -> str:
    """``text`` as one line no terminal or Actions runner acts on.

    Every control, format and separator character is written as an escape; ``##[`` becomes
    ``#\\x23[``, and a leading ``::`` becomes ``\\x3a:``.
    """
    line = _CANDIDATE.sub(_shown, text).replace("##[", "#\\x23[")
    rest = line.lstrip()
    if rest.startswith("::"):
        line = line[: len(line) - len(rest)] + "\\x3a" + rest[1:]
    return line


def acting_character(text: str) -> str | None:
    """The first character of ``text`` that :func:`one_line` escapes because it acts or hides, if any."""
    return next((ch for ch in text if unicodedata.category(ch) in _ACTING), None)


def log_lines(text: str) -> str:
    """``text`` with its lines (split at ``\\n`` alone) each made safe by :func:`one_line`."""
    return "\n".join(one_line(line) for line in text.split("\n"))
