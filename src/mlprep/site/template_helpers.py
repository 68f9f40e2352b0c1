"""What the templates call to print data as HTML: words for the models' values, links, citations, source marks.

Each returns Markup built only from parts made inert here, so a template prints it as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from jinja2 import TemplateRuntimeError, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from mlprep.data.models import (
    BOOK,
    Claim,
    Cost,
    GuidePage,
    InsightSource,
    Level,
    Resource,
    ResourceType,
    Story,
    StoryInsight,
    Writeup,
)
from mlprep.site.markdown_text import attr, inert

Entry = TypeVar("Entry", Resource, Writeup)

LABELS: dict[str, dict[Any, str]] = {
    "type_plural": {
        ResourceType.COURSE: "Courses",
        ResourceType.BOOK: "Books",
        ResourceType.LECTURE_NOTES: "Lecture notes",
        ResourceType.ARTICLE: "Articles and essays",
        ResourceType.VIDEO: "Video lectures",
        ResourceType.STUDY_PLAN: "Study plans and curricula",
        ResourceType.COMMUNITY: "Communities and practice",
        ResourceType.TOOL: "Tools",
    },
    "cost": {Cost.FREE: "Free", Cost.FREE_PAID_CERTIFICATE: "Free, paid certificate", Cost.PAID: "Paid"},
    "level": {
        Level.BEGINNER: "Beginner",
        Level.INTERMEDIATE: "Intermediate",
        Level.ADVANCED: "Advanced",
        Level.ALL: "All levels",
    },
    "page": {"timeline.md": "Timeline", "stories.md": "Stories"},
    # The words a link to one of the site's own pages reads as, after "See:".
    "guide_page": {
        GuidePage.TIMELINE: "the timeline",
        GuidePage.STORIES: "the stories",
        GuidePage.RESOURCES: "the resource catalog",
    },
}


def link(entry: Resource | Writeup) -> Markup:
    """An entry's title, linked to its page when it has one, or to the archived copy when the page is gone."""
    # f-strings over parts that are already escaped: Markup.format costs a Formatter per call.
    title = inert(entry.title)
    if entry.gone is not None:
        # The dead address is never a link: readers get the copy, told it is one and since when.
        found = entry.gone.found
        when = f'<time datetime="{found.isoformat()}">{found.day} {found:%B %Y}</time>'
        return Markup(
            f'<a href="{attr(entry.gone.archive)}" rel="noopener">{title}</a> '
            f'<span class="guide-gone">(archived copy; the original page was found gone on {when})</span>'
        )
    if entry.url is None:
        return Markup(f"<cite>{title}</cite>")
    return Markup(f'<a href="{attr(entry.url)}" rel="noopener">{title}</a>')


def live_first(entries: Iterable[Entry]) -> list[Entry]:
    """Entries whose page still answers before those only an archive keeps, otherwise in data order."""
    return sorted(entries, key=lambda e: e.gone is not None)


@pass_context
def cited(context: Context, ids: list[str], page: GuidePage | None = None) -> Markup:
    """Links to the site page and the resources a task, insight or story cites.

    The page link is Markdown, so that MkDocs resolves it (and --strict checks it):
    it works only where the enclosing HTML is parsed as Markdown (``markdown`` attribute).
    """
    links = [link(context["resources"][i]) for i in ids]
    if page is not None:
        links.insert(0, Markup(f"[{inert(LABELS['guide_page'][page])}]({page.value}.md)"))
    if not links:
        return Markup("")
    return Markup(f'<span class="guide-cites">See: {Markup(", ").join(links)}</span>')


def writeup_anchor(story: Story, writeup: Writeup) -> str:
    # "--" cannot occur inside an id, so a story's anchors never meet another's.
    return f"{story.id}--{writeup.id}"


_BOOK_MARK = Markup('<span class="guide-source">(book)</span>')


def source_mark(story: Story, source: str) -> Markup:
    """Where a statement about a person comes from, as words: "(book)" or a link to the numbered write-up."""
    if source == BOOK:
        return _BOOK_MARK
    for n, w in enumerate(live_first(story.writeups), 1):  # numbered as the page lists them
        if w.id == source:
            href, title = attr(writeup_anchor(story, w)), inert(w.title)
            return Markup(f'<span class="guide-source">(<a href="#{href}" title="{title}">write-up {n}</a>)</span>')
    # The validator refuses this first; a template error still names the template line.
    raise TemplateRuntimeError(f"story '{story.id}' cites an unknown source '{source}'")


def insight_mark(insight: StoryInsight) -> Markup:
    """Whose conclusion drawn from the stories this is: the book's, or this guide's reading."""
    if insight.source == InsightSource.book:
        return _BOOK_MARK
    return Markup('<span class="guide-source">(this guide\'s reading)</span>')


def claim(story: Story, item: Claim) -> Markup:
    """A statement about a person, followed by its source."""
    return Markup(f"{inert(item.text)} {source_mark(story, item.source)}")
