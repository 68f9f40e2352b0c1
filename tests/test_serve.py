"""`mkdocs serve` rebuilds when a data file changes, and reads the data afresh."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlprep.bench.rebuild import fetch, serving, wait_for


@pytest.fixture
def served(project: Path, tmp_path: Path) -> Iterator[str]:
    # serve mounts the site under site_url's path, as GitHub Pages will.
    with serving(project, tmp_path / "serve.log") as url:
        yield url


def test_data_edit_triggers_rebuild(project: Path, served: str) -> None:
    stories = project / "data" / "stories.yml"
    text = stories.read_text(encoding="utf-8")
    person = re.search(r"^    person: (.+)$", text, re.MULTILINE)  # whoever the first story is about
    assert person is not None
    renamed = "Renamed-In-Serve-Test"
    stories.write_text(text.replace(person[0], f"    person: {renamed}", 1), encoding="utf-8")
    # The limit only bounds a broken run; no timing is asserted.
    assert wait_for(lambda: renamed in (fetch(served + "stories/") or ""), timeout=90, step=0.3)
