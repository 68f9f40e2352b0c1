"""The fast YAML path reads exactly what the line-aware loader reads, or declines.

The line-aware loader (``yamlsource.parse``) is the reference: the fast path may
only ever accept a file the reference accepts, with the same data, and every
problem must still come out located as file:line:col.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.synthetic import DATA_FILES, synthesize, write_data  # the benchmark's generator: large valid inputs
from mlprep.data import read
from mlprep.data.fast_yaml import FastDocument, parse_fast
from mlprep.data.load import load_guide
from mlprep.data.problems import DataError
from mlprep.data.read import load
from mlprep.data.yaml_source import parse
from tests.support.project import FIXTURE, ROOT

DATA = ROOT / "data"  # the real files, for invariants; rules use the fixture guide


def agree(text: str) -> FastDocument | None:
    """The fast reading, after checking it against the reference; None when declined."""
    fast = parse_fast(text, "f.yml")
    if fast is not None:
        ref, problems = parse(text, "f.yml")
        assert problems == [], f"fast path accepted what the reference rejects: {problems}"
        assert fast.data == ref.data
    return fast


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yml")))
def test_real_data_takes_the_fast_path_with_the_same_data(name: str) -> None:
    assert agree((DATA / name).read_text(encoding="utf-8")) is not None


def test_generated_catalog_takes_the_fast_path(tmp_path: Path) -> None:
    write_data(tmp_path, synthesize(300, source=FIXTURE))
    for name in DATA_FILES:
        assert agree((tmp_path / name).read_text(encoding="utf-8")) is not None, name


@pytest.mark.parametrize(
    "text",
    [
        'a: "10"\nb: \'4\'\nc: "~"\n',  # quoted look-alikes of numbers and null
        "a: 2024-01-02\n",  # a date stays its text
        "a: |\n  one\n\n  two\n\n\nb: >-\n  folded\n  text\n\n  para\n",
        "a: x\r\nb: [y, z]\r\n",
        'a: "tab\\there \\u00e9 \\"q\\""\n',
        "a: Hello! R&D 5*3 #not-a-comment\n",
        "a: &anchor value\n",  # an anchor nobody refers to is harmless to both
        "\ufeffa: bom\n",
        "a: {b: c, d: [e, f]}\n",
        "a: true\nb: False\nc: TRUE\n",  # YAML 1.2's booleans are YAML 1.1's too
    ],
)
def test_valid_inputs_read_alike(text: str) -> None:
    assert agree(text) is not None


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", (3, 1), "duplicate key 'a'"),
        ("x:\n  - k: 1\n    k: 2\n", (3, 5), "duplicate key 'k'"),
        ("a: &v x\nb: *v\n", (2, 1), "aliases"),
        ("a: !custom x\n", (1, 4), "tag '!custom'"),
        ("a: !!binary aGk=\n", (1, 4), "tag"),
        ("a: [1, 2\n", (2, 1), "syntax error"),
        ("a:\n\tb: 1\n", (2, 1), "tab"),
        ("a: x\n---\nb: y\n", (2, 1), "syntax error"),
        ("1: one\n", (1, 1), "keys must be plain strings"),
        ("yes: one\n", (1, 1), "keys must be plain strings"),
        ("<<: x\n", (1, 1), "keys must be plain strings"),
        ("2024-01-02: x\n", (1, 1), "keys must be plain strings"),
        ("a: =\n", (1, 4), "tag"),
    ],
)
def test_what_the_reference_rejects_is_declined_and_located(
    tmp_path: Path, text: str, where: tuple[int, int], words: str
) -> None:
    assert parse_fast(text, "f.yml") is None
    path = tmp_path / "f.yml"
    path.write_text(text, encoding="utf-8")
    doc, problems = load(path, "f.yml")
    assert problems, "the reference must reject this"
    assert (problems[0].line, problems[0].col) == where
    assert words in problems[0].message


@pytest.mark.parametrize(
    "text", ["a: yes\n", "a: 0o17\n", "a: 1_000\n", "a: ~\n", "a:\n", "a: 1:30\n", "a: b\u2028c\n"]
)
def test_yaml_1_1_readings_are_left_to_the_reference(text: str) -> None:
    # yaml-rs (YAML 1.2) and PyYAML (YAML 1.1) read these differently, or not as strings.
    assert parse_fast(text, "f.yml") is None


def test_positions_come_from_the_reference_on_demand() -> None:
    text = (FIXTURE / "resources.yml").read_text(encoding="utf-8")
    fast = parse_fast(text, "data/resources.yml")
    ref, _ = parse(text, "data/resources.yml")
    assert fast is not None and fast._located is None  # nothing located until asked
    assert fast.where(("resources", 3, "url")) == ref.where(("resources", 3, "url"))
    assert fast.keys == ref.keys and fast.values == ref.values
    assert str(fast.problem(("resources", 1, "title"), "x")) == str(ref.problem(("resources", 1, "title"), "x"))


def test_mutations_never_make_the_fast_path_laxer() -> None:
    """Single-character edits of the fixture guide: whatever the fast path accepts, the reference accepts alike."""
    rng = random.Random(6)
    alphabet = [":", "-", " ", "  ", "\t", '"', "'", "&a ", "*a", "!t ", "#", "\n", "[", "{", "}", ",", "?", "|"]
    alphabet += [">", "%", "@", "`", "\u2028", "\x00", "yes", "0x1"]
    accepted = 0
    for name in ("stories.yml", "timeline.yml"):
        text = (FIXTURE / name).read_text(encoding="utf-8")
        for _ in range(150):
            i = rng.randrange(len(text))
            cut = rng.choice([0, 0, 1])  # insert, or replace one character
            mutated = text[:i] + rng.choice(alphabet) + text[i + cut :]
            accepted += agree(mutated) is not None
    assert accepted > 50  # most edits land in prose and stay valid: the check exercised both paths


def test_a_validation_error_is_located_the_same_with_and_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_data(tmp_path, synthesize(120, source=FIXTURE))
    path = tmp_path / "resources.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("type: book", "type: bok", 1).replace("cost: free\n", "cots: free\n", 1), encoding="utf-8"
    )

    def report() -> list[str]:
        with pytest.raises(DataError) as err:
            load_guide(tmp_path)
        return [str(p) for p in err.value.problems]

    fast = report()
    monkeypatch.setattr(read, "parse_fast", lambda text, file: None)  # every file through the line-aware loader
    assert fast == report()
    assert any(":type" not in p and "resources.yml:" in p for p in fast)
    assert all(p.split(":")[1].isdigit() and p.split(":")[2].isdigit() for p in fast)


def test_edits_are_seen_on_the_next_load(tmp_path: Path) -> None:
    write_data(tmp_path, synthesize(40, source=FIXTURE))
    first = load_guide(tmp_path)
    assert isinstance(first.documents["resources.yml"], FastDocument)
    path = tmp_path / "resources.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Chip Huyen", "C. Huyen"), encoding="utf-8")
    assert load_guide(tmp_path).resources["ml-interviews-book"].author == "C. Huyen"
