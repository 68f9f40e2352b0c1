"""Text from the data, servers and logs made inert in GitHub Markdown: issues, comments, step summaries.

A URL, a server's answer or a log line can hold Markdown, HTML, a fence, a
mention or terminal control codes. Written through these helpers it is shown,
never acted on: inside code it can form no link, heading or mention, and the
code cannot be closed by anything it holds. Standard library only: the nightly
job's issue step runs these without installing the project.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Terminal escape sequences (colours, cursor moves, OSC titles and hyperlinks), removed whole.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Directional formatting characters: they reorder how text reads without showing themselves.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# An address shown as a link only when it holds none of Markdown's or HTML's punctuation.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~/?#@!$&'*+,;=%:-]*)?")


# CR, VT, FF, the file/group/record separators, NEL, line and paragraph separators: what str.splitlines splits at.
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "\n"))


def clean(text: str) -> str:
    """``text`` without control characters (tabs become spaces; line breaks stay), escapes or bidi overrides.

    Every kind of line break becomes a newline, so words a server parted with a bare CR stay apart.
    """
    text = _ANSI.sub("", text).replace("\r\n", "\n").translate(_LINE_BREAKS).replace("\t", "    ")
    return "".join(
        ch
        for ch in text
        if ch == "\n" or (ch not in _BIDI and unicodedata.category(ch) != "Cc" and ch not in "\u2028\u2029")
    )


def ticks(text: str, least: int) -> str:
    """Backticks enough to open code that no run of backticks in ``text`` can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(least, longest + 1)


def code(text: str) -> str:
    """``text`` as inline code, on one line: inert, whatever it holds."""
    text = " ".join(clean(text).split()) or " "
    fence = ticks(text, 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def fence(text: str, info: str = "") -> str:
    """``text`` as a fenced code block that no line of it can close."""
    text = clean(text).rstrip("\n")
    marks = ticks(text, 3)
    return f"{marks}{info}\n{text}\n{marks}"


def cell(text: str) -> str:
    """Plain text for a table cell: one line, with no pipe to split it or backslash to escape one."""
    return " ".join(clean(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def table_code(text: str) -> str:
    """``text`` as inline code in a table cell: a pipe is escaped (GitHub unescapes it inside code too)."""
    return code(text).replace("|", "\\|")


def host_note(address: str) -> str:
    """After an address whose host is outside ASCII, its punycode form: `` (host `xn--…`)``; else nothing.

    A homoglyph (a Cyrillic 'а' for a Latin 'a') looks like the real host, but its punycode
    does not: wherever a reviewer reads an address, this is written after it.
    """
    try:
        host = urlsplit(address).hostname or ""
    except ValueError:  # a bracket left open: not an address the note could help with
        return ""
    if host.isascii():
        return ""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return " (host not a valid international name)"
    return f" (host {code(ascii_host)})"


def url(address: str) -> str:
    """A plain http(s) address as a link (autolink), anything else as inline code, with its :func:`host_note`."""
    if _PLAIN_URL.fullmatch(address):
        return f"<{address}>"
    return code(address) + host_note(address)


def table_text_url(address: str) -> str:
    """An address as plain text in a table cell (GitHub links it if it can), with its :func:`host_note`."""
    return cell(address) + host_note(address).replace("|", "\\|")


def table_url(address: str) -> str:
    """:func:`url` in a table cell."""
    return url(address).replace("|", "\\|")


def tail(log: str, lines: int = 40, width: int = 300, limit: int = 12_000) -> str:
    """The last ``lines`` lines of a log, cleaned, each cut at ``width`` characters, at most ``limit`` in all."""
    kept: list[str] = []
    size = 0
    for line in reversed(clean(log).rstrip("\n").splitlines()[-lines:]):
        line = line if len(line) <= width else line[: width - 1] + "…"
        size += len(line) + 1
        if size > limit:
            break
        kept.append(line)
    return "\n".join(reversed(kept))
