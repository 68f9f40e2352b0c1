"""Validation of the three data files: every problem at once, each located in its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlprep.data.load import load_guide
from mlprep.data.problems import DataError
from tests.support.data import copy_data, edit, positions
from tests.support.project import FIXTURE, ROOT

AT = positions(load_guide(FIXTURE))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture guide; messages name files relative to the working directory."""
    monkeypatch.chdir(tmp_path)
    return copy_data(tmp_path)


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        load_guide(data)
    return [str(p) for p in err.value.problems]


# Over the real data: invariants only, so a new, removed or edited entry never turns this red.


def test_real_data_is_valid_and_cross_referenced() -> None:
    guide = load_guide(ROOT / "data")  # raises on any problem, a dangling id included
    assert guide.timeline.phases and guide.stories.stories and guide.catalog.resources
    assert set(guide.citations) <= set(guide.resources)
    for phase in guide.timeline.phases:
        for rid in (r for task in phase.tasks for r in task.resources):
            assert ("timeline.md", phase.id) in {(c.page, c.anchor) for c in guide.citations[rid]}, rid
    for story in guide.stories.stories:
        for rid in story.resources:
            assert ("stories.md", story.id) in {(c.page, c.anchor) for c in guide.citations[rid]}, rid


def test_citations_name_every_page_that_cites() -> None:
    guide = load_guide(FIXTURE)
    assert {(c.page, c.anchor) for c in guide.citations["fastai"]} == {
        ("timeline.md", "three-months-before"),
        ("stories.md", "emil-wallner"),
    }


def test_unknown_field_names_its_line_and_suggests(data: Path) -> None:
    line = edit(data / "resources.yml", "    title: Practical Deep Learning", "    tittle: Practical Deep Learning")
    found = problems(data)
    assert (
        f"data/resources.yml:{line}:5: resource 'fastai' (entry {AT['fastai']}): "
        "unknown field 'tittle' (did you mean 'title'?)" in found
    )
    assert any(p.startswith("data/resources.yml:") and "missing required field 'title'" in p for p in found)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    cost: free-with-paid-certificate",
            "    cost: cheap",
            "cost: 'cheap' is not one of: free, free-with-paid-certificate, paid",
        ),
        ("    type: video", "    type: podcast", "type: 'podcast' is not one of: course, book,"),
        ("    level: advanced", "    level: expert", "level: 'expert' is not one of: beginner,"),
        ("url: https://distill.pub/", "url: javascript:alert(1)", "url: a link must start with http:// or https://"),
        ("url: https://distill.pub/", "url: data:text/html,hi", "url: a link must start with http:// or https://"),
        ("url: https://distill.pub/", "url: file:///etc/passwd", "url: a link must start with http:// or https://"),
        (
            "url: https://distill.pub/",
            "url: https://me:secret@distill.pub/",
            "url: a link must not contain a user name or password",
        ),
        (
            "    topics: [reinforcement-learning]",
            "    topics: Reinforcement Learning",
            "topics: must be a list: [first, second] or one '- item' per line",
        ),
        ("  - id: kaggle", "  - id: Kaggle Site", "id: must be lowercase letters and digits joined by hyphens"),
    ],
)
def test_wrong_values_are_located(data: Path, old: str, new: str, expected: str) -> None:
    line = edit(data / "resources.yml", old, new)
    found = problems(data)
    assert any(p.startswith(f"data/resources.yml:{line}:") and expected in p for p in found), found


def test_duplicate_resource_id(data: Path) -> None:
    first = (data / "resources.yml").read_text().splitlines().index("  - id: distill") + 1
    line = edit(data / "resources.yml", "  - id: kaggle", "  - id: distill")  # the last entry
    expected = (
        f"data/resources.yml:{line}:9: resource 'distill' (entry {AT['kaggle']}): "
        "id: already used by resource 'distill' "
        f"(entry {AT['distill']}) at line {first}; pick another"
    )
    assert expected in problems(data)


def test_dangling_reference_in_timeline(data: Path) -> None:
    line = edit(data / "timeline.yml", "resources: [fastai]", "resources: [fast-ai]")
    assert (
        f"data/timeline.yml:{line}:21: phase 'three-months-before' (entry {AT['three-months-before']}), "
        "task 'hands-on-course' (entry 1): "
        "resources item 1: unknown resource id 'fast-ai' (did you mean 'fastai'?); "
        "add it to resources.yml or fix the id" in problems(data)
    )


def test_task_page_must_be_a_page_of_the_guide(data: Path) -> None:
    line = edit(data / "timeline.yml", "resources: [fastai]", "page: resource")
    expected = "page: 'resource' is not one of: timeline, stories, resources (did you mean 'resources'?)"
    assert any(p.startswith(f"data/timeline.yml:{line}:") and expected in p for p in problems(data)), problems(data)


def test_bad_offset_duration(data: Path) -> None:
    line = edit(data / "timeline.yml", "offset: -P3M", "offset: 3 months")
    assert any(p.startswith(f"data/timeline.yml:{line}:") and "ISO 8601 duration" in p for p in problems(data))


def test_every_file_reports_at_once(data: Path) -> None:
    edit(data / "resources.yml", "    cost: paid", "    cost: pricey")
    edit(data / "timeline.yml", "    anchor: first-interview", "    anchor: someday")
    edit(data / "stories.yml", "    person: Emma Ding", "    person: Emma Ding\n    person: Emma")
    files = {p.split(":")[0] for p in problems(data)}
    assert files == {"data/resources.yml", "data/timeline.yml", "data/stories.yml"}


def test_missing_data_file(data: Path) -> None:
    (data / "stories.yml").unlink()
    (msg,) = problems(data)
    assert msg.startswith("data/stories.yml:1:1: cannot read the file")
