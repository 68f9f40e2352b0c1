"""Read a data file: only a regular file inside the project, of a sane size, as UTF-8; then parse it.

The fast path (``fast_yaml``) reads the common case; anything it cannot vouch for,
and every problem, goes to the line-aware loader (``yaml_source``).
"""

from __future__ import annotations

import stat
from pathlib import Path

from mlprep.data.fast_yaml import parse_fast
from mlprep.data.problems import Problem
from mlprep.data.yaml_source import Document, parse

# Far above any real data file (10,000 generated resources take about 4 MB); it stops a file
# that is really a device or a runaway paste before it fills memory.
MAX_BYTES = 16 * 1024 * 1024


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[err.start : err.start + 1].hex()
        return None, [Problem(file, line, col, f"the file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8")]


def _read(path: Path, name: str, within: Path | None) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, if it is a regular file of a sane size inside ``within`` (links resolved)."""

    def refuse(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, 1, 1, message)]

    try:
        real = path.resolve(strict=True)
        if not stat.S_ISREG(real.stat().st_mode):
            return refuse("not a regular file; a data file must be plain text in the project")
        if within is not None and not real.is_relative_to(within.resolve()):
            return refuse("the file is a link to a place outside the project; put the data itself here")
        with real.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # bounded, whatever the size the file claims
    except OSError as err:
        return refuse(f"cannot read the file: {err.strerror or err}")
    if len(raw) > MAX_BYTES:
        return refuse(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it or trim it")
    return raw, []


def load(path: Path, file: str | None = None, *, within: Path | None = None) -> tuple[Document, list[Problem]]:
    """Read and parse one file; ``file`` is the name used in messages, ``within`` the folder it must stay in."""
    name = file or str(path)
    raw, problems = _read(path, name, within)
    if raw is None:
        return Document(name, None), problems
    text, problems = _decode(raw, name)
    if text is None:
        return Document(name, None), problems
    return parse_text(text, name)


def parse_text(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse text already read (or about to be written) as the file named ``file`` would be."""
    fast = parse_fast(text, file)  # the common case; it declines anything it cannot vouch for
    return (fast, []) if fast is not None else parse(text, file)
