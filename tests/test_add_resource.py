"""The add-resource command: a validated entry inserted in the file's style; duplicates refused by name and line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from mlprep.cli.add_resource import main, topic_list
from mlprep.data.load import load_guide
from tests.support.data import copy_data
from tests.support.project import FIXTURE

TOPICS = list(topic_list(FIXTURE))[:2]  # whichever the fixture's topic list offers
ENTRY = {
    "id": "cs229",
    "title": "CS229: Machine Learning",
    "url": "https://cs229.stanford.edu/",
    "type": "course",
    "author": "Stanford University",
    "cost": "free",
    "level": "intermediate",
    "topics": ", ".join(TOPICS),
    "description": "Lectures and notes on supervised learning, from linear models to kernels.",
}


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture guide (its last entry is a community); messages name files from here."""
    monkeypatch.chdir(tmp_path)
    return copy_data(tmp_path)


def flags(entry: dict[str, str]) -> list[str]:
    return [arg for name, value in entry.items() for arg in (f"--{name}", value)]


def run(argv: list[str], answers: list[str] | None = None) -> tuple[int, str]:
    out = io.StringIO()
    feed = iter(answers or [])
    code = main(argv, ask=lambda _prompt: next(feed), interactive=answers is not None, out=out)
    return code, out.getvalue()


def test_adds_entry_keeping_every_other_line(data: Path) -> None:
    before = (data / "resources.yml").read_text(encoding="utf-8")
    code, out = run(flags(ENTRY))
    assert code == 0, out
    after = (data / "resources.yml").read_text(encoding="utf-8")
    line = int(out.split("data/resources.yml:")[1].split(";")[0])
    lines = after.splitlines()
    assert lines[line - 1] == "  - id: cs229"
    assert lines[line] == '    title: "CS229: Machine Learning"'
    # Only lines were added (the entry and one separating blank line); none changed or moved.
    assert [ln for i, ln in enumerate(lines) if not line - 2 <= i < line + 9] == before.splitlines()
    resource = load_guide(data).resources["cs229"]
    assert resource.topics == TOPICS and resource.description == ENTRY["description"]


def test_entry_goes_after_the_last_of_its_type(data: Path) -> None:
    code, out = run(flags(ENTRY | {"id": "x-community", "url": "https://x.org/", "type": "community"}))
    assert code == 0, out
    ids = [r.id for r in load_guide(data).catalog.resources]
    assert ids[-1] == "x-community"
    code, out = run(flags(ENTRY))
    ids = [r.id for r in load_guide(data).catalog.resources]
    types = [r.type.value for r in load_guide(data).catalog.resources]
    last_course = max(i for i, t in enumerate(types) if t == "course" and ids[i] != "cs229")
    assert ids.index("cs229") == last_course + 1


def line_of(data: Path, text: str) -> int:
    return (data / "resources.yml").read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"id": "distill"}, "not added: id 'distill' is already used by the entry at data/resources.yml:{distill}"),
        (
            {"url": "http://www.distill.pub/?utm_source=x#top"},
            "not added: the link http://www.distill.pub/?utm_source=x#top opens the same page as resource 'distill' "
            "(data/resources.yml:{distill})",
        ),
        (
            {"url": "https://www.emilwallner.com/p/no-ml-degree/"},
            "not added: the link https://www.emilwallner.com/p/no-ml-degree/ opens the same page as "
            "the write-up in story 'emil-wallner' (data/stories.yml:",
        ),
    ],
)
def test_duplicates_are_refused_naming_the_entry(data: Path, change: dict[str, str], expected: str) -> None:
    before = (data / "resources.yml").read_bytes()
    code, out = run(flags(ENTRY | change))
    assert code == 1
    # Every reason at once: the tracked link is refused for its parameters and for repeating a page.
    assert any(line.startswith(expected.format(distill=line_of(data, "  - id: distill"))) for line in out.splitlines())
    assert (data / "resources.yml").read_bytes() == before


def test_invalid_values_are_refused_with_every_reason(data: Path) -> None:
    before = (data / "resources.yml").read_bytes()
    code, out = run(flags(ENTRY | {"id": "CS 229", "url": "javascript:alert(1)", "title": "T" * 200}))
    assert code == 1
    assert out.splitlines() == [
        "not added: id: must be lowercase letters and digits joined by hyphens, like 'deep-learning'",
        "not added: title: 200 characters, more than the 160 allowed; shorten it",
        "not added: url: a link must start with http:// or https://",
    ]
    assert (data / "resources.yml").read_bytes() == before


def test_id_defaults_to_the_title_in_words(data: Path) -> None:
    code, out = run(flags({k: v for k, v in ENTRY.items() if k != "id"}))
    assert code == 0 and "added 'cs229-machine-learning' at data/resources.yml:" in out, out


def test_missing_flags_without_a_terminal_are_a_usage_error(data: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        run(["--title", "Only a title"])
    assert exc.value.code == 2


def test_prompts_for_what_is_missing_and_asks_again_after_a_bad_answer(data: Path) -> None:
    answers = ["", "free", "nope", "beginner", "a, b", ",".join(TOPICS), "Words of my own.", ""]
    # title and url given; prompts: id (blank takes the suggestion), type? given. Ask the rest in field order.
    given = {k: ENTRY[k] for k in ("title", "url", "type", "author")}
    code, out = run(flags(given), answers)
    assert code == 0, out
    assert "id [cs229-machine-learning]: " not in out  # prompts go to ask(), not to out
    assert "  level: 'nope' is not one of: beginner, intermediate, advanced, all-levels" in out
    assert "  topics: unknown topic 'a' (allowed: " in out
    resource = load_guide(data).resources["cs229-machine-learning"]
    assert (resource.cost.value, resource.level.value, resource.topics, resource.note) == (
        "free",
        "beginner",
        TOPICS,
        None,
    )


def test_dry_run_changes_nothing(data: Path) -> None:
    before = (data / "resources.yml").read_bytes()
    code, out = run([*flags(ENTRY), "--dry-run"])
    assert code == 0 and "  - id: cs229\n" in out
    assert (data / "resources.yml").read_bytes() == before


def test_refuses_to_add_to_data_that_already_has_problems(data: Path) -> None:
    path = data / "timeline.yml"
    path.write_text(
        re.sub(r"anchor: [a-z-]+", "anchor: someday", path.read_text(encoding="utf-8"), count=1), encoding="utf-8"
    )
    code, out = run(flags(ENTRY))
    assert code == 1 and out.startswith("the data already has problems; fix them first:\ndata/timeline.yml:")


def test_undecodable_input_is_refused_not_a_traceback(data: Path) -> None:
    code, out = run(flags(ENTRY | {"title": "caf\udce9"}))  # how Python passes on a byte the terminal could not decode
    assert (code, out) == (1, "not added: title: holds characters that cannot be saved as UTF-8\n")
