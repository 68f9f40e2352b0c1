"""Links the data marks gone, and the data edit that marks a newly dead one.

A link found dead for good gets ``gone: {found, archive}`` in its data entry
(``models.Gone``) and the page links the archived copy instead. So the check
does not fetch the original; it lists it apart, as expected, and checks the
copy like any other link: a dead copy is a failure. A newly dead link still
fails the run, and its report gives the lines that move it into this state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mlprep.data.load import entries, load_guide
from mlprep.data.models import Gone
from mlprep.data.problems import DataError
from mlprep.links.locate import find
from mlprep.links.model import DataEdit, LinkResult, Source, Verdict


@dataclass(frozen=True)
class Entry:
    """A resource or write-up link: where its ``url:`` key is written, and whether it is gone."""

    url: str
    file: str
    line: int
    column: int  # 1-based column of the url key: the added lines take its indentation
    gone: Gone | None


def data_entries(data_dir: Path) -> dict[str, Entry]:
    """URL → the resource or write-up holding it; empty when the data does not validate (the build says why)."""
    if not data_dir.is_dir():
        return {}
    try:
        guide = load_guide(data_dir)
    except DataError:
        return {}
    found: dict[str, Entry] = {}
    for file, path, _label, entry in entries(guide):
        if entry.url:
            doc = guide.documents[file]
            line, column = doc.where((*path, "url"), key=True)
            found[entry.url] = Entry(entry.url, doc.file, line, column, entry.gone)
    return found


def set_apart(cited: dict[str, list[str]], gone: dict[str, Entry]) -> dict[str, list[str]]:
    """Take the gone links out of ``cited`` and put their archived copies in; return the pages still citing each."""
    still: dict[str, list[str]] = {entry.url: [] for entry in gone.values()}
    for url in list(cited):
        entry = find(url, gone)
        if entry is not None:
            still[entry.url] += cited.pop(url)
    for entry in gone.values():
        assert entry.gone is not None
        cited.setdefault(entry.gone.archive, [])  # checked even when no page cites it
    return still


def gone_results(
    gone: dict[str, Entry],
    still: dict[str, list[str]],
    checked: dict[str, LinkResult],
    located: dict[str, list[Source]],
) -> list[LinkResult]:
    """One 'gone' result per gone link, saying how its archived copy answered."""
    results = []
    for entry in gone.values():
        assert entry.gone is not None
        copy = checked[entry.gone.archive]
        detail = f"found gone {entry.gone.found.isoformat()}; archived copy {copy.verdict.value}: {copy.detail}"
        if still[entry.url]:
            detail += "; still linked as it is on a page: link the archived copy there"
        result = LinkResult(entry.url, Verdict.GONE, detail=detail, suggestion=entry.gone.archive)
        result.sources = find(entry.url, located) or []
        result.pages = still[entry.url]
        results.append(result)
    return results


def mark_gone(entry: Entry, archive: str | None, today: date) -> DataEdit:
    """The lines that mark ``entry`` gone, to go just below its ``url:`` line, in its indentation."""
    pad = " " * (entry.column - 1)
    # No copy: the value stays empty, so the validator refuses the edit until one is found.
    copy = archive or f" # none found: look for one at https://web.archive.org/web/*/{entry.url}"
    text = f"{pad}gone:\n{pad}  found: {today.isoformat()}\n{pad}  archive: {copy}\n"
    return DataEdit(entry.file, entry.line + 1, text)
