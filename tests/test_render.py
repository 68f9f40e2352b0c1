"""Rendering: markers, inert text, strict templates."""

from __future__ import annotations

import shutil
from html import unescape
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from jinja2 import FileSystemLoader

from mlprep.data.load import Guide, load_guide
from mlprep.data.models import GuidePage
from mlprep.site.markdown_text import inert
from mlprep.site.render import RenderError, environment, fill_markers, render_block, render_blocks
from tests.support.data import edit
from tests.support.project import FIXTURE, ROOT

# The fixture guide: these tests name its entries, which the real data may drop or rename.
GUIDE = load_guide(FIXTURE)


def to_html(text: str) -> str:
    return str(markdown.markdown(text, extensions=["attr_list", "md_in_html"]))


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "![x](https://tracker.example/p.png)",
        '" onmouseover="alert(1)',
        "**bold** _em_ `code`",
        "<!-- guide:timeline -->",
        "# Heading",
        "- list",
        "1. list",
        "{{ 7 * 7 }}",
        "</div></section>",
    ],
)
def test_inert_text_reads_back_as_itself(hostile: str) -> None:
    html = to_html(f"<p>{inert(hostile)}</p>")
    # No element other than the paragraph, and the text is exactly what was written.
    assert html.count("<") == 2, html
    assert unescape(html.removeprefix("<p>").removesuffix("</p>")) == hostile


def test_inert_collapses_line_breaks() -> None:
    assert inert("one\n\n# two") == "one &#35; two"


def test_page_without_marker_is_untouched() -> None:
    assert fill_markers("Prose with {{ braces }} in it.\n", {}) is None


def test_unknown_marker_is_located_in_the_page_source(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("<!-- guide:stories -->\n")
    (tmp_path / "x.md").write_text("---\ntitle: X\n---\n# Title\n\n  <!-- guide:timelines -->\n")
    with pytest.raises(RenderError, match=r"^x\.md:6:3: unknown block 'timelines'"):
        render_blocks(tmp_path, GUIDE, environment(), display_root=tmp_path)


def test_only_requested_blocks_render_and_prose_is_kept(tmp_path: Path) -> None:
    (tmp_path / "s.md").write_text("Intro {{ kept }}\n\n<!-- guide:stories -->\n")
    blocks = render_blocks(tmp_path, GUIDE, environment())
    assert list(blocks) == ["stories"]
    out = fill_markers("Intro {{ kept }}\n\n<!-- guide:stories -->\n", blocks)
    assert out is not None and out.startswith("Intro {{ kept }}")
    assert "Emma Ding" in out and "guide:stories" not in out


def test_template_typo_is_an_error_not_an_empty_string(tmp_path: Path) -> None:
    (tmp_path / "timeline.md.j2").write_text("line one\n{{ timeline.phasez }}\n")
    env = environment()
    env.loader = FileSystemLoader(tmp_path)
    with pytest.raises(RenderError, match=r"timeline\.md\.j2:2: template error: .*phasez"):
        render_block("timeline", GUIDE, env)


def test_resource_without_url_is_named_not_linked() -> None:
    out = render_block("resources", GUIDE, environment())
    assert "<cite>A First Course in Probability</cite>" in out


def test_a_task_links_the_site_page_it_points_to() -> None:
    # The link is Markdown inside the task's HTML: it must survive md_in_html as a real link.
    first = GUIDE.timeline.phases[0]
    task = first.tasks[0].model_copy(update={"page": GuidePage.STORIES})
    phases = [first.model_copy(update={"tasks": [task, *first.tasks[1:]]}), *GUIDE.timeline.phases[1:]]
    timeline = GUIDE.timeline.model_copy(update={"phases": phases})
    guide = Guide(GUIDE.catalog, timeline, GUIDE.stories, GUIDE.documents)
    html = to_html(render_block("timeline", guide, environment()))
    item = html[html.index(f'<li id="task-{task.id}"') :]
    item = item[: item.index("</li>")]
    assert '<a href="stories.md">the stories</a>' in item, item


CORPUS = ROOT / "tests" / "corpus" / "base"
DEAD = "https://blog.example.org/the-story/"
COPY = "https://web.archive.org/web/20200101000000/" + DEAD


@pytest.fixture(scope="module")
def gone_guide(tmp_path_factory: pytest.TempPathFactory) -> Guide:
    """The small valid data set with a gone write-up listed before a live one, and a gone resource."""
    data = tmp_path_factory.mktemp("gone") / "data"
    shutil.copytree(CORPUS, data)
    edit(
        data / "stories.yml",
        "    writeups:\n",
        f"    writeups:\n      - id: the-story\n        title: The story\n        url: {DEAD}\n"
        f"        gone:\n          found: 2026-11-25\n          archive: {COPY}\n",
    )
    edit(
        data / "resources.yml",
        "    url: https://www.kaggle.com/\n",
        "    url: https://www.kaggle.com/\n    gone:\n      found: 2025-01-31\n"
        "      archive: https://web.archive.org/web/2024/https://www.kaggle.com/\n",
    )
    edit(data / "stories.yml", "resources: [fastai]", "resources: [fastai, kaggle]")
    return load_guide(data)


def test_gone_writeup_links_its_archived_copy_marked_and_after_the_live_one(gone_guide: Guide) -> None:
    soup = BeautifulSoup(to_html(render_block("stories", gone_guide, environment())), "html.parser")
    hrefs = [a["href"] for a in soup.select("a[href]")]
    assert DEAD not in hrefs and COPY in hrefs
    items = [" ".join(li.get_text(" ").split()) for li in soup.select(".guide-story-facts dd li") if li.a]
    assert items[-2:] == [
        "No ML degree",
        "The story (archived copy; the original page was found gone on 25 November 2026 )",
    ]
    marker = soup.select_one(".guide-gone time")
    assert marker is not None and marker["datetime"] == "2026-11-25"


def test_gone_resource_links_its_archived_copy_wherever_it_is_shown(gone_guide: Guide) -> None:
    copy = "https://web.archive.org/web/2024/https://www.kaggle.com/"
    for block in ("resources", "stories"):  # its own entry, and where a story cites it
        soup = BeautifulSoup(to_html(render_block(block, gone_guide, environment())), "html.parser")
        hrefs = {a["href"] for a in soup.select("a[href]")}
        assert "https://www.kaggle.com/" not in hrefs and copy in hrefs, block
    soup = BeautifulSoup(to_html(render_block("resources", gone_guide, environment())), "html.parser")
    title = soup.select_one("#kaggle .guide-resource-title")
    assert title is not None and title.a is not None
    assert title.a["href"] == copy
    assert "found gone on 31 January 2025" in " ".join(title.get_text(" ").split())
