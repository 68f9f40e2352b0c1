"""Writing a data file loses nothing: concurrent add-resource runs, a killed writer, odd files.

Every test drives the real command (scripts/add_resource.py) in subprocesses on a copy of the
small valid data set, so locks, renames and signals are the operating system's own.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from mlprep.data.load import load_guide
from mlprep.data.yaml_source import parse
from mlprep.data.yaml_write import quoted
from tests.support.project import ROOT

CORPUS = Path(__file__).parent / "corpus"
SCRIPT = str(ROOT / "scripts" / "add_resource.py")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS / "base", tmp_path / "data")
    return tmp_path / "data"


def entry(data: Path, n: int, **extra: str) -> list[str]:
    """Flags for a valid, distinct resource, with topics the fixture itself uses."""
    topic = load_guide(data).catalog.resources[0].topics[0]
    values = {
        "id": f"course-{n}",
        "title": f"Course number {n}",
        "url": f"https://courses{n}.example.org/",
        "type": "course",
        "author": "A teacher",
        "cost": "free",
        "level": "beginner",
        "topics": topic,
        "description": f"The course numbered {n}, for the test.",
    } | extra
    return [arg for name, value in values.items() for arg in (f"--{name}", value)]


def add(data: Path, n: int, **extra: str) -> subprocess.Popen[str]:
    args = [sys.executable, SCRIPT, "--data-dir", str(data), "--no-input", *entry(data, n, **extra)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def ids(data: Path) -> set[str]:
    return {r.id for r in load_guide(data).catalog.resources}


def test_ten_concurrent_runs_each_add_their_entry(data: Path) -> None:
    before = ids(data)
    runs = [add(data, n) for n in range(10)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0] * 10, outputs
    assert ids(data) == before | {f"course-{n}" for n in range(10)}
    assert not [p.name for p in data.iterdir() if p.name.endswith(".tmp")], "no temporary file left behind"


def test_readers_never_see_an_empty_or_partial_file_while_writers_run(data: Path) -> None:
    path = data / "resources.yml"
    runs = [add(data, n) for n in range(6)]
    seen = 0
    while any(run.poll() is None for run in runs):
        text = path.read_text(encoding="utf-8")
        doc, problems = parse(text, "resources.yml")
        assert problems == [] and doc.data["resources"], "a reader saw a file being written"
        seen += 1
    assert all(run.wait() == 0 for run in runs) and seen > 0


def test_a_killed_writer_leaves_the_old_file_or_the_new_one(data: Path) -> None:
    path = data / "resources.yml"
    before = ids(data)
    for n, delay in enumerate([0.0, 0.05, 0.1, 0.2, 0.3, 0.5]):
        run = add(data, n)
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        text = path.read_text(encoding="utf-8")
        assert text.strip(), "the file was emptied"
        now = ids(data)
        assert now - before <= {f"course-{n}"}, "only the killed run's entry can have landed"
        before = now
    assert load_guide(data).catalog.resources


def test_a_crlf_file_keeps_its_line_endings(data: Path) -> None:
    path = data / "resources.yml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    run = add(data, 1)
    assert run.wait(timeout=60) == 0, run.communicate()[0]
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") and b"course-1" in raw


def test_a_read_only_file_is_refused_in_words(data: Path) -> None:
    path = data / "resources.yml"
    before = path.read_bytes()
    path.chmod(0o444)  # refused even for root, who could write it: the mode is the owner's wish
    out, _ = add(data, 1).communicate(timeout=60)
    assert "read-only" in out and "Traceback" not in out
    assert path.read_bytes() == before


def test_a_flow_style_list_is_refused_in_words(data: Path) -> None:
    path = data / "resources.yml"
    catalog = load_guide(data).catalog
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    rest = {k: v for k, v in raw.items() if k != "resources"}
    flow = yaml.safe_dump(raw["resources"], default_flow_style=True, width=1_000_000)
    path.write_text(yaml.safe_dump(rest, sort_keys=False) + "resources: " + flow, encoding="utf-8")
    assert load_guide(data).catalog == catalog, "the flow-style file holds the same data"
    before = path.read_bytes()
    run = add(data, 1)
    out, _ = run.communicate(timeout=60)
    assert run.returncode == 1 and "flow list" in out and "Traceback" not in out
    assert path.read_bytes() == before


def test_a_line_separator_is_refused_and_never_written_raw(data: Path) -> None:
    path = data / "resources.yml"
    before = path.read_bytes()
    run = add(data, 1, title="Two\u2028lines")
    out, _ = run.communicate(timeout=60)
    assert run.returncode == 1 and "U+2028" in out
    assert path.read_bytes() == before
    # And should one ever reach the writer, it is written as an escape: YAML reads a raw one as a line break.
    assert quoted("Two\u2028lines") == '"Two\\u2028lines"'
