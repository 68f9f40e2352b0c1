"""Data is read only from where it belongs: regular files inside the project, of a sane size and depth.

And a page's markers are all checked before MkDocs writes anything, whatever the page's suffix.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils import markdown_extensions

from mlprep.cli.check_data import main
from mlprep.data.read import MAX_BYTES, load
from mlprep.data.yaml_source import MAX_DEPTH
from mlprep.site.render import MARKDOWN_SUFFIXES
from tests.support.project import build


def validate() -> tuple[int, list[str]]:
    out = io.StringIO()
    code = main(["data"], out)
    return code, out.getvalue().splitlines()


def test_a_link_to_a_device_is_refused_without_reading_it(small_project: Path) -> None:
    (small_project / "data" / "stories.yml").unlink()
    os.symlink("/dev/zero", small_project / "data" / "stories.yml")
    code, lines = validate()
    assert code == 1
    assert lines == ["data/stories.yml:1:1: not a regular file; a data file must be plain text in the project"]


def test_a_link_outside_the_project_is_refused_and_its_keys_never_shown(
    small_project: Path, tmp_path_factory: Any
) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "env.yml"
    secret.write_text("GITHUB_TOKEN: abc\n", encoding="utf-8")
    (small_project / "data" / "stories.yml").unlink()
    os.symlink(secret, small_project / "data" / "stories.yml")
    code, lines = validate()
    assert code == 1
    assert lines == [
        "data/stories.yml:1:1: the file is a link to a place outside the project; put the data itself here"
    ]
    assert not any("GITHUB_TOKEN" in line for line in lines)


def test_a_link_inside_the_project_is_followed(small_project: Path) -> None:
    (small_project / "shared").mkdir()
    shutil.move(small_project / "data" / "stories.yml", small_project / "shared" / "stories.yml")
    os.symlink(Path("..") / "shared" / "stories.yml", small_project / "data" / "stories.yml")
    assert validate() == (0, [])


def test_an_oversized_file_is_refused_after_a_bounded_read(small_project: Path) -> None:
    path = small_project / "data" / "stories.yml"
    with path.open("ab") as handle:
        handle.truncate(MAX_BYTES + 1)  # a sparse file: its size says too big before any byte is parsed
    code, lines = validate()
    assert code == 1 and lines == [
        f"data/stories.yml:1:1: the file is larger than {MAX_BYTES >> 20} MB; split it or trim it"
    ]


@pytest.mark.parametrize("levels", [MAX_DEPTH + 2, 600, 999])
@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_located_not_a_traceback(tmp_path: Path, levels: int, style: str) -> None:
    if style == "flow":
        text = "intro: " + "[" * levels + "x" + "]" * levels + "\n"
    else:
        text = "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "v\n"
    path = tmp_path / "deep.yml"
    path.write_text(text, encoding="utf-8")
    _, problems = load(path, "deep.yml")
    assert len(problems) == 1
    (problem,) = problems
    assert f"nested more than {MAX_DEPTH} levels deep" in problem.message
    assert problem.line >= 1 and problem.col > 1


def test_the_markdown_suffixes_are_mkdocs_own() -> None:
    assert set(MARKDOWN_SUFFIXES) == set(markdown_extensions)


@pytest.mark.parametrize("suffix", [s for s in MARKDOWN_SUFFIXES if s != ".md"])
def test_a_marker_in_any_markdown_page_is_checked_before_anything_is_written(tmp_path: Path, suffix: str) -> None:
    from tests.support.project import copy_project

    project = copy_project(tmp_path)
    page = project / "docs" / f"extra{suffix}"
    page.write_text("# Extra\n\nText.\n\n<!-- guide:nosuch -->\n", encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    result = build(project, strict=False)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"docs/extra{suffix}:5:1: unknown block 'nosuch'" in result.output
    assert [p.name for p in site.iterdir()] == ["index.html"], "the previous site is untouched"
