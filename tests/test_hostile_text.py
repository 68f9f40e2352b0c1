"""Text that could hide or act is refused where it is written; ids never repeat an element id on a page.

Rules on the small fixture data set (tests/corpus/base), run through the real validator;
the collisions also through a real build, which stops before writing anything.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mlprep.cli.check_data import main
from mlprep.data.hidden_text import BLANK_LOOKING, REFUSED_CATEGORIES, VARIATION_SELECTORS
from mlprep.data.models import Resource
from mlprep.github.markdown import url
from tests.support.project import ROOT, build, copy_project


@pytest.fixture
def project(small_project: Path) -> Path:
    """The small data set beside the real docs (the id check renders the pages), as the working directory."""
    shutil.copytree(ROOT / "docs", small_project / "docs")
    return small_project


# A valid resource for the model alone, each test changing one field.
RESOURCE: dict[str, Any] = {
    "id": "kaggle",
    "title": "Kaggle",
    "url": "https://www.kaggle.com/",
    "type": "community",
    "author": "Kaggle (Google)",
    "cost": "free",
    "level": "all-levels",
    "topics": ["competitions"],
    "description": "Competitions, public datasets and notebooks.",
}


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


KAGGLE = "resource 'kaggle' (entry 2)"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('"Nul\\0here"', "holds the invisible or control character U+0000 at character 4; remove it"),
        ('"Escape\\e[2J"', "holds the invisible or control character U+001B at character 7; remove it"),
        ('"Bell\\x07"', "holds the invisible or control character U+0007 at character 5; remove it"),
        ('"Right\\u202eto left"', "holds the invisible or control character U+202E at character 6; remove it"),
        ('"Zero\\u200bwidth"', "holds the invisible or control character U+200B at character 5; remove it"),
        ('"soft\\u00adhyphen"', "holds the invisible or control character U+00AD at character 5; remove it"),
        ('"Mongolian\\u180eseparator"', "holds the invisible or control character U+180E at character 10; remove it"),
        ('"Tag\\U000e0041"', "holds the invisible or control character U+E0041 at character 4; remove it"),
        ('"Non\\ufffecharacter"', "holds the invisible or control character U+FFFE at character 4; remove it"),
        ('"Private\\ue000use"', "holds the invisible or control character U+E000 at character 8; remove it"),
        ('"\\u3164"', "holds the invisible or control character U+3164 at character 1; remove it"),
        ('"\\u115fKaggle"', "holds the invisible or control character U+115F at character 1; remove it"),
        ('"Kaggle\\u2800"', "holds the invisible or control character U+2800 at character 7; remove it"),
        ('"\\ufe0fKaggle"', "holds the invisible or control character U+FE0F at character 1; remove it"),
        ('"Ka\\u200dggle"', "holds the invisible or control character U+200D at character 3; remove it"),
        ('"   "', "holds only spaces; write the text or leave the field out"),
    ],
)
def test_invisible_or_blank_titles_are_refused_where_written(project: Path, written: str, said: str) -> None:
    line = replace(project / "data" / "resources.yml", "    title: Kaggle\n", f"    title: {written}\n")
    assert validate() == [f"data/resources.yml:{line}:12: {KAGGLE}: title: {said}"]


@pytest.mark.parametrize(
    "written",
    [
        '"Kaggle \\u2764\\ufe0f"',  # a heart shown as an emoji: a presentation selector after the heart
        '"Kaggle \\U0001f469\\u200d\\U0001f4bb"',  # woman technologist: two emoji joined by ZWJ
        '"Kaggle 1\\ufe0f\\u20e3"',  # a keycap
        '"\\u0915\\u094d\\u200d\\u0937"',  # Devanagari: a half form asked for with ZWJ
        '"\\u0645\\u06cc\\u200c\\u062e\\u0648\\u0627\\u0645"',  # Persian: ZWNJ inside a word
    ],
)
def test_emoji_and_joined_scripts_are_kept(project: Path, written: str) -> None:
    replace(project / "data" / "resources.yml", "    title: Kaggle\n", f"    title: {written}\n")
    assert validate() == []


@pytest.mark.parametrize(
    ("link", "said"),
    [
        ("https://@evil.example/", "a link must not contain a user name or password"),
        ("https://./", "a link needs a full host name, such as example.org"),
        ("https://example.org:0/", "a link's port must be from 1 to 65535, as in example.org:8080"),
        ("https://example.org:65536/", "a link's port must be from 1 to 65535, as in example.org:8080"),
        ("https://example.org:80a/", "a link's port must be a number, as in example.org:8080"),
        ('"https://exa\\u200bmple.org/"', "a link must not hold the invisible character U+200B"),
        ('"https://example.org/\\u2764\\ufe0f"', "a link must not hold the invisible character U+FE0F"),
        ('"https://example.org/a\\u200db"', "a link must not hold the invisible character U+200D"),
        ('"https://exa\\u00admple.org/"', "a link must not hold the invisible character U+00AD"),
        ('"https://example.org/\\u3164"', "a link must not hold the invisible character U+3164"),
    ],
)
def test_links_that_hide_where_they_go_are_refused(project: Path, link: str, said: str) -> None:
    line = replace(project / "data" / "resources.yml", "    url: https://www.kaggle.com/\n", f"    url: {link}\n")
    assert validate() == [f"data/resources.yml:{line}:10: {KAGGLE}: url: {said}"]


def _refused_at(value: str, field: str) -> list[tuple[str, Any]]:
    """The errors the real model gives a resource whose ``field`` is ``value``: (type, ctx position or message)."""
    entry = {**RESOURCE, field: value}
    try:
        Resource.model_validate(entry)
    except ValidationError as err:
        return [(e["type"], e.get("ctx", {}).get("position", e["msg"])) for e in err.errors()]
    return []


# Hypothesis draws any character of each category from the Python's own Unicode tables, as the model reads them.
@settings(max_examples=300, deadline=None)
@given(st.characters(categories=REFUSED_CATEGORIES, exclude_characters="\n\t"), st.sampled_from(["title", "author"]))
def test_every_character_of_a_refused_category_is_refused_in_text(ch: str, field: str) -> None:
    # Between ASCII letters, where not even a joiner joins anything.
    assert _refused_at(f"ab{ch}cd", field) == [("unsafe_character", 3)], unicodedata.category(ch)


@settings(max_examples=200, deadline=None)
@given(st.characters(categories=REFUSED_CATEGORIES) | st.sampled_from(sorted(BLANK_LOOKING | VARIATION_SELECTORS)))
def test_every_refused_or_blank_looking_character_is_refused_in_a_link(ch: str) -> None:
    hidden = f"Value error, a link must not hold the invisible character U+{ord(ch):04X}"
    spaces = "Value error, a link must not contain spaces or line breaks"  # said first of a line break
    assert _refused_at(f"https://example.org/a{ch}b", "url") in ([("value_error", hidden)], [("value_error", spaces)])


@pytest.mark.parametrize("ch", sorted(BLANK_LOOKING))
def test_a_blank_looking_title_is_refused(ch: str) -> None:
    assert _refused_at(ch, "title") == [("unsafe_character", 1)], f"U+{ord(ch):04X}"


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
