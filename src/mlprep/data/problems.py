"""Located problems in data files, reported together as ``file:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass

from mlprep.data.terminal_text import one_line


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one data file; line and column are 1-based."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # One line whatever the data holds: a key with "\n::error ..." cannot start a workflow command.
        return one_line(f"{self.file}:{self.line}:{self.col}: {self.message}")


class DataError(Exception):
    """Raised with every problem found, so a contributor fixes them in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        return "\n".join([*lines, f"{count} {noun} in the guide's data"])
