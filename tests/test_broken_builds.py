"""Broken data stops the real build with located messages, no traceback, and no site.

Each case breaks a copy of the project whose data is the fixture guide (tests/corpus/guide).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.data import edit
from tests.support.project import build

CASES = {
    "yaml syntax": (
        "data/resources.yml",
        "topics: [reinforcement-learning]",
        "topics: [reinforcement-learning",
        "YAML syntax error",
    ),
    "duplicate key": (
        "data/stories.yml",
        "    person: Emma Ding",
        "    person: Emma Ding\n    person: Emma",
        "duplicate key 'person'",
    ),
    "unknown field": (
        "data/timeline.yml",
        "    summary: >-\n      Rest.",
        "    sumary: >-\n      Rest.",
        "unknown field 'sumary' (did you mean 'summary'?)",
    ),
    "dangling reference": (
        "data/stories.yml",
        "resources: [coding-interview-university]",
        "resources: [ciu]",
        "unknown resource id 'ciu'",
    ),
    "not http": (
        "data/resources.yml",
        "url: https://www.kaggle.com/",
        "url: javascript:alert(document.cookie)",
        "a link must start with http:// or https://",
    ),
    "unknown block": ("docs/stories.md", "<!-- guide:stories -->", "<!-- guide:storeis -->", "unknown block 'storeis'"),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_project_fails_with_located_message(fixture_project: Path, case: str) -> None:
    project = fixture_project
    file, old, new, expected = CASES[case]
    line = edit(project / file, old, new)
    old_site = project / "site"
    old_site.mkdir()
    (old_site / "index.html").write_text("previous site")

    result = build(project)

    assert result.returncode != 0
    assert "Traceback" not in result.output
    located = [ln for ln in result.output.splitlines() if f"{file}:" in ln and expected in ln]
    assert located, result.output
    # The line number is the edited line (or the next, for a syntax error found at the next token).
    number = int(located[0].split(f"{file}:")[1].split(":")[0])
    assert number in (line, line + 1), located[0]
    # Nothing was written: the previous site is still there, untouched.
    assert [p.name for p in old_site.iterdir()] == ["index.html"]
    assert (old_site / "index.html").read_text() == "previous site"


def test_all_problems_reported_in_one_build(fixture_project: Path) -> None:
    project = fixture_project
    edit(project / "data/resources.yml", "    cost: paid", "    cost: pricey")
    edit(project / "data/timeline.yml", "    anchor: first-interview", "    anchor: someday")
    result = build(project)
    assert result.returncode != 0
    assert "data/resources.yml:" in result.output and "data/timeline.yml:" in result.output
    assert "2 problems in the guide's data" in result.output


def test_the_fixture_project_builds_before_it_is_broken(fixture_project: Path) -> None:
    # Each case above breaks exactly one thing: unbroken, the same project builds with --strict.
    result = build(fixture_project)
    assert result.returncode == 0 and "WARNING" not in result.output, result.output
