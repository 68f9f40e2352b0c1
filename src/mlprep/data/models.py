"""The data contract: typed models of the three data files.

These models are the single source of truth. The build, the validator, the JSON
Schemas, the link report and the tests all use them; no other module declares a
field. The kinds of value a field holds (ids, visible text, durations, links)
are in ``fields``.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from mlprep.data.fields import Duration, Id, Label, Text, Title, TopicId, TopicRef, Url, months_and_days
from mlprep.data.urls import is_archived_copy


class ResourceType(StrEnum):
    COURSE = "course"
    BOOK = "book"
    LECTURE_NOTES = "lecture-notes"
    ARTICLE = "article"
    VIDEO = "video"
    STUDY_PLAN = "study-plan"
    COMMUNITY = "community"
    TOOL = "tool"


class Cost(StrEnum):
    FREE = "free"
    FREE_PAID_CERTIFICATE = "free-with-paid-certificate"
    PAID = "paid"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    ALL = "all-levels"


class Anchor(StrEnum):
    """The date a phase's offset counts from; the planner works each one out (see the timeline page)."""

    SEARCH_START = "search-start"
    FIRST_INTERVIEW = "first-interview"
    START_DATE = "start-date"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Model):
    """The part of the book a data file paraphrases, credited on its pages."""

    title: Title
    section: Label
    url: Url


class Gone(Model):
    """A linked page known to be gone for good: when that was found, and the archived copy linked instead."""

    found: date = Field(description="The day the link was found dead, written YYYY-MM-DD.")
    archive: Url = Field(
        description="An archived copy of the same page, such as `https://web.archive.org/web/<timestamp>/<url>`."
    )


def _archive_of_its_url(gone: Gone | None, info: ValidationInfo) -> Gone | None:
    if gone is None or "url" not in info.data:  # a url that failed validation has its own message
        return gone
    url = info.data["url"]
    if url is None:
        raise PydanticCustomError(
            "gone_without_url", "only a link can be gone; add the url it was at, or remove 'gone'"
        )
    if not is_archived_copy(gone.archive, url):
        raise PydanticCustomError(
            "archive_of_another_page",
            "must be an archived copy of the entry's url, such as https://web.archive.org/web/<timestamp>/{url}",
            {"url": url, "at": "archive"},  # 'at': the validator locates the problem on gone.archive
        )
    return gone


# The dead-source state, one declaration for every entry that links out; it reads the entry's
# url, so each model lists it after its url.
MaybeGone = Annotated[
    Gone | None,
    AfterValidator(_archive_of_its_url),
    Field(
        description="Only for a link found dead for good; `archive` is a copy of the same page, such as "
        "`https://web.archive.org/web/<timestamp>/<url>`. The page then links the copy, marked as archived, "
        "and the link check stops failing on the original."
    ),
]


class Topic(Model):
    """One topic of the vocabulary that resources are filed under; the resources page shows its label."""

    id: TopicId = Field(description="What a resource's `topics` list writes.")
    label: Label = Field(description="The topic's name on the resources page and in its filters.")
    covers: Title = Field(description="What belongs under it, for contributors choosing a topic.")


class Resource(Model):
    # Descriptions show in editors (through the JSON Schema) and in CONTRIBUTING.md's fields table.
    id: Id = Field(description="Unique in the file; the timeline and stories cite the resource by it.")
    title: Title = Field(description="The resource's own title.")
    url: Url | None = Field(None, description="Leave out only for a print book with no web page.")
    type: ResourceType = Field(description="What kind of resource it is; the resources page groups by it.")
    author: Label = Field(description="Author, teacher or provider.")
    cost: Cost = Field(description="Paid resources are welcome when marked paid.")
    level: Level = Field(description="Who it suits.")
    topics: list[TopicRef] = Field(min_length=1, max_length=8, description="What it covers.")
    description: Text = Field(description="One or two sentences in your own words: what it is and who it helps.")
    note: Text | None = Field(None, description="Anything a reader should know, such as a moved page.")
    gone: MaybeGone = None


class ResourceCatalog(Model):
    source: Source
    topics: list[Topic] = Field(
        min_length=1, description="The topics a resource may list, in the order the resources page's filters show them."
    )
    resources: list[Resource] = Field(min_length=1)


class GuidePage(StrEnum):
    """A page of this site that the data may link to, named by its file in docs/ without ".md"."""

    TIMELINE = "timeline"
    STORIES = "stories"
    RESOURCES = "resources"


