"""Compiled Jinja templates kept in memory across `mkdocs serve` rebuilds.

MkDocs makes a new Jinja environment for the theme on every build, so each
rebuild compiles Material's fifty-odd templates again: most of a rebuild's time
at the real catalog's size. Jinja checks every cached entry against a checksum
of the template's source, so an edited template is compiled afresh; data never
passes through this cache. A fresh `mkdocs build` starts empty and gains nothing.

Only the MkDocs hook (``hooks/guide.py``, which ProperDocs runs too) uses it, yet it
lives here rather than with the hook: MkDocs executes a hook file afresh on every
config load, so a cache kept there would be new on every rebuild; it must sit in a
package that stays imported for the whole serve. Of the package's layers, the
render core is the one the hook serves, and the cache needs nothing of an engine
(Jinja only), so the rule that the site layer imports no engine still holds.
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


THEME_CACHE = MemoryBytecodeCache()
