"""Links known to be gone: expected and set apart, their archived copies checked; a newly dead link says how to mark it.

The real LinkChecker, driven by scripts/check_links.py, checks a site rendered
from the small fixture guide (tests/corpus/base) with its links pointed at
loopback servers. Each test starts its own servers, so no test sees another's
requests.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest

from mlprep.data.load import load_guide
from mlprep.data.problems import DataError
from mlprep.links.check import check_site
from mlprep.links.config import Settings
from mlprep.site.render import environment, render_block
from tests.support.data import edit
from tests.support.fakeweb import FakeWeb, Host, Route
from tests.support.linkcheck import FAST, run_cli
from tests.support.project import ROOT

CORPUS = ROOT / "tests" / "corpus" / "base"
WRITEUP = "url: https://www.emilwallner.com/p/no-ml-degree"


@dataclass
class Web:
    live: Host  # every other link of the fixture guide answers here
    dead: Host  # answers 404 to everything
    archive: Host  # the Wayback availability API, good copies under /web/20200101000000/, dead ones under /web/2019/

    @property
    def api(self) -> str:
        return self.archive.url("/wayback/available")

    def copy(self, url: str, stamp: str = "20200101000000") -> str:
        return self.archive.url(f"/web/{stamp}/{url}")


@pytest.fixture
def web() -> Iterator[Web]:
    with FakeWeb() as fake:
        live = fake.add("127.0.0.2", {"/book": Route("ok"), "/fastai": Route("ok"), "/kaggle": Route("ok")})
        dead = fake.add("127.0.0.3", {})
        archive = fake.add(
            "127.0.0.9",
            {
                "/wayback/available": Route("wayback"),
                "/web/20200101000000/*": Route("ok"),
                "/web/2019/*": Route("status", code=404),
            },
        )
        yield Web(live, dead, archive)


def project(root: Path, web: Web, writeup: str) -> Path:
    """The fixture guide with ``writeup`` as its story's write-up line(s), and the site built from it."""
    data = root / "data"
    shutil.copytree(CORPUS, data)
    for name in ("resources.yml", "stories.yml", "timeline.yml"):
        path = data / name
        path.write_text(path.read_text().replace("https://huyenchip.com/ml-interviews-book/", web.live.url("/book")))
    edit(data / "resources.yml", "url: https://course.fast.ai/", f"url: {web.live.url('/fastai')}")
    edit(data / "resources.yml", "url: https://www.kaggle.com/", f"url: {web.live.url('/kaggle')}")
    edit(data / "stories.yml", WRITEUP, writeup)
    build_site(root)
    return data


def build_site(root: Path) -> None:
    """The stories and resources pages as the build renders them, in a page shaped like Material's."""
    guide, env = load_guide(root / "data"), environment()
    for name in ("stories", "resources"):
        body = markdown.markdown(render_block(name, guide, env), extensions=["attr_list", "md_in_html"])
        (root / "site" / name).mkdir(parents=True, exist_ok=True)
        (root / "site" / name / "index.html").write_text(f"<html><body><article>{body}</article></body></html>")
    (root / "site" / "index.html").write_text("<html><body><article>home</article></body></html>")


def check(root: Path, web: Web) -> tuple[int, dict[str, dict[str, Any]], str]:
    done = run_cli(root, "site", "--json", "out.json", "--markdown", "out.md", "--archive-url", web.api, *FAST)
    assert done.returncode in (0, 1), done.stderr
    links = {link["url"]: link for link in json.loads((root / "out.json").read_text())["links"]}
    return done.returncode, links, (root / "out.md").read_text()


def gone(url: str, archive: str) -> str:
    return f"url: {url}\n        gone:\n          found: 2026-11-25\n          archive: {archive}"


def test_known_gone_link_with_a_live_copy_is_reported_apart_and_the_run_stays_green(tmp_path: Path, web: Web) -> None:
    url = web.dead.url("/story/")
    data = project(tmp_path, web, gone(url, web.copy(url)))
    code, links, md = check(tmp_path, web)
    assert code == 0, md
    line = (data / "stories.yml").read_text().splitlines().index(f"        url: {url}") + 1
    assert links[url]["verdict"] == "gone" and links[url]["suggestion"] == web.copy(url)
    assert links[url]["detail"].startswith("found gone 2026-11-25; archived copy ok")
    assert links[url]["sources"] == [f"data/stories.yml:{line}"]
    assert links[web.copy(url)]["verdict"] == "ok"
    assert web.dead.hits == {}  # the original is not fetched at all
    section = md.split("### Known gone", 1)[1]
    assert f"| {url} |" in section and "No dead links." in md and "### Dead" not in md


def test_known_gone_link_whose_copy_is_dead_fails_the_run(tmp_path: Path, web: Web) -> None:
    url = web.dead.url("/story/")
    project(tmp_path, web, gone(url, web.copy(url, "2019")))
    code, links, md = check(tmp_path, web)
    assert code == 1
    dead = links[web.copy(url, "2019")]
    assert dead["verdict"] == "dead" and f"the archived copy of {url}" in dead["detail"]
    assert dead["suggestion"] == web.copy(url)  # another copy of the page, from the availability API
    assert links[url]["verdict"] == "gone" and "archived copy dead" in links[url]["detail"]
    assert md.index("### Dead") < md.index(web.copy(url, "2019")) < md.index("### Known gone")


def test_newly_dead_link_fails_and_its_report_gives_the_edit_that_marks_it_gone(tmp_path: Path, web: Web) -> None:
    url = web.dead.url("/story/")
    data = project(tmp_path, web, f"url: {url}")
    code, links, md = check(tmp_path, web)
    assert code == 1
    dead = links[url]
    assert dead["verdict"] == "dead" and dead["suggestion"] == web.copy(url)
    stories = data / "stories.yml"
    lines = stories.read_text().splitlines(keepends=True)
    at = lines.index(f"        url: {url}\n") + 2  # just below the url line
    edit_ = dead["edit"]
    assert (edit_["file"], edit_["line"]) == ("data/stories.yml", at)
    assert f"`data/stories.yml:{at}`" in md and f"```yaml\n{edit_['text']}```" in md
    # The edit, made as the report says, moves the entry into the gone state.
    stories.write_text("".join(lines[: at - 1]) + edit_["text"] + "".join(lines[at - 1 :]))
    writeup = load_guide(data).stories.stories[0].writeups[0]
    assert writeup.url == url and writeup.gone is not None and writeup.gone.archive == web.copy(url)
    build_site(tmp_path)
    assert check(tmp_path, web)[0] == 0  # and the next run is green


def test_edit_for_a_dead_link_without_a_copy_is_refused_until_one_is_found(tmp_path: Path, web: Web) -> None:
    url = web.dead.url("/story/")
    data = project(tmp_path, web, f"url: {url}")
    out = check_site(tmp_path / "site", Settings(timeout=2, retries=0), data_dir=data, docs_dir=tmp_path / "docs")
    (dead,) = [r for r in out.results if r.url == url]
    assert dead.verdict.value == "dead" and dead.suggestion is None and dead.edit is not None
    assert "  archive:  # none found: look for one at https://web.archive.org/web/*/" in dead.edit.text
    stories = data / "stories.yml"
    lines = stories.read_text().splitlines(keepends=True)
    stories.write_text("".join(lines[: dead.edit.line - 1]) + dead.edit.text + "".join(lines[dead.edit.line - 1 :]))
    with pytest.raises(DataError, match=r"stories\.yml:\d+:\d+: .*archive"):
        load_guide(data)
