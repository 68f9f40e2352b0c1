"""Safe, line-aware YAML loading.

PyYAML's ``safe_load`` keeps the last of two equal keys and forgets where each
value was written. Here libyaml composes the node tree (fast, with marks) and a
small walker builds plain Python data while recording the position of every
key and value, refusing duplicate keys, custom tags and aliases on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from mlprep.data.problems import Problem

try:  # libyaml is several times faster; the pure-Python loader behaves the same.
    LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    LOADER = yaml.SafeLoader

Path_ = tuple[str | int, ...]
Pos = tuple[int, int]

_STR = "tag:yaml.org,2002:str"
# Scalars we construct; a timestamp stays the text it was written as, so that a
# date is validated by the model like any other string.
_SCALARS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    _STR,
}
# Real data nests six levels deep. The cap keeps a hostile file far from Python's recursion
# limit (the walker recurses) and is reported where the nesting goes too deep.
MAX_DEPTH = 32
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_constructor = SafeConstructor()


@dataclass
class Document:
    """A YAML file's data plus where each key and value sits in the file."""

    file: str
    data: Any
    keys: dict[Path_, Pos] = field(default_factory=dict)
    values: dict[Path_, Pos] = field(default_factory=dict)
    # Values the loader refused and left out (an alias, a tag): already reported, so not validated again.
    unread: frozenset[Path_] = frozenset()

    def where(self, path: Path_, *, key: bool = False) -> Pos:
        """Position of the node at ``path``, or of its closest written ancestor."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, message)


def _pos(mark: yaml.Mark) -> Pos:
    return (mark.line + 1, mark.column + 1)  # PyYAML marks are 0-based


class _Walker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.unread: set[Path_] = set()

    def fail(self, node: yaml.Node, message: str, at: Pos | None = None) -> None:
        line, col = at or _pos(node.start_mark)
        self.problems.append(Problem(self.doc.file, line, col, message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.doc.values[path] = _pos(node.start_mark)
        if len(path) > MAX_DEPTH:
            self.fail(node, f"nested more than {MAX_DEPTH} levels deep; the data files need far fewer")
            return None
        if id(node) in self.seen:  # libyaml hands an alias back as the same node object
            # The alias shares its anchor's marks, so point at the key that holds it.
            at = self.doc.keys.get(path)
            self.fail(node, "anchors and aliases (&name, *name) are not allowed; write the value out", at)
            self.unread.add(path)
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALARS:
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        self.fail(node, f"the YAML tag {node.tag!r} is not allowed; use plain strings, numbers, lists and mappings")
        self.unread.add(path)
        return None

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR):
                self.fail(key_node, "mapping keys must be plain strings")
                continue
            key = key_node.value
            if key in first:
                line, col = first[key]
                self.fail(key_node, f"duplicate key {key!r} (first written at line {line}, column {col})")
                continue
            first[key] = _pos(key_node.start_mark)
            self.doc.keys[(*path, key)] = first[key]
            out[key] = self.build(value_node, (*path, key))
        return out


def _char_at(text: str, mark: yaml.Mark) -> str:
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


def parse(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text; return the document and every problem found in it."""
    doc = Document(file, None)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        detail = err.problem or err.context or "invalid YAML"
        if mark and _char_at(text, mark) == "\t":
            detail += " (a tab: YAML indentation must use spaces)"
        return doc, [Problem(file, line, col, f"YAML syntax error: {detail}")]
    except yaml.reader.ReaderError as err:
        # libyaml counts UTF-8 bytes here; the pure-Python reader counts characters.
        index = (
            err.position if LOADER is yaml.SafeLoader else len(text.encode()[: err.position].decode(errors="ignore"))
        )
        line, col = _index_pos(text, index)
        return doc, [Problem(file, line, col, f"the character U+{err.character:04X} is not allowed in YAML; remove it")]
    except yaml.YAMLError as err:
        return doc, [Problem(file, 1, 1, f"YAML error: {err}")]
    if root is None:
        return doc, [Problem(file, 1, 1, "the file is empty")]
    walker = _Walker(doc)
    doc.data = walker.build(root, ())
    doc.unread = frozenset(walker.unread)
    return doc, walker.problems + _tabs(text, file)


def _index_pos(text: str, index: int) -> Pos:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _tabs(text: str, file: str) -> list[Problem]:
    """A tab that YAML accepted still reads differently in every editor: one problem per line."""
    if "\t" not in text:
        return []
    return [
        Problem(file, n, line.index("\t") + 1, "a tab character; use spaces")
        for n, line in enumerate(text.split("\n"), 1)
        if "\t" in line
    ]
