"""`mkdocs serve` rebuilds when a data file changes, and reads the data afresh."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench.rebuild import fetch, serving, wait_for
from mlprep.site.render import problems_banner


@pytest.fixture
def served(project: Path, tmp_path: Path) -> Iterator[str]:
    # serve mounts the site under site_url's path, as GitHub Pages will.
    with serving(project, tmp_path / "serve.log") as url:
        yield url


def test_data_edit_triggers_rebuild(project: Path, served: str) -> None:
    stories = project / "data" / "stories.yml"
    text = stories.read_text(encoding="utf-8")
    person = re.search(r"^    person: (.+)$", text, re.MULTILINE)  # whoever the first story is about
    assert person is not None
    renamed = "Renamed-In-Serve-Test"
    stories.write_text(text.replace(person[0], f"    person: {renamed}", 1), encoding="utf-8")
    # The limit only bounds a broken run; no timing is asserted.
    assert wait_for(lambda: renamed in (fetch(served + "stories/") or ""), timeout=90, step=0.3)


def test_broken_data_keeps_the_last_good_preview_with_the_problem_on_top(
    project: Path, served: str, tmp_path: Path
) -> None:
    terminal = tmp_path / "serve.log"  # what the person running serve reads
    stories = project / "data" / "stories.yml"
    good = stories.read_text(encoding="utf-8")
    page = fetch(served + "stories/") or ""
    assert 'class="guide-story"' in page and "guide-data-problems" not in page
    stories.write_text(good.replace("\nstories:\n", "\nstories:\n  - [unclosed\n", 1), encoding="utf-8")
    # The limits only bound a broken run; no timing is asserted.
    assert wait_for(lambda: "guide-data-problems" in (fetch(served + "stories/") or ""), timeout=90, step=0.3)
    broken = fetch(served + "stories/") or ""
    assert 'class="guide-story"' in broken, "the last good stories are still shown"
    notice = BeautifulSoup(broken, "html.parser").select_one(".guide-data-problems")
    assert notice is not None
    assert re.search(r"data/stories\.yml:\d+:\d+: YAML syntax error", notice.get_text()), "the problem is located"
    assert "guide-data-problems" in (fetch(served) or ""), "every page carries the notice"
    said = terminal.read_text(encoding="utf-8", errors="replace")
    located = re.findall(r"data/stories\.yml:\d+:\d+: YAML syntax error[^\n]*", said)
    assert located, f"the terminal names the problem's place:\n{said[-3000:]}"
    assert located[0] in notice.get_text(), "the terminal and the page name the same place"
    assert "Traceback" not in said
    stories.write_text(good, encoding="utf-8")
    assert wait_for(lambda: "guide-data-problems" not in (fetch(served + "stories/") or "x"), timeout=90, step=0.3)
    fixed = "the data's problems are fixed; the preview shows the current data"
    assert wait_for(lambda: fixed in terminal.read_text(encoding="utf-8", errors="replace"), timeout=30, step=0.3)
    said = terminal.read_text(encoding="utf-8", errors="replace")
    assert "YAML syntax error" not in said[said.index(fixed) :], "no problem reported after the fix"
    assert "Traceback" not in said


def test_a_preview_started_on_broken_data_answers_with_the_problem(project: Path, tmp_path: Path) -> None:
    stories = project / "data" / "stories.yml"
    stories.write_text(stories.read_text(encoding="utf-8").replace("\nstories:\n", "\nstories: [\n", 1))
    with serving(project, tmp_path / "broken.log") as url:
        page = fetch(url + "stories/") or ""
        notice = BeautifulSoup(page, "html.parser").select_one(".guide-data-problems")
        assert notice is not None and "data/stories.yml:" in notice.get_text()


def test_the_problems_notice_is_inert() -> None:
    html = problems_banner(["data/x.yml:1:1: unknown field '<script>alert(1)</script> [x](javascript:y)\x1b[2J'"])
    assert "<script" not in html and "](" not in html and "\x1b" not in html
