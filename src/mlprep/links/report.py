"""The check's reports: Markdown for a GitHub issue and the job summary, JSON for tools."""

from __future__ import annotations

import json
import re
from typing import Any

from .check import Outcome
from .model import LinkResult, Verdict

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


def json_text(outcome: Outcome) -> str:
    return json.dumps(to_json(outcome), indent=2, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _where(r: LinkResult) -> str:
    return "<br>".join(f"`{s}`" for s in r.sources) or "not found in data/ or docs/"


def _pages(r: LinkResult) -> str:
    return " ".join(f"`{p}`" for p in r.pages)


def _ticks(text: str, least: int) -> str:
    """Backticks enough to open code that no run of backticks in ``text`` can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(least, longest + 1)


def _code(text: str) -> str:
    """``text`` as inline code: inert, whatever it holds."""
    ticks = _ticks(text, 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


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
        fence = _ticks(r.edit.text, 3)
        lines += [f"Insert at {_code(f'{r.edit.file}:{r.edit.line}')}, just below the `url:` of {_code(r.url)}:", ""]
        lines += [f"{fence}yaml", r.edit.text.rstrip("\n"), fence, ""]
    return lines


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def markdown(outcome: Outcome) -> str:
    by = {v: sorted((r for r in outcome.results if r.verdict is v), key=lambda r: r.url) for v in Verdict}
    counts = ", ".join(f"{len(by[v])} {v.value}" for v in ORDER)
    lines = [
        "## External links",
        "",
        f"{len(outcome.results)} unique URLs on {outcome.pages} pages, checked in {outcome.elapsed:.0f} s: {counts}.",
        "",
    ]
    lines += [f"> {note}" for note in outcome.notes] + ([""] if outcome.notes else [])
    if by[Verdict.DEAD]:
        lines += ["### Dead: fix or remove these", ""]
        lines += _table(
            ["URL", "problem", "where to fix", "pages", "archived copy"],
            [[r.url, r.detail, _where(r), _pages(r), r.suggestion or "none found"] for r in by[Verdict.DEAD]],
        )
        if any(r.edit for r in by[Verdict.DEAD]):
            lines += _edits(by[Verdict.DEAD])
    if by[Verdict.MOVED]:
        lines += ["### Moved permanently: update to the new URL", ""]
        lines += _table(
            ["URL", "new URL", "where to fix", "pages"],
            [[r.url, r.suggestion or "", _where(r), _pages(r)] for r in by[Verdict.MOVED]],
        )
    if by[Verdict.UNCHECKED]:
        lines += ["### Not settled within the time budget", ""]
        lines += _table(["URL", "why", "where"], [[r.url, r.detail, _where(r)] for r in by[Verdict.UNCHECKED]])
    if by[Verdict.BLOCKED]:
        lines += ["### Blocked by bot walls: unverified, check by hand", ""]
        lines += _table(["URL", "answer", "where"], [[r.url, r.detail, _where(r)] for r in by[Verdict.BLOCKED]])
    if by[Verdict.GONE]:
        lines += ["### Known gone: their archived copies are linked instead", ""]
        lines += ["Not failures: the data marks these `gone`; each archived copy is checked like any link.", ""]
        lines += _table(
            ["URL", "state", "archived copy", "where"],
            [[r.url, r.detail, r.suggestion or "", _where(r)] for r in by[Verdict.GONE]],
        )
    if not by[Verdict.DEAD]:
        lines += ["No dead links.", ""]
    return "\n".join(lines)
