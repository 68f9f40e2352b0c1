"""Text that could hide or act is refused where it is written; ids never repeat an element id on a page.

Rules on the small fixture data set (tests/corpus/base), run through the real validator;
the collisions also through a real build, which stops before writing anything.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from mlprep.cli.check_data import main
from mlprep.github.markdown import url
from tests.support.project import ROOT, build, copy_project


@pytest.fixture
def project(small_project: Path) -> Path:
    """The small data set beside the real docs (the id check renders the pages), as the working directory."""
    shutil.copytree(ROOT / "docs", small_project / "docs")
    return small_project


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first ``old``; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def validate() -> list[str]:
    out = io.StringIO()
    main(["data"], out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ('"Nul\\0here"', "U+0000"),
        ('"Escape\\e[2J"', "U+001B"),
        ('"Bell\\x07"', "U+0007"),
        ('"Right\\u202eto left"', "U+202E"),
        ('"Zero\\u200bwidth"', "U+200B"),
        ('"   "', "only spaces"),
    ],
)
def test_invisible_or_blank_titles_are_refused_where_written(project: Path, written: str, words: str) -> None:
    line = replace(project / "data" / "resources.yml", "    title: Kaggle\n", f"    title: {written}\n")
    (problem,) = validate()
    assert problem.startswith(f"data/resources.yml:{line}:") and "title" in problem and words in problem


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("https://@evil.example/", "user name"),
        ("https://./", "full host name"),
        ("https://example.org:0/", "port"),
        ('"https://exa\\u200bmple.org/"', "U+200B"),
    ],
)
def test_links_that_hide_where_they_go_are_refused(project: Path, link: str, words: str) -> None:
    line = replace(project / "data" / "resources.yml", "    url: https://www.kaggle.com/\n", f"    url: {link}\n")
    (problem,) = validate()
    assert problem.startswith(f"data/resources.yml:{line}:") and words in problem


def test_a_reviewer_sees_an_international_host_in_punycode() -> None:
    # A Cyrillic 'е' in place of the Latin 'e': the report shows the two hosts apart.
    assert url("https://\u0435xample.org/") == "`https://\u0435xample.org/` (host `xn--xample-2of.org`)"
    assert url("https://example.org/") == "<https://example.org/>"


COLLISIONS = {
    # A phase named like the planner's own section.
    "phase-plan": ("timeline.yml", "  - id: three-months-before\n", "  - id: plan\n", "'plan'"),
    # The caution with a phase's id: two elements called three-months-before.
    "caution-phase": ("timeline.yml", "  id: burnout\n", "  id: three-months-before\n", "'three-months-before'"),
    # A resource named like the heading of a type group.
    "resource-type": ("resources.yml", "  - id: kaggle\n", "  - id: type-course\n", "'type-course'"),
}


@pytest.mark.parametrize("case", COLLISIONS)
def test_an_id_that_repeats_an_element_id_is_refused_where_written(project: Path, case: str) -> None:
    file, old, new, words = COLLISIONS[case]
    if case == "resource-type":  # the cited id moves with it
        for name in ("timeline.yml", "stories.yml"):
            path = project / "data" / name
            path.write_text(path.read_text(encoding="utf-8").replace("kaggle]", "type-course]"), encoding="utf-8")
    line = replace(project / "data" / file, old, new)
    problems = validate()
    assert any(p.startswith(f"data/{file}:{line}:") and words in p for p in problems), problems


def test_the_build_refuses_a_colliding_id_before_writing(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    data = project / "data" / "timeline.yml"
    first = re.search(r"^  - id: ([a-z0-9-]+)$", data.read_text(encoding="utf-8"), re.M)
    assert first is not None
    line = replace(data, f"  - id: {first.group(1)}\n", "  - id: plan\n")
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace(f"#{first.group(1)}", "#plan"), encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"data/timeline.yml:{line}:" in result.output and "'plan'" in result.output
    assert [p.name for p in site.iterdir()] == ["index.html"]