class Task(Model):
    id: Id
    text: Text
    resources: list[Id] = Field(default_factory=list, description="Ids from data/resources.yml.")
    # A page of the guide itself, when the task points there rather than at an outside resource.
    page: GuidePage | None = Field(None, description="A page of this site the task points to, linked after its text.")


class Rule(Model):
    """A rule of thumb for when to start, such as the student or notice-period rule."""

    id: Id
    title: Title
    text: Text


class Phase(Model):
    id: Id
    title: Title
    when: Label = Field(description="The phase's timing in words.")
    anchor: Anchor
    offset: Duration = Field(description="ISO 8601 duration from the anchor; negative is before it.")
    summary: Text
    each_interview: bool = Field(
        False, description="The phase comes before every interview, not once: the plan dates it for the first."
    )
    rules: list[Rule] = Field(default_factory=list)
    tasks: list[Task] = Field(min_length=1)


class Insight(Model):
    id: Id
    title: Title
    text: Text
    resources: list[Id] = Field(default_factory=list)


class LeadTime(Model):
    """How long before the target start date a search begins, as the book gives it: a range of months."""

    shortest: Duration = Field(description="The latest sensible search start, such as P3M (3 months before).")
    longest: Duration = Field(description="The earliest sensible search start, such as P6M.")

    @property
    def shortest_months(self) -> int:
        return months_and_days(self.shortest)[0]

    @property
    def longest_months(self) -> int:
        return months_and_days(self.longest)[0]

    @model_validator(mode="after")
    def _whole_months_in_order(self) -> LeadTime:
        # The planner offers whole months between the two; it counts the lead back from the start date.
        for value in (self.shortest, self.longest):
            months, days = months_and_days(value)
            if days or months < 1:
                raise ValueError(f"a lead time must be whole months or years, such as P3M or P1Y, not {value}")
        if self.shortest_months > self.longest_months:
            raise ValueError("shortest must not be longer than longest")
        return self


class Timeline(Model):
    source: Source
    intro: Text
    lead_time: LeadTime
    phases: list[Phase] = Field(min_length=1)
    insights: list[Insight] = Field(default_factory=list)
    caution: Insight


# A claim's source when section 4.2 of the book states it; otherwise a write-up id of the same story.
BOOK = "book"
_SOURCE = "'book' when section 4.2 of the book says it; otherwise the id of the story's write-up that does."


class InsightSource(StrEnum):
    book = BOOK
    guide = "guide"


class Claim(Model):
    """A statement about a real person, with where it comes from: facts about people carry their source."""

    text: Text
    source: Id = Field(description=_SOURCE)


class Figure(Model):
    """A number from a story, such as 4 offers."""

    value: Label
    label: Label
    source: Id = Field(description=_SOURCE)


class Writeup(Model):
    id: Id = Field(description="Unique in its story; the story's claims name it as their source.")
    title: Title
    url: Url
    note: Text | None = None
    gone: MaybeGone = None


class Story(Model):
    id: Id
    person: Label
    headline: Title = Field(description="The book's gist of the story; it states nothing the claims do not.")
    role: Claim | None = Field(None, description="The person's role when the book was written (2021).")
    background: list[Claim] = Field(min_length=1)
    journey: list[Claim] = Field(min_length=1, description="What the person did.")
    recommends: list[Claim] = Field(
        default_factory=list, description="What the person advises others to do, kept apart from what they did."
    )
    setbacks: list[Claim] = Field(default_factory=list)
    outcome: list[Claim] = Field(min_length=1)
    figures: list[Figure] = Field(default_factory=list)
    lessons: list[Text] = Field(min_length=1, description="Our reading of the story; no facts about the person.")
    writeups: list[Writeup] = Field(min_length=1)
    resources: list[Id] = Field(default_factory=list)


class StoryInsight(Insight):
    """What the stories have in common: a statement about the people in them, so it carries its source too."""

    source: InsightSource = Field(
        description="'book' when section 4.2 draws it from the stories; 'guide' when it is this guide's reading."
    )


class StoryCollection(Model):
    source: Source
    intro: Text
    stories: list[Story] = Field(min_length=1)
    insights: list[StoryInsight] = Field(default_factory=list)


# Each data file, by name, and the model of its top level.
DATA_FILES: dict[str, type[Model]] = {
    "resources.yml": ResourceCatalog,
    "timeline.yml": Timeline,
    "stories.yml": StoryCollection,
}
