"""A copy of the fixture guide to break, and the validator's messages about it.

Rule and error tests edit ``tests/corpus/guide`` (a small, frozen guide shaped like
the real one), never the live ``data/``: a contributor's new or removed resource
must not change what they see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mlprep.data.load import Guide
from mlprep.data.models import Timeline
from mlprep.site.check import data_problems
from tests.support.project import FIXTURE


def copy_data(dest: Path, source: Path = FIXTURE) -> Path:
    shutil.copytree(source, dest / "data")
    return dest / "data"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of ``old``; return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def messages(data: Path) -> list[str]:
    return [str(p) for p in data_problems(data)]


def positions(guide: Guide) -> dict[str, int]:
    """Each resource, story and phase id with its 1-based position, as messages name entries."""
    ids = (
        [r.id for r in guide.catalog.resources],
        [s.id for s in guide.stories.stories],
        [p.id for p in guide.timeline.phases],
    )
    return {item: i for kind in ids for i, item in enumerate(kind, 1)}


def any_task(timeline: Timeline) -> str:
    """A task's id to tick, whichever the timeline lists first: the model requires one in every phase."""
    return next(task.id for phase in timeline.phases for task in phase.tasks)
