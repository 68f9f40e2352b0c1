"""The link check's parts that need no network: extraction, location, settings, parsing, sharding."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlprep.links.check import Outcome
from mlprep.links.config import ConfigError, Settings, load_settings
from mlprep.links.extract import page_links
from mlprep.links.gone import data_entries
from mlprep.links.hosts import by_host, host_limit
from mlprep.links.linkchecker import parse_csv
from mlprep.links.locate import locate
from mlprep.links.model import DataEdit, LinkResult, Verdict
from mlprep.links.report import markdown
from mlprep.links.wayback import plain

ROOT = Path(__file__).resolve().parent.parent

MATERIAL_PAGE = """<html><head><link href="https://fonts.example.org/css" rel="stylesheet">
<script src="https://cdn.example.org/x.js"></script></head><body>
<header><a href="https://github.com/owner/repo" class="md-source">repo</a></header>
<nav class="md-nav"><a href="https://nav.example.org/">nav</a></nav>
<article class="md-content__inner md-typeset">
<a href="https://github.com/owner/repo/edit/main/data/x.yml" class="md-content__button">edit</a>
<p><a href="https://content.example.org/a#part">a</a> <a href="//proto.example.org/b">b</a>
<a href="../internal/">i</a> <a href="mailto:x@example.org">m</a> <img src="https://img.example.org/p.png"></p>
</article><footer><div class="md-copyright"><a href="https://book.example.org/">book</a></div>
<a href="https://squidfunk.github.io/mkdocs-material/">Made with Material</a></footer></body></html>"""


def test_only_content_links_are_extracted() -> None:
    assert page_links(MATERIAL_PAGE) == [
        "https://content.example.org/a",
        "https://proto.example.org/b",
        "https://img.example.org/p.png",
    ]


def test_page_without_article_drops_header_footer_nav() -> None:
    html = '<body><header><a href="https://h.example.org/">h</a></header><p><a href="https://c.example.org/">c</a></p></body>'
    assert page_links(html) == ["https://c.example.org/"]


def test_urls_in_the_real_data_are_located_by_line() -> None:
    found = locate(ROOT / "data", ROOT / "docs")
    lines = (ROOT / "data" / "resources.yml").read_text().splitlines()
    expected, url = next(
        (i, line.split("url:", 1)[1].strip()) for i, line in enumerate(lines, 1) if line.strip().startswith("url:")
    )
    assert any(s.file.endswith("data/resources.yml") and s.line == expected for s in found[url])


def test_markdown_links_are_located(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("# T\n\nRead [this](https://x.example.org/a). Or <https://y.example.org/b>.\n")
    found = locate(tmp_path / "no-data", tmp_path)
    assert [(s.line) for s in found["https://x.example.org/a"]] == [3]
    assert "https://y.example.org/b" in found


def test_settings_and_rules(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[check]\ntimeout = 3\n[[walls]]\nhost = "linkedin.com"\nstatuses = [999]\n')
    settings = load_settings(cfg)
    assert settings.timeout == 3.0
    assert settings.wall("www.linkedin.com") and not settings.wall("notlinkedin.com")


@pytest.mark.parametrize(
    "text", ["[check]\ntimeuot = 1\n", "[check]\ntimeout = -1\n", "[[walls]]\nstatuses = [1]\n", "not toml ["]
)
def test_bad_settings_are_refused(tmp_path: Path, text: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError):
        load_settings(cfg)


def test_repository_settings_load() -> None:
    assert load_settings(ROOT / "linkcheck.toml").walls


def test_csv_redirects_and_retry_after() -> None:
    start = "http://127.0.0.1:1/_linkcheck/1.html"
    text = (
        "# created by LinkChecker\n"
        "urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;dltime;size;checktime;cached;level;modified\n"
        f"{start};;;200 OK;;;True;{start};;;;;;;0;0;\n"
        f"http://a/r;{start};;200 OK;\"Redirected to `http://a/s' status: 301 Moved Permanently.\n"
        f"Redirected to `http://a/t' status: 302 Found.\";;True;http://a/t;1;1;x;-1;2;0.1;0;1;\n"
        f"http://a/l;{start};;429 Too Many Requests;;HTTP headers Retry-after=7;True;http://a/l;2;1;x;-1;0;0.1;0;1;\n"
    )
    moved, limited = parse_csv(text, start)
    assert moved.redirects == [("http://a/s", 301), ("http://a/t", 302)] and moved.final_url == "http://a/t"
    assert (limited.status, limited.retry_after) == (429, 7.0)


@pytest.mark.parametrize("quoted", [False, True])
def test_a_carriage_return_in_a_reason_phrase_keeps_its_row(quoted: bool) -> None:
    # LinkChecker (Python 3.11's csv module) writes a reason phrase's bare "\r" unquoted.
    start = "http://127.0.0.1:1/_linkcheck/1.html"
    said = "404 Not Found\r::error::x\r\ufffd"
    field = f'"{said}"' if quoted else said
    text = (
        "urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;dltime;size;checktime;cached;level;modified\n"
        f"http://a/x;{start};;{field};;;False;http://a/x;1;1;x;-1;0;0.1;0;1;\n"
        f"http://a/y;{start};;404 Not Found;;;False;http://a/y;2;1;x;-1;0;0.1;0;1;\n"
    )
    fetches = parse_csv(text, start)
    assert [(f.url, f.status, f.result) for f in fetches] == [
        ("http://a/x", 404, said),
        ("http://a/y", 404, "404 Not Found"),
    ]


def test_each_host_gets_its_own_process_biggest_first() -> None:
    urls = [f"http://h{h}.example.org/{i}" for h in range(5) for i in range(h + 1)]
    groups = by_host(urls)
    assert sorted(u for g in groups for u in g) == sorted(urls)
    assert [len({u.split("/")[2] for u in g}) for g in groups] == [1] * 5
    assert [len(g) for g in groups] == [5, 4, 3, 2, 1]


def test_a_host_with_more_urls_may_take_longer_but_never_without_limit() -> None:
    settings = Settings(timeout=10, threads=4)
    assert host_limit(1, settings) < host_limit(4, settings) < host_limit(5, settings) < host_limit(100, settings)
    assert host_limit(1, settings) >= 3 * settings.timeout  # one URL gets three timeouts, start-up aside


def test_every_link_in_the_real_data_is_placed_where_a_gone_edit_would_go() -> None:
    entries = data_entries(ROOT / "data")
    assert entries
    for url, entry in entries.items():
        line = (ROOT / entry.file).read_text(encoding="utf-8").splitlines()[entry.line - 1]
        assert line == " " * (entry.column - 1) + f"url: {url}", entry  # the edit goes just below, as indented


@pytest.mark.parametrize(
    ("answer", "kept"),
    [
        (
            "https://web.archive.org/web/2020/https://x.example.org/a?b=1",
            "https://web.archive.org/web/2020/https://x.example.org/a?b=1",
        ),
        (
            "http://web.archive.org/web/2020/http://x.example.org/",
            "https://web.archive.org/web/2020/http://x.example.org/",
        ),
        (
            "http://127.0.0.9:8080/web/2020/http://x.example.org/",
            "http://127.0.0.9:8080/web/2020/http://x.example.org/",
        ),
        ("https://web.archive.org/web/2020/https://x.example.org/`echo`", None),
        ("https://web.archive.org/web/2020/https://x.example.org/\n::error::forged", None),
        ("https://web.archive.org/<img src=x>", None),
        ('https://web.archive.org/"onmouseover', None),
        ("javascript:alert(1)", None),
    ],
)
def test_only_a_plain_address_is_taken_from_the_archive(answer: str, kept: str | None) -> None:
    assert plain(answer) == kept


def test_a_suggested_edit_stays_inside_its_code_block_whatever_it_holds() -> None:
    text = "  gone:\n    archive: https://a.example.org/```\n## Forged heading\n"
    dead = LinkResult("https://x.example.org/`a`", Verdict.DEAD, 404, "404 Not Found")
    dead.edit = DataEdit("data/stories.yml", 7, text)
    md = markdown(Outcome([dead], pages=1, elapsed=1.0))
    assert "Insert at `data/stories.yml:7`, just below the `url:` of `` https://x.example.org/`a` ``:" in md
    assert f"````yaml\n{text}````" in md  # a fence longer than any run of backticks inside


IDN = "https://ex\u0430mple.org/"  # a Cyrillic 'а' in place of the Latin 'a'
PUNYCODE = "(host `xn--exmple-4nf.org`)"


def test_an_international_host_shows_its_punycode_wherever_the_report_names_it() -> None:
    dead = LinkResult(IDN, Verdict.DEAD, 404, "404 Not Found", pages=["/resources/"])
    dead.edit = DataEdit("data/resources.yml", 7, "    gone:\n")
    moved = LinkResult("https://a.example.org/", Verdict.MOVED, 301, "moved", suggestion=IDN + "new")
    md = markdown(Outcome([dead, moved], pages=1, elapsed=1.0))
    rows = [line for line in md.splitlines() if line.startswith("| https://")]
    assert rows[0].startswith(f"| {IDN} {PUNYCODE} | `404 Not Found` |"), rows
    assert f"| `{IDN}new` {PUNYCODE} |" in rows[1], rows
    assert f"just below the `url:` of `{IDN}` {PUNYCODE}:" in md
