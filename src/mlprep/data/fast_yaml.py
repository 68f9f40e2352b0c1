"""The fast path for loading YAML: a Rust parser for the common case.

libyaml's node tree, with a mark on every node, costs most of a second for a
1 MB file; yaml-rs builds the same plain data in tens of milliseconds. Positions
are only needed to word a problem, so a fast document finds them by running the
line-aware loader (``yaml_source.parse``) on the same text the first time anyone
asks where something is.

yaml-rs speaks YAML 1.2 and is laxer than our loader (it ignores tags, resolves
``0o17`` to a number, keeps ``yes`` a string, accepts some invalid syntax). So
libyaml's own parser checks the syntax first, at C speed and without building a
node tree, and a file takes the fast path only when the two cannot disagree;
otherwise ``parse_fast`` returns None and the caller uses the line-aware
loader, which finds every problem itself. The fast path never reports a
problem: it accepts or declines.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from mlprep.data.yaml_source import MAX_DEPTH, Document, Path_, Pos, parse

try:
    import yaml_rs
    from yaml._yaml import CParser  # libyaml, the same scanner and parser the reference uses
except ImportError:  # pragma: no cover - the fast path is optional; the line-aware loader suffices
    yaml_rs = None  # type: ignore[assignment]

# Characters where the loaders part ways: PyYAML refuses non-printable ones and
# treats NEL, LS and PS as line breaks (YAML 1.1); a BOM inside the text; tabs,
# which yaml-rs accepts in places where libyaml finds bad indentation.
_AWKWARD = re.compile("[^\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A tag (``!foo``, ``!!binary``) starts a node: at the start of the text, or after
# whitespace, a flow indicator or a JSON-style ``"key":``. yaml-rs drops tags
# silently, so any such ``!`` sends the file to the loader that refuses them.
_BEFORE_TAG = frozenset(" \t\r\n[{,:")
# A '?' that opens a flow entry: libyaml (YAML 1.1) reads it as an explicit key even without a
# space after it ([?x] is [{x: null}]), yaml-rs as text ("?x").
_FLOW_QUESTION = re.compile(r"[\[{,]\s*\?")
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"  # the line-aware loader keeps a date's text


def _implicit_patterns(allowed: tuple[str, ...]) -> dict[str | None, re.Pattern[str]]:
    """By first character (None: any), what plain text must not match to read as one of ``allowed``."""
    by_char: dict[str | None, list[str]] = {}
    for char, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        for tag, regexp in resolvers:
            if tag not in allowed:
                by_char.setdefault(char, []).append(regexp.pattern)
    return {char: re.compile("|".join(f"(?:{p})" for p in pats), re.X) for char, pats in by_char.items()}


# A value may be a date (the reference keeps its text); a key must be a plain string.
_VALUE_NOT_STR = _implicit_patterns((_STR, _TIMESTAMP))
_KEY_NOT_STR = _implicit_patterns((_STR,))
_NO_ALIASES = yaml_rs.AliasLimits(max_alias_expansions_per_anchor=0) if yaml_rs else None


def _may_have_tag(text: str) -> bool:
    """Whether some ``!`` could start a tag (a loop over the few '!': a regex scan costs more)."""
    at = text.find("!")
    while at != -1:
        if at == 0 or text[at - 1] in _BEFORE_TAG:
            return True
        at = text.find("!", at + 1)
    return False


def _reads_as_str(value: str, table: dict[str | None, re.Pattern[str]] = _VALUE_NOT_STR) -> bool:
    """Whether the line-aware loader reads this string the way yaml-rs did.

    The two differ only on a plain scalar that YAML 1.1 resolves to a bool,
    number, null, merge or value (``yes``, ``0x1F``, ``<<``). If yaml-rs would
    resolve the same text, written plain, to something other than a string, it
    cannot have been plain (tags were ruled out), so it was quoted, and quoted
    text is a string to both loaders: ``"10"`` is fine, ``yes`` is not.
    """
    # PyYAML looks up resolvers by first character ('' for empty text), then the wildcard ones.
    patterns = (table.get(value[:1]), table.get(None))
    if not any(p is not None and p.match(value) for p in patterns):
        return True
    try:  # the value matched a YAML 1.1 pattern, so it has no line break, '#' or flow indicator
        probe = yaml_rs.loads("k: " + value, parse_datetime=False)
        return isinstance(probe, dict) and not isinstance(probe["k"], str)
    except Exception:  # noqa: BLE001
        return False


def _plain(data: Any) -> bool:
    """Only mappings with string keys, lists and strings that both loaders read alike."""
    stack = [(data, 0)]
    checked: set[str] = set()  # type, cost, level and topic values repeat; check each once
    checked_keys: set[str] = set()
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:  # the line-aware loader locates the nesting it refuses
            return False
        if isinstance(item, str):
            if item not in checked:
                if not _reads_as_str(item):
                    return False
                checked.add(item)
        elif isinstance(item, dict):
            for key in item:
                if not isinstance(key, str) or (key not in checked_keys and not _reads_as_str(key, _KEY_NOT_STR)):
                    return False
                checked_keys.add(key)
            stack.extend((value, depth + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)
        elif isinstance(item, bool):
            continue  # YAML 1.2's true/false spellings are all YAML 1.1 booleans too (1.1's yes/on stay strings)
        else:  # numbers, null, sets: the YAML 1.1 and 1.2 readings differ too often (017, 0o17, ~)
            return False
    return True


class FastDocument(Document):
    """A document read by the fast parser; its positions are found on first use."""

    def __init__(self, file: str, data: Any, text: str) -> None:
        self.file = file
        self.data = data
        self._text = text
        self._located: Document | None = None

    def _locate(self) -> Document:
        if self._located is None:
            self._located, _ = parse(self._text, self.file)
        return self._located

    @property
    def keys(self) -> dict[Path_, Pos]:  # type: ignore[override]
        return self._locate().keys

    @property
    def values(self) -> dict[Path_, Pos]:  # type: ignore[override]
        return self._locate().values

    def __repr__(self) -> str:
        return f"FastDocument(file={self.file!r})"


def parse_fast(text: str, file: str) -> FastDocument | None:
    """The document, when the fast parser's reading is certainly the line-aware loader's; else None."""
    if yaml_rs is None:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if _AWKWARD.search(text) or _may_have_tag(text) or ("?" in text and _FLOW_QUESTION.search(text)):
        return None
    try:
        # libyaml checks the syntax without building Python objects, so yaml-rs
        # (laxer: it takes `[>+` or a stray tab) can only read a file the reference can.
        CParser(text).raw_parse()
        # Duplicate keys and aliases are errors here too; an error means "ask the other loader".
        data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_NO_ALIASES)
    except Exception:  # noqa: BLE001 - any complaint at all is the line-aware loader's to word
        return None
    # A root list could be several documents; every data file's root is a mapping.
    if not isinstance(data, dict) or not data or not _plain(data):
        return None
    return FastDocument(file, data, text)
