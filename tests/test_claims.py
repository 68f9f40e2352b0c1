"""Facts about people carry their source: the book, or one of the story's own write-ups, shown on the page."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from jinja2 import TemplateRuntimeError

from mlprep.data.load import claims, load_guide
from mlprep.data.models import BOOK, Claim, Figure, Story, StoryInsight
from mlprep.site.template_helpers import insight_mark, source_mark, writeup_anchor
from tests.support.data import messages
from tests.support.project import ROOT, BuildResult

GUIDE = load_guide(ROOT / "data")


def to_html(text: str) -> str:
    return str(markdown.markdown(text, extensions=["attr_list", "md_in_html"]))


def story(**fields: Any) -> Story:
    base: dict[str, Any] = {
        "id": "someone",
        "person": "Someone",
        "headline": "A path",
        "background": [{"text": "Taught herself.", "source": "book"}],
        "journey": [{"text": "Built projects.", "source": "blog"}],
        "outcome": [{"text": "Got the job.", "source": "book"}],
        "lessons": ["Keep going."],
        "writeups": [
            {"id": "talk", "title": "A talk", "url": "https://example.org/talk"},
            {"id": "blog", "title": 'Her "blog" <post>', "url": "https://example.org/blog"},
        ],
    }
    return Story.model_validate(base | fields)


def _mentions(annotation: Any, kinds: tuple[type, ...]) -> bool:
    return annotation in kinds or any(_mentions(a, kinds) for a in typing.get_args(annotation))


def test_every_claim_field_is_checked_and_shown() -> None:
    # A new field holding claims must be added to claims(), or its sources go unchecked.
    full = story(
        role={"text": "Engineer", "source": "book"},
        recommends=[{"text": "Learn to code.", "source": "book"}],
        setbacks=[{"text": "Rejected.", "source": "talk"}],
        figures=[{"value": "4", "label": "offers", "source": "book"}],
    )
    walked = {path[0] for path, _ in claims(full)}
    holding = {name for name, f in Story.model_fields.items() if _mentions(f.annotation, (Claim, Figure))}
    assert walked == holding


def test_marker_names_the_book_in_words() -> None:
    html = to_html(f"<p>{source_mark(story(), BOOK)}</p>")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.get_text() == "(book)" and soup.find("a") is None


def test_marker_links_the_numbered_writeup_and_keeps_its_title_inert() -> None:
    s = story()
    soup = BeautifulSoup(to_html(f"<p>{source_mark(s, 'blog')}</p>"), "html.parser")
    link = soup.find("a")
    assert isinstance(link, Tag)
    assert soup.get_text() == "(write-up 2)"
    assert link["href"] == f"#{writeup_anchor(s, s.writeups[1])}"
    assert link["title"] == s.writeups[1].title  # the quote and brackets stayed inside the attribute
    assert len(soup.find_all(True)) == 3  # p, span, a: nothing escaped the attribute


@pytest.mark.parametrize(("source", "words"), [("book", "(book)"), ("guide", "(this guide's reading)")])
def test_insight_marker_says_whose_conclusion_it_is(source: str, words: str) -> None:
    insight = StoryInsight.model_validate({"id": "x", "title": "T", "text": "Said.", "source": source})
    soup = BeautifulSoup(to_html(f"<p>{insight_mark(insight)}</p>"), "html.parser")
    assert soup.get_text() == words and soup.find("a") is None


def test_an_insight_without_a_source_is_refused(small_project: Path) -> None:
    path = Path("data/stories.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["insights"] = [{"id": "sourceless", "title": "A pattern", "text": "People do this."}]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (found,) = messages(Path("data"))
    assert found.startswith("data/stories.yml:") and "source" in found


def test_marker_for_an_unknown_source_is_a_template_error() -> None:
    with pytest.raises(TemplateRuntimeError, match="unknown source 'elsewhere'"):
        source_mark(story(), "elsewhere")


def test_a_source_must_be_a_writeup_of_the_same_story(small_project: Path) -> None:
    path = Path("data/stories.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = data["stories"][0]
    other = story(id="someone-else").model_dump(mode="json", exclude_none=True)
    other["journey"][0]["source"] = first["writeups"][0]["id"]  # another story's write-up
    data["stories"].append(other)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (found,) = messages(Path("data"))
    assert f"source: '{first['writeups'][0]['id']}' is not one of this story's sources: book, talk, blog" in found
    assert found.startswith("data/stories.yml:")


# Over the real data: invariants only, so a new or edited story never turns these red.


def test_real_claims_cite_the_book_or_their_own_writeups() -> None:
    for s in GUIDE.stories.stories:
        ids = [w.id for w in s.writeups]
        assert len(ids) == len(set(ids)) and BOOK not in ids, s.id
        for path, claim in claims(s):
            assert claim.source == BOOK or claim.source in ids, (s.id, path)


def _stories(real_site: BuildResult) -> dict[str, Tag]:
    soup = BeautifulSoup((real_site.site / "stories/index.html").read_text(encoding="utf-8"), "html.parser")
    return {str(a["id"]).removeprefix("story-"): a for a in soup.select("article.guide-story")}


def test_page_shows_a_source_for_every_claim(real_site: BuildResult) -> None:
    articles = _stories(real_site)
    assert set(articles) == {s.id for s in GUIDE.stories.stories}
    for s in GUIDE.stories.stories:
        article = articles[s.id]
        marks = article.select(".guide-source")
        # Write-ups are numbered as the page lists them (an archived one may be listed last).
        listed = [str(li["id"]).removeprefix(f"{s.id}--") for li in article.select("ol.guide-writeups > li")]
        assert sorted(listed) == sorted(w.id for w in s.writeups), s.id
        expected = ["(book)" if c.source == BOOK else f"(write-up {listed.index(c.source) + 1})" for _, c in claims(s)]
        assert sorted(" ".join(m.get_text().split()) for m in marks) == sorted(expected), s.id
        for link in article.select(".guide-source a"):
            target = article.find(id=str(link["href"]).removeprefix("#"))
            assert isinstance(target, Tag) and target.find("a", href=True) is not None, link
            assert link.get_text() == f"write-up {listed.index(str(target['id']).removeprefix(f'{s.id}--')) + 1}"
        # Roles and companies are dated once per story.
        assert len(article.select(".guide-as-of")) == 1
        assert "time of the book" in article.select_one(".guide-as-of").get_text()  # type: ignore[union-attr]


def test_advice_is_kept_apart_from_what_people_did(real_site: BuildResult) -> None:
    articles = _stories(real_site)
    for s in GUIDE.stories.stories:
        terms = {dt.get_text(): dt.find_next_sibling("dd") for dt in articles[s.id].select("dt")}
        did = " ".join(terms["What they did"].get_text().split())  # type: ignore[union-attr]
        for claim in s.journey:
            assert " ".join(claim.text.split()) in did
        for advice in s.recommends:
            assert " ".join(advice.text.split()) not in did
        if s.recommends:
            advised = " ".join(terms["What they recommend to others"].get_text().split())  # type: ignore[union-attr]
            assert all(" ".join(a.text.split()) in advised for a in s.recommends)
        # The lessons are the guide's reading, labelled so, with no source mark of their own.
        (reading,) = [dd for term, dd in terms.items() if "this guide's, not the book's" in term]
        assert reading is not None
        assert all(" ".join(lesson.split()) in " ".join(reading.get_text().split()) for lesson in s.lessons)
        assert reading.select(".guide-source") == []


def test_what_the_stories_have_in_common_says_whose_reading_it_is(real_site: BuildResult) -> None:
    soup = BeautifulSoup((real_site.site / "stories/index.html").read_text(encoding="utf-8"), "html.parser")
    for insight in GUIDE.stories.insights:
        shown = soup.find(id=insight.id)
        assert isinstance(shown, Tag), insight.id
        marks = [m.get_text() for m in shown.select(".guide-source")]
        assert marks == [insight_mark(insight).striptags()], insight.id


@pytest.mark.parametrize("name", ["timeline/index.html", "stories/index.html", "resources/index.html"])
def test_pages_carry_the_books_warning_about_dated_links(real_site: BuildResult, name: str) -> None:
    soup = BeautifulSoup((real_site.site / name).read_text(encoding="utf-8"), "html.parser")
    warning = soup.select_one(".md-content .guide-dated")
    assert warning is not None and "2019" in warning.get_text()
