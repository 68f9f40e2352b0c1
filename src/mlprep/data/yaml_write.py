"""Write a resource into resources.yml in the file's own style, leaving every other byte as it was.

Not a re-dump: a round-trip dumper reflows comments and quoting across the whole
file. The new entry is rendered as text the way contributors write entries
(plain scalars, flow lists of topics, folded descriptions), each scalar checked
by parsing it back, and inserted after the last entry of its type.
"""

from __future__ import annotations

import textwrap

import yaml

from mlprep.data.models import Resource
from mlprep.data.yaml_source import LOADER, parse

WIDTH = 88
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0"}
_FOLDED = ("description", "note")


class FlowList(Exception):
    """``resources: [...]`` on one line: entries cannot be inserted in the file's own style."""


def _printable(ch: str) -> bool:
    # YAML's printable set, less what it reads as line breaks (NEL, LS, PS) or a byte-order mark:
    # those are written as escapes, so no raw U+2028 ever lands in a data file.
    return (
        " " <= ch <= "~"
        or ("\xa0" <= ch <= "\ud7ff" and ch not in "\u2028\u2029")
        or ("\ue000" <= ch <= "\ufffd" and ch != "\ufeff")
        or ch >= "\U00010000"
    )


def quoted(value: str) -> str:
    """A double-quoted YAML scalar that reads back as ``value``, whatever it holds."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _printable(ch):
            out.append(ch)
        else:
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def _reads_back(text: str, value: object) -> bool:
    doc, problems = parse(text, "<entry>")
    return not problems and doc.data == {"k": value}


def scalar(value: str, *, in_flow: bool = False) -> str:
    """``value`` plain when YAML reads it back unchanged as a string (not ``yes``, ``12``, ``a: b``), else quoted."""
    probe = f"k: [{value}]\n" if in_flow else f"k: {value}\n"
    ok = value and "\n" not in value and _reads_back(probe, [value] if in_flow else value)
    return value if ok else quoted(value)


def folded(value: str, indent: str) -> str | None:
    """``>-`` and the text wrapped at single spaces, or None when folding would change it."""
    words = value.split(" ")
    if any(not w for w in words) or any(not _printable(ch) for ch in value):
        return None
    lines = textwrap.wrap(value, WIDTH - len(indent), break_long_words=False, break_on_hyphens=False)
    block = ">-\n" + "".join(f"{indent}{line}\n" for line in lines)
    return block if _reads_back(f"k: {block}", value) else None


def render(resource: Resource, indent: int = 2, content: int | None = None) -> str:
    """The entry as YAML lines, fields in the model's order, unset optional fields left out.

    ``indent`` is the dash's column and ``content`` the fields' column (two past the dash unless given).
    """
    content = indent + 2 if content is None else content
    pad = " " * content
    lines = []
    for name, value in resource.model_dump(mode="json", exclude_none=True).items():
        if isinstance(value, list):
            text = "[" + ", ".join(scalar(v, in_flow=True) for v in value) + "]"
        elif name in _FOLDED:
            text = (folded(value, pad + "  ") or scalar(value)).rstrip("\n")
        else:
            text = scalar(value)
        lines.append(f"{pad}{name}: {text}")
    lines[0] = " " * indent + "-" + lines[0][indent + 1 :]  # the dash takes the first field's padding
    return "\n".join(lines) + "\n"


def _columns(text: str, item: yaml.Node) -> tuple[int, int]:
    """The column of ``item``'s dash and of its fields, as the file writes its entries.

    Both are read, not assumed: ``-   {id: x}`` has its dash at 0 and its fields at 4. The dash is
    the scanner's last block-entry token before the item (the sequence node's own mark moves to a tag
    or an anchor written after ``resources:``); fields on the dash's line start where the item does.
    """
    start = (item.start_mark.line, item.start_mark.column)
    dash = 0
    for token in yaml.scan(text, Loader=LOADER):
        if (token.start_mark.line, token.start_mark.column) >= start:
            break
        if isinstance(token, yaml.BlockEntryToken):
            dash = token.start_mark.column
    return dash, max(item.start_mark.column, dash + 2)


def insert(text: str, resource: Resource) -> tuple[str, int]:
    """``text`` with the entry added after the last entry of its type (or the last entry); and its line."""
    root = yaml.compose(text, Loader=LOADER)
    if root is None:
        raise ValueError("the file is empty")  # the caller validated the file first
    seq = next(v for k, v in root.value if k.value == "resources")
    if seq.flow_style:
        raise FlowList()
    items = seq.value
    same = [
        i
        for i, item in enumerate(items)
        if any(k.value == "type" and v.value == resource.type.value for k, v in item.value)
    ]
    at = same[-1] if same else len(items) - 1
    lines = text.split("\n")
    stop = items[at + 1].start_mark.line if at + 1 < len(items) else len(lines)
    end = stop
    # Blank lines and comments before the next entry belong to it (such as a group heading).
    while end > items[at].start_mark.line + 1 and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    entry = render(resource, *_columns(text, items[at])).rstrip("\n").split("\n")
    after = lines[end:]
    gap = [""] if after and after[0].strip() else []
    if not after or after == [""]:
        after = [""]  # keep the file ending in exactly one newline
    new = [*lines[:end], "", *entry, *gap, *after]
    return "\n".join(new), end + 2
