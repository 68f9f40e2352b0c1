"""The add-resource command: a validated entry inserted in the file's style; duplicates refused by name and line."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlprep.cli.add_resource import main, topic_list
from mlprep.data.file_write import write_text
from mlprep.data.load import load_guide
from mlprep.data.models import Resource
from mlprep.data.yaml_source import parse
from mlprep.data.yaml_write import insert
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


# The file's own layout, whatever it is; and nothing written that the build would refuse.


def entries_as(path: Path, dash: str, head: str = "resources:") -> None:
    """Rewrite the resources list with each entry on one line as ``dash`` + a flow mapping."""
    text = path.read_text(encoding="utf-8")
    entries = yaml.safe_load(text)["resources"]
    body = "".join(f"{dash}{json.dumps(e, ensure_ascii=False, default=str)}\n" for e in entries)
    path.write_text(text[: text.index("\nresources:\n") + 1] + head + "\n" + body, encoding="utf-8")


def test_entries_written_as_flow_mappings_after_a_wide_dash_get_the_new_one_in_their_columns(data: Path) -> None:
    path = data / "resources.yml"
    entries_as(path, "-   ")  # dash at column 0, fields at column 4
    before = [r.id for r in load_guide(data).catalog.resources]
    code, out = run(flags(ENTRY))
    assert code == 0, out
    line = int(out.split("data/resources.yml:")[1].split(";")[0])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[line - 1 : line + 1] == ["-   id: cs229", '    title: "CS229: Machine Learning"']
    assert [r.id for r in load_guide(data).catalog.resources if r.id != "cs229"] == before


@pytest.mark.parametrize(
    ("dash", "head"),
    [("- ", "resources:"), ("    -   ", "resources: !!seq"), ("  - ", "resources: &all")],
    ids=["indentless", "tagged, wide dash", "anchored"],
)
def test_the_new_entry_takes_the_dash_and_field_columns_the_file_uses(data: Path, dash: str, head: str) -> None:
    path = data / "resources.yml"
    entries_as(path, dash, head)
    old = path.read_text(encoding="utf-8")
    new, line = insert(old, Resource.model_validate(ENTRY | {"topics": TOPICS}))
    doc, problems = parse(new, "resources.yml")
    assert problems == [], problems
    ids = [e["id"] for e in doc.data["resources"]]
    assert sorted(ids) == sorted([e["id"] for e in yaml.safe_load(old)["resources"]] + ["cs229"])
    assert new.splitlines()[line - 1] == f"{dash}id: cs229"
    assert new.splitlines()[line].startswith(" " * len(dash) + "title: ")


def test_a_new_text_that_would_not_parse_is_never_written(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data / "resources.yml"
    before = path.read_bytes()
    writes: list[Path] = []

    def broken_insert(text: str, resource: Resource) -> tuple[str, int]:
        new, line = insert(text, resource)
        return new.replace("  - id: cs229", "  - id: [cs229", 1), line  # a flow list never closed

    def spy_write(target: Path, *args: Any, **kwargs: Any) -> None:
        writes.append(target)
        write_text(target, *args, **kwargs)

    monkeypatch.setattr("mlprep.cli.add_resource.insert", broken_insert)
    monkeypatch.setattr("mlprep.cli.add_resource.write_text", spy_write)
    code, out = run(flags(ENTRY))
    assert code == 1 and out.startswith("not added: the entry would not fit data/resources.yml; nothing was changed:")
    assert re.search(r"^data/resources\.yml:\d+:\d+: YAML syntax error", out, re.MULTILINE), out
    assert "Traceback" not in out
    assert writes == [], "the file was written, even if put back afterwards"
    assert path.read_bytes() == before


# A data file that is a link: read and written only inside the project, and still a link afterwards.


def test_a_resources_file_linked_from_outside_the_project_offers_no_topics_and_is_not_written(
    data: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "resources.yml"
    (data / "resources.yml").rename(outside)
    (data / "resources.yml").symlink_to(outside)
    before = outside.read_bytes()
    assert topic_list(data) == {}, "an outside file's keys are never offered"
    code, out = run(flags(ENTRY))
    assert code == 1 and "a link to a place outside the project" in out, out
    assert outside.read_bytes() == before


def test_a_resources_file_linked_inside_the_project_is_written_through_and_stays_a_link(data: Path) -> None:
    shared = data.parent / "shared"
    shared.mkdir()
    (data / "resources.yml").rename(shared / "resources.yml")
    (data / "resources.yml").symlink_to(Path("..") / "shared" / "resources.yml")
    code, out = run(flags(ENTRY))
    assert code == 0, out
    assert (data / "resources.yml").is_symlink(), "the link was replaced by a copy"
    assert "id: cs229" in (shared / "resources.yml").read_text(encoding="utf-8")
    assert "cs229" in load_guide(data).resources
    assert [p.name for p in (*data.iterdir(), *shared.iterdir()) if p.name.endswith(".tmp")] == []
