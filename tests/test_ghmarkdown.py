"""Text from data, servers and logs stays inert in GitHub Markdown, whatever it holds."""

from __future__ import annotations

import pytest

from mlprep.github.markdown import cell, clean, code, fence, table_code, table_url, tail, url
from mlprep.links.check import Outcome
from mlprep.links.model import LinkResult, Source, Verdict
from mlprep.links.report import markdown
from tests.support.gfm import code_texts, outside_code, render

HOSTILE = [
    "```\n# heading\n```",
    "````` five",
    "@maintainer and #12",
    "[click](javascript:alert(1)) <img src=x onerror=alert(1)>",
    "| a | b |",
    "\x1b[31mred\x1b[0m\x07\x00\u202etxet\u202c\r\nnext",
    "`",
    "\\|",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_fence_holds_any_text_and_nothing_in_it_acts(text: str) -> None:
    block = fence(text, "text")
    soup = render(f"Before\n\n{block}\n\nAfter")
    assert [p.get_text() for p in soup.find_all("p")] == ["Before", "After"]  # the block closed where we closed it
    assert soup.find_all("pre")[0].get_text() == clean(text).rstrip("\n") + "\n"


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_code_holds_any_text_on_one_line(text: str) -> None:
    rendered = f"x {code(text)} y"
    assert outside_code(rendered).strip() == "x  y"
    assert code_texts(rendered) == [" ".join(clean(text).split())]


@pytest.mark.parametrize("text", HOSTILE)
def test_table_cells_never_split_a_row(text: str) -> None:
    table = f"| a | b | c |\n| --- | --- | --- |\n| {cell(text)} | {table_code(text)} | {table_url(text)} |\n"
    rows = render(table).find_all("tr")
    assert len(rows) == 2 and len(rows[1].find_all("td")) == 3
    assert rows[1].find_all("td")[1].get_text() == " ".join(clean(text).split())


def test_clean_removes_control_characters_escapes_and_bidi_overrides() -> None:
    assert clean("a\x1b[1;31mb\x1b[0m\x1b]8;;https://x\x07c\x1b]8;;\x07\td\x00\u202e\u2066e\r\nf") == "abc    de\nf"
    # A line break of any kind parts the words it stood between (a bare CR in a reason phrase).
    assert clean("404 Not Found\r::x\x85y\u2028z") == "404 Not Found\n::x\ny\nz"


def test_only_a_plain_address_becomes_a_link() -> None:
    assert url("https://example.org/a?b=1&c=2#d") == "<https://example.org/a?b=1&c=2#d>"
    for address in ("https://example.org/a>b", "javascript:alert(1)", "https://example.org/[x](y)", "http://a b"):
        assert url(address).startswith("`")


def test_tail_keeps_the_last_lines_each_cut_to_width() -> None:
    log = "\n".join(f"line {i}" for i in range(100)) + "\n" + "x" * 1000 + "\n"
    kept = tail(log, lines=5, width=50).splitlines()
    assert kept[:4] == ["line 96", "line 97", "line 98", "line 99"] and len(kept[4]) == 50


def test_the_link_report_writes_server_words_and_addresses_inert() -> None:
    said = "404 @admin [x](https://evil.example.org) | <b>"
    dead = LinkResult("https://a.example.org/x", Verdict.DEAD, 404, said, [Source("data/x.yml", 3)], ["/p/"])
    moved = LinkResult("https://a.example.org/m", Verdict.MOVED, 301, "moved permanently (301)")
    moved.suggestion = "https://b.example.org/@admin>[x](y)"
    md = markdown(Outcome([dead, moved], pages=1, elapsed=1.0))
    soup = render(md)
    assert not [a["href"] for a in soup.find_all("a")]  # (GitHub autolinks the bare URL column; nothing else)
    assert "@admin" not in outside_code(md) and soup.find("b") is None
    assert all(len(row.find_all(["td", "th"])) in (5, 4) for row in soup.find_all("tr"))
