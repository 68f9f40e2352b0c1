"""The validator's rules beyond the models' types: duplicate links, tabs, control characters, lengths."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlprep.urls import archived_page, is_archived_copy, normalise
from tests.support.data import copy_data, edit, messages


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # messages name files relative to the working directory
    return copy_data(tmp_path)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.mark.parametrize(
    "same",
    [
        "http://distill.pub/",
        "https://www.distill.pub/",
        "https://distill.pub",
        "https://DISTILL.pub/#top",
        "https://distill.pub/?utm_source=newsletter&utm_medium=email",
        "https://distill.pub/?fbclid=abc",
        "https://distill.pub:443/",
    ],
)
def test_duplicate_link_after_normalisation(data: Path, same: str) -> None:
    first = line_of(data / "resources.yml", "    url: https://distill.pub/")
    line = edit(data / "resources.yml", "url: https://www.kaggle.com/", f"url: {same}")
    expected = (
        f"data/resources.yml:{line}:10: duplicate link: opens the same page as resource 'distill' "
        f"(data/resources.yml:{first})"
    )
    assert messages(data) == [expected]


@pytest.mark.parametrize(
    "other", ["https://distill.pub/about/", "https://distill.pub/?page=2", "https://distill.pub:8443/"]
)
def test_different_pages_are_not_duplicates(data: Path, other: str) -> None:
    edit(data / "resources.yml", "url: https://www.kaggle.com/", f"url: {other}")
    assert messages(data) == []


def test_query_order_and_tracking_do_not_matter_but_values_do() -> None:
    assert normalise("https://x.org/s?b=2&a=1&utm_campaign=z") == normalise("https://www.x.org/s/?a=1&b=2")
    assert normalise("https://x.org/s?a=1") != normalise("https://x.org/s?a=2")
    assert normalise("https://x.org:8080/") != normalise("https://x.org/")


PAGE = "https://blog.example.org/a-story/?part=2"


@pytest.mark.parametrize(
    "archive",
    [
        f"https://web.archive.org/web/20200101000000/{PAGE}",
        f"https://web.archive.org/web/2020/{PAGE}",
        f"https://web.archive.org/web/20200101000000id_/{PAGE}",  # the raw copy, without the toolbar
        "https://web.archive.org/web/2020/http://www.blog.example.org/a-story?part=2",
        "https://web.archive.org/web/2020/https:/blog.example.org/a-story/?part=2",  # '//' folded by a tool
        "https://web.archive.org/web/2020/blog.example.org/a-story/?part=2",
        f"https://archive.ph/2020.01.01-120000/{PAGE}",
    ],
)
def test_an_archived_copy_is_a_snapshot_address_of_the_same_page(archive: str) -> None:
    assert is_archived_copy(archive, PAGE)


@pytest.mark.parametrize(
    "archive",
    [
        "https://web.archive.org/web/2020/https://blog.example.org/another-story/",
        "https://web.archive.org/web/2020/https://blog.example.org/a-story/?part=3",
        f"https://web.archive.org/web/2020*/{PAGE}",  # a search of the archive, not a copy
        f"https://web.archive.org/{PAGE}",
        "https://archive.ph/AbCd1",  # a short link names no page
        f"https://blog.example.org/2020/{PAGE}",  # the dead site itself
        "https://web.archive.org/web/2020/",
    ],
)
def test_other_pages_searches_and_the_dead_site_are_not_archived_copies(archive: str) -> None:
    assert not is_archived_copy(archive, PAGE)


def test_archived_page_reads_the_page_out_of_the_address() -> None:
    assert archived_page(f"https://web.archive.org/web/19990101000000/{PAGE}") == PAGE
    assert archived_page("https://web.archive.org/web/2020/example.org/x") == "http://example.org/x"
    assert archived_page(PAGE) is None


def test_writeup_repeating_a_resource_link_points_to_the_resource(data: Path) -> None:
    first = line_of(data / "resources.yml", "    url: https://www.kaggle.com/")
    line = edit(
        data / "stories.yml",
        "url: https://towardsdatascience.com/how-i-found-my-current-job-3fb22e511a1f",
        "url: http://kaggle.com/?utm_source=story",
    )
    assert messages(data) == [
        f"data/stories.yml:{line}:14: duplicate link: opens the same page as resource 'kaggle' "
        f"(data/resources.yml:{first}); list its id in the story's resources instead"
    ]


def test_tab_inside_a_value_is_located(data: Path) -> None:
    line = edit(data / "resources.yml", "    title: Distill", "    title: Dis\ttill")
    assert messages(data) == [f"data/resources.yml:{line}:15: a tab character; use spaces"]


def test_tab_indentation_is_a_syntax_error_naming_the_tab(data: Path) -> None:
    line = edit(data / "resources.yml", "    title: Distill", "\ttitle: Distill")
    (msg,) = messages(data)
    assert msg.startswith(f"data/resources.yml:{line}:1: YAML syntax error") and "a tab" in msg


def test_control_character_is_located(data: Path) -> None:
    line = edit(data / "resources.yml", "    title: Distill", "    title: Dis\x07till")
    assert messages(data) == [f"data/resources.yml:{line}:15: the character U+0007 is not allowed in YAML; remove it"]


def test_non_utf8_file(data: Path) -> None:
    raw = (data / "timeline.yml").read_bytes().replace(b"Germany", b"Germ\xe4ny", 1)
    (data / "timeline.yml").write_bytes(raw)
    line = raw[: raw.index(b"\xe4")].count(b"\n") + 1
    (msg,) = messages(data)
    assert msg.startswith(f"data/timeline.yml:{line}:") and msg.endswith(
        "the file is not valid UTF-8 (byte 0xe4); save it as UTF-8"
    )


def test_empty_file(data: Path) -> None:
    (data / "stories.yml").write_text("# yaml-language-server: $schema=../docs/schemas/stories.schema.json\n")
    assert messages(data) == ["data/stories.yml:1:1: the file is empty"]


def test_over_long_title_says_how_long_and_the_limit(data: Path) -> None:
    line = edit(data / "resources.yml", "    title: Distill", "    title: " + "D" * 170)
    assert messages(data) == [
        f"data/resources.yml:{line}:12: resources[27].title: 170 characters, more than the 160 allowed; shorten it"
    ]


def test_empty_description_and_too_many_topics(data: Path) -> None:
    text = (data / "resources.yml").read_text(encoding="utf-8")
    start = text.index("  - id: distill")
    entry, rest = text[start:].split("\n\n", 1)
    head, _ = entry.split("    description:", 1)
    broken = head.replace("topics: [", "topics: [a, b, c, d, e, f, g, h, ", 1) + '    description: ""\n'
    (data / "resources.yml").write_text(text[:start] + broken + "\n" + rest, encoding="utf-8")
    line = text[:start].count("\n") + broken.count("\n")
    found = messages(data)
    assert len(found) == 2, found
    empty = next(m for m in found if ".description" in m)
    assert empty.startswith(f"data/resources.yml:{line}:18: ") and empty.endswith(".description: must not be empty")
    assert "at least 1 character" not in empty  # the project's words, not the validation library's
    many = next(m for m in found if ".topics" in m)
    assert many.endswith(".topics: 10 items, more than the 8 allowed; remove some")


def test_bad_port_is_refused(data: Path) -> None:
    line = edit(data / "resources.yml", "url: https://distill.pub/", "url: https://distill.pub:http/")
    assert messages(data) == [
        f"data/resources.yml:{line}:10: resources[27].url: a link's port must be a number, as in example.org:8080"
    ]


def test_unknown_nested_field_suggests_the_closest(data: Path) -> None:
    line = edit(data / "stories.yml", "    person: Emma Ding", "    persn: Emma Ding")
    found = messages(data)
    assert f"data/stories.yml:{line}:5: unknown field 'persn' (did you mean 'person'?)" in found


def test_unknown_field_with_no_close_match_lists_the_allowed(data: Path) -> None:
    line = edit(data / "resources.yml", "    title: Distill", "    title: Distill\n    rating: 5")
    found = messages(data)
    assert any(
        m.startswith(f"data/resources.yml:{line + 1}:5: unknown field 'rating' (allowed: id, title, url,")
        for m in found
    ), found
