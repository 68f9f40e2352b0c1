"""Writing a data file loses nothing: concurrent add-resource runs, a killed writer, a full disk, odd files.

The tests drive the real command (scripts/add_resource.py) in subprocesses on a copy of the
small valid data set, so locks, renames, signals and file size limits are the operating
system's own; a rename or an fsync that fails, which the system cannot be made to do on cue,
is injected in process.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from mlprep.cli.add_resource import main
from mlprep.data.file_write import WriteRefused, write_text
from mlprep.data.load import display_name, load_guide
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


# Caps the size of any file the command writes, like a disk that fills. Set in the child itself
# rather than in a preexec_fn, which is unsafe when the test process runs threads (served sites).
# Ignored, SIGXFSZ no longer kills the writer: its write past the cap fails with EFBIG instead.
CAPPED = (
    "import resource, runpy, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
    "cap, sys.argv = int(sys.argv[1]), sys.argv[2:]; "
    "resource.setrlimit(resource.RLIMIT_FSIZE, (cap, resource.getrlimit(resource.RLIMIT_FSIZE)[1])); "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)


def add(data: Path, n: int, *, max_file_bytes: int | None = None, **extra: str) -> subprocess.Popen[str]:
    """The command in a subprocess; ``max_file_bytes`` caps the size of the files it writes."""
    args = [SCRIPT, "--data-dir", str(data), "--no-input", *entry(data, n, **extra)]
    if max_file_bytes is not None:
        args = ["-c", CAPPED, str(max_file_bytes), *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # the cap is for the data file, not the bytecode cache
    return subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )


def temporary_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def ids(data: Path) -> set[str]:
    return {r.id for r in load_guide(data).catalog.resources}


def test_ten_concurrent_runs_each_add_their_entry(data: Path) -> None:
    before = ids(data)
    runs = [add(data, n) for n in range(10)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0] * 10, outputs
    assert ids(data) == before | {f"course-{n}" for n in range(10)}
    assert not temporary_files(data), "no temporary file left behind"


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


def test_a_disk_that_fills_mid_write_leaves_the_old_file_whole(data: Path, tmp_path: Path) -> None:
    path = data / "resources.yml"
    before = path.read_bytes()
    probe = tmp_path / "probe"
    shutil.copytree(data, probe)
    assert add(probe, 1).wait(timeout=60) == 0
    grown = (probe / "resources.yml").stat().st_size
    assert grown > len(before) + 2
    # Room for all of the old file, not all of the new one: the write fails partway, every time.
    run = add(data, 1, max_file_bytes=grown - 1)
    out, _ = run.communicate(timeout=60)
    assert run.returncode == 1, out
    assert path.read_bytes() == before, "the file must hold exactly what it held"
    assert not temporary_files(data), "no temporary file left behind"
    assert out.strip() == f"not added: cannot write {display_name(path)} (File too large); it is as it was"


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_flush_or_rename_leaves_the_old_file_and_no_temporary_file(
    data: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = data / "resources.yml"
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, fail)  # the writer's own calls: it looks them up on os each time
    out = io.StringIO()
    code = main(["--data-dir", str(data), "--no-input", *entry(data, 1)], out=out)
    assert code == 1
    full = "No space left on device"
    assert out.getvalue() == f"not added: cannot write {display_name(path)} ({full}); it is as it was\n"
    assert path.read_bytes() == before
    assert not temporary_files(data)


def test_a_link_to_a_file_outside_the_folder_given_is_never_written(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("kept: true\n", encoding="utf-8")
    link = data / "linked.yml"
    link.symlink_to(outside)
    with pytest.raises(WriteRefused, match="a link to a place outside the project"):
        write_text(link, "replaced: true\n", within=data)
    assert outside.read_text(encoding="utf-8") == "kept: true\n" and link.is_symlink()


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
