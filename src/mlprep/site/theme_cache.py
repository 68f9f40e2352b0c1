"""Compiled Jinja templates kept in memory across `mkdocs serve` rebuilds.

MkDocs makes a new Jinja environment for the theme on every build, so each
rebuild compiles Material's fifty-odd templates again: most of a rebuild's time
at the real catalog's size. Jinja checks every cached entry against a checksum
of the template's source, so an edited template is compiled afresh; data never
passes through this cache. A fresh `mkdocs build` starts empty and gains nothing.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Bytecode by template (name, file), in this process only."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # resets itself when the source's checksum changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


# Lives in this module, not in the hook file: MkDocs re-executes hook files on
# every config load, while imported packages stay loaded for the whole serve.
THEME_CACHE = MemoryBytecodeCache()
