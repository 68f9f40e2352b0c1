"""The link check's vocabulary: verdicts and the record kept for each unique URL."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    OK = "ok"
    MOVED = "moved"  # permanent redirect to a working URL: update the data
    BLOCKED = "blocked"  # bot wall: unverified, not a failure
    DEAD = "dead"
    UNCHECKED = "unchecked"  # no final answer: the budget ran out, the host was too slow, or it rate-limits
    GONE = "gone"  # the data marks it gone and links its archived copy: expected, not fetched


@dataclass(frozen=True)
class Source:
    """Where a URL is written: a data file or docs/ page, 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class DataEdit:
    """Lines to insert into a data file at ``line``, as they are to be written."""

    file: str
    line: int
    text: str


@dataclass
class LinkResult:
    url: str
    verdict: Verdict
    status: int | None = None
    detail: str = ""
    sources: list[Source] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    suggestion: str | None = None  # the new URL (moved) or an archived copy (dead, gone)
    edit: DataEdit | None = None  # dead: the data edit that marks it gone
    attempts: int = 0
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = self.verdict.value
        data["sources"] = [str(s) for s in self.sources]
        return data
