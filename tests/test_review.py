"""A pull request's review summary: validator result, new links and their verdicts, pages changed, preview."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mlprep.cli.pr_summary import PageChanges, changed_pages, main, summary
from tests.support.gfm import outside_code, render
from tests.support.project import ROOT, build, copy_project

CORPUS = ROOT / "tests" / "corpus" / "base"


def pages(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_changed_pages_compares_each_page_and_ignores_assets_and_search(tmp_path: Path) -> None:
    base = pages(
        tmp_path / "base",
        {"index.html": "a", "old/index.html": "o", "same/index.html": "s", "assets/x.html": "1", "search/s.html": "1"},
    )
    new = pages(
        tmp_path / "new",
        {"index.html": "A", "new/index.html": "n", "same/index.html": "s", "assets/x.html": "2", "search/s.html": "2"},
    )
    assert changed_pages(base, new) == PageChanges(added=["/new/"], changed=["/"], removed=["/old/"])
    assert not changed_pages(base, base)


def link(url: str, verdict: str, detail: str, **more: Any) -> dict[str, Any]:
    return {"url": url, "verdict": verdict, "detail": detail, "pages": ["/resources/"], **more}


def test_summary_of_a_clean_pull_request() -> None:
    report = {"summary": {"notes": []}, "links": [link("https://a.example.org/", "ok", "200 OK")]}
    ok, text = summary(
        data_dir=CORPUS,
        links_code="0",
        links_report=report,
        links_log=None,
        pages=PageChanges(changed=["/resources/"]),
        artifact="site-preview",
        artifact_url="https://github.com/o/r/actions/runs/1/artifacts/2",
    )
    assert ok
    assert "**Data**: valid" in text and "| <https://a.example.org/> | ok | `200 OK` | `/resources/` |" in text
    assert "- changed: `/resources/`" in text
    assert "[`site-preview`](https://github.com/o/r/actions/runs/1/artifacts/2)" in text


def test_summary_fails_on_problems_and_dead_links_and_nothing_in_it_acts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(CORPUS, data)
    resources = data / "resources.yml"
    broken = '\n    title: "``` ## Forged @admin"\n    colour: red'  # a hostile title, and an unknown field
    resources.write_text(re.sub(r"\n    title: [^\n]*", broken, resources.read_text(), count=1))
    hostile = "404 @admin [x](https://evil.example.org) | ```"
    report = {
        "summary": {"notes": ["1 chosen URL(s) are not linked from any page of the built site: not checked"]},
        "links": [
            link("https://a.example.org/ok", "ok", "200 OK"),
            link("https://a.example.org/dead", "dead", hostile),
            link("https://a.example.org/m", "moved", "moved permanently (301)", suggestion="https://b.example.org/n"),
        ],
    }
    ok, text = summary(data_dir=data, links_code="1", links_report=report, links_log=None, pages=None)
    assert not ok
    soup = render(text)
    assert [h.get_text() for h in soup.find_all(["h1", "h2", "h3"])] == [
        "What this pull request changes",
        "External links added or changed",
        "Pages changed",
    ]
    assert "@admin" not in outside_code(text) and "evil" not in str([a["href"] for a in soup.find_all("a")])
    assert "resources.yml:" in text and "colour" in text  # the validator's problems, quoted
    rows = [r.find_all("td") for r in soup.find_all("tr")[1:]]
    assert [r[1].get_text() for r in rows] == ["dead", "moved", "ok"] and all(len(r) == 4 for r in rows)
    assert "→ https://b.example.org/n" in rows[1][2].get_text() and "1 dead link" in text


def test_summary_shows_an_international_host_in_punycode() -> None:
    # A Cyrillic 'а' in place of the Latin 'a': the reviewer sees the two hosts apart.
    idn = "https://ex\u0430mple.org/"
    report = {"summary": {"notes": []}, "links": [link(idn, "ok", "200 OK")]}
    ok, text = summary(data_dir=CORPUS, links_code="0", links_report=report, links_log=None, pages=PageChanges())
    assert ok and f"| `{idn}` (host `xn--exmple-4nf.org`) | ok | `200 OK` | `/resources/` |" in text


@pytest.mark.parametrize(
    ("code", "report", "said"),
    [
        ("", None, "Not checked: the site did not build."),
        ("2", None, "could not run (exit code `2`)"),
        ("0", None, "left no report"),
        ("0", {"links": []}, "adds or changes no external link"),
    ],
)
def test_summary_says_why_links_were_not_checked(code: str, report: dict[str, Any] | None, said: str) -> None:
    ok, text = summary(
        data_dir=CORPUS, links_code=code, links_report=report, links_log="```\n::error::x\n", pages=PageChanges()
    )
    assert said in text and ok == (report is not None)
    assert "No page's HTML changed." in text
    if code == "2":
        assert "::error::x" in text and "::error::x" not in outside_code(text)


def git(root: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*command, *args], cwd=root, capture_output=True, check=True)


def test_main_builds_the_base_and_lists_the_pages_a_data_edit_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    resources = project / "data" / "resources.yml"
    resources.write_text(re.sub(r"(\n    title: [^\n]*)", r"\1 (second edition)", resources.read_text(), count=1))
    built = build(project)
    assert built.returncode == 0, built.output
    (project / "links.json").write_text(json.dumps({"summary": {"notes": []}, "links": []}))
    monkeypatch.chdir(project)
    code = main(["--base", "HEAD", "--links-code", "0", "--links-json", "links.json", "--out", "summary.md"])
    text = (project / "summary.md").read_text()
    assert code == 0, text
    changed = re.search(r"- changed: (.*)", text)
    assert changed and "`/resources/`" in changed.group(1), text
    assert "- added" not in text and "- removed" not in text
