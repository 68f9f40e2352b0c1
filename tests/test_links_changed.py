"""A pull request's link check: only the URLs it adds or changes in data/ and docs/, by the nightly engine.

Each test makes its own git repository and loopback servers, so none sees
another's commits or requests.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mlprep.links.changed import ChangedError, changed_urls
from mlprep.links.check import check_site
from mlprep.links.config import Settings
from mlprep.links.gone import data_entries, mark_gone
from tests.support.fakeweb import FakeWeb, Host, Route
from tests.support.linkcheck import FAST, run_cli
from tests.support.project import ROOT


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    done = subprocess.run([*command, *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def repo(root: Path, files: dict[str, str]) -> Path:
    git(root, "init", "-q", "-b", "main")
    write(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def site(root: Path, urls: list[str]) -> None:
    items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in urls)
    write(root, {"site/index.html": f"<html><body><article><ul>{items}</ul></article></body></html>"})


def test_changed_urls_are_the_ones_written_now_and_not_at_the_base(tmp_path: Path) -> None:
    repo(
        tmp_path,
        {
            "data/a.yml": "- url: https://a.example.org/kept\n- url: https://a.example.org/edited\n",
            "data/b.yml": "- url: https://b.example.org/moves\n",
            "docs/p.md": "See [x](https://d.example.org/x#part).\n",
            "docs/untouched.md": "<https://u.example.org/>\n",
            "docs/img.png": "https://i.example.org/not-text",
        },
    )
    write(
        tmp_path,
        {
            "data/a.yml": "- url: https://a.example.org/kept\n- url: https://a.example.org/edited-now\n",
            "data/b.yml": "- url: https://b.example.org/added\n",
            "docs/p.md": "See [x](https://d.example.org/x#other) and https://b.example.org/moves.\n",
            "docs/new.md": "A new page: [y](//n.example.org/y).\n",  # untracked: a contributor's work in progress
            "docs/img.png": "https://i.example.org/changed-but-not-text",
            "elsewhere.md": "https://e.example.org/outside-data-and-docs\n",
        },
    )
    found = changed_urls("HEAD", [Path("data"), Path("docs")], cwd=tmp_path)
    assert found == {"https://a.example.org/edited-now", "https://b.example.org/added", "https://n.example.org/y"}
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "change")
    assert changed_urls("HEAD^1", [Path("data"), Path("docs")], cwd=tmp_path) == found  # as CI sees a merge commit


def test_an_unknown_base_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    repo(tmp_path, {"data/a.yml": "x: 1\n"})
    with pytest.raises(ChangedError, match="fetch-depth"):
        changed_urls("no-such-branch", [Path("data")], cwd=tmp_path)
    shutil.rmtree(tmp_path / ".git")
    with pytest.raises(ChangedError):
        changed_urls("HEAD", [Path("data")], cwd=tmp_path)


@pytest.fixture
def web() -> Iterator[Host]:
    with FakeWeb() as fake:
        yield fake.add(
            "127.0.0.21",
            {"/old": Route("ok"), "/new": Route("ok"), "/new-dead": Route("status", code=404), "/web/*": Route("ok")},
        )


def test_cli_only_changed_fetches_only_the_new_urls(tmp_path: Path, web: Host) -> None:
    old, new, dead = web.url("/old"), web.url("/new"), web.url("/new-dead")
    repo(tmp_path, {"data/links.yml": f"- url: {old}\n", "docs/p.md": "# P\n"})
    write(tmp_path, {"data/links.yml": f"- url: {old}\n- url: {new}\n", "docs/p.md": f"# P\n\n[d]({dead})\n"})
    site(tmp_path, [old, new, dead])
    done = run_cli(tmp_path, "site", "--only-changed", "HEAD", "--no-archive", "--json", "out.json", *FAST)
    assert done.returncode == 1, done.stderr
    links = {link["url"]: link for link in json.loads((tmp_path / "out.json").read_text())["links"]}
    assert {u: link["verdict"] for u, link in links.items()} == {new: "ok", dead: "dead"}
    assert links[dead]["sources"] == ["docs/p.md:3"] and links[dead]["edit"] is None  # a new link: fix, not "gone"
    assert web.count("/old") == 0 and web.count("/new") == 1
    assert done.stdout.startswith("## External links added or changed\n") and "Gone for good" not in done.stdout


def test_cli_only_changed_with_nothing_new_checks_nothing_and_passes(tmp_path: Path, web: Host) -> None:
    repo(tmp_path, {"data/links.yml": f"- url: {web.url('/old')}\n"})
    site(tmp_path, [web.url("/old")])
    done = run_cli(tmp_path, "site", "--only-changed", "HEAD", "--no-archive", *FAST)
    assert done.returncode == 0, done.stderr
    assert "0 unique URLs" in done.stdout and web.hits == {}


def test_cli_only_changed_without_the_base_commit_exits_2(tmp_path: Path) -> None:
    repo(tmp_path, {"data/links.yml": "x: 1\n"})
    site(tmp_path, [])
    done = run_cli(tmp_path, "site", "--only-changed", "HEAD~5", *FAST)
    assert done.returncode == 2 and "fetch-depth" in done.stderr


def test_cli_urls_checks_those_the_site_links_and_notes_the_rest(tmp_path: Path, web: Host) -> None:
    site(tmp_path, [web.url("/old"), web.url("/new")])
    chosen = [web.url("/new#section"), "https://not-on-the-site.example.org/"]
    done = run_cli(tmp_path, "site", "--urls", *chosen, "--no-archive", "--json", "out.json", *FAST)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "out.json").read_text())
    assert [link["url"] for link in report["links"]] == [web.url("/new")]
    assert report["summary"]["notes"] == ["1 chosen URL(s) are not linked from any page of the built site: not checked"]
    assert web.count("/old") == 0


def test_marking_a_link_gone_checks_its_new_archived_copy_and_reports_it_gone(tmp_path: Path, web: Host) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "corpus" / "base", data)
    entry = next(iter(data_entries(data).values()))  # any entry with a link
    copy = web.url(f"/web/20200101000000/{entry.url}")  # an archive's address of the same page
    edit = mark_gone(entry, copy, date(2026, 11, 25))
    path = tmp_path / edit.file
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[: edit.line - 1]) + edit.text + "".join(lines[edit.line - 1 :]))
    site(tmp_path, [copy, web.url("/old")])
    out = check_site(tmp_path / "site", Settings(timeout=2, retries=0), data_dir=data, docs_dir=tmp_path, only={copy})
    assert {r.url: r.verdict.value for r in out.results} == {copy: "ok", entry.url: "gone"}
    assert web.count("/old") == 0
