"""Every element id on a page is unique: an entry's id must not make another kind's element id.

The templates turn data ids into element ids (a phase `plan` becomes `#plan`, which the
planner already uses; a resource `type-book` meets the heading of the books). Two elements
with one id send "cited in" links and the scripts to the wrong place, so the build refuses
the data id that makes the second one, located in its file.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from mlprep.data.problems import Problem
from mlprep.data.yaml_source import Document, Path_

_ID = re.compile(r'\bid="([^"]+)"|\{\s*#([^\s}]+)\s*\}')


def element_ids(markdown: str) -> list[str]:
    """The element ids a rendered block declares: HTML ``id="…"`` and attribute-list ``{ #… }`` headings."""
    return [html.unescape(a or b) for a, b in _ID.findall(markdown)]


def _id_values(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every ``id`` field in a data file, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from _id_values(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _id_values(item, (*path, i))


def collisions(pages: dict[str, str], documents: dict[str, Document]) -> tuple[list[Problem], list[str]]:
    """Problems at the data ids that make an element id twice on a page; and the repeats no data id explains.

    ``pages`` maps a page's name to its rendered blocks. An element id comes from a data
    id when it is that id or ends in "-" or "--" and that id (``phase-x``, ``story--w``).
    """
    problems: list[Problem] = []
    unexplained: list[str] = []
    owners = [(doc, path, value) for doc in documents.values() for path, value in _id_values(doc.data)]
    for page, text in pages.items():
        counts = Counter(element_ids(text))
        for repeated in sorted(i for i, n in counts.items() if n > 1):
            # The entry whose id is the element id itself, else those a template prefixed.
            found = [o for o in owners if o[2] == repeated] or [o for o in owners if repeated.endswith("-" + o[2])]
            if not found:
                unexplained.append(f"{page}: the element id '{repeated}' appears {counts[repeated]} times")
            for doc, path, value in found:
                problems.append(
                    doc.problem(
                        path,
                        f"the id '{value}' gives the {page} page a second element with the id '{repeated}'; "
                        "choose an id no other entry, heading or tool on that page uses",
                    )
                )
    return problems, unexplained
