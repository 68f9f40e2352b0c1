"""The validator command: every problem as file:line:col, exit codes 0/1/2, GitHub annotations."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlprep.cli.check_data import annotation, main
from mlprep.data.problems import Problem
from tests.support.data import copy_data, edit
from tests.support.project import ROOT


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return copy_data(tmp_path)


def run(*argv: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue().splitlines()


def test_clean_data_exits_0_and_prints_nothing(data: Path) -> None:
    assert run("data") == (0, [])


def test_every_problem_in_every_file_exits_1(data: Path) -> None:
    a = edit(data / "resources.yml", "    cost: paid", "    cost: pricey")
    b = edit(data / "timeline.yml", "    anchor: first-interview", "    anchor: someday")
    c = edit(data / "stories.yml", "    person: Emma Ding", "    person: Emma Ding\n    person: Emma")
    code, lines = run("data")
    assert code == 1
    assert [ln.split(":")[:2] for ln in lines] == [
        ["data/resources.yml", str(a)],
        ["data/stories.yml", str(c + 1)],
        ["data/timeline.yml", str(b)],
    ]
    assert all(len(ln.split(":", 3)) == 4 for ln in lines)


def test_github_actions_adds_annotations(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = edit(data / "resources.yml", "    cost: paid", "    cost: pricey")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, lines = run()
    assert code == 1
    assert lines[0].startswith(f"data/resources.yml:{line}:11: ")
    assert lines[1].startswith(f"::error file=data/resources.yml,line={line},col=11::")
    assert lines[1].endswith("cost: 'pricey' is not one of: free, free-with-paid-certificate, paid")


def test_annotation_escapes_workflow_command_characters() -> None:
    problem = Problem("data/a,b:c.yml", 3, 4, "100% wrong\r\nsecond line")
    # A line break from data is shown as an escape (one_line) before GitHub's own encoding.
    assert annotation(problem) == "::error file=data/a%2Cb%3Ac.yml,line=3,col=4::100%25 wrong\\r\\nsecond line"


@pytest.mark.parametrize("argv", [["no-such-folder"], ["--no-such-option"], ["data", "extra"]])
def test_usage_errors_exit_2(data: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv, io.StringIO())
    assert exc.value.code == 2


def test_script_runs_from_the_repository() -> None:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    proc = subprocess.run(
        [sys.executable, "scripts/validate_data.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stderr
    assert "valid" in proc.stderr
