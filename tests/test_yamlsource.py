"""Line-aware safe YAML loading: data, positions, and refusals with located messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlprep.data.read import load
from mlprep.data.yaml_source import parse


def messages(text: str) -> list[str]:
    return [str(p) for p in parse(text, "f.yml")[1]]


def test_records_positions_of_keys_and_values() -> None:
    doc, problems = parse("a:\n  - x: 1\n    y: hello\n", "f.yml")
    assert problems == []
    assert doc.data == {"a": [{"x": 1, "y": "hello"}]}
    assert doc.where(("a", 0, "y")) == (3, 8)
    assert doc.where(("a", 0, "y"), key=True) == (3, 5)
    # A path that was never written falls back to its closest ancestor.
    assert doc.where(("a", 0, "missing")) == (2, 5)


def test_duplicate_key_is_an_error_not_a_silent_overwrite() -> None:
    assert messages("a: 1\nb: 2\na: 3\n") == ["f.yml:3:1: duplicate key 'a' (first written at line 1, column 1)"]


def test_tab_indentation_is_named() -> None:
    (msg,) = messages("a:\n\t- b\n")
    assert msg.startswith("f.yml:2:1: YAML syntax error:") and "tab" in msg


def test_syntax_error_is_located() -> None:
    (msg,) = messages("a: [1, 2\nb: 3\n")
    assert msg.startswith("f.yml:2:") and "YAML syntax error" in msg


@pytest.mark.parametrize(
    "text",
    ["x: !!python/object/apply:os.system ['true']\n", "x: !custom 1\n", "x: !!binary aGk=\n", "x: !!set {a}\n"],
)
def test_tags_that_construct_objects_are_refused(text: str) -> None:
    (msg,) = messages(text)
    assert msg.startswith("f.yml:1:4:") and "is not allowed" in msg


def test_aliases_are_refused_where_used() -> None:
    assert messages("a: &x [1]\nb: *x\n") == [
        "f.yml:2:1: anchors and aliases (&name, *name) are not allowed; write the value out"
    ]


def test_empty_file() -> None:
    assert messages("") == ["f.yml:1:1: the file is empty"]
    assert messages("# only a comment\n") == ["f.yml:1:1: the file is empty"]


def test_dates_stay_text() -> None:
    assert parse("d: 2024-02-29\n", "f.yml")[0].data == {"d": "2024-02-29"}


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_bytes(b"title: ok\nname: caf" + b"\xe9\n")
    _, problems = load(path, "bad.yml")
    assert [str(p) for p in problems] == ["bad.yml:2:10: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8"]


def test_missing_file(tmp_path: Path) -> None:
    _, problems = load(tmp_path / "nope.yml", "nope.yml")
    assert len(problems) == 1 and "cannot read the file" in problems[0].message
