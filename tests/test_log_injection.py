"""No line that data controls can start a GitHub Actions workflow command or act on a terminal.

A pull request can put any character in a key or value through YAML escapes. The validator and
the real build print problems about it; under GitHub Actions every printed line is either our
own (a message that starts with the file's name, or our ::error annotation) or plain text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from mlprep.data.terminal_text import log_lines, one_line
from tests.support.project import ROOT, build, copy_project

CORPUS = Path(__file__).parent / "corpus"
FORGED = "x\\n::error file=README.md,line=1::Fake\\n  ::add-mask::Chip\\e[2J\\u202e ##[add-mask]Chip \\u00ad::x"


def _plant(data: Path) -> None:
    """An unknown key full of line breaks, an escape sequence and a bidi override, in the stories file."""
    path = data / "stories.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nstories:\n", f'\n"{FORGED}": 1\nstories:\n', 1), encoding="utf-8")


def _assert_inert(output: str) -> None:
    for line in output.splitlines():
        # The runner reads a command after leading white space, and the older ##[command] form anywhere.
        start = line.lstrip()
        assert not start.startswith("::") or start.startswith("::error file=data/stories.yml,"), line
        assert "##[" not in line, line
        assert "\x1b" not in line and "\u202e" not in line and "\u00ad" not in line, line


def test_the_validator_under_github_actions_prints_no_forged_command(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "base", tmp_path / "data")
    _plant(tmp_path / "data")
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate_data.py"), "data"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    _assert_inert(proc.stdout + proc.stderr)
    problem = next(ln for ln in proc.stdout.splitlines() if ln.startswith("data/stories.yml:"))
    assert "unknown field 'x\\u000a::error file=README.md" in problem, "the key is shown, escaped"


def test_the_build_prints_no_forged_command(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    _plant(project / "data")
    result = build(project)
    assert result.returncode != 0
    _assert_inert(result.output)
    assert "::error file=README.md" in result.output, "the text is still there for a reviewer, as text"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("\x1b[31m", "\\x1b[31m"),
        ("\u202eabc", "\\u202eabc"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("line\u2028sep", "line\\u2028sep"),
        ("\x85next", "\\x85next"),
        ("plain é ✓", "plain é ✓"),
        ("soft\xadhyphen", "soft\\xadhyphen"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("404 ##[add-mask]x", "404 #\\x23[add-mask]x"),
        ("###[error]", "##\\x23[error]"),
        ("::error::x", "\\x3a:error::x"),
        ("  \u3000::add-mask::x", "  \u3000\\x3a:add-mask::x"),
        ("a ::b", "a ::b"),
    ],
)
def test_one_line_escapes_what_could_act(raw: str, shown: str) -> None:
    assert one_line(raw) == shown


def test_one_line_escapes_every_control_format_and_separator_character() -> None:
    acting = [chr(n) for n in range(sys.maxunicode + 1) if unicodedata.category(chr(n)) in ("Cc", "Cf", "Zl", "Zp")]
    shown = one_line("".join(acting))
    assert not [ch for ch in shown if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")]


def test_log_lines_keeps_line_breaks_and_makes_each_line_inert() -> None:
    assert log_lines("a\n::error::x\n| `##[add-mask]y` |\r::z") == "a\n\\x3a:error::x\n| `#\\x23[add-mask]y` |\\r::z"


# A page whose file name carries a line break into the log, then both forms of workflow command.
FORGED_PAGE = "a\n::error file=README.md::Forged\n##[add-mask]x.md"


def _no_command(output: str) -> None:
    for line in output.splitlines():
        assert not line.lstrip().startswith("::") and not line.startswith("##["), line
        assert "##[" not in line, line


@pytest.mark.parametrize(
    "engine", [["-m", "mkdocs", "build", "--strict"], ["-m", "mlprep.cli.build_zensical"]], ids=["mkdocs", "zensical"]
)
def test_a_page_name_cannot_forge_a_command(tmp_path: Path, engine: list[str]) -> None:
    project = copy_project(tmp_path)
    (project / "docs" / FORGED_PAGE).write_text("# Page\n\n<!-- guide:nope -->\n", encoding="utf-8")
    env = {**os.environ, "GITHUB_ACTIONS": "true", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, *engine], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    _no_command(output)
    # Both engines name the page, escaped, on its own line: the name itself, then the unknown marker in it.
    shown = "docs/a\\n::error file=README.md::Forged\\n#\\x23[add-mask]x.md"
    assert f"{shown}:1:1: the name holds the control or invisible character U+000A" in output
    assert f"{shown}:3:1: unknown block 'nope'" in output
    assert "Traceback" not in output
    # Refused before writing: no site, and nothing staged (the Zensical build's lock folder may exist, empty).
    assert not (project / "site").exists()
    assert [p for p in (project / "build").rglob("*") if p.is_file()] == []
