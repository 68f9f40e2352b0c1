"""The real project, built with `mkdocs build --strict`, holds every fact of the guide."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from mlprep.data.load import load_guide
from mlprep.site.stage import read_config
from tests.support.project import ROOT, BuildResult

GUIDE = load_guide(ROOT / "data")
BOOK = str(GUIDE.catalog.source.url)  # the book each data file credits
PAGES = [
    "index.html",
    "timeline/index.html",
    "stories/index.html",
    "resources/index.html",
    "contributing/index.html",
    "performance/index.html",
]


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup | Tag) -> str:
    return " ".join(soup.get_text(" ").split())


def test_strict_build_passes_without_warnings(real_site: BuildResult) -> None:
    assert "WARNING" not in real_site.output
    assert "Traceback" not in real_site.output
    for name in PAGES:
        assert (real_site.site / name).is_file(), name


def test_timeline_has_every_phase_and_task_in_order(real_site: BuildResult) -> None:
    soup = page(real_site.site, "timeline/index.html")
    phases = soup.select(".guide-timeline .guide-phase")
    assert [p["id"] for p in phases] == [f"phase-{p.id}" for p in GUIDE.timeline.phases]
    for section, phase in zip(phases, GUIDE.timeline.phases, strict=True):
        assert section.h2 is not None and phase.title in section.h2.get_text()
        tasks = section.select(".guide-tasks li")
        assert [t["id"] for t in tasks] == [f"task-{t.id}" for t in phase.tasks]
    # Every word the timeline's data holds is on the page, with the title of each resource it cites.
    body = text_of(soup)
    timeline = GUIDE.timeline
    words = [timeline.intro, timeline.caution.title, timeline.caution.text]
    words += [w for i in timeline.insights for w in (i.title, i.text)]
    for phase in timeline.phases:
        words += [phase.title, phase.when, phase.summary]
        words += [w for rule in phase.rules for w in (rule.title, rule.text)]
        words += [task.text for task in phase.tasks]
    cited = {r for p in timeline.phases for t in p.tasks for r in t.resources}
    cited |= {r for i in [*timeline.insights, timeline.caution] for r in i.resources}
    words += [GUIDE.resources[r].title for r in sorted(cited)]
    missing = [w for w in words if " ".join(w.split()) not in body]
    assert missing == []


def test_tasks_link_the_site_pages_they_point_to(real_site: BuildResult) -> None:
    soup = page(real_site.site, "timeline/index.html")
    for task in (t for phase in GUIDE.timeline.phases for t in phase.tasks):
        if task.page is None:
            continue
        item = soup.select_one(f"#task-{task.id}")
        assert item is not None and item.select_one(f'a[href="../{task.page.value}/"]') is not None, task.id


def test_stories_have_people_numbers_and_writeups(real_site: BuildResult) -> None:
    soup = page(real_site.site, "stories/index.html")
    body = text_of(soup)
    figures = {" ".join(li.get_text(" ").split()) for li in soup.select(".guide-figures li")}
    hrefs = {a["href"] for a in soup.select("a[href]")}
    for story in GUIDE.stories.stories:
        assert story.person in body
        for figure in story.figures:
            assert any(f.startswith(f"{figure.value} {figure.label}") for f in figures), figure
        for writeup in story.writeups:
            # A gone write-up is linked through its archived copy, never at its dead address.
            assert (writeup.gone.archive if writeup.gone else writeup.url) in hrefs
            assert not writeup.gone or writeup.url not in hrefs


def test_every_resource_is_listed_with_its_link(real_site: BuildResult) -> None:
    soup = page(real_site.site, "resources/index.html")
    entries = {a["id"]: a for a in soup.select("article.guide-resource")}
    assert set(entries) == set(GUIDE.resources)
    for rid, resource in GUIDE.resources.items():
        title = entries[rid].select_one(".guide-resource-title")
        assert title is not None
        if resource.url:
            link = title.find("a")
            expected = resource.gone.archive if resource.gone else resource.url
            assert link is not None and link["href"] == expected and "noopener" in link["rel"]
        assert resource.cost.value == entries[rid]["data-cost"]


def test_resources_say_where_the_guide_cites_them(real_site: BuildResult) -> None:
    soup = page(real_site.site, "resources/index.html")
    for rid in GUIDE.resources:
        entry = soup.find("article", id=rid)  # by attribute: an id may start with a digit, which CSS cannot select
        assert isinstance(entry, Tag), rid
        cited = entry.select_one(".guide-cited-in")
        places = GUIDE.citations.get(rid, [])
        assert (cited is not None) == bool(places), rid
        if cited is None:
            continue
        targets = {str(a["href"]) for a in cited.find_all("a")}
        assert targets == {f"../{c.page.removesuffix('.md')}/#{c.anchor}" for c in places}, rid
        for target in targets:  # and each link lands on its place
            path, _, anchor = target.removeprefix("../").partition("#")
            assert page(real_site.site, f"{path}index.html").find(id=anchor) is not None, (rid, target)


@pytest.mark.parametrize(
    ("name", "data_file"),
    [
        ("timeline/index.html", "timeline.yml"),
        ("stories/index.html", "stories.yml"),
        ("resources/index.html", "resources.yml"),
    ],
)
def test_content_pages_credit_the_book_and_edit_their_data(real_site: BuildResult, name: str, data_file: str) -> None:
    soup = page(real_site.site, name)
    credit = soup.select_one(".guide-credit a")
    sources = {"timeline.yml": GUIDE.timeline.source, "stories.yml": GUIDE.stories.source}
    assert credit is not None and credit["href"] == str(sources.get(data_file, GUIDE.catalog.source).url)
    edit = soup.select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None and str(edit["href"]).endswith(f"/edit/main/data/{data_file}")


@pytest.mark.parametrize("name", PAGES)
def test_no_third_party_requests(real_site: BuildResult, name: str) -> None:
    soup = page(real_site.site, name)
    loaded = [str(t.get("src") or "") for t in soup.find_all(["script", "img", "iframe"])]
    loaded += [
        str(t.get("href") or "")
        for t in soup.find_all("link")
        if "stylesheet" in (t.get("rel") or []) or t.get("rel") == ["preconnect"]
    ]
    external = [u for u in loaded if u and urlsplit(u).netloc]
    assert external == []
    assert "fonts.googleapis.com" not in str(soup) and "fonts.gstatic.com" not in str(soup)


def test_theme_has_palette_toggle_and_search(real_site: BuildResult) -> None:
    soup = page(real_site.site, "index.html")
    assert len(soup.select("form[data-md-component=palette] input")) == 2
    assert soup.select_one("[data-md-component=search]") is not None
    assert (real_site.site / "search" / "search_index.json").is_file()
    assert "Made with" not in text_of(soup)


def sections_drawn_on() -> str:
    """The book's sections the data paraphrases, as the site and README name them: "sections 4.1–4.3"."""
    numbers = sorted(
        {src.section.split()[0] for src in (GUIDE.timeline.source, GUIDE.stories.source, GUIDE.catalog.source)}
    )
    return f"sections {numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else f"section {numbers[0]}"


def test_every_page_footer_credits_the_book_and_disclaims_affiliation(real_site: BuildResult) -> None:
    config = read_config(ROOT / "mkdocs.yml")
    built = sorted(real_site.site.rglob("*.html"))
    assert len(built) >= len(PAGES)
    for path in built:
        footer = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".md-footer .md-copyright")
        assert footer is not None, path
        words = text_of(footer)
        assert "Chip Huyen" in words and sections_drawn_on() in words, path
        assert "copyright stays with her" in words and "not affiliated" in words, path
        hrefs = [a["href"] for a in footer.find_all("a")]
        assert BOOK in hrefs and f"{config['repo_url']}/blob/main/LICENSE" in hrefs, path


@pytest.mark.parametrize("where", ["README.md", "docs/index.md", "LICENSE", "mkdocs.yml:site_description"])
def test_the_same_sections_are_named_everywhere(where: str) -> None:
    # The footer is checked on the built pages above; a new data source must update every mention.
    name, _, key = where.partition(":")
    text = (ROOT / name).read_text(encoding="utf-8")
    if key:
        text = yaml.safe_load(text)[key]
    assert sections_drawn_on() in " ".join(text.split())
