"""Where each URL is written, so a report can say which line to fix.

URLs in the data come from the same line-aware documents the build validated
(``load_guide``); links written by hand in ``docs/*.md`` are found by a scan of
the Markdown with line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urldefrag

from mlprep.data.load import display_name, load_guide
from mlprep.data.problems import DataError
from mlprep.data.read import load
from mlprep.data.yaml_source import Document, Path_
from mlprep.links.model import Source

# A URL in Markdown ends at whitespace or at the closing punctuation of its syntax.
_MD_URL = re.compile(r"""(?:https?:)?//[^\s<>()\[\]"'`]+""")
_TRAILING = ".,;:!?*_"
T = TypeVar("T")


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


def _documents(data_dir: Path) -> list[Document]:
    try:
        return list(load_guide(data_dir).documents.values())
    except DataError:
        # Still say where URLs are in a guide that does not validate.
        return [load(p, display_name(p))[0] for p in sorted(data_dir.glob("*.yml"))]


def data_sources(data_dir: Path) -> dict[str, list[Source]]:
    """URL → the data file lines holding it."""
    found: dict[str, list[Source]] = {}
    if not data_dir.is_dir():
        return found
    for doc in _documents(data_dir):
        for path, value in _strings(doc.data):
            if value.startswith(("http://", "https://")) and not any(c.isspace() for c in value):
                line, _ = doc.where(path)
                found.setdefault(urldefrag(value).url, []).append(Source(doc.file, line))
    return found


def urls_in(text: str) -> list[str]:
    """The http(s) and protocol-relative URLs written in a line of Markdown or YAML, fragments removed."""
    found = []
    for match in _MD_URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        if url.startswith("//"):
            url = "https:" + url
        found.append(urldefrag(url).url)
    return found


def markdown_sources(docs_dir: Path) -> dict[str, list[Source]]:
    """URL → the docs/ Markdown lines holding it."""
    found: dict[str, list[Source]] = {}
    if not docs_dir.is_dir():
        return found
    for md in sorted(docs_dir.rglob("*.md")):
        name = display_name(md)
        for number, text in enumerate(md.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for url in urls_in(text):
                found.setdefault(url, []).append(Source(name, number))
    return found


def find(url: str, table: dict[str, T]) -> T | None:
    """A URL as a page links it, looked up in a table keyed by URLs as written: with or without a final slash."""
    for key in (url, url.rstrip("/"), url + "/"):
        if key in table:
            return table[key]
    return None


def locate(data_dir: Path, docs_dir: Path) -> dict[str, list[Source]]:
    """URL (fragment removed) → every place it is written, data files first."""
    found = data_sources(data_dir)
    for url, sources in markdown_sources(docs_dir).items():
        found.setdefault(url, []).extend(sources)
    return found
