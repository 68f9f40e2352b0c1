"""Write a data file so that nothing is ever lost: atomically, under a lock, in the file's own line endings.

A crash, Ctrl-C or full disk mid-write leaves the old file or the new one, never
an empty or half-written file (temporary file in the same folder, flushed and
fsynced, then renamed over). A data file that is a link stays one: the file it
names is the one replaced. Read-modify-write runs under an exclusive lock on the
folder, so concurrent writers queue instead of overwriting each other's entries.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; writes stay atomic
    fcntl = None  # type: ignore[assignment]


class WriteRefused(Exception):
    """The file cannot be written safely; the message says why."""


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (the file is replaced by rename, so the file itself cannot carry it)."""
    if fcntl is None:
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the descriptor closes, even if the process dies
        yield
    finally:
        os.close(handle)


def read_text(path: Path) -> tuple[str, str]:
    """The file's text with LF line endings, and the ending it uses ("\\r\\n" or "\\n")."""
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    return raw.replace("\r\n", "\n"), newline


def write_text(path: Path, text: str, newline: str = "\n", *, within: Path | None = None) -> None:
    """Replace ``path`` with ``text`` atomically, keeping its permissions; refuse a read-only file.

    A link is written through to the file it names, so it stays a link (a rename over the link
    itself would turn it into a copy and leave its target behind); ``within`` is the folder that
    file must be in, as for reading.
    """
    target = path.resolve(strict=True)
    if within is not None and not target.is_relative_to(within.resolve()):
        raise WriteRefused(f"{path} is a link to a place outside the project; put the data itself here")
    # No write bit at all is the owner's wish, even for root (who os.access says may write).
    if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
        raise WriteRefused(f"{path} is read-only; make it writable to add to it")
    data = text.replace("\n", newline).encode("utf-8")
    # The temporary file sits beside the target: a rename is atomic only within one file system.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk.
    with contextlib.suppress(OSError):  # not every platform can open a folder
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
