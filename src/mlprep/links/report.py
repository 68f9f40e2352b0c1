"""The check's reports: Markdown for a GitHub issue and the job summary, JSON for tools."""

from __future__ import annotations

import json
import re
from typing import Any

from mlprep.data.terminal_text import acting_character
from mlprep.github.markdown import code, host_note, table_code, table_text_url, table_url, ticks
from mlprep.links.check import Outcome
from mlprep.links.model import LinkResult, Verdict

ORDER = [Verdict.DEAD, Verdict.MOVED, Verdict.UNCHECKED, Verdict.BLOCKED, Verdict.GONE, Verdict.OK]


def to_json(outcome: Outcome) -> dict[str, Any]:
    links = sorted(outcome.results, key=lambda r: (ORDER.index(r.verdict), r.url))
    return {
        "summary": {
            "urls": len(outcome.results),
            "pages": outcome.pages,
            "elapsed_seconds": round(outcome.elapsed, 1),
            **{v.value: outcome.count(v) for v in Verdict},
            "notes": outcome.notes,
        },
        "links": [r.to_json() for r in links],
    }


# Characters JSON may hold raw: C1 controls and DEL, format characters (bidi controls, zero-width
# characters, soft hyphen), line and paragraph separators; of these, what a terminal acts on or hides.
_RAW = re.compile(r"[^\x00-\x7e]")


def _escaped(match: re.Match[str]) -> str:
    ch = match.group()
    return json.dumps(ch)[1:-1] if acting_character(ch) else ch


def json_text(outcome: Outcome) -> str:
    """The JSON report, other text as written (UTF-8), but any character that could act or hide as an escape.

    A server's words are kept whole as data; whoever opens the file in a terminal sees them inert.
    """
    text = json.dumps(to_json(outcome), indent=2, ensure_ascii=False)
    return _RAW.sub(_escaped, text) + "\n"


def _where(r: LinkResult) -> str:
    return "<br>".join(code(str(s)) for s in r.sources) or "not found in data/ or docs/"


def _pages(r: LinkResult) -> str:
    return " ".join(code(p) for p in r.pages)


def _said(text: str) -> str:
    """A server's words (a reason phrase, a redirect target) in a cell: code, so nothing in it acts."""
    return table_code(text) if text else ""


def _address(address: str | None, missing: str = "") -> str:
    return table_url(address) if address else missing


def _edits(dead: list[LinkResult]) -> list[str]:
    """For each dead link in a data entry: the lines that mark it gone, and where they go."""
    lines = [
        "#### Gone for good? Mark it in the data",
        "",
        "If a dead link will not come back, add these lines to its entry: the page then links the archived "
        "copy, marked as one, and this check expects the original to be dead. Otherwise fix or remove the link.",
        "",
    ]
    for r in dead:
        if r.edit is None:
            continue
        fence = ticks(r.edit.text, 3)
        where, address = code(f"{r.edit.file}:{r.edit.line}"), code(r.url) + host_note(r.url)
        lines += [f"Insert at {where}, just below the `url:` of {address}:", ""]
        lines += [f"{fence}yaml", r.edit.text.rstrip("\n"), fence, ""]
    return lines


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A table of cells already written inert: the URL column as plain text, the rest as code or links."""
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def markdown(outcome: Outcome, title: str = "External links") -> str:
    by = {v: sorted((r for r in outcome.results if r.verdict is v), key=lambda r: r.url) for v in Verdict}
    counts = ", ".join(f"{len(by[v])} {v.value}" for v in ORDER)
    lines = [
        f"## {title}",
        "",
        f"{len(outcome.results)} unique URLs on {outcome.pages} pages, checked in {outcome.elapsed:.0f} s: {counts}.",
        "",
    ]
    lines += [f"> {note}" for note in outcome.notes] + ([""] if outcome.notes else [])
    if by[Verdict.DEAD]:
        lines += ["### Dead: fix or remove these", ""]
        lines += _table(
            ["URL", "problem", "where to fix", "pages", "archived copy"],
            [
                [table_text_url(r.url), _said(r.detail), _where(r), _pages(r), _address(r.suggestion, "none found")]
                for r in by[Verdict.DEAD]
            ],
        )
        if any(r.edit for r in by[Verdict.DEAD]):
            lines += _edits(by[Verdict.DEAD])
    if by[Verdict.MOVED]:
        lines += ["### Moved permanently: update to the new URL", ""]
        lines += _table(
            ["URL", "new URL", "where to fix", "pages"],
            [[table_text_url(r.url), _address(r.suggestion), _where(r), _pages(r)] for r in by[Verdict.MOVED]],
        )
    if by[Verdict.UNCHECKED]:
        lines += ["### Not settled: the next run tries again", ""]
        lines += _table(
            ["URL", "why", "where"],
            [[table_text_url(r.url), _said(r.detail), _where(r)] for r in by[Verdict.UNCHECKED]],
        )
    if by[Verdict.BLOCKED]:
        lines += ["### Blocked by bot walls: unverified, check by hand", ""]
        lines += _table(
            ["URL", "answer", "where"],
            [[table_text_url(r.url), _said(r.detail), _where(r)] for r in by[Verdict.BLOCKED]],
        )
    if by[Verdict.GONE]:
        lines += ["### Known gone: their archived copies are linked instead", ""]
        lines += ["Not failures: the data marks these `gone`; each archived copy is checked like any link.", ""]
        lines += _table(
            ["URL", "state", "archived copy", "where"],
            [[table_text_url(r.url), _said(r.detail), _address(r.suggestion), _where(r)] for r in by[Verdict.GONE]],
        )
    if not by[Verdict.DEAD]:
        lines += ["No dead links.", ""]
    return "\n".join(lines)
